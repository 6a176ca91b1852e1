"""Evidence about cells and rows that every finding method shares, and the warnings that make
a doubtful reading visible.

    is_numbering      '1 2 3', '2025 2026 2027' without a label: a header row numbering columns
    is_blob           a cell holding several numbers side by side: columns (or rows) read as one
    doubt_warnings    table_cells_blob, table_header_empty, table_shape_irregular
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import regex

from ..codes import WarningCode
from ..dutch.numbers import is_numeric, looks_like_label
from ..model import Row

#: a run of column numbers ('1 2 3') is a header row, not values, from this many columns on
NUMBERING_MIN: Final = 2
#: a table whose body rows fill fewer data cells than this share of its columns, in most rows,
#: has its columns cut wrongly (or is no table): its shape is irregular
SPARSE_ROW_SHARE: Final = 0.5

_PLAIN_INT = regex.compile(r"\d{1,4}")
_MARK = regex.compile(r"\(\d{1,2}\)|\*+|\d{1,2}\)")  # a footnote mark: '94 (1)' is one number


def is_data_value(text: str) -> bool:
    """A number that is data: not a year or another label, not empty."""
    return bool(text) and is_numeric(text) and not looks_like_label(text)


def is_numbering(texts: Sequence[str]) -> bool:
    """Cells numbering the columns: every one a plain integer, counting up by one ('1 2 3',
    '2025 2026'). Without a label beside them, under a group header ('Categorie' over 1 2 3),
    they are a header row, not a row of values."""
    cells = [t.strip() for t in texts]
    if len(cells) < NUMBERING_MIN or not all(_PLAIN_INT.fullmatch(t) for t in cells):
        return False
    return all(int(b) == int(a) + 1 for a, b in pairwise(cells))


def is_blob(text: str) -> bool:
    """A cell holding several numbers side by side, separated by spaces ('2,91% 2,80% 1,65%',
    'maan- 1 47.212'): the columns (or rows) of a table read as one. A cell never holds two
    numbers in a row; a range ('18 - 29'), a date or a footnote mark ('94 (1)') is no second one."""
    run = 0
    for token in text.split():
        run = run + 1 if not _MARK.fullmatch(token) and is_data_value(token) else 0
        if run >= 2:
            return True
    return False


def doubt_warnings(paths: Sequence[tuple[str, ...]], rows: Sequence[Row]) -> list[tuple[WarningCode, str]]:
    """Where the reading of a table is in doubt: cells holding several numbers, no header over
    the data columns, data columns that stay empty or rows that fill few of them."""
    out: list[tuple[WarningCode, str]] = []
    blobs = [c.raw for r in rows for c in r.cells if is_blob(c.raw)]
    if blobs:
        message = f"{len(blobs)} cells hold several numbers, e.g. {blobs[0]!r}"
        out.append((WarningCode.TABLE_CELLS_BLOB, message))
    if len(paths) >= 2 and not any(paths):
        message = f"no header text over any of the {len(paths)} data columns"
        out.append((WarningCode.TABLE_HEADER_EMPTY, message))
    if rows and paths:
        n = len(paths)
        empty = [i + 1 for i in range(n) if not any(i < len(r.cells) and r.cells[i].raw for r in rows)]
        sparse = sum(1 for r in rows if sum(1 for c in r.cells if c.raw) < SPARSE_ROW_SHARE * n)
        if empty:
            out.append((WarningCode.TABLE_SHAPE_IRREGULAR, f"data columns {empty} are empty in every row"))
        elif len(rows) >= 3 and sparse * 2 > len(rows):
            message = f"{sparse} of {len(rows)} rows fill less than half the columns"
            out.append((WarningCode.TABLE_SHAPE_IRREGULAR, message))
    return out
