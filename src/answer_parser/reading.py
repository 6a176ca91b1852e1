"""Where `answer_parser.reading` used to live: the page records are in `answer_parser.pdf.records`,
reading in `pdf.reading`, words in `pdf.words`, rulings in `pdf.rulings`."""

from __future__ import annotations

from .pdf.reading import check_header, read_bytes, read_pdf
from .pdf.records import Edge, Filled, Link, PageData, PdfData, Source, Word
from .pdf.rulings import curves_to_edges
from .pdf.words import chars_to_words

__all__ = [
    "Edge",
    "Filled",
    "Link",
    "PageData",
    "PdfData",
    "Source",
    "Word",
    "chars_to_words",
    "check_header",
    "curves_to_edges",
    "read_bytes",
    "read_pdf",
]
