"""Two CSVs for a whole batch: `documents.csv`, an index of the documents, and `cells.csv`, every
table cell in long form with its typed value next to the printed text, and the document, table,
page and caption it belongs to. Standard library only.

One line per record as given (no merging of records: a CSV written from a batch's JSON Lines has
one document line per input), comma-separated, `"` quoting, `\\n` line ends, UTF-8. Paths (row
labels, column headers) are joined by ' > ' as in the per-table CSVs, other lists by '; '.
"""

from __future__ import annotations

import csv
import datetime
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..exports import PATH_SEPARATOR
from .rows import Record, RowSet, record_rows
from .schema import DOCUMENTS

__all__ = [
    "CELLS_CSV_COLUMNS",
    "DOCUMENTS_CSV_COLUMNS",
    "cells_csv_rows",
    "documents_csv_rows",
    "write_cells_csv",
    "write_csvs",
    "write_documents_csv",
]

LIST_SEPARATOR = "; "

DOCUMENTS_CSV_COLUMNS: tuple[str, ...] = DOCUMENTS.names

CELLS_CSV_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "path",
    "number",
    "minister",
    "table_index",
    "table_number",
    "caption",
    "page",
    "table_pages",
    "row_index",
    "column_index",
    "row_label",
    "column_path",
    "total",
    "raw",
    "value",
    "kind",
    "unit",
    "marks",
)
"""`number` and `minister` are the document's; `page` the first page of the table; `value` the
typed number (empty where the cell states none: text, missing, suppressed)."""


def _text(value: Any, separator: str = LIST_SEPARATOR) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return separator.join(_text(v) for v in value)
    return str(value)


def documents_csv_rows(rows: RowSet) -> list[list[str]]:
    """The lines of documents.csv for these rows (without the header)."""
    return [[_text(doc[name]) for name in DOCUMENTS_CSV_COLUMNS] for doc in rows.tables["documents"]]


def cells_csv_rows(rows: RowSet) -> list[list[str]]:
    """The lines of cells.csv for these rows (without the header)."""
    docs = {d["doc_id"]: d for d in rows.tables["documents"]}
    tables = {(t["doc_id"], t["table_index"]): t for t in rows.tables["tables"]}
    out = []
    for cell in rows.tables["cells"]:
        doc = docs[cell["doc_id"]]
        table = tables[(cell["doc_id"], cell["table_index"])]
        line = {
            **cell,
            "path": doc["path"],
            "number": doc["number"],
            "minister": doc["minister"],
            "table_number": table["number"],
            "caption": table["caption"],
            "page": table["first_page"],
            "table_pages": table["pages"],
        }
        paths = {"row_label", "column_path"}
        out.append(
            [
                _text(line[name], PATH_SEPARATOR if name in paths else LIST_SEPARATOR)
                for name in CELLS_CSV_COLUMNS
            ]
        )
    return out


def _open(target: Path) -> tuple[Path, IO[str]]:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    return tmp, open(tmp, "w", encoding="utf-8", newline="")


def write_csvs(
    records: Iterable[Record],
    documents_csv: str | os.PathLike[str] | None,
    cells_csv: str | os.PathLike[str] | None,
) -> int:
    """Write documents.csv and/or cells.csv for the records in one pass, each through a temporary
    file renamed into place. Returns the number of records."""
    wanted: list[tuple[str | os.PathLike[str], tuple[str, ...], Callable[[RowSet], list[list[str]]]]] = []
    if documents_csv is not None:
        wanted.append((documents_csv, DOCUMENTS_CSV_COLUMNS, documents_csv_rows))
    if cells_csv is not None:
        wanted.append((cells_csv, CELLS_CSV_COLUMNS, cells_csv_rows))
    outputs: list[tuple[Path, Path, IO[str]]] = []
    n = 0
    try:
        writers = []
        for target, header, lines in wanted:
            tmp, f = _open(Path(target))
            outputs.append((Path(target), tmp, f))
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writers.append((writer, lines))
        for record in records:
            rows = record_rows(record)
            n += 1
            for writer, lines in writers:
                writer.writerows(lines(rows))
    except BaseException:
        for _target, tmp, f in outputs:
            f.close()
            tmp.unlink(missing_ok=True)
        raise
    for target, tmp, f in outputs:
        f.close()
        os.replace(tmp, target)
    return n


def write_documents_csv(records: Iterable[Record], path: str | os.PathLike[str]) -> int:
    """documents.csv: one line per document (and per part of a bulletin), the columns of the
    `documents` table. Returns the number of records."""
    return write_csvs(records, path, None)


def write_cells_csv(records: Iterable[Record], path: str | os.PathLike[str]) -> int:
    """cells.csv: one line per table cell, typed value beside the printed text, with the
    document, table, page and caption columns. Returns the number of records."""
    return write_csvs(records, None, path)
