"""Batch parsing: many PDFs over a pool of worker processes, one record per input, nothing lost.

    >>> for result in answer_parser.parse_many(paths, workers=4):
    ...     if isinstance(result, answer_parser.ErrorRecord):
    ...         print(result.path, result.code)

`parse_many` runs `parse` in worker processes of its own (not concurrent.futures: a worker that is
stuck or eats all memory must be killable). Each worker

- limits its address space (`resource.setrlimit(RLIMIT_AS)`), so a pathological file fails with
  MemoryError (error code `too_large`) instead of taking the machine down;
- arms a timer for each file and gives up at the time limit (code `timeout`); a worker that does
  not answer shortly after that (stuck in C code) is killed by the parent and replaced;
- is retired and replaced after `max_tasks_per_child` files, so leaks cannot accumulate.

A worker that dies (segfault, the kernel's OOM killer) costs one error record (`worker_crashed`)
and is replaced. Any exception that is not an `AnswerParserError` becomes an error record with
code `internal_error`. Results are streamed: the parent keeps nothing but the few results that wait
for their turn when `ordered=True`.

`run_batch` is the engine of `answer-parser batch` (see docs/batch.md): JSON Lines written and
flushed as each file finishes, resumable, with an optional CSV file per table.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import math
import multiprocessing
import os
import shutil
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import IO, Any, Generic, TypeVar

import attrs

from .convert import to_dict
from .errors import AnswerParserError
from .model import Document, Table
from .pipeline import parse
from .settings import DEFAULT_SETTINGS, Settings

try:  # POSIX only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "ErrorRecord",
    "Summary",
    "expand_inputs",
    "parse_many",
    "parse_to_record",
    "read_records",
    "run_batch",
    "table_csv_name",
]

#: seconds one file may take (None: no limit)
DEFAULT_TIMEOUT = 300.0
#: address space of one worker, in MiB (None: no limit)
DEFAULT_MAX_MEMORY_MB = 2048
#: files a worker parses before it is replaced by a fresh one
DEFAULT_MAX_TASKS_PER_CHILD = 200
#: after the time limit, a worker gets this long to report its own timeout before it is killed
KILL_GRACE = 5.0

T = TypeVar("T")


# -- records -------------------------------------------------------------------------------------


@attrs.frozen
class ErrorRecord:
    """An input that gave no document: where it is, and why.

    `code` is an `AnswerParserError` code (`not_a_pdf`, `damaged_pdf`, `timeout`, ...) or one of the
    batch's own: `internal_error` (the parser raised something unexpected: a bug),
    `worker_crashed` (the worker process died). `sha256` is None when the file could not be read.
    """

    path: str
    sha256: str | None
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The error record of the JSON Lines output."""
        return {
            "error": {"code": self.code, "message": self.message},
            "source": {"path": self.path, "sha256": self.sha256},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ErrorRecord:
        return cls(
            path=data["source"]["path"],
            sha256=data["source"].get("sha256"),
            code=data["error"]["code"],
            message=data["error"].get("message", ""),
        )


Result = Document | ErrorRecord


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _caused_by_memory(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"


def parse_one(path: str | os.PathLike[str], settings: Settings = DEFAULT_SETTINGS) -> Result:
    """`parse` one file, turning every failure into an ErrorRecord. Never raises an Exception."""
    name = os.fspath(path)
    try:
        return parse(name, settings=settings)
    except AnswerParserError as exc:
        if _caused_by_memory(exc):
            return ErrorRecord(name, file_sha256(name), "too_large", f"out of memory: {exc.message}")
        sha = None if exc.code == "unreadable" else file_sha256(name)
        return ErrorRecord(name, sha, exc.code, exc.message)
    except MemoryError:
        return ErrorRecord(name, file_sha256(name), "too_large", "out of memory while parsing")
    except Exception as exc:  # a bug in the parser: record it, go on
        message = f"{type(exc).__name__}: {exc}"[:500] + _where(exc)
        return ErrorRecord(name, file_sha256(name), "internal_error", message)


def parse_to_record(path: str | os.PathLike[str], settings: Settings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """One line of the batch output as a dict: the document's contract dict or an error record."""
    result = parse_one(path, settings)
    return result.to_dict() if isinstance(result, ErrorRecord) else to_dict(result)


def record_key(record: dict[str, Any]) -> tuple[str, str | None]:
    """(source.path, source.sha256) of an output record, document or error."""
    source = record["source"]
    return str(source["path"]), source.get("sha256")


def read_records(path: str | os.PathLike[str]) -> Iterator[Result]:
    """The records of a batch output (JSON Lines) back as Documents and ErrorRecords.

    A partial last line (a killed run) is ignored.
    """
    from .convert import from_dict

    for record in _iter_jsonl(Path(path)):
        yield ErrorRecord.from_dict(record) if "error" in record else from_dict(record)


# -- tables as CSV -------------------------------------------------------------------------------


def table_csv_name(path: str, table: Table) -> str:
    """The file name of a table's CSV: `<pdf stem>.table<index>.csv`."""
    return f"{Path(path).stem}.table{table.index}.csv"


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, target)


# -- the worker ----------------------------------------------------------------------------------


class _Deadline(BaseException):
    """Raised by the timer inside a worker. A BaseException, so `except Exception` in pdfminer or in
    the reading stage cannot swallow it."""


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Deadline


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _limit_memory(max_memory_mb: int | None) -> None:
    if not max_memory_mb or resource is None:
        return
    limit = int(max_memory_mb) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _timeout_record(path: str, timeout: float | None) -> ErrorRecord:
    return ErrorRecord(path, file_sha256(path), "timeout", f"parsing took longer than {timeout:g} s")


def _worker_main(
    conn: Connection,
    task: Callable[[str, Any], Any],
    options: Any,
    timeout: float | None,
    max_memory_mb: int | None,
) -> None:
    """A worker's life: report ready, then run tasks until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_alarm)
    # pdfminer warns on stderr about every odd font; in a batch that stderr is the progress display
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    import pdfplumber  # noqa: F401 - import before the first timed task

    _limit_memory(max_memory_mb)
    try:
        conn.send(("ready", os.getpid()))
        while True:
            message = conn.recv()
            if message is None:
                return
            index, path = message
            result: Any
            try:
                with _alarm(timeout):
                    result = task(path, options)
            except _Deadline:
                result = _timeout_record(path, timeout)
            except MemoryError:
                result = ErrorRecord(path, file_sha256(path), "too_large", "out of memory while parsing")
            except Exception as exc:  # a task is meant not to raise; if it does, it is a bug
                text = f"{type(exc).__name__}: {exc}"[:500] + _where(exc)
                result = ErrorRecord(path, file_sha256(path), "internal_error", text)
            try:
                conn.send(("done", index, result))
            except (BrokenPipeError, ConnectionError):
                return
            except Exception as exc:  # the result would not pickle
                conn.send(("done", index, ErrorRecord(path, None, "internal_error", f"cannot send: {exc}")))
    except (EOFError, BrokenPipeError, ConnectionError, KeyboardInterrupt):
        return  # the parent went away


# -- the pool ------------------------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx: Any, target_args: tuple[Any, ...]) -> None:
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child_end, *target_args), daemon=True)
        self.process.start()
        child_end.close()
        self.conn: Connection = parent_end
        self.ready = False
        self.job: tuple[int, str] | None = None
        self.deadline = math.inf
        self.done = 0

    def send(self, job: tuple[int, str], timeout: float | None) -> None:
        self.job = job
        self.deadline = time.monotonic() + timeout + KILL_GRACE if timeout else math.inf
        self.conn.send(job)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(10)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to leave; kill it if it does not."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(5)
        self.kill()


def _death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process died (exit code {exitcode})"


class _Pool(Generic[T]):
    """Processes of our own, one task at a time each, fed and watched by the parent."""

    def __init__(
        self,
        task: Callable[[str, Any], T],
        options: Any,
        *,
        workers: int,
        timeout: float | None,
        max_memory_mb: int | None,
        max_tasks_per_child: int,
        mp_context: str,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        self.ctx = multiprocessing.get_context(mp_context)
        if mp_context == "forkserver":  # children forked from a server that has the parser loaded
            self.ctx.set_forkserver_preload(["answer_parser.batch", "pdfplumber"])
        self.args = (task, options, timeout, max_memory_mb)
        self.size = workers
        self.timeout = timeout
        self.max_tasks = max(1, max_tasks_per_child)
        self.workers: list[_Worker] = []
        self.failed_starts = 0

    def _start(self) -> _Worker:
        return _Worker(self.ctx, self.args)

    def _replace(self, worker: _Worker) -> None:
        self.workers[self.workers.index(worker)] = self._start()

    def run(self, paths: Iterable[str], ordered: bool) -> Iterator[tuple[int, str, T | ErrorRecord]]:
        source = enumerate(paths)
        exhausted = False
        dispatched = 0
        next_out = 0
        window = 4 * self.size + 4  # results held back at most, when ordered
        waiting: dict[int, tuple[str, T | ErrorRecord]] = {}
        self.workers = [self._start() for _ in range(self.size)]
        try:
            while True:
                for w in self.workers:
                    if exhausted:
                        break
                    if not w.ready or w.job is not None:
                        continue
                    if ordered and dispatched - next_out >= window:
                        break
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    w.send(item, self.timeout)
                    dispatched += 1
                busy = [w for w in self.workers if w.job is not None]
                if exhausted and not busy:
                    break
                deadline = min((w.deadline for w in busy), default=math.inf)
                pause = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
                handles: list[Any] = [w.conn for w in self.workers]
                handles += [w.process.sentinel for w in self.workers]
                wait(handles, timeout=pause)
                finished = self._collect()
                if ordered:
                    for index, path, result in finished:
                        waiting[index] = (path, result)
                    while next_out in waiting:
                        path, result = waiting.pop(next_out)
                        yield next_out, path, result
                        next_out += 1
                else:
                    for index, path, result in finished:
                        next_out += 1
                        yield index, path, result
        finally:
            for w in self.workers:
                if w.job is None and w.process.is_alive():
                    w.stop()
                else:
                    w.kill()
            self.workers = []

    def _collect(self) -> list[tuple[int, str, T | ErrorRecord]]:
        out: list[tuple[int, str, T | ErrorRecord]] = []
        now = time.monotonic()
        for w in list(self.workers):
            dead = False
            try:
                while w.conn.poll():
                    message = w.conn.recv()
                    if message[0] == "ready":
                        w.ready = True
                        self.failed_starts = 0
                    elif message[0] == "done" and w.job is not None and message[1] == w.job[0]:
                        out.append((w.job[0], w.job[1], message[2]))
                        w.job, w.deadline = None, math.inf
                        w.done += 1
            except (EOFError, OSError):
                dead = True
            if dead or not w.process.is_alive():
                w.process.join(5)
                if w.job is not None:
                    index, path = w.job
                    record = ErrorRecord(
                        path, file_sha256(path), "worker_crashed", _death_message(w.process.exitcode)
                    )
                    out.append((index, path, record))
                elif not w.ready:
                    self.failed_starts += 1
                    if self.failed_starts > 3 * self.size:
                        raise RuntimeError(
                            f"worker processes fail to start: {_death_message(w.process.exitcode)}"
                        )
                w.kill()
                self._replace(w)
            elif w.job is not None and now >= w.deadline:
                index, path = w.job
                w.kill()
                out.append((index, path, _timeout_record(path, self.timeout)))
                self._replace(w)
            elif w.job is None and w.done >= self.max_tasks:
                w.stop()
                self._replace(w)
        return out


def _imap(
    task: Callable[[str, Any], T],
    options: Any,
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None,
    ordered: bool,
    timeout: float | None,
    max_memory_mb: int | None,
    max_tasks_per_child: int,
    mp_context: str,
) -> Iterator[tuple[int, str, T | ErrorRecord]]:
    pool: _Pool[T] = _Pool(
        task,
        options,
        workers=default_workers() if workers is None else workers,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        max_tasks_per_child=max_tasks_per_child,
        mp_context=mp_context,
    )
    return pool.run((os.fspath(p) for p in paths), ordered)


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _parse_task(path: str, settings: Settings) -> Result:
    return parse_one(path, settings)


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    workers: int | None = None,
    ordered: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    max_tasks_per_child: int = DEFAULT_MAX_TASKS_PER_CHILD,
    mp_context: str = "spawn",
) -> Iterator[Result]:
    """Parse many PDFs over a pool of worker processes: one result per input, a Document or an
    ErrorRecord, never an exception for a bad file.

    `paths` is consumed lazily. `workers` defaults to the number of usable cores. With
    `ordered=True` results come in input order, otherwise as they complete (match them to their
    input by `doc.source.path` / `error.path`). `timeout` bounds the seconds of one file and
    `max_memory_mb` the address space of one worker (None: no bound). Workers are replaced after
    `max_tasks_per_child` files.
    """
    results = _imap(
        _parse_task,
        settings,
        paths,
        workers=workers,
        ordered=ordered,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        max_tasks_per_child=max_tasks_per_child,
        mp_context=mp_context,
    )
    return (result for _index, _path, result in results)


# -- the batch command ---------------------------------------------------------------------------


@attrs.frozen
class _Outcome:
    """What the parent needs of one finished file: its output line and a few counts."""

    line: str
    path: str
    code: str | None = None  # None: a document
    message: str = ""
    pages: int = 0
    warnings: int = 0
    csv_error: str | None = None


@attrs.frozen
class _LineOptions:
    settings: Settings
    tables_dir: str | None


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _error_outcome(record: ErrorRecord) -> _Outcome:
    return _Outcome(_dumps(record.to_dict()), record.path, record.code, record.message)


def _line_task(path: str, options: _LineOptions) -> _Outcome:
    result = parse_one(path, options.settings)
    if isinstance(result, ErrorRecord):
        return _error_outcome(result)
    csv_error = None
    if options.tables_dir is not None:
        try:
            for table in result.tables:
                _write_atomic(Path(options.tables_dir) / table_csv_name(path, table), table.to_csv())
        except OSError as exc:
            csv_error = f"cannot write table CSV: {exc}"
    return _Outcome(
        _dumps(to_dict(result)),
        path,
        pages=result.source.pages,
        warnings=len(result.warnings),
        csv_error=csv_error,
    )


@attrs.define
class Summary:
    """The counts of a batch run."""

    total: int = 0
    parsed: int = 0
    with_warnings: int = 0
    errors: Counter[str] = attrs.field(factory=Counter)
    pages: int = 0
    seconds: float = 0.0
    skipped: int = 0
    skipped_errors: int = 0
    csv_errors: int = 0

    def add(self, outcome: _Outcome, log: IO[str]) -> None:
        """Count one finished input (a CSV that could not be written is also told on `log`)."""
        if outcome.code is None:
            self.parsed += 1
            self.with_warnings += outcome.warnings > 0
            self.pages += outcome.pages
        else:
            self.errors[outcome.code] += 1
        if outcome.csv_error is not None:
            self.csv_errors += 1
            print(f"batch: {outcome.path}: {outcome.csv_error}", file=log)

    @property
    def failed(self) -> int:
        """Inputs whose record in the output is an error (this run's and resumed ones)."""
        return sum(self.errors.values()) + self.skipped_errors

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        errors = ", ".join(f"{code} {n}" for code, n in sorted(self.errors.items())) or "none"
        lines = [
            f"batch: {self.total} inputs: {self.parsed} parsed ({self.with_warnings} with warnings), "
            f"{sum(self.errors.values())} errors ({errors})",
            f"batch: {self.pages} pages in {_clock(self.seconds)}, {self.pages_per_second:.1f} pages/s",
        ]
        if self.skipped:
            lines.append(
                f"batch: {self.skipped} skipped, already in the output ({self.skipped_errors} of them errors)"
            )
        if self.csv_errors:
            lines.append(f"batch: {self.csv_errors} documents whose table CSV could not be written")
        return "\n".join(lines)


def expand_inputs(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """Files named by the arguments: a folder gives every *.pdf under it (recursively, sorted), a
    glob its matches, a file itself. Returns (files without duplicates, arguments matching nothing)."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    def add_folder(folder: str) -> None:
        found = [p for p in Path(folder).rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()]
        for p in sorted(found):
            add(str(p))

    for arg in args:
        if os.path.isdir(arg):
            add_folder(arg)
        elif os.path.isfile(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                missing.append(arg)
            for match in matches:
                if os.path.isdir(match):
                    add_folder(match)
                else:
                    add(match)
        else:
            missing.append(arg)
    return files, missing


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


def _resume_plan(output: Path, inputs: Sequence[str], summary: Summary, log: IO[str]) -> list[str]:
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


def _clock(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Progress:
    """A progress bar on a terminal, plain log lines elsewhere."""

    def __init__(self, total: int, stream: IO[str], tty: bool | None = None, every: float = 10.0) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.every = every
        self.start = time.monotonic()
        self.done = 0
        self.errors = 0
        self.last_draw = 0.0
        self.last_log = self.start
        self.last_logged_done = 0

    def _status(self) -> str:
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else math.inf
        pct = 100 * self.done / self.total if self.total else 100.0
        return (
            f"{self.done}/{self.total} files {pct:3.0f}%  {rate:.1f} files/s  "
            f"ETA {_clock(eta)}  errors {self.errors}"
        )

    def update(self, outcome: _Outcome) -> None:
        self.done += 1
        if outcome.code is not None:
            self.errors += 1
        now = time.monotonic()
        if self.tty:
            if outcome.code is not None:  # above the bar, which is drawn again below it
                self.stream.write(
                    f"\r\x1b[Kbatch: error: {outcome.path}: {outcome.code}: {outcome.message}\n"
                )
                self.last_draw = 0.0
            if now - self.last_draw >= 0.1 or self.done == self.total:
                self.draw()
                self.last_draw = now
            return
        if outcome.code is not None:
            print(f"batch: error: {outcome.path}: {outcome.code}: {outcome.message}", file=self.stream)
        if now - self.last_log >= self.every:
            print(f"batch: {self._status()}", file=self.stream, flush=True)
            self.last_log, self.last_logged_done = now, self.done

    def draw(self) -> None:
        status = self._status()
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(40, columns - len(status) - 4))
        filled = int(width * self.done / self.total) if self.total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {status}"
        self.stream.write("\r" + line[: columns - 1] + "\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.draw()
            self.stream.write("\n")
        elif self.done != self.last_logged_done:
            print(f"batch: {self._status()}", file=self.stream)
        self.stream.flush()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def run_batch(
    inputs: Sequence[str],
    output: str | os.PathLike[str],
    *,
    workers: int | None = None,
    tables_dir: str | os.PathLike[str] | None = None,
    resume: bool = False,
    ordered: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    settings: Settings = DEFAULT_SETTINGS,
    max_tasks_per_child: int = DEFAULT_MAX_TASKS_PER_CHILD,
    log: IO[str] | None = None,
    tty: bool | None = None,
) -> Summary:
    """Parse `inputs` into the JSON Lines file `output`, one record per input, each written and
    flushed as its file finishes. With `resume`, inputs already in `output` (same path and
    sha256) are skipped and a partial last line is cut off; without it `output` is replaced."""
    log = sys.stderr if log is None else log
    out = Path(output)
    summary = Summary(total=len(inputs))
    out.parent.mkdir(parents=True, exist_ok=True)
    if resume and out.exists():
        todo = _resume_plan(out, inputs, summary, log)
    else:
        todo = list(inputs)
        out.write_bytes(b"")
    if tables_dir is not None:
        Path(tables_dir).mkdir(parents=True, exist_ok=True)
    options = _LineOptions(settings, None if tables_dir is None else os.fspath(tables_dir))
    progress = Progress(len(todo), log, tty)
    start = time.monotonic()
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        results = _imap(
            _line_task,
            options,
            todo,
            workers=workers,
            ordered=ordered,
            timeout=timeout,
            max_memory_mb=max_memory_mb,
            max_tasks_per_child=max_tasks_per_child,
            mp_context="spawn",
        )
        for _index, _path, result in results:
            outcome = _error_outcome(result) if isinstance(result, ErrorRecord) else result
            _write_all(fd, (outcome.line + "\n").encode("utf-8"))
            summary.add(outcome, log)
            progress.update(outcome)
    finally:
        os.close(fd)
        summary.seconds = time.monotonic() - start
        progress.finish()
    return summary


def batch_main(args: Any) -> int:
    """`answer-parser batch`: the command's body (argparse namespace in, exit code out)."""
    problems = []
    if args.workers is not None and args.workers < 1:
        problems.append(f"--workers must be at least 1, got {args.workers}")
    if args.timeout < 0 or args.max_memory_mb < 0:
        problems.append("--timeout and --max-memory-mb must not be negative")
    for problem in problems:
        print(f"answer-parser: batch: {problem}", file=sys.stderr)
    if problems:
        return 2
    inputs, missing = expand_inputs(args.inputs)
    for arg in missing:
        print(f"answer-parser: batch: no such file, folder or match: {arg}", file=sys.stderr)
    if missing:
        return 2
    if not inputs:
        print("answer-parser: batch: no PDF files found", file=sys.stderr)
        return 2
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = run_batch(
            inputs,
            args.output,
            workers=args.workers,
            tables_dir=args.tables_csv,
            resume=args.resume,
            ordered=args.ordered,
            timeout=args.timeout or None,
            max_memory_mb=args.max_memory_mb or None,
        )
    except KeyboardInterrupt:
        print("\nanswer-parser: batch: interrupted; run again with --resume to continue", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.text(), file=sys.stderr)
    return 1 if summary.failed or summary.csv_errors else 0


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
