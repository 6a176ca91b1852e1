"""Stage 2, layout: the words no ruled table claimed -> lines -> paragraphs, with running
headers, footers, page numbers and footnotes taken out; then the flow of paragraphs and table
anchors in reading order (`Block`s) that the sections stage reads.

    lines       words -> Line; the body font size
    furniture   running headers, footers, page numbers
    footnotes   footnotes off the bottom of each page, their markers out of the text
    paragraphs  lines -> Paragraph, at gaps wider than the usual line pitch
    blocks      lines and table anchors -> Blocks (Paragraph | TableAnchor)

The names below were importable from the flat module `answer_parser.layout` and still are.
"""

from __future__ import annotations

from .blocks import Block, TableAnchor, flow_to_blocks
from .footnotes import Footnote, footnote_warnings, split_footnotes
from .furniture import find_furniture, is_page_number
from .lines import Line, body_size, words_to_lines
from .paragraphs import Paragraph, line_pitch_ratio, lines_to_paragraphs

__all__ = [
    "Block",
    "Footnote",
    "Line",
    "Paragraph",
    "TableAnchor",
    "body_size",
    "find_furniture",
    "flow_to_blocks",
    "footnote_warnings",
    "is_page_number",
    "line_pitch_ratio",
    "lines_to_paragraphs",
    "split_footnotes",
    "words_to_lines",
]
