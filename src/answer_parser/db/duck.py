"""Parsed documents into a DuckDB file: idempotent by sha256, transactional.

    >>> from answer_parser.db import load_jsonl
    >>> load_jsonl("out.jsonl", "archive.duckdb")

Needs the extra: `pip install 'answer_parser[duckdb]'` (duckdb and pyarrow: rows go in as Arrow
tables, some hundred times faster than row by row).

Replacement rule: a document record replaces every row of its sha256 (a re-parse of the same file)
and every entry of its path (an older version of the file, or the error it gave before); an error
record replaces every entry of its path. So loading twice adds nothing, and the archive holds one
entry per input path and one document per sha256, like the batch's JSON Lines after `--resume`.

A load is one transaction (`commit_every=None`): killed halfway, the database is as it was. With
`commit_every=N` every N records are committed together: killed, the database holds each document
either completely or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .rows import Entry, Record, RowSet, latest
from .schema import DUCKDB_TYPES, TABLES, arrow_schema

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = ["Archive", "LoadSummary", "connect", "load_jsonl", "load_records", "read_tables"]

#: records whose rows are built and inserted together inside a transaction: large enough that
#: one Arrow insert carries many rows, small enough that memory stays flat on big archives
CHUNK_RECORDS = 64

_CHILDREN = ("items", "tables", "cells", "warnings")

Connection = Any
"""A `duckdb.DuckDBPyConnection` (its type hints differ between duckdb versions)."""


@attrs.define
class LoadSummary:
    """What a load did: records read, documents and errors written, rows inserted by table."""

    records: int = 0
    documents: int = 0
    errors: int = 0
    skipped: int = 0
    rows: dict[str, int] = attrs.field(factory=lambda: {t.name: 0 for t in TABLES})

    def text(self) -> str:
        rows = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        skipped = f", {self.skipped} already there" if self.skipped else ""
        return (
            f"load: {self.records} records: {self.documents} documents, {self.errors} errors{skipped}; "
            f"rows {rows}"
        )


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the DuckDB archive needs duckdb: pip install 'answer_parser[duckdb]'") from exc
    return duckdb


def connect(db_path: str | os.PathLike[str], *, read_only: bool = False) -> Connection:
    """A connection to the archive at `db_path`, its tables created if missing (not when read only).

    Raises ValueError when the file cannot be opened (not a DuckDB file, held by another process)
    or a table there has other columns than this version writes."""
    duckdb = _duckdb()
    try:
        con: Connection = duckdb.connect(os.fspath(db_path), read_only=read_only)
    except duckdb.Error as exc:
        raise ValueError(f"{db_path}: cannot open the DuckDB file: {exc}") from exc
    if not read_only:
        for spec in TABLES:
            con.execute(spec.duckdb_ddl())
    for spec in TABLES:
        found = [r[1] for r in con.execute(f"PRAGMA table_info('{spec.name}')").fetchall()]
        missing = [c for c in spec.columns if c.name not in found]
        if found and (set(found) - set(spec.names) or any(not c.nullable for c in missing)):
            con.close()
            raise ValueError(
                f"{db_path}: table {spec.name} has columns {found}, not those of this version "
                f"{list(spec.names)}: load into a new file"
            )
        if found and missing and not read_only:
            # An archive written by an earlier version lacks only columns that may be empty (a
            # table's `method` and `confidence` came with its parsing report): add them, empty for
            # the rows already there, so that nothing loaded before has to be loaded again.
            for column in missing:
                con.execute(f"ALTER TABLE {spec.name} ADD COLUMN {column.name} {DUCKDB_TYPES[column.type]}")
    return con


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


class Archive:
    """An open DuckDB archive that records are loaded into.

    `load(records)` loads many in one transaction; `add(record)` one in a transaction of its own
    (what a batch does as each file finishes). Close it (or use it as a context manager)."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.path = Path(db_path)
        self.con = connect(db_path)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _present(self, entries: list[Entry]) -> list[bool]:
        """For each entry, whether the archive already holds it (the same sha256 at the same path,
        or the same error): two queries for all of them."""
        docs = [e.sha256 for e in entries if e.code is None]
        errors = [e.path for e in entries if e.code is not None]
        have_docs: set[tuple[Any, ...]] = set()
        have_errors: set[tuple[Any, ...]] = set()
        if docs:
            have_docs = set(
                self.con.execute(
                    "SELECT doc_id, path FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                    [docs],
                ).fetchall()
            )
        if errors:
            have_errors = set(
                self.con.execute(
                    "SELECT path, sha256, code FROM errors WHERE path IN (SELECT unnest(?::VARCHAR[]))",
                    [errors],
                ).fetchall()
            )
        return [
            (e.path, e.sha256, e.code) in have_errors
            if e.code is not None
            else (e.sha256, e.path) in have_docs
            for e in entries
        ]

    def _replace(self, rows: RowSet) -> None:
        """Delete what `rows` replace, then insert them (inside the caller's transaction)."""
        shas, paths = list(rows.sha256s), list(rows.paths)
        doomed = [
            r[0]
            for r in self.con.execute(
                "SELECT doc_id FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[])) "
                "OR path IN (SELECT unnest(?::VARCHAR[]))",
                [shas, paths],
            ).fetchall()
        ]
        if doomed:  # not for new documents, the usual case: each delete scans its table
            for name in (*_CHILDREN, "documents"):
                self.con.execute(
                    f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doomed]
                )
        if paths:
            self.con.execute("DELETE FROM errors WHERE path IN (SELECT unnest(?::VARCHAR[]))", [paths])
        import pyarrow as pa

        for name, table_rows in rows.tables.items():
            if not table_rows:
                continue
            arrow = pa.Table.from_pylist(table_rows, schema=arrow_schema(name))
            self.con.register("_answer_parser_rows", arrow)
            try:
                self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _answer_parser_rows")
            finally:
                self.con.unregister("_answer_parser_rows")

    def _load_chunk(self, chunk: list[Record], summary: LoadSummary, missing_only: bool) -> None:
        summary.records += len(chunk)
        if missing_only:  # decided on the records' keys, before any is turned into rows
            present = self._present([Entry.of(r) for r in chunk])
            fresh = [r for r, there in zip(chunk, present, strict=True) if not there]
            summary.skipped += len(chunk) - len(fresh)
            chunk = fresh
        keep = latest(chunk)
        merged = RowSet.merge(keep)
        self._replace(merged)
        summary.documents += len(merged.sha256s)
        summary.errors += len(merged.error_paths)
        for name, table_rows in merged.tables.items():
            summary.rows[name] += len(table_rows)

    def load(
        self,
        records: Iterable[Record],
        *,
        commit_every: int | None = None,
        missing_only: bool = False,
    ) -> LoadSummary:
        """Load `records` (Documents, ErrorRecords or their JSON Lines dicts).

        One transaction for all (`commit_every=None`), or one per `commit_every` records. With
        `missing_only`, records already in the archive (same path and sha256, or the same error)
        are skipped instead of written again."""
        summary = LoadSummary()
        size = CHUNK_RECORDS if commit_every is None else max(1, min(commit_every, CHUNK_RECORDS))
        per_commit = commit_every or 0
        self.con.begin()
        try:
            pending = 0
            for chunk in _chunks(records, size):
                self._load_chunk(chunk, summary, missing_only)
                pending += len(chunk)
                if per_commit and pending >= per_commit:
                    self.con.commit()
                    self.con.begin()
                    pending = 0
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return summary

    def add(self, record: Record) -> LoadSummary:
        """Load one record in a transaction of its own."""
        return self.load([record])

    def count(self) -> dict[str, int]:
        """Rows in each table."""
        out: dict[str, int] = {}
        for spec in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()
            out[spec.name] = int(row[0]) if row else 0
        return out


def read_tables(con: Connection) -> dict[str, pa.Table]:
    """Every table of an open archive as a pyarrow Table in the schema's Arrow types, rows in key
    order (needs pyarrow)."""
    import pyarrow as pa

    out: dict[str, pa.Table] = {}
    for spec in TABLES:
        found = {r[1] for r in con.execute(f"PRAGMA table_info('{spec.name}')").fetchall()}
        # (a column an older archive opened read-only lacks comes out empty)
        columns = ", ".join(name if name in found else f"NULL AS {name}" for name in spec.names)
        query = f"SELECT {columns} FROM {spec.name} ORDER BY {', '.join(spec.key)}"
        out[spec.name] = pa.table(con.sql(query)).cast(spec.arrow_schema())
    return out


def load_records(
    records: Iterable[Record],
    db_path: str | os.PathLike[str],
    *,
    commit_every: int | None = None,
    missing_only: bool = False,
) -> LoadSummary:
    """Load records into the DuckDB file `db_path` (created if missing); see `Archive.load`."""
    with Archive(db_path) as archive:
        return archive.load(records, commit_every=commit_every, missing_only=missing_only)


def load_jsonl(
    path: str | os.PathLike[str],
    db_path: str | os.PathLike[str],
    *,
    commit_every: int | None = None,
    missing_only: bool = False,
) -> LoadSummary:
    """Load a batch's JSON Lines output into `db_path` (a partial last line is ignored)."""
    from .rows import iter_jsonl_dicts

    return load_records(iter_jsonl_dicts(path), db_path, commit_every=commit_every, missing_only=missing_only)
