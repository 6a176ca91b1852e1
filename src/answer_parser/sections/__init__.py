"""Stage 4, sections: paragraphs and table anchors -> the question part and the answer part.

dialect   the words of a genre, as data (Flemish Parliament, Tweede Kamer)
captions  captions and notes around tables, onto their tables
header    metadata: the header block, the answer heading, the minister, the askers
items     numbered items: labels, numbering, the parts they open
read      the kind of document, question and answer assembled, metadata reconciled

The names below were importable from the flat module `answer_parser.sections` and still are.
"""

from __future__ import annotations

from .captions import Captions, attach_captions
from .header import HeaderBlock, read_answer_heading, read_header_block, split_askers
from .items import LabelRule, normal_label, segment
from .read import Sections, read_sections

__all__ = [
    "Captions",
    "HeaderBlock",
    "LabelRule",
    "Sections",
    "attach_captions",
    "normal_label",
    "read_answer_heading",
    "read_header_block",
    "read_sections",
    "segment",
    "split_askers",
]
