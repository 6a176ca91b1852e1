"""Cell typing: the texts of one data column -> typed `Cell`s, the column's separator
convention decided from all its cells (see docs/numbers.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..dutch.numbers import AMBIGUOUS_SEPARATOR, parse_cell
from ..model import Cell
from ..pdf.marks import split_marks


def to_cell(raw: str, decimal_point: bool | None = None) -> Cell:
    """A grid text as a typed cell."""
    q = parse_cell(raw, decimal_point=decimal_point)
    return Cell(raw=raw, value=q.value, kind=q.kind, unit=q.unit, marks=cell_marks(raw, q.kind))


def cell_marks(raw: str, kind: str) -> tuple[str, ...]:
    """The footnote marks printed after a cell's number ('2.954⁵' -> ('5',)); a text cell has
    none, its superscripts are part of its text."""
    return split_marks(raw)[1] if kind != "text" else ()


_DUTCH_EVIDENCE = regex.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\.\d{3}\.\d{3}(?!\d)|\d\.\d{3},\d")


def type_column(raws: Sequence[str]) -> tuple[list[Cell], list[str]]:
    """Type the cells of one data column, deciding the separator convention from the column.

    A cell such as '1.5' or '12.75' can only be a decimal point, which Dutch tables do not use.
    Where the column's other cells show Dutch notation ('8,8', '1.234,56', '1.234.567'), such a
    cell is not guessed: it stays text (value null) and a warning says so. Where they do not, the
    column is read in English notation throughout ('1.500' -> 1.5). See docs/numbers.md.
    """
    quantities = [parse_cell(r) for r in raws]
    ambiguous = [r for r, q in zip(raws, quantities, strict=True) if AMBIGUOUS_SEPARATOR in q.flags]
    if not ambiguous:
        pairs = zip(raws, quantities, strict=True)
        return [Cell(r, q.value, q.kind, q.unit, cell_marks(r, q.kind)) for r, q in pairs], []
    if any(_DUTCH_EVIDENCE.search(r) for r in raws):
        cells = [to_cell(r, decimal_point=False) if r in ambiguous else to_cell(r) for r in raws]
        problems = [f"{r!r} uses a decimal point in a column of Dutch numbers; not read" for r in ambiguous]
        return cells, problems
    return [to_cell(r, decimal_point=True) for r in raws], []
