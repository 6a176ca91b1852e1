"""The parsing report of a table (`model.TableReport`), as camelot's: the method that found it,
the reading steps that fired, counts, and a confidence in [0, 1] from named evidence.

Each stage says what it did where it decides it; this module names the steps and scores them:

    region_steps     regions: header lines joined or stacked, body lines joined into rows
    chain_report     structure: the report of a chain read into a TableData (steps of the
                     grids, of the chain and of the header; counts; the table stage's warnings)
    add_unplaced     pipeline: words inside a table's box that no cell holds
    finish_reports   pipeline: the codes of every warning about each table (totals, rotation),
                     the scale words read, the confidence computed once more
    score            confidence and doubts from a report's own fields (so it can be checked)

The confidence starts at 1 and loses a penalty per piece of evidence (`DOUBTS`); each weight is
a named constant below with its reason. docs/tables.md "Parsing report" lists the steps, the
evidence and what the confidence says on ../shared/corpus/tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from ..codes import WarningCode
from ..dutch.numbers import VALUE_KINDS
from ..model import Row, Table, TableReport, Warning
from ..pdf.records import PageData
from .checks import rounded_amounts
from .doubt import is_blob, is_numbering
from .grid import Grid, Slot, TableData

if TYPE_CHECKING:
    from .regions import Region

#: every step a report can name, with what it means (docs/tables.md lists them from here)
STEPS: Final[Mapping[str, str]] = {
    "header_cells_wrapped": "header lines within one column's extent joined into one cell",
    "header_levels_from_geometry": "header rows stacked where a header spans several columns",
    "rows_from_breaks": "body lines joined into rows between row rules or wider gaps",
    "continuation_lines_joined": "a wrapped label or text cells joined to the row above",
    "last_label_joined": "the last row's label, wrapped onto lines of its own, kept in the table",
    "ruled_blobs_split": "a ruled grid whose cells held several numbers read again by alignment",
    "ruled_blobs_kept": "a ruled grid whose cells hold several numbers kept (nothing read better)",
    "frame_read_by_lines": "a frame ruled between its columns only read line by line over them",
    "ruled_header_over_body": "a ruled grid of header cells set over the table without rules under it",
    "continuation_remapped": "a continuation with fewer columns placed under the first part's",
    "chain_joined": "parts on consecutive pages joined into one table",
    "repeated_header_dropped": "a header repeated at the top of a continuation left out",
    "spanning_cells": "cells spanning several columns or rows",
    "numeric_header_row": "a row numbering the columns ('1 2 3', years) read as a header row",
    "first_row_as_header": "no row states a number: the first row taken as the header",
    "label_levels": "row labels nested (indents, flush-right sub-items or bold groups)",
    "total_rows": "total rows recognised",
    "scale_words_read": "amounts 'in duizend euro' (caption, header, notes): totals allow rounding",
    "read_rotated": "the page's text was set sideways and turned back before reading",
}

# -- the evidence and its weights -------------------------------------------------------------------
#: share of filled cells not of their column's kind (text among numbers): each such cell is a value
#: lost or a label in the wrong place, so the share counts in full
MISTYPED_WEIGHT: Final = 1.0
#: any cell holding several numbers: whole columns read as one, the numbers lost (table_cells_blob)
BLOB_PENALTY: Final = 0.3
#: ... and the share of such cells on top: the more blobs, the less of the table is usable
BLOB_SHARE_WEIGHT: Final = 0.5
#: columns empty in every row, or most rows half empty: the columns may be cut wrongly, or the
#: table is sparse (on ../shared/corpus/tables the values of such tables were mostly right)
IRREGULAR_PENALTY: Final = 0.2
#: no header text over any data column: the values may be right, what they count is unknown
HEADER_EMPTY_PENALTY: Final = 0.2
#: share of words in the table's box that no cell holds (camelot's accuracy), against the filled
#: cells: text of the table left out
UNPLACED_WEIGHT: Final = 1.0
#: a table is seldom more than this share empty (camelot's whitespace): more means cells misplaced
EMPTY_NORMAL: Final = 0.4
#: ... and each share of empty cells above it counts half (sparse tables exist: 'n.v.t.' left blank)
EMPTY_WEIGHT: Final = 0.5
#: a total that does not add up: a value in the wrong row or column, or a printing error
TOTALS_PENALTY: Final = 0.1
#: a single body row: a line of text with numbers is found as a table more often than a real
#: table of one row is printed
ONE_ROW_PENALTY: Final = 0.2
#: the confidence is given to this many decimals
DIGITS: Final = 2

#: every piece of evidence that lowers the confidence, with what it measures
DOUBTS: Final[Mapping[str, str]] = {
    "mistyped_cells": "share of filled cells not of their column's kind, times MISTYPED_WEIGHT",
    "blob_cells": "cells holding several numbers: BLOB_PENALTY plus their share times BLOB_SHARE_WEIGHT",
    "shape_irregular": "table_shape_irregular: IRREGULAR_PENALTY",
    "header_empty": "table_header_empty: HEADER_EMPTY_PENALTY",
    "unplaced_words": "words in the box no cell holds (share of those and filled cells) x UNPLACED_WEIGHT",
    "empty_cells": "share of empty cells above EMPTY_NORMAL, times EMPTY_WEIGHT",
    "totals_disagree": "total_mismatch or share_mismatch: TOTALS_PENALTY",
    "one_row": "a single body row: ONE_ROW_PENALTY",
}

#: filled cells that fit any column: a suppressed or missing value stands among numbers and text
_NEUTRAL_KINDS: Final = frozenset({"suppressed", "missing", "empty"})


def region_steps(
    region: Region, header_rows: int, body_rows: int, breaks: Sequence[float]
) -> tuple[str, ...]:
    """What `regions.region_to_grid` did with a region's lines: header lines joined into fewer
    rows, header rows stacked, body lines joined into fewer rows (at `breaks`, or as continuation
    lines), the last row's label kept from the lines under it."""
    header_lines = region.first_body
    body_lines = len(region.lines) - region.first_body
    steps = []
    if header_rows < header_lines:
        steps.append("header_cells_wrapped")
    if header_rows >= 2:
        steps.append("header_levels_from_geometry")
    if body_rows < body_lines:
        steps.append("rows_from_breaks" if breaks else "continuation_lines_joined")
    last = region.segments[-1] if region.segments else ()
    if body_lines >= 2 and len(last) == 1 and not last[0].numeric:
        steps.append("last_label_joined")
    return tuple(steps)


def with_step(grid: Grid, step: str) -> Grid:
    """`grid` with `step` added to the steps that fired while it was found."""
    return attrs.evolve(grid, steps=(*grid.steps, step)) if step not in grid.steps else grid


def _texts(row: Sequence[Slot]) -> list[str]:
    return [s.text for s in row]


def chain_report(
    grids: Sequence[Grid],
    joined: int,
    heads: Sequence[Sequence[Slot]],
    stub: bool,
    rows: Sequence[Row],
    warnings: Iterable[tuple[WarningCode, str]],
) -> TableReport:
    """The report of a chain read into rows (`structure.chain_to_table`): the grids' method and
    steps, what the chain and the header reading did, counts, the table stage's warnings.
    `joined`: the rows of the chain once joined (fewer than the grids' rows where a repeated
    header was dropped)."""
    steps = [s for g in grids for s in g.steps]
    if len(grids) > 1:
        steps.append("chain_joined")
    if joined < sum(len(g.rows) for g in grids):
        steps.append("repeated_header_dropped")
    if any(s.covered for g in grids for row in g.rows for s in row):
        steps.append("spanning_cells")
    first = 1 if stub else 0
    if any(not row[0].text and is_numbering(_texts(row)[first:]) for row in heads[1:]):
        steps.append("numeric_header_row")
    if heads and not any(c.kind in VALUE_KINDS for r in rows for c in r.cells):
        steps.append("first_row_as_header")
    if any(r.level > 0 for r in rows):
        steps.append("label_levels")
    if any(r.total for r in rows):
        steps.append("total_rows")
    cells = [c for r in rows for c in r.cells]
    header_texts = {s.text for row in heads for s in row[first:]}  # a body row taken for a header
    report = TableReport(
        method=grids[0].method,
        steps=tuple(dict.fromkeys(steps)),
        rows=len(rows),
        columns=max((len(r.cells) for r in rows), default=0),
        cells=len(cells),
        empty_cells=sum(1 for c in cells if c.kind == "empty"),
        typed_cells=_typed_cells(rows),
        marked_cells=sum(1 for c in cells if c.marks),
        blob_cells=sum(1 for c in cells if is_blob(c.raw)) + sum(1 for t in header_texts if is_blob(t)),
        confidence=1.0,
        warnings=tuple(dict.fromkeys(str(code) for code, _ in warnings)),
    )
    return score(report)


def _typed_cells(rows: Sequence[Row]) -> int:
    """Filled cells typed as their column's kind: numbers in a column whose filled cells are
    mostly numbers, text in a column mostly of text; a suppressed or missing value fits both."""
    width = max((len(r.cells) for r in rows), default=0)
    typed = 0
    for c in range(width):
        kinds = [r.cells[c].kind for r in rows if c < len(r.cells) and r.cells[c].kind != "empty"]
        numbers = sum(1 for k in kinds if k in VALUE_KINDS)
        texts = sum(1 for k in kinds if k not in VALUE_KINDS and k not in _NEUTRAL_KINDS)
        of_numbers = numbers >= texts
        typed += sum(1 for k in kinds if k in _NEUTRAL_KINDS or (k in VALUE_KINDS) == of_numbers)
    return typed


def score(report: TableReport) -> TableReport:
    """`report` with its confidence and the doubts that lowered it, computed from its own fields."""
    filled = report.cells - report.empty_cells
    codes = set(report.warnings)
    blobs = report.blob_cells
    doubts: dict[str, float] = {}
    if filled:
        doubts["mistyped_cells"] = MISTYPED_WEIGHT * (filled - report.typed_cells) / filled
    if blobs:
        doubts["blob_cells"] = BLOB_PENALTY + BLOB_SHARE_WEIGHT * blobs / max(filled, blobs)
    if WarningCode.TABLE_SHAPE_IRREGULAR in codes:
        doubts["shape_irregular"] = IRREGULAR_PENALTY
    if WarningCode.TABLE_HEADER_EMPTY in codes:
        doubts["header_empty"] = HEADER_EMPTY_PENALTY
    if report.unplaced_words:
        doubts["unplaced_words"] = UNPLACED_WEIGHT * report.unplaced_words / (report.unplaced_words + filled)
    if report.cells:
        doubts["empty_cells"] = EMPTY_WEIGHT * max(0.0, report.empty_cells / report.cells - EMPTY_NORMAL)
    if codes & {WarningCode.TOTAL_MISMATCH, WarningCode.SHARE_MISMATCH}:
        doubts["totals_disagree"] = TOTALS_PENALTY
    if report.rows == 1:
        doubts["one_row"] = ONE_ROW_PENALTY
    lowered = sorted(((p, name) for name, p in doubts.items() if p > 0), key=lambda pn: -pn[0])
    confidence = round(max(0.0, 1.0 - sum(p for p, _ in lowered)), DIGITS)
    return attrs.evolve(report, confidence=confidence, doubts=tuple(name for _, name in lowered))


def unplaced_words(grid: Grid, page: PageData) -> int:
    """Words printed inside the grid's box that none of its cells holds: each word's text is
    looked for among the cells' words, then inside them (a word broken at a cell's edge and
    glued to its rest)."""
    x0, top, x1, bottom = grid.bbox
    inside = [w for w in page.words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= w.middle <= bottom]
    tokens = Counter(t for row in grid.rows for s in row for t in s.text.split())
    glued = " ".join(s.text for row in grid.rows for s in row)
    lost = 0
    for w in inside:
        if tokens[w.text] > 0:
            tokens[w.text] -= 1
        elif w.text.rstrip("-") not in glued:
            lost += 1
    return lost


def add_unplaced(
    tables: Sequence[TableData], chains: Sequence[Sequence[Grid]], pages: Sequence[PageData]
) -> list[TableData]:
    """Each table's report with the words inside its parts' boxes that no cell holds."""
    by_number: dict[int, PageData] = {p.number: p for p in pages}
    out = []
    for table, chain in zip(tables, chains, strict=True):
        if table.report is None:
            out.append(table)
            continue
        lost = sum(unplaced_words(g, by_number[g.page]) for g in chain if g.page in by_number)
        out.append(attrs.evolve(table, report=score(attrs.evolve(table.report, unplaced_words=lost))))
    return out


def finish_reports(tables: Sequence[Table], warnings: Iterable[Warning]) -> tuple[Table, ...]:
    """The tables with their reports completed once the document's warnings are known: the code
    of every warning about each table (totals, rotation), the steps those tell of, the
    confidence computed again."""
    codes: dict[int, dict[str, None]] = {}
    for w in warnings:
        if w.table is not None:
            codes.setdefault(w.table, {})[w.code] = None
    out = []
    for table in tables:
        report = table.report
        if report is None:
            out.append(table)
            continue
        mine = tuple(dict.fromkeys([*report.warnings, *codes.get(table.index, {})]))
        steps = list(report.steps)
        if rounded_amounts(table):
            steps.append("scale_words_read")
        if WarningCode.TABLE_ROTATED in mine:
            steps.append("read_rotated")
        report = attrs.evolve(report, warnings=mine, steps=tuple(dict.fromkeys(steps)))
        out.append(attrs.evolve(table, report=score(report)))
    return tuple(out)
