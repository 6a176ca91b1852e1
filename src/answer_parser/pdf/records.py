"""The page records every later stage works on: words, ruling edges, links, filled boxes,
pages, the PDF. Plain frozen attrs classes; nothing here touches pdfplumber.
"""

from __future__ import annotations

import os
from typing import IO

import attrs

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


@attrs.frozen(cache_hash=True)  # words live in sets and frozensets: hash each once
class Word:
    """A run of characters without a space, with its box (pdfplumber coordinates, top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@attrs.frozen
class Edge:
    """A visible ruling segment: horizontal ('h', top == bottom) or vertical ('v', x0 == x1)."""

    orientation: str
    x0: float
    x1: float
    top: float
    bottom: float


@attrs.frozen
class Link:
    uri: str
    x0: float
    top: float
    x1: float
    bottom: float


@attrs.frozen
class Filled:
    """A filled, visible rectangle wider and taller than a rule (cell shading, a highlight)."""

    x0: float
    x1: float
    top: float
    bottom: float


@attrs.frozen
class PageData:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    edges: tuple[Edge, ...]
    links: tuple[Link, ...]
    fills: tuple[Filled, ...] = ()
    #: degrees the page's text was turned (90: it reads upwards) and is read turned back
    #: (`pdf.turned`); 0 for an upright page
    rotation: int = 0


@attrs.frozen
class PdfData:
    path: str | None
    sha256: str
    producer: str | None
    pages: tuple[PageData, ...]
