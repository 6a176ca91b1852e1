"""A chain of grids -> `TableData`: header rows and column paths, the stub (row labels) and
its levels, total rows, typed cells (`tables.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..codes import WarningCode
from ..dutch.numbers import is_numeric, looks_like_label
from ..dutch.text import collapse
from ..model import Cell, Column, Row
from ..sections.dialect import FLEMISH, Dialect
from .cells import type_column
from .doubt import doubt_warnings, is_numbering
from .grid import Grid, Slot, TableData
from .report import chain_report
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings

_MAX_LEVEL = 3


def _texts(row: Sequence[Slot]) -> tuple[str, ...]:
    return tuple(s.text for s in row)


#: header rows at the top of a table, at most
MAX_HEADER_ROWS: Final = 3
#: a flush-right label ends within this many indent tolerances of its cell's right edge
RIGHT_GAP_INDENTS: Final = 2


def join_chain(grids: Sequence[Grid]) -> tuple[tuple[Slot, ...], ...]:
    """Rows of a chain of grids; a header row repeated at the top of a continuation is dropped."""
    rows = list(grids[0].rows)
    header_count = len(header_rows(grids[0].rows, stub_present(grids[0].rows), grids[0].header))
    head = [_texts(r) for r in grids[0].rows[:header_count]]
    for g in grids[1:]:
        more = list(g.rows)
        if head and [_texts(r) for r in more[: len(head)]] == head:
            more = more[len(head) :]
        rows.extend(more)
    return tuple(rows)


def _is_data_value(text: str) -> bool:
    return bool(text) and is_numeric(text) and not looks_like_label(text)


def stub_present(rows: Sequence[Sequence[Slot]]) -> bool:
    """The first column holds row labels when most of its filled body cells are not numbers."""
    firsts = [r[0].text for r in rows[1:] if r and r[0].text and not r[0].covered]
    if not firsts or len(rows[0]) < 2:
        return False
    numeric = sum(is_numeric(t) and not looks_like_label(t) for t in firsts)
    return numeric * 2 < len(firsts)


def header_rows(rows: Sequence[Sequence[Slot]], stub: bool, known: int | None = None) -> list[Sequence[Slot]]:
    """Leading rows without a data value in any data column (at most `MAX_HEADER_ROWS`); a row
    numbering the columns ('1 2 3', no label) under a header row is one of them.

    A table with no data value at all (dates, ratings, names) has as header the rows the page
    marks so (`known`: above the rule under the header, on the shaded band), else its first row
    (and the rows under a cell spanning columns).
    """
    first_data = 1 if stub else 0
    heads: list[Sequence[Slot]] = []
    for row in rows:
        # a row numbering the columns under a header ('Categorie' over 1 2 3) is a header row
        numbering = bool(heads) and not row[0].text and is_numbering([s.text for s in row[first_data:]])
        data = not numbering and any(_is_data_value(s.text) for s in row[first_data:])
        if len(heads) >= MAX_HEADER_ROWS or data:
            break
        if heads and stub and row[0].text and not any(s.text for s in row[first_data:]):
            break  # a label with nothing beside it: a group row of the body
        heads.append(row)
    if len(heads) == len(rows) or not any(
        _is_data_value(s.text) for row in rows[len(heads) :] for s in row[first_data:]
    ):
        n = known or 1
        while not known and n < min(MAX_HEADER_ROWS, len(rows) - 1) and any(s.span > 1 for s in rows[n - 1]):
            n += 1  # a group header spanning columns heads the row under it
        return list(rows[:n])
    return heads


def _column_paths(heads: Sequence[Sequence[Slot]], n_cols: int, first_data: int) -> list[tuple[str, ...]]:
    """Each data column's header texts from the top row down; a spanning cell counts for every
    column it spans, a cell spanning header rows only once."""
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for row in heads:
        for c in range(first_data, n_cols):
            text = _owner_text(row, c)
            if text and (not paths[c] or paths[c][-1] != text):
                paths[c].append(text)
    return [tuple(p) for p in paths[first_data:]]


def _owner_text(row: Sequence[Slot], c: int) -> str:
    slot = row[c]
    if not slot.covered:
        return slot.text
    for start in range(c - 1, -1, -1):
        if not row[start].covered:
            return row[start].text if start + row[start].span > c else ""
    return ""


def _right_aligned(slot: Slot, settings: TableSettings) -> bool:
    """A label set flush right in its cell (budget tables put sub-items so)."""
    flush_right = slot.right_gap <= RIGHT_GAP_INDENTS * settings.indent_tolerance
    return flush_right and slot.indent > settings.right_aligned_share * slot.width > 0


def _levels(rows: Sequence[Sequence[Slot]], settings: TableSettings, dialect: Dialect) -> list[int]:
    """Nesting level of each body row from its label's indentation, read like an outline: a
    deeper indent opens a level, a return to an earlier indent closes the levels opened since.
    A label set flush right sits one level below the last left-aligned label. Where all labels
    share one indent, bold labels followed by plain ones are groups (level 0) over them (level 1).
    """
    tol = settings.indent_tolerance
    levels: list[int] = []
    stack: list[float] = []  # indents of the open levels
    anchor = 0  # level of the last left-aligned label
    for row in rows:
        slot = row[0]
        if _right_aligned(slot, settings):
            levels.append(min(anchor + 1, _MAX_LEVEL))
            continue
        indent = slot.indent
        while stack and indent < stack[-1] - tol:
            stack.pop()
        if not stack or indent > stack[-1] + tol:
            stack.append(indent)
        level = min(len(stack) - 1, _MAX_LEVEL)
        levels.append(level)
        anchor = level
    if len(set(levels)) == 1:
        bold = [r[0].bold for r in rows]
        if any(bold) and not all(bold) and bold[0]:
            return _bold_group_levels(rows, dialect)
    return levels


def _bold_group_levels(rows: Sequence[Sequence[Slot]], dialect: Dialect) -> list[int]:
    """Bold labels open groups (level 0) over the plain labels after them (level 1). A subtotal
    closes the open group from inside it (level 1); a total or grand total stands at level 0."""
    levels = []
    open_group = False
    for row in rows:
        slot = row[0]
        match = dialect.total_label.search(slot.text)
        if match and dialect.subtotal_word in match.group(0).lower():
            levels.append(1 if open_group else 0)
            open_group = False
        elif match:
            levels.append(0)
            open_group = False
        elif slot.bold:
            levels.append(0)
            open_group = True
        else:
            levels.append(1 if open_group else 0)
    return levels


def _label_paths(labels: Sequence[str], levels: Sequence[int]) -> list[tuple[str, ...]]:
    stack: list[str] = []
    out = []
    for label, level in zip(labels, levels, strict=True):
        stack = stack[: min(level, len(stack))]
        stack.append(label)
        out.append(tuple(stack))
    return out


def chain_to_table(
    grids: Sequence[Grid], settings: TableSettings = DEFAULT_TABLE_SETTINGS, dialect: Dialect = FLEMISH
) -> TableData:
    """Read a chain of grids (one table, maybe over several pages) into header, labels and cells."""
    rows = join_chain(grids)
    stub = stub_present(rows)
    first_data = 1 if stub else 0
    heads = header_rows(rows, stub, grids[0].header)
    body = [r for r in rows[len(heads) :] if any(s.text for s in r)]
    n_cols = len(rows[0])
    paths = _column_paths(heads, n_cols, first_data)
    stub_header = collapse(" ".join(r[0].text for r in heads)) if stub and heads else ""
    if stub:
        levels = _levels(body, settings, dialect)
        labels = _label_paths([r[0].text for r in body], levels)
    else:
        levels = [0] * len(body)
        labels = [() for _ in body]
    columns_cells: list[list[Cell]] = []
    warnings: list[tuple[WarningCode, str]] = []
    for c in range(first_data, n_cols):
        cells, problems = type_column([row[c].text for row in body])
        columns_cells.append(cells)
        warnings += [(WarningCode.AMBIGUOUS_NUMBER, p) for p in problems]
    out_rows = tuple(
        Row(
            label=label,
            level=level,
            total=bool(label and dialect.total_label.search(label[-1])),
            cells=tuple(col[i] for col in columns_cells),
        )
        for i, (label, level) in enumerate(zip(labels, levels, strict=True))
    )
    warnings += doubt_warnings(paths, out_rows)
    x0, top, x1, bottom = grids[0].bbox
    return TableData(
        pages=tuple(dict.fromkeys(g.page for g in grids)),
        bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)),
        stub_header=stub_header or None,
        columns=tuple(Column(path) for path in paths),
        rows=out_rows,
        warnings=tuple(warnings),
        report=chain_report(grids, len(rows), heads, stub, out_rows, warnings),
    )
