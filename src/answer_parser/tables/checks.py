"""Checks on finished tables: totals add up, share columns add up to 100.

A total row ('Totaal', 'Subtotaal', 'Totaal generaal') must equal, per column, the sum of the
sibling rows it closes: the rows with the same parent and level since the previous total of that
level (or, where subtotals stand among those siblings, the sum of the subtotals). A share column
(every value a percent) must add up to 100 within rounding. Every failure is a warning with code
`total_mismatch` or `share_mismatch`; a column with a suppressed or missing sibling is not checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..codes import WarningCode
from ..dutch.numbers import SCALED_AMOUNTS, VALUE_KINDS
from ..model import Cell, Row, Table, Warning
from ..sections.dialect import FLEMISH, Dialect


def _decimals(raw: str) -> int:
    """Digits printed after the decimal comma (or a decimal point), for the rounding tolerance."""
    digits = "0123456789"
    if "," in raw:
        tail = raw.rsplit(",", 1)[1]
        return len(tail) - len(tail.lstrip(digits))
    if "." in raw:
        tail = raw.rsplit(".", 1)[1]
        places = len(tail) - len(tail.lstrip(digits))
        return 0 if places == 3 else places  # '1.627' groups thousands
    return 0


def _sum(cells: Sequence[Cell]) -> Decimal | None:
    """Exact sum of the cells' values; None when a cell hides or lacks its number."""
    total = Decimal(0)
    for cell in cells:
        if cell.kind == "empty":
            continue
        if cell.kind not in VALUE_KINDS or cell.value is None:
            return None
        total += Decimal(str(cell.value))
    return total


def _tolerance(cells: Sequence[Cell], *, rounded_integers: bool = False) -> Decimal:
    """Half a unit of the last printed digit for every rounded term. Counts printed without
    decimals are exact unless `rounded_integers` (shares printed as whole percents are rounded)."""
    places = max((_decimals(c.raw) for c in cells), default=0)
    if places == 0 and not rounded_integers:
        return Decimal(0)
    return Decimal(len(cells)) * Decimal(5) / (Decimal(10) ** (places + 1))


def _is_share_column(table: Table, col: int) -> bool:
    kinds = {row.cells[col].kind for row in table.rows if col < len(row.cells)} - {"empty"}
    return kinds == {"percent"}


def _siblings(rows: Sequence[Row], index: int, dialect: Dialect) -> list[Row]:
    """The rows a total row at `index` closes."""
    total = rows[index]
    parent = total.label[:-1]
    members: list[Row] = []
    for row in reversed(rows[:index]):
        if row.level < total.level:
            break
        if row.level > total.level or row.label[:-1] != parent:
            continue
        if row.total and _total_rank(row, dialect) >= _total_rank(total, dialect):
            break
        members.append(row)
    members.reverse()
    subtotals = [r for r in members if r.total]
    return subtotals if subtotals else members


def _term(rows: Sequence[Row], sibling: Row, col: int) -> Cell:
    """A sibling's cell in the sum; a group row printed without a value counts with the subtotal
    that closes its group."""
    cell = sibling.cells[col]
    if cell.kind != "empty":
        return cell
    for row in rows:
        if row.total and row.label[:-1] == sibling.label and col < len(row.cells):
            return row.cells[col]
    return cell


def _total_rank(row: Row, dialect: Dialect) -> int:
    """Subtotal < total < grand total (the dialect's `subtotal_label` and `grand_total_label`)."""
    label = row.label[-1].lower() if row.label else ""
    if dialect.subtotal_label.search(label):
        return 0
    if dialect.grand_total_label.search(label):
        return 2
    return 1


def rounded_amounts(table: Table) -> bool:
    """Amounts printed 'in duizend euro' (or millions) are each rounded: their sums may be off by
    half a unit per term."""
    texts = [table.caption or "", table.stub_header or "", *table.notes]
    texts += [part for column in table.columns for part in column.path]
    return any(SCALED_AMOUNTS.search(t) for t in texts)


def check_totals(table: Table, dialect: Dialect = FLEMISH) -> list[Warning]:
    """Warnings for every total that does not match its siblings and every share column that
    does not add up to 100."""
    warnings: list[Warning] = []
    rounded = rounded_amounts(table)
    page = table.pages[0] if table.pages else None
    for index, row in enumerate(table.rows):
        if not row.total:
            continue
        siblings = _siblings(table.rows, index, dialect)
        if not siblings:
            continue
        for col, cell in enumerate(row.cells):
            if cell.kind not in VALUE_KINDS or cell.value is None or _is_share_column(table, col):
                continue
            terms = [_term(table.rows, r, col) for r in siblings if col < len(r.cells)]
            found = _sum(terms)
            if found is None or not any(t.kind in VALUE_KINDS for t in terms):
                continue
            printed = Decimal(str(cell.value))
            if abs(found - printed) > _tolerance([*terms, cell], rounded_integers=rounded):
                warnings.append(
                    Warning(
                        WarningCode.TOTAL_MISMATCH,
                        f"table {table.index}, row {' > '.join(row.label)!r}, column "
                        f"{' > '.join(table.columns[col].path) or col + 1}: the rows above add up to "
                        f"{_plain(found)}, the total row says {cell.raw}",
                        page=page,
                        table=table.index,
                    )
                )
    warnings.extend(_check_shares(table, page))
    return warnings


def _check_shares(table: Table, page: int | None) -> list[Warning]:
    """A share column is one whose total row says 100%: its top-level rows must add up to 100."""
    out: list[Warning] = []
    top = [r for r in table.rows if r.level == 0 and not r.total]
    totals = [r for r in table.rows if r.total and r.level == 0]
    for col in range(len(table.columns)):
        if not _is_share_column(table, col):
            continue
        if not any(col < len(t.cells) and t.cells[col].value == 100 for t in totals):
            continue
        terms = [r.cells[col] for r in top if col < len(r.cells)]
        found = _sum(terms)
        if found is None or len([t for t in terms if t.kind != "empty"]) < 2:
            continue
        if abs(found - 100) > _tolerance(terms, rounded_integers=True):
            out.append(
                Warning(
                    WarningCode.SHARE_MISMATCH,
                    f"table {table.index}, column {' > '.join(table.columns[col].path) or col + 1}: "
                    f"the shares add up to {_plain(found)}%, not 100%",
                    page=page,
                    table=table.index,
                )
            )
    return out


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
