"""The process pool: worker processes of our own, one file at a time each, fed and watched by
the parent (not concurrent.futures: a worker that is stuck or eats all memory must be
killable). Each worker

- limits its address space (`resource.setrlimit(RLIMIT_AS)`), so a pathological file fails
  with MemoryError (error code `too_large`) instead of taking the machine down;
- arms a timer for each file and gives up at the time limit (code `timeout`); a worker that
  does not answer shortly after that (stuck in C code) is killed by the parent and replaced;
- is retired and replaced after `max_tasks_per_child` files, so leaks cannot accumulate.

A worker that dies (segfault, the kernel's OOM killer) costs one error record
(`worker_crashed`) and is replaced. Results are streamed: the parent keeps nothing but the
few results that wait for their turn when `ordered=True`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any, Generic, TypeVar

from ..settings import DEFAULT_SETTINGS, Settings
from .records import ErrorRecord, Result, file_sha256, parse_one, where

try:  # POSIX only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


#: seconds one file may take (None: no limit)
DEFAULT_TIMEOUT = 300.0
#: address space of one worker, in MiB (None: no limit)
DEFAULT_MAX_MEMORY_MB = 2048
#: files a worker parses before it is replaced by a fresh one
DEFAULT_MAX_TASKS_PER_CHILD = 200
#: after the time limit, a worker gets this long to report its own timeout before it is killed
KILL_GRACE = 5.0

T = TypeVar("T")


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
                text = f"{type(exc).__name__}: {exc}"[:500] + where(exc)
                result = ErrorRecord(path, file_sha256(path), "internal_error", text)
            try:
                conn.send(("done", index, result))
            except (BrokenPipeError, ConnectionError):
                return
            except Exception as exc:  # the result would not pickle
                conn.send(("done", index, ErrorRecord(path, None, "internal_error", f"cannot send: {exc}")))
    except (EOFError, BrokenPipeError, ConnectionError, KeyboardInterrupt):
        return  # the parent went away


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


def imap(
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
    results = imap(
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
