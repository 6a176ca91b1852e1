"""The records of the table stage: `Grid` (a table found on one page: rows of `Slot`s over
column boundaries), whichever method found it, and `TableData` (a table read from its
grids, before the sections stage numbers and captions it).
"""

from __future__ import annotations

import attrs

from ..codes import WarningCode
from ..model import Column, Row, TableMethod, TableReport
from ..pdf.records import Word

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@attrs.frozen
class Slot:
    """One grid position. A cell spanning several positions fills the first; the others are `covered`."""

    text: str
    indent: float = 0.0  # from the cell's (or column's) left edge to the text
    bold: bool = False
    right_gap: float = 0.0  # from the text's right end to the cell's (or column's) right edge
    width: float = 0.0  # of the cell or column
    span: int = 1
    covered: bool = False


@attrs.frozen
class Grid:
    """A table found on one page: rows of slots over shared column boundaries."""

    page: int
    bbox: Box
    xs: tuple[float, ...]  # column boundaries, left to right (len = columns + 1)
    rows: tuple[tuple[Slot, ...], ...]
    words: frozenset[Word]
    #: where each column's content ends on the right: the cell border for a ruled table, the
    #: right edge of the aligned text for a table without rules (numbers align right)
    rights: tuple[float, ...] = ()
    #: how it was found (`lattice` sets 'lattice', `detect` 'rules' for a table between rules)
    method: TableMethod = "aligned"
    #: the reading steps that fired while it was found (`tables.report`)
    steps: tuple[str, ...] = ()
    #: leading rows the finder knows to be the header from the page (the band above the rule
    #: under the header, a shaded band); None where only the cells can tell
    header: int | None = None

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@attrs.frozen
class TableData:
    """A table read from the grid, before it gets its place in the document."""

    pages: tuple[int, ...]
    bbox: Box
    stub_header: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    warnings: tuple[tuple[WarningCode, str], ...] = ()
    report: TableReport | None = None
