"""Records into rows of the six tables (`answer_parser.db.schema`): plain Python, no database.

A record is what a batch writes and `read_records` gives back: a `Document`, an `ErrorRecord`, or
either one's JSON Lines dict (a contract dict, or `{"error": ..., "source": ...}`).
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs

from ..codes import severity_of
from ..convert import from_dict
from ..model import Answer, Document, Minister, Question, Reference
from .schema import PART_SEPARATOR, TABLE_NAMES

__all__ = [
    "Entry",
    "Record",
    "RowSet",
    "as_result",
    "document_rows",
    "error_rows",
    "keep_latest",
    "latest",
    "record_rows",
    "rows_of",
]

Row = dict[str, Any]
Record = Any
"""A Document, an ErrorRecord, or the JSON Lines dict of either."""


@attrs.frozen
class RowSet:
    """The rows of one or more records, by table name, in schema order of the tables.

    `sha256s` are the documents the rows describe, `error_paths` the paths of error records: what
    a loader replaces before inserting the rows."""

    tables: dict[str, list[Row]]
    sha256s: tuple[str, ...] = ()
    error_paths: tuple[str, ...] = ()
    document_paths: tuple[str, ...] = ()

    @classmethod
    def merge(cls, parts: Iterable[RowSet]) -> RowSet:
        """One RowSet holding the rows and keys of all `parts`."""
        tables: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
        sha256s: list[str] = []
        error_paths: list[str] = []
        document_paths: list[str] = []
        for part in parts:
            for name in TABLE_NAMES:
                tables[name].extend(part.tables[name])
            sha256s.extend(part.sha256s)
            error_paths.extend(part.error_paths)
            document_paths.extend(part.document_paths)
        return cls(tables, tuple(sha256s), tuple(error_paths), tuple(document_paths))

    @property
    def paths(self) -> tuple[str, ...]:
        """Every input path the rows stand for (documents and errors)."""
        return self.document_paths + self.error_paths

    def count(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


def as_result(record: Record) -> Any:
    """A Document or an ErrorRecord from any record form."""
    from ..batch.records import ErrorRecord

    if isinstance(record, Document | ErrorRecord):
        return record
    if isinstance(record, dict):
        return ErrorRecord.from_dict(record) if "error" in record else from_dict(record)
    raise TypeError(f"not a document or error record: {type(record).__name__}")


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _name(person: Any) -> str | None:
    return None if person is None else str(person.name)


def _office(minister: Minister | None) -> str | None:
    return None if minister is None else minister.title


def _reference(doc: Document) -> Reference | None:
    if doc.answer is not None and doc.answer.refers_to is not None:
        return doc.answer.refers_to
    if doc.annex is not None:
        return doc.annex.refers_to
    return None


def _document_row(doc: Document, doc_id: str, part: int | None) -> Row:
    q: Question | None = doc.question
    a: Answer | None = doc.answer
    ref = _reference(doc)
    first, last = doc.source.page_range or (1, doc.source.pages)
    number = q.number if q is not None and q.number is not None else (ref.number if ref else None)
    date = q.date if q is not None and q.date is not None else (ref.date if ref else None)
    asker = q.asker if q is not None and q.asker is not None else (ref.asker if ref else None)
    title = q.title if q is not None and q.title else (doc.annex.title if doc.annex else None)
    return {
        "doc_id": doc_id,
        "sha256": doc.source.sha256,
        "part": part,
        "path": doc.source.path,
        "kind": doc.kind,
        "number": number,
        "date": _date(date),
        "answer_date": _date(a.date if a else None),
        "session": (q.session if q else None) or (doc.bulletin.session if doc.bulletin else None),
        "asker": _name(asker),
        "addressee": _name(q.addressee if q else None),
        "addressee_office": _office(q.addressee if q else None),
        "minister": _name(a.minister if a else None),
        "minister_office": _office(a.minister if a else None),
        "cosigners": [m.name for m in a.cosigners] if a else [],
        "title": title,
        "question_intro": q.intro if q else None,
        "answer_intro": a.intro if a else None,
        "bulletin_number": doc.bulletin.number if doc.bulletin else None,
        "bulletin_date": _date(doc.bulletin.date if doc.bulletin else None),
        "pages": doc.source.pages,
        "first_page": first,
        "last_page": last,
        "producer": doc.source.producer,
        "question_item_count": len(q.items) if q else 0,
        "answer_item_count": len(a.items) if a else 0,
        "table_count": len(doc.tables),
        "warning_count": len(doc.warnings),
        "links": list(doc.links),
    }


def _one_document(doc: Document, doc_id: str, part: int | None, out: dict[str, list[Row]]) -> None:
    out["documents"].append(_document_row(doc, doc_id, part))
    placed: dict[int, tuple[str | None, str | None]] = {}
    for side, section in (("question", doc.question), ("answer", doc.answer)):
        if section is None:
            continue
        for position, item in enumerate(section.items):
            for t in item.tables:
                placed.setdefault(t, (side, item.number))
            out["items"].append(
                {
                    "doc_id": doc_id,
                    "side": side,
                    "position": position,
                    "number": item.number,
                    "text": item.text,
                    "pages": list(item.pages),
                    "tables": list(item.tables),
                }
            )
    for position, paragraph in enumerate(doc.body):
        out["items"].append(
            {
                "doc_id": doc_id,
                "side": "body",
                "position": position,
                "number": None,
                "text": paragraph.text,
                "pages": [paragraph.page],
                "tables": [],
            }
        )
    for table in doc.tables:
        item_side, item_number = placed.get(table.index, (None, None))
        out["tables"].append(
            {
                "doc_id": doc_id,
                "table_index": table.index,
                "number": table.number,
                "label": table.label,
                "caption": table.caption,
                "pages": list(table.pages),
                "first_page": table.pages[0] if table.pages else None,
                "stub_header": table.stub_header,
                "column_count": len(table.columns),
                "row_count": len(table.rows),
                "method": table.report.method if table.report is not None else None,
                "confidence": table.report.confidence if table.report is not None else None,
                "notes": list(table.notes),
                "item_side": item_side,
                "item_number": item_number,
            }
        )
        for row_index, row in enumerate(table.rows):
            for column_index, (column, cell) in enumerate(zip(table.columns, row.cells, strict=False)):
                out["cells"].append(
                    {
                        "doc_id": doc_id,
                        "table_index": table.index,
                        "row_index": row_index,
                        "column_index": column_index,
                        "row_label": list(row.label),
                        "column_path": list(column.path),
                        "level": row.level,
                        "total": row.total,
                        "raw": cell.raw,
                        "value": None if cell.value is None else float(cell.value),
                        "kind": cell.kind,
                        "unit": cell.unit,
                        "marks": list(cell.marks),
                    }
                )
    for position, warning in enumerate(doc.warnings):
        out["warnings"].append(
            {
                "doc_id": doc_id,
                "position": position,
                "code": warning.code,
                "severity": severity_of(warning.code),
                "message": warning.message,
                "page": warning.page,
                "table_index": warning.table,
            }
        )


def part_id(sha256: str, part: int) -> str:
    """The `doc_id` of the `part`-th (1-based) document of a bulletin."""
    return f"{sha256}{PART_SEPARATOR}{part}"


def document_rows(doc: Document) -> RowSet:
    """The rows of one document; a bulletin gives a row for itself and one for each part."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    sha = doc.source.sha256
    _one_document(doc, sha, None, tables)
    for part, sub in enumerate(doc.documents, start=1):
        _one_document(sub, part_id(sha, part), part, tables)
    path = doc.source.path
    return RowSet(tables, (sha,), (), () if path is None else (path,))


def error_rows(error: Any) -> RowSet:
    """The row of one ErrorRecord."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    tables["errors"].append(
        {"path": error.path, "sha256": error.sha256, "code": error.code, "message": error.message}
    )
    return RowSet(tables, (), (error.path,))


def record_rows(record: Record) -> RowSet:
    """The rows of one record in any form."""
    result = as_result(record)
    return document_rows(result) if isinstance(result, Document) else error_rows(result)


T = TypeVar("T")


@attrs.frozen
class Entry:
    """What a record stands for in an archive: a document (sha256 and path) or an error (path,
    sha256 and code)."""

    sha256: str | None
    path: str | None
    code: str | None = None

    @classmethod
    def of(cls, record: Any) -> Entry:
        """The entry of a JSON Lines dict, a Document or an ErrorRecord."""
        if isinstance(record, dict):
            source = record["source"]
            code = record["error"]["code"] if "error" in record else None
            return cls(source.get("sha256"), source.get("path"), code)
        if isinstance(record, Document):
            return cls(record.source.sha256, record.source.path)
        return cls(record.sha256, record.path, record.code)

    def keys(self) -> list[tuple[str, str]]:
        """What the entry replaces: its document (not for an error) and its path."""
        keys = [] if self.code is not None or self.sha256 is None else [("sha", self.sha256)]
        return keys + ([] if self.path is None else [("path", self.path)])


def keep_latest(items: Iterable[T], keys: Callable[[T], list[tuple[str, str]]]) -> list[T]:
    """The items that no later item with a common key replaces, in order."""
    by_slot: dict[int, tuple[T, list[tuple[str, str]]]] = {}
    owner: dict[tuple[str, str], int] = {}
    for slot, item in enumerate(items):
        mine = keys(item)
        for key in mine:
            earlier = owner.get(key)
            if earlier is not None and earlier in by_slot:
                for old in by_slot.pop(earlier)[1]:
                    owner.pop(old, None)
        by_slot[slot] = (item, mine)
        for key in mine:
            owner[key] = slot
    return [item for item, _keys in by_slot.values()]


def _rowset_keys(rows: RowSet) -> list[tuple[str, str]]:
    return [("sha", s) for s in rows.sha256s] + [("path", p) for p in rows.paths]


def latest(records: Iterable[Record]) -> list[RowSet]:
    """The rows of each record that no later record replaces, in order.

    A record replaces an earlier one of the same document (sha256) or the same input path (the
    file changed, or failed now): the archive holds one entry per path and one per document."""
    return keep_latest((record_rows(r) for r in records), _rowset_keys)


def rows_of(records: Iterable[Record]) -> RowSet:
    """The rows of many records, each replaced by a later one of the same sha256 or path."""
    return RowSet.merge(latest(records))


def iter_jsonl_dicts(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The records of a batch's JSON Lines output as dicts, stopping at a partial or broken line
    (as `read_records` and `--resume` do). Lines are split on b'\\n' only. The records of a
    bulletin's parts come back as the one bulletin record (`batch.parts.whole_records`)."""
    from ..batch.parts import whole_records

    return whole_records(_jsonl_dicts(path))


def _jsonl_dicts(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return
            try:
                record = json.loads(raw)
            except ValueError:
                return
            if not isinstance(record, dict) or not isinstance(record.get("source"), dict):
                return
            yield record
