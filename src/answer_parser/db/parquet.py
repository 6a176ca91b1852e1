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
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .rows import Entry, Record, RowSet, iter_jsonl_dicts, keep_latest, rows_of
from .schema import TABLES, arrow_schema

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "SyncSummary",
    "clear_parquet",
    "part_names",
    "read_parquet",
    "remove_part",
    "sync_parquet",
    "write_parquet",
    "write_rows",
]

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


def _check_part(part: str) -> None:
    if not _PART.match(part):
        raise ValueError(f"a part is letters, digits, '_', '.' or '-': {part!r}")


def _write_arrow(tables: dict[str, pa.Table], root: Path, part: str) -> dict[str, Path]:
    """Write one Arrow table per schema table as part `part`, its documents file renamed last."""
    _arrow, pq = _pyarrow()
    order = [t.name for t in TABLES if t.name != _LAST] + [_LAST]
    staged: list[tuple[Path, Path]] = []
    for name in order:
        target = _file(root, name, part)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        pq.write_table(tables[name], tmp)
        staged.append((tmp, target))
    # a part that is written again must not stay complete (old documents file) while its other
    # files are already new: take its documents file away first
    _file(root, _LAST, part).unlink(missing_ok=True)
    for tmp, target in staged:
        os.replace(tmp, target)
    return {name: target for name, (_tmp, target) in zip(order, staged, strict=True)}


def write_rows(rows: RowSet, out_dir: str | os.PathLike[str], part: str) -> dict[str, Path]:
    """Write `rows` as part `part` of the Parquet folder `out_dir`; returns the file of each table."""
    _check_part(part)
    arrow, _pq = _pyarrow()
    tables = {
        t.name: arrow.Table.from_pylist(rows.tables[t.name], schema=arrow_schema(t.name)) for t in TABLES
    }
    return _write_arrow(tables, Path(out_dir), part)


def remove_part(out_dir: str | os.PathLike[str], part: str) -> None:
    """Delete a part's files, its documents file first (so it is never read half gone)."""
    _check_part(part)
    root = Path(out_dir)
    _file(root, _LAST, part).unlink(missing_ok=True)
    for spec in TABLES:
        _file(root, spec.name, part).unlink(missing_ok=True)


def clear_parquet(out_dir: str | os.PathLike[str]) -> int:
    """Delete every part of a Parquet folder (complete or not); returns how many parts there were.
    Files that are not parts are left alone."""
    root = Path(out_dir)
    parts: set[str] = set()
    for spec in TABLES:
        folder = root / spec.name
        if folder.is_dir():
            parts.update(m["part"] for m in (_FILE.match(p.name) for p in folder.iterdir()) if m)
    for part in sorted(parts):
        remove_part(root, part)
    return len(parts)


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
        schema = arrow_schema(spec.name)
        pieces = [pq.read_table(_file(root, spec.name, part), schema=schema) for part in parts]
        table = arrow.concat_tables(pieces) if pieces else schema.empty_table()
        out[spec.name] = table.sort_by([(k, "ascending") for k in spec.key]) if sort else table
    return out


def _read_part(root: Path, part: str, names: Iterable[str]) -> dict[str, pa.Table]:
    _arrow, pq = _pyarrow()
    return {name: pq.read_table(_file(root, name, part), schema=arrow_schema(name)) for name in names}


def _part_entries(root: Path, part: str) -> list[Entry]:
    """The entries of a part, read from its documents and errors files only."""
    tables = _read_part(root, part, ("documents", "errors"))
    entries = [
        Entry(d["sha256"], d["path"])
        for d in tables["documents"].select(["sha256", "path", "part"]).to_pylist()
        if d["part"] is None
    ]
    entries += [Entry(e["sha256"], e["path"], e["code"]) for e in tables["errors"].to_pylist()]
    return entries


@attrs.frozen
class SyncSummary:
    """What `sync_parquet` did: entries kept, dropped (stale or twice), added from the JSON Lines,
    and parts rewritten or removed."""

    kept: int
    dropped: int
    added: int
    rewritten: int


def sync_parquet(
    jsonl: str | os.PathLike[str], out_dir: str | os.PathLike[str], *, part: str | None = None
) -> SyncSummary:
    """Make the Parquet folder hold exactly the records of a batch's JSON Lines output.

    An entry (a document's sha256 and path, or an error) that the JSON Lines no longer hold (the
    file changed and was parsed again), or that an earlier part holds too (a batch killed between
    writing a part and its JSON Lines), is removed by rewriting its part; records of the JSON Lines
    that no complete part holds (a batch killed before it wrote their part) are written as a new
    part (`part`, default `sync-<time>`). A later record of the same sha256 or path replaces an
    earlier one, as in DuckDB."""
    arrow, _pq = _pyarrow()
    import pyarrow.compute as pc

    root = Path(out_dir)
    wanted = set(keep_latest((Entry.of(r) for r in iter_jsonl_dicts(jsonl)), Entry.keys))
    seen: set[Entry] = set()
    dropped = rewritten = 0
    for name in part_names(root):
        entries = _part_entries(root, name)
        keep = [e for e in entries if e in wanted and e not in seen]
        seen.update(keep)
        if len(keep) == len(entries):
            continue
        dropped += len(entries) - len(keep)
        rewritten += 1
        if not keep:
            remove_part(root, name)
            continue
        tables = _read_part(root, name, (t.name for t in TABLES))
        shas = [e.sha256 for e in keep if e.code is None]
        docs = tables["documents"].filter(pc.is_in(tables["documents"]["sha256"], arrow.array(shas)))
        doc_ids = docs["doc_id"]
        out = {"documents": docs}
        for spec in TABLES:
            if spec.name not in ("documents", "errors"):
                table = tables[spec.name]
                out[spec.name] = table.filter(pc.is_in(table["doc_id"], doc_ids))
        errors = tables["errors"]
        mask = [Entry(e["sha256"], e["path"], e["code"]) in keep for e in errors.to_pylist()]
        out["errors"] = errors.filter(arrow.array(mask, arrow.bool_()))
        _write_arrow(out, root, name)
    missing = wanted - seen
    if missing:
        records = (r for r in iter_jsonl_dicts(jsonl) if Entry.of(r) in missing)
        write_parquet(records, root, part or f"sync-{time.time_ns()}")
    return SyncSummary(len(seen), dropped, len(missing), rewritten)
