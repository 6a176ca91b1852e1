"""The JSON Lines output of a batch: one record per input, written and flushed as each file
finishes; read back (`read_records`), resumed (`resume_plan`: inputs already in the output
with the same sha256 are skipped, a partial last line is cut off); tables as CSV files.
Shared by `answer-parser batch` and `answer_parser.dask`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from ..convert import to_dict
from ..model import Table
from ..settings import Settings
from .records import ErrorRecord, Result, file_sha256, parse_one

if TYPE_CHECKING:  # pragma: no cover
    from .progress import Summary


def record_key(record: dict[str, Any]) -> tuple[str, str | None]:
    """(source.path, source.sha256) of an output record, document or error."""
    source = record["source"]
    return str(source["path"]), source.get("sha256")


def read_records(path: str | os.PathLike[str]) -> Iterator[Result]:
    """The records of a batch output (JSON Lines) back as Documents and ErrorRecords.

    A partial last line (a killed run) is ignored.
    """
    from ..convert import from_dict

    for record in _iter_jsonl(Path(path)):
        yield ErrorRecord.from_dict(record) if "error" in record else from_dict(record)


def table_csv_name(path: str, table: Table) -> str:
    """The file name of a table's CSV: `<pdf stem>.table<index>.csv`."""
    return f"{Path(path).stem}.table{table.index}.csv"


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, target)


@attrs.frozen
class Outcome:
    """What the parent needs of one finished file: its output line and a few counts."""

    line: str
    path: str
    code: str | None = None  # None: a document
    message: str = ""
    pages: int = 0
    warnings: int = 0
    csv_error: str | None = None
    warning_codes: tuple[str, ...] = ()
    """The code of every warning of the document (and of a bulletin's parts)."""


@attrs.frozen
class LineOptions:
    settings: Settings
    tables_dir: str | None


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def error_outcome(record: ErrorRecord) -> Outcome:
    return Outcome(_dumps(record.to_dict()), record.path, record.code, record.message)


def line_task(path: str, options: LineOptions) -> Outcome:
    result = parse_one(path, options.settings)
    if isinstance(result, ErrorRecord):
        return error_outcome(result)
    csv_error = None
    if options.tables_dir is not None:
        try:
            for table in result.tables:
                _write_atomic(Path(options.tables_dir) / table_csv_name(path, table), table.to_csv())
        except OSError as exc:
            csv_error = f"cannot write table CSV: {exc}"
    return Outcome(
        _dumps(to_dict(result)),
        path,
        pages=result.source.pages,
        warnings=len(result.warnings),
        csv_error=csv_error,
        warning_codes=tuple(w.code for doc in (result, *result.documents) for w in doc.warnings),
    )


def _iter_jsonl(path: Path, ends: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """The complete, valid records of a JSON Lines file, stopping at the first broken line.

    Lines are split on b'\\n' only (a record may hold U+2028). `ends` receives the byte offset
    after each good line."""
    offset = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return  # a partial last line: the run was killed while writing it
            try:
                record = json.loads(raw)
                record_key(record)
            except (ValueError, KeyError, TypeError):
                return
            if not isinstance(record, dict):
                return
            offset += len(raw)
            if ends is not None:
                ends.append(offset)
            yield record


def _read_done(output: Path, log: IO[str]) -> tuple[dict[str, tuple[str | None, bool]], int]:
    """Read an earlier run's output: ({path: (sha256, is_error)}, duplicate records). Cuts off a
    partial or broken tail so that appending continues after the last good record."""
    done: dict[str, tuple[str | None, bool]] = {}
    ends: list[int] = []
    duplicates = 0
    for record in _iter_jsonl(output, ends):
        path, sha = record_key(record)
        duplicates += path in done
        done[path] = (sha, "error" in record)
    good = ends[-1] if ends else 0
    size = output.stat().st_size
    if size > good:
        print(f"batch: {output}: cutting off {size - good} bytes of an unfinished record", file=log)
        with open(output, "r+b") as f:
            f.truncate(good)
    return done, duplicates


def _drop_records(output: Path, drop: set[str]) -> None:
    """Rewrite `output` keeping the last record of each path not in `drop` (atomically)."""
    last: dict[str, int] = {}
    for i, record in enumerate(_iter_jsonl(output)):
        last[record_key(record)[0]] = i
    tmp = output.with_name(f".{output.name}.resume.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for i, record in enumerate(_iter_jsonl(output)):
            path = record_key(record)[0]
            if last[path] == i and path not in drop:
                f.write(_dumps(record) + "\n")
    os.replace(tmp, output)


def resume_plan(output: Path, inputs: Sequence[str], summary: Summary, log: IO[str]) -> list[str]:
    """The inputs still to parse; counts the skipped ones into `summary`."""
    done, duplicates = _read_done(output, log)
    todo: list[str] = []
    changed: set[str] = set()
    for path in inputs:
        entry = done.get(path)
        if entry is None:
            todo.append(path)
        elif entry[0] is not None and entry[0] == file_sha256(path):
            summary.skipped += 1
            summary.skipped_errors += entry[1]
        else:  # changed since, or unreadable then: parse it again, drop the old record
            todo.append(path)
            changed.add(path)
    if changed or duplicates:
        _drop_records(output, changed)
    if changed:
        print(f"batch: {len(changed)} inputs changed or unreadable since the last run: again", file=log)
    return todo


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
