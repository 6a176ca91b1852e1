"""Parsed documents as Parquet files: the six tables of `answer_parser.db.schema`, in parts.

    >>> from answer_parser.db import write_parquet, read_parquet
    >>> write_parquet(records, "archive.parquet", part="0")
    >>> tables = read_parquet("archive.parquet")      # {"documents": pyarrow.Table, ...}

Layout: `DIR/<table>/part-<part>.parquet`, one file per table for each part. Each writer (a dask
worker, a batch) writes parts of its own, so no rows travel to one machine to be written; any
Parquet reader reads a table's folder as one table (`pandas.read_parquet("DIR/cells")`,
`duckdb: FROM 'DIR/cells/*.parquet'`).

A part is written file by file through temporary names (`.part-<part>.parquet.tmp`, which readers
skip) and renamed into place, its `documents` file last: a part is complete when its documents
file exists. `read_parquet` reads only complete parts; writing a part again replaces it.

Needs the extra: `pip install 'answer_parser[pyarrow]'`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .rows import Record, RowSet, rows_of
from .schema import BY_NAME, TABLES

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = ["part_names", "read_parquet", "write_parquet", "write_rows"]

_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_FILE = re.compile(r"part-(?P<part>[A-Za-z0-9][A-Za-z0-9_.-]*)\.parquet\Z")
#: the table whose file completes a part: written last
_LAST = "documents"


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Parquet needs pyarrow: pip install 'answer_parser[pyarrow]'") from exc
    return pa, pq


def _file(out_dir: Path, table: str, part: str) -> Path:
    return out_dir / table / f"part-{part}.parquet"


def write_rows(rows: RowSet, out_dir: str | os.PathLike[str], part: str) -> dict[str, Path]:
    """Write `rows` as part `part` of the Parquet folder `out_dir`; returns the file of each table."""
    if not _PART.match(part):
        raise ValueError(f"a part is letters, digits, '_', '.' or '-': {part!r}")
    arrow, pq = _pyarrow()
    root = Path(out_dir)
    order = [t.name for t in TABLES if t.name != _LAST] + [_LAST]
    staged: list[tuple[Path, Path]] = []
    for name in order:
        target = _file(root, name, part)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        table = arrow.Table.from_pylist(rows.tables[name], schema=BY_NAME[name].arrow_schema())
        pq.write_table(table, tmp)
        staged.append((tmp, target))
    # a part that is written again must not stay complete (old documents file) while its other
    # files are already new: take its documents file away first
    _file(root, _LAST, part).unlink(missing_ok=True)
    for tmp, target in staged:
        os.replace(tmp, target)
    return {name: target for name, (_tmp, target) in zip(order, staged, strict=True)}


def write_parquet(
    records: Iterable[Record], out_dir: str | os.PathLike[str], part: str = "0"
) -> dict[str, Path]:
    """Write the records (Documents, ErrorRecords or their dicts) as part `part` of `out_dir`.

    A later record of the same sha256 or path replaces an earlier one within the part."""
    return write_rows(rows_of(records), out_dir, part)


def part_names(out_dir: str | os.PathLike[str]) -> list[str]:
    """The complete parts of a Parquet folder, sorted."""
    folder = Path(out_dir) / _LAST
    if not folder.is_dir():
        return []
    found = (_FILE.match(p.name) for p in folder.iterdir())
    return sorted(m["part"] for m in found if m)


def read_parquet(out_dir: str | os.PathLike[str], *, sort: bool = False) -> dict[str, pa.Table]:
    """Every table of a Parquet folder (its complete parts) as a pyarrow Table, by name; with
    `sort`, rows in key order (as `duck.read_tables` gives them)."""
    arrow, pq = _pyarrow()
    root = Path(out_dir)
    parts = part_names(root)
    out: dict[str, pa.Table] = {}
    for spec in TABLES:
        schema = spec.arrow_schema()
        pieces = [pq.read_table(_file(root, spec.name, part), schema=schema) for part in parts]
        table = arrow.concat_tables(pieces) if pieces else schema.empty_table()
        out[spec.name] = table.sort_by([(k, "ascending") for k in spec.key]) if sort else table
    return out
