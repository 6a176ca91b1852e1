"""Seeing what was read: page images with the parser's boxes drawn over them, an HTML view of one
document, its Markdown, and an HTML report over a batch's records.

Everything heavy (pdfplumber, Pillow) is imported inside the functions that need it, so importing
this package costs nothing.
"""

from __future__ import annotations
