"""The trace: what the parser found on each page, as boxes to draw over the page image.

A `Trace` holds one `PageTrace` per page; each box has a `kind` (what it is), a `bbox` in
pdfplumber's coordinates (points, origin top left: x0, top, x1, bottom) and a short `label`
('T1', 'Q3', 'A3', a column's header path).

Two routes fill it:

- `TraceBuilder`: a collector that the pipeline's stages call as they decide (`add(...)`), then
  `build()`; this is the exact route (every box is what a stage saw).
- `views.place.trace_from_document(doc, pdf, found)`: from a finished `Document` and the PDF's
  words, for documents read back from JSON (a batch's records) where the pipeline is not run
  again, and for what the stages do not record. Tables are placed by their `bbox`, items and
  captions by finding their text in the page words, and words whose text occurs nowhere in the
  parse are marked `unplaced`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, Protocol, get_args

import attrs

from ..model import Item

BoxKind = Literal[
    "table",
    "table_header",
    "column",
    "row",
    "stub",
    "caption",
    "note",
    "question_item",
    "answer_item",
    "body",
    "furniture",
    "footnote",
    "unplaced",
]
BOX_KINDS: tuple[BoxKind, ...] = get_args(BoxKind)
BBox = tuple[float, float, float, float]


class WordLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


class PageLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def words(self) -> Sequence[WordLike]: ...


class GridLike(Protocol):
    @property
    def page(self) -> int: ...
    @property
    def bbox(self) -> BBox: ...
    @property
    def xs(self) -> tuple[float, ...]: ...


class LineLike(Protocol):
    @property
    def page(self) -> int: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


@attrs.frozen
class Box:
    """One thing found on a page: its kind, its box (x0, top, x1, bottom in points) and a label."""

    kind: BoxKind
    bbox: BBox
    label: str = ""


@attrs.frozen
class PageTrace:
    """The boxes of one page (1-based `number`), with the page's size in points."""

    number: int
    width: float
    height: float
    boxes: tuple[Box, ...] = ()
    words: tuple[tuple[str, BBox], ...] = ()
    """The page's words as the parse read them (text, box), where the pipeline recorded them: the
    boxes placed from the document find their text here instead of reading the page again."""

    def of_kind(self, kind: BoxKind) -> tuple[Box, ...]:
        return tuple(b for b in self.boxes if b.kind == kind)


@attrs.frozen
class Trace:
    """What was found where, page by page."""

    pages: tuple[PageTrace, ...]

    def page(self, number: int) -> PageTrace:
        """The trace of page `number` (1-based)."""
        for p in self.pages:
            if p.number == number:
                return p
        raise KeyError(number)

    def boxes(self, kind: BoxKind | None = None) -> Iterator[tuple[int, Box]]:
        """(page number, box) for every box, or every box of `kind`."""
        for p in self.pages:
            for b in p.boxes:
                if kind is None or b.kind == kind:
                    yield p.number, b

    def item_pages(self, kind: BoxKind, label: str) -> tuple[int, ...]:
        """The pages on which the item boxes of `kind` labelled `label` lie, first to last."""
        return tuple(sorted({n for n, b in self.boxes(kind) if b.label == label}))


@attrs.define
class TraceBuilder:
    """Collects boxes while the pipeline runs; `build()` gives the frozen `Trace`.

    Stages call `add(page, kind, bbox, label)`; `page_size` records each page's size once.
    """

    _sizes: dict[int, tuple[float, float]] = attrs.field(factory=dict)
    _boxes: dict[int, list[Box]] = attrs.field(factory=dict)
    _words: dict[int, tuple[tuple[str, BBox], ...]] = attrs.field(factory=dict)

    def page_size(self, page: int, width: float, height: float) -> None:
        self._sizes[page] = (width, height)

    def add(self, page: int, kind: BoxKind, bbox: BBox, label: str = "") -> None:
        self._boxes.setdefault(page, []).append(Box(kind, _rounded(bbox), label))

    def pages(self, pages: Iterable[PageLike]) -> None:
        """Every page's number, size and words (the pipeline's page records)."""
        for page in pages:
            self.page_size(page.number, page.width, page.height)
            self._words[page.number] = tuple((w.text, (w.x0, w.top, w.x1, w.bottom)) for w in page.words)

    def tables(self, chains: Sequence[Sequence[GridLike]]) -> None:
        """Each table as found on each page (a chain of grids, one per page, in document order):
        its outline, labelled T1, T2 ..., and its column boundaries."""
        for i, chain in enumerate(chains):
            for j, grid in enumerate(chain):
                self.add(grid.page, "table", grid.bbox, f"T{i + 1}" + (" (cont.)" if j else ""))
                top, bottom = grid.bbox[1], grid.bbox[3]
                for x0, x1 in itertools.pairwise(grid.xs):
                    self.add(grid.page, "column", (x0, top, x1, bottom), f"T{i + 1}")

    def lines(self, kind: BoxKind, lines: Iterable[LineLike], label: str = "") -> None:
        """A box around each of `lines` (page furniture, footnotes, text that ended nowhere)."""
        for line in lines:
            self.add(line.page, kind, (line.x0, line.top, line.x1, line.bottom), label)

    def build(self) -> Trace:
        numbers = sorted(set(self._sizes) | set(self._boxes))
        return Trace(
            tuple(
                PageTrace(
                    n,
                    *self._sizes.get(n, (0.0, 0.0)),
                    boxes=tuple(self._boxes.get(n, ())),
                    words=self._words.get(n, ()),
                )
                for n in numbers
            )
        )


def _rounded(bbox: Sequence[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
    return (x0, top, x1, bottom)


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box around all of `boxes` (which must not be empty)."""
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def item_label(prefix: str, item: Item, position: int) -> str:
    """The label of an item's boxes: 'Q3', 'A2 en 3' (`position` from 1 where it has no number)."""
    return f"{prefix}{item.number or position}"
