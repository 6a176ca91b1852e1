"""The JSON Lines output of a batch: one record per input, written and flushed as each file
finishes; read back (`read_records`), resumed (`resume_plan`: inputs already in the output
with the same sha256 are skipped, a partial last line is cut off); tables as CSV files.
Shared by `answer-parser batch` and `answer_parser.dask`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from ..convert import json_text, to_dict
from ..errors import OutputError, OutputLockedError
from ..model import Table
from ..settings import Settings
from .parts import part_csv_name, part_documents, part_key
from .records import ErrorRecord, Result, file_sha256, parse_one

if TYPE_CHECKING:  # pragma: no cover
    from .progress import Summary


def record_key(record: dict[str, Any]) -> tuple[str, str | None]:
    """(source.path, source.sha256) of an output record, document or error."""
    source = record["source"]
    return str(source["path"]), source.get("sha256")


def read_records(path: str | os.PathLike[str]) -> Iterator[Result]:
    """The records of a batch output (JSON Lines) back as Documents and ErrorRecords.

    A partial last line (a killed run) and broken lines are passed over.
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
    archive: str | None = None
    """The record for the archive outputs (DuckDB, Parquet) where it is not `line`: a bulletin
    is one record there (the archive gives it a row and one per part), several lines in `line`."""

    @property
    def archive_line(self) -> str:
        return self.line if self.archive is None else self.archive


@attrs.frozen
class LineOptions:
    settings: Settings
    tables_dir: str | None


def _dumps(record: dict[str, Any]) -> str:
    return json_text(record)


def error_outcome(record: ErrorRecord) -> Outcome:
    return Outcome(_dumps(record.to_dict()), record.path, record.code, record.message)


def line_task(path: str, options: LineOptions) -> Outcome:
    result = parse_one(path, options.settings)
    if isinstance(result, ErrorRecord):
        return error_outcome(result)
    csv_error = None
    documents = part_documents(result)  # a bulletin: one record per question
    if options.tables_dir is not None:
        try:
            for document in documents:
                for table in document.tables:
                    name = (
                        table_csv_name(path, table)
                        if document.source.page_range is None
                        else part_csv_name(path, document, table)
                    )
                    _write_atomic(Path(options.tables_dir) / name, table.to_csv())
        except OSError as exc:
            csv_error = f"cannot write table CSV: {exc}"
    whole = _dumps(to_dict(result))
    as_is = documents[0] is result  # not a bulletin split into its parts
    return Outcome(
        whole if as_is else "\n".join(_dumps(to_dict(document)) for document in documents),
        path,
        pages=result.source.pages,
        warnings=len(result.warnings),
        csv_error=csv_error,
        warning_codes=tuple(w.code for doc in (result, *result.documents) for w in doc.warnings),
        archive=None if as_is else whole,
    )


def _iter_jsonl(
    path: Path, ends: list[int] | None = None, broken: list[int] | None = None
) -> Iterator[dict[str, Any]]:
    """The complete, valid records of a JSON Lines file.

    Lines are split on b'\\n' only (a record may hold U+2028). A line that is not a record (cut
    in the middle by a crash of an editor or a disk, two records run together) is passed over and
    its line number appended to `broken`: the records after it are still read. A last line without
    b'\\n' (a run killed while writing it) ends the file. `ends` receives the byte offset after each
    complete line, good or broken."""
    offset = 0
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            if not raw.endswith(b"\n"):
                return  # a partial last line: the run was killed while writing it
            offset += len(raw)
            if ends is not None:
                ends.append(offset)
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise TypeError
                record_key(record)
            except (ValueError, KeyError, TypeError):
                if raw.strip() and broken is not None:
                    broken.append(number)
                continue
            yield record


def _resolved(path: str) -> str:
    """The key of an input for --resume: its resolved path (`./in/a.pdf` and `/data/in/a.pdf`,
    or a path through a symlinked folder, are one file)."""
    return os.path.realpath(path)


def _read_done(output: Path, log: IO[str]) -> tuple[dict[str, tuple[str | None, bool]], bool]:
    """Read an earlier run's output: ({resolved path: (sha256, is_error)}, whether the file must be
    rewritten: duplicates or broken lines). Cuts off a partial tail so that appending continues
    after the last complete line."""
    done: dict[str, tuple[str | None, bool]] = {}
    ends: list[int] = []
    broken: list[int] = []
    duplicates = 0
    seen: set[tuple[Any, ...]] = set()
    for record in _iter_jsonl(output, ends, broken):
        path, sha = record_key(record)
        key = _resolved(path)
        duplicates += (key, *part_key(record)) in seen  # a bulletin has a record per part
        seen.add((key, *part_key(record)))
        done[key] = (sha, "error" in record)
    good = ends[-1] if ends else 0
    size = output.stat().st_size
    if size > good:
        print(
            f"batch: {shown(str(output))}: cutting off {size - good} bytes of an unfinished record", file=log
        )
        with open(output, "r+b") as f:
            f.truncate(good)
    if broken:
        lines = ", ".join(str(n) for n in broken[:5]) + (" ..." if len(broken) > 5 else "")
        print(
            f"batch: {shown(str(output))}: {len(broken)} broken lines dropped (line {lines}); "
            "every other record is kept",
            file=log,
        )
    return done, bool(duplicates or broken)


def _drop_records(output: Path, drop: set[str]) -> None:
    """Rewrite `output` keeping the last record of each resolved path (of each part of a
    bulletin) not in `drop`, and no broken line (atomically)."""
    last: dict[tuple[Any, ...], int] = {}
    for i, record in enumerate(_iter_jsonl(output)):
        last[(_resolved(record_key(record)[0]), *part_key(record))] = i
    tmp = output.with_name(f".{output.name}.resume.tmp")
    with open(tmp, "wb") as f:
        for i, record in enumerate(_iter_jsonl(output)):
            key = _resolved(record_key(record)[0])
            if last[(key, *part_key(record))] == i and key not in drop:
                f.write(_dumps(record).encode("utf-8") + b"\n")
    os.replace(tmp, output)


def resume_plan(output: Path, inputs: Sequence[str], summary: Summary, log: IO[str]) -> list[str]:
    """The inputs still to parse; counts the skipped ones into `summary`. An input is done when a
    record has its resolved path and the sha256 of its bytes now."""
    done, rewrite = _read_done(output, log)
    todo: list[str] = []
    changed: set[str] = set()
    for path in inputs:
        key = _resolved(path)
        entry = done.get(key)
        if entry is None:
            todo.append(path)
        elif entry[0] is not None and entry[0] == file_sha256(path):
            summary.skipped += 1
            summary.skipped_errors += entry[1]
        else:  # changed since, or unreadable then: parse it again, drop the old record
            todo.append(path)
            changed.add(key)
    if changed or rewrite:
        _drop_records(output, changed)
    if changed:
        print(f"batch: {len(changed)} inputs changed or unreadable since the last run: again", file=log)
    return todo


def shown(path: str) -> str:
    """A path for a message: a name that is not UTF-8 shown with backslash escapes."""
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


@contextlib.contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold `.<output>.lock` beside the output while a batch writes it: a second batch on the same
    output stops at once (OutputLockedError) instead of doubling records."""
    import fcntl

    lock = output.with_name(f".{output.name}.lock")
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OutputLockedError(
                f"{shown(str(output))} is being written by another batch (pid {holder}); "
                "wait for it, or write to another file",
                path=str(output),
            ) from None
        except BaseException:
            os.close(fd)
            raise
        try:  # the file we locked is still the lock (not removed by a batch that just finished)
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def output_error(output: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason += "; make room and run again with --resume"
    return OutputError(f"cannot write {shown(str(output))}: {reason}", path=str(output))


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
