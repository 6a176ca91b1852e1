"""A bulletin in a batch: one record per question, so that an archive of bulletins and single
answers comes out as one uniform stream (docs/bulletins.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    parts = [attrs.evolve(part, bulletin=document.bulletin) for part in document.documents]
    parts[0] = attrs.evolve(parts[0], warnings=(*document.warnings, *parts[0].warnings))
    return tuple(parts)


def whole_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """JSON Lines records with the parts of each bulletin (consecutive records of one path and
    sha256 with a `source.page_range`) put back together into one bulletin record, as the
    archive (`answer_parser.db`) loads it: a row for the bulletin and one for each part."""
    group: list[dict[str, Any]] = []
    for record in records:
        if group and not _same_bulletin(group[0], record):
            yield _bulletin_record(group)
            group = []
        if "error" not in record and record["source"].get("page_range") is not None:
            group.append(record)
            continue
        yield record
    if group:
        yield _bulletin_record(group)


def _same_bulletin(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("path", "sha256")
    return (
        "error" not in b
        and b["source"].get("page_range") is not None
        and all(a["source"].get(k) == b["source"].get(k) for k in keys)
    )


def _bulletin_record(parts: list[dict[str, Any]]) -> dict[str, Any]:
    source = {k: v for k, v in parts[0]["source"].items() if k != "page_range"}
    return {
        "schema_version": parts[0].get("schema_version", 1),
        "source": source,
        "kind": "bulletin",
        "question": None,
        "answer": None,
        "tables": [],
        "links": [],
        "warnings": [],
        "documents": [{k: v for k, v in part.items() if k != "bulletin"} for part in parts],
        "bulletin": parts[0].get("bulletin"),
    }


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
