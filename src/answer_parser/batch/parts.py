"""A bulletin in a batch: one record per question, so that an archive of bulletins and single
answers comes out as one uniform stream (docs/bulletins.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from ..model import Document, Table


def part_documents(document: Document) -> tuple[Document, ...]:
    """The documents a batch writes for one parsed PDF: for a bulletin with parts, its parts
    (each with the bulletin's path, sha256 and page count, and its own `source.page_range`),
    the bulletin's own warnings (contents that do not match the body ...) put before the first
    part's; for anything else the document itself."""
    if document.kind != "bulletin" or not document.documents:
        return (document,)
    first, *rest = document.documents
    first = attrs.evolve(first, warnings=(*document.warnings, *first.warnings))
    return (first, *rest)


def part_key(record: dict[str, Any]) -> tuple[Any, ...]:
    """What tells the records of one input apart: nothing for a whole document, the question's
    number and the page range for a part of a bulletin."""
    page_range = record.get("source", {}).get("page_range")
    if page_range is None:
        return ()
    question = record.get("question") or {}
    return (question.get("number"), tuple(page_range))


def part_csv_name(path: str, document: Document, table: Table) -> str:
    """The file name of the CSV of a table in a part of a bulletin:
    `<pdf stem>.q<question number>.p<first page>.table<index>.csv` (a whole document's tables
    keep `batch.sink.table_csv_name`)."""
    page_range = document.source.page_range
    number = document.question.number if document.question else None
    first = page_range[0] if page_range else None
    return f"{Path(path).stem}.q{number}.p{first}.table{table.index}.csv"
