"""Parsed documents as tables that join: DuckDB, Parquet and two CSVs for a whole batch.

    >>> from answer_parser.db import load_jsonl, write_parquet, read_parquet
    >>> load_jsonl("out.jsonl", "archive.duckdb")          # idempotent, one transaction
    >>> write_parquet(answer_parser.read_records("out.jsonl"), "archive.parquet", part="0")

The tables (`documents`, `items`, `tables`, `cells`, `warnings`, `errors`) and their column types
are declared once in `answer_parser.db.schema`. duckdb and pyarrow are imported only when a
function needs them (extras `answer_parser[duckdb]`, `answer_parser[pyarrow]`). See docs/archive.md.
"""

from __future__ import annotations

from .csvs import write_cells_csv, write_csvs, write_documents_csv
from .duck import Archive, LoadSummary, connect, load_jsonl, load_records, read_tables
from .parquet import part_names, read_parquet, write_parquet
from .rows import RowSet, record_rows, rows_of
from .schema import TABLE_NAMES, TABLES

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "Archive",
    "LoadSummary",
    "RowSet",
    "connect",
    "load_jsonl",
    "load_records",
    "part_names",
    "read_parquet",
    "read_tables",
    "record_rows",
    "rows_of",
    "write_cells_csv",
    "write_csvs",
    "write_documents_csv",
    "write_parquet",
]
