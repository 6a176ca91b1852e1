"""Tables out of the records: CSV, a tidy long form (one record per cell), pandas.

pandas is optional (`pip install 'answer_parser[pandas]'`); everything else is standard library.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .model import Number, Table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

PATH_SEPARATOR = " > "


@attrs.frozen
class TidyCell:
    """One cell in long form: where it stands and what it says."""

    table: int
    row: tuple[str, ...]
    column: tuple[str, ...]
    raw: str
    value: Number | None
    kind: str
    unit: str | None
    total: bool
    level: int


def tidy(table: Table) -> Iterator[TidyCell]:
    """Every data cell of the table as one record: table index, row label path, column path, raw,
    value, kind, unit (and whether its row is a total row, and the row's level)."""
    for row, column, cell in table.iter_cells():
        yield TidyCell(
            table=table.index,
            row=row.label,
            column=column.path,
            raw=cell.raw,
            value=cell.value,
            kind=cell.kind,
            unit=cell.unit,
            total=row.total,
            level=row.level,
        )


def tidy_dicts(table: Table) -> list[dict[str, Any]]:
    """The tidy form as plain dicts (paths as lists), ready for JSON."""
    return [
        {**attrs.asdict(c, recurse=False), "row": list(c.row), "column": list(c.column)} for c in tidy(table)
    ]


def to_csv(table: Table, *, values: bool = False) -> str:
    """The table as CSV: a header line (stub header, then each column path joined by ' > '), then
    one line per row (label path joined by ' > ', then the cells). Cells are the printed text, or
    the typed values with `values=True`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([table.stub_header or "", *(PATH_SEPARATOR.join(c.path) for c in table.columns)])
    for row in table.rows:
        cells = [("" if c.value is None else c.value) if values else c.raw for c in row.cells]
        writer.writerow([PATH_SEPARATOR.join(row.label), *cells])
    return out.getvalue()


def to_pandas(table: Table, *, values: bool = True) -> pd.DataFrame:
    """The table as a pandas DataFrame: MultiIndex columns from the column paths, the row label
    paths as (Multi)Index, typed values (or the printed text with `values=False`).

    Needs the optional pandas extra.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas needs pandas: pip install 'answer_parser[pandas]'") from exc
    depth = max((len(c.path) for c in table.columns), default=1) or 1
    columns = [tuple(c.path) + ("",) * (depth - len(c.path)) for c in table.columns]
    # spanning headers repeat in each column's path, so several columns may share a path
    seen: dict[tuple[str, ...], int] = {}
    unique_columns = []
    for path in columns:
        n = seen.get(path, 0)
        seen[path] = n + 1
        unique_columns.append(path if n == 0 else (*path[:-1], f"{path[-1]} ({n + 1})"))
    col_index = (
        pd.MultiIndex.from_tuples(unique_columns) if depth > 1 else pd.Index([p[0] for p in unique_columns])
    )
    levels = max((len(r.label) for r in table.rows), default=1) or 1
    labels = [tuple(r.label) + ("",) * (levels - len(r.label)) for r in table.rows]
    row_index = pd.MultiIndex.from_tuples(labels) if levels > 1 else pd.Index([lab[0] for lab in labels])
    data = [[c.value if values else c.raw for c in r.cells] for r in table.rows]
    return pd.DataFrame(data, index=row_index, columns=col_index)
