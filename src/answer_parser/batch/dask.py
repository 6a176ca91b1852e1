"""Batch parsing beyond one machine: `parse` mapped over a dask bag on a `distributed` cluster.

Needs the optional extra: `pip install 'answer_parser[dask]'` (dask[bag] and distributed).

    >>> from distributed import Client
    >>> from answer_parser.dask import write_jsonl
    >>> client = Client("tcp://scheduler:8786")
    >>> summary = write_jsonl(paths, "out.jsonl", client=client)

`write_jsonl` writes the same JSON Lines as `answer-parser batch` (one document or error record
per input, flushed as each partition finishes, resumable) from the machine that runs it; the
workers must see the input paths (a shared file system). `parse_bag` gives the bag of output
records itself, to compose with other dask steps (`.map(json.dumps).to_textfiles(...)`).

With `isolate=True` (the default) each partition is parsed in a child process of the dask worker,
under `batch.parse_many`'s per-file time limit and memory bound, so one pathological file cannot
stall a worker; dask workers must then be allowed to have children (dask config
`distributed.worker.daemon: False`). `isolate=False` parses in the worker's own threads: no
per-file time limit, memory left to the nanny's limit.
"""

# This module is answer_parser.dask and imports the top-level `dask` package: absolute imports
# (the only kind in Python 3) keep the two apart.
from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import dask.bag as dask_bag
from distributed import Client, as_completed, get_client

from ..settings import DEFAULT_SETTINGS, Settings
from .command import archive_outputs
from .pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, imap
from .progress import Progress, Summary
from .records import ErrorRecord, file_sha256, parse_to_record
from .sink import LineOptions, Outcome, error_outcome, line_task, output_lock, resume_plan, write_all

__all__ = ["DEFAULT_PARTITION_SIZE", "parse_bag", "write_jsonl"]

#: files per partition (one dask task)
DEFAULT_PARTITION_SIZE = 8


def parse_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    settings: Settings = DEFAULT_SETTINGS,
) -> dask_bag.Bag:
    """A bag of output records, one per path: a document's contract dict or an error record
    (`{"error": {"code", "message"}, "source": {"path", "sha256"}}`), parsed in the workers' threads."""
    names = [os.fspath(p) for p in paths]
    bag: dask_bag.Bag = dask_bag.from_sequence(names, partition_size=partition_size).map(
        parse_to_record, settings
    )
    return bag


@contextlib.contextmanager
def _maybe_client(client: Client | None) -> Iterator[Client]:
    if client is not None:
        yield client
        return
    try:
        yield get_client()
    except ValueError as exc:
        raise ValueError("no dask client: pass client= or create a distributed.Client first") from exc


def _parse_partition(
    chunk: tuple[int, Sequence[str]],
    options: LineOptions,
    isolate: bool,
    timeout: float | None,
    max_memory_mb: int | None,
    mp_context: str,
    parquet: str | None = None,
    run: str = "",
) -> list[Outcome]:
    """One dask task: the outcomes of a few files, in a child process or in this thread; with
    `parquet`, their records are written there as a part of their own, by this worker."""
    index, paths = chunk
    outcomes = _outcomes(paths, options, isolate, timeout, max_memory_mb, mp_context)
    if parquet is not None:
        from ..db.sinks import write_lines_part

        # a part that cannot be written is written by the client at the end (sync_parquet), and said
        with contextlib.suppress(OSError):
            write_lines_part([o.archive_line for o in outcomes], parquet, f"{run}-{index:06d}")
    return outcomes


def _outcomes(
    paths: Sequence[str],
    options: LineOptions,
    isolate: bool,
    timeout: float | None,
    max_memory_mb: int | None,
    mp_context: str,
) -> list[Outcome]:
    if not isolate:
        return [line_task(path, options) for path in paths]
    results = imap(
        line_task,
        options,
        paths,
        workers=1,
        ordered=True,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        max_tasks_per_child=max(1, len(paths)),
        mp_context=mp_context,
    )
    return [error_outcome(r) if isinstance(r, ErrorRecord) else r for _i, _p, r in results]


def _daemonic() -> bool:
    return bool(multiprocessing.current_process().daemon)


def write_jsonl(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    client: Client | None = None,
    tables_dir: str | os.PathLike[str] | None = None,
    resume: bool = False,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    isolate: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    settings: Settings = DEFAULT_SETTINGS,
    max_in_flight: int | None = None,
    mp_context: str | None = None,
    log: IO[str] | None = None,
    tty: bool | None = None,
    db: str | os.PathLike[str] | None = None,
    parquet: str | os.PathLike[str] | None = None,
) -> Summary:
    """Parse `inputs` on a dask cluster into the JSON Lines file `output` (the format of
    `answer-parser batch`), writing and flushing each partition's records as it finishes.

    `parquet` (a folder every worker sees): each partition's records are written there by the
    worker that parsed them, as a part of their own (`answer_parser.db.parquet`), so no rows are
    gathered for it; at the end the client reconciles the folder with the JSON Lines. `db`: the
    client loads each record into this DuckDB file as it writes it. With `tables_dir`,
    documents.csv and cells.csv are written there at the end.

    `client` defaults to the current distributed client. With `resume`, inputs already in `output`
    (same path and sha256) are skipped. At most `max_in_flight` partitions (default: twice the
    cluster's threads) are submitted at a time, so results never pile up on the cluster. A
    partition whose worker dies (after dask's own retries) gives `worker_crashed` records.
    Another batch writing `output` at the same time raises OutputLockedError (as `run_batch`).
    """
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out):
        log = sys.stderr if log is None else log
        names = [os.fspath(p) for p in inputs]
        out = Path(output)
        summary = Summary(total=len(names))
        out.parent.mkdir(parents=True, exist_ok=True)
        # opened first: an archive that cannot be opened stops the run before the output is touched
        outputs = archive_outputs(out, db, parquet, tables_dir, resume, log, parquet_parts_elsewhere=True)
        if resume and out.exists():
            todo = resume_plan(out, names, summary, log)
        else:
            todo = names
            out.write_bytes(b"")
        if tables_dir is not None:
            Path(tables_dir).mkdir(parents=True, exist_ok=True)
        options = LineOptions(settings, None if tables_dir is None else os.fspath(tables_dir))
        chunks = [todo[i : i + partition_size] for i in range(0, len(todo), partition_size)]
        bag = dask_bag.from_sequence(list(enumerate(chunks)), npartitions=max(1, len(chunks)))
        if mp_context is None:  # a fork server: a child per partition costs a fork, not an interpreter
            methods = multiprocessing.get_all_start_methods()
            mp_context = "forkserver" if "forkserver" in methods else "spawn"
        folder = None if parquet is None else os.fspath(parquet)
        run = f"d{time.time_ns()}"
        parts = bag.map(
            _parse_partition, options, isolate, timeout, max_memory_mb, mp_context, folder, run
        ).to_delayed()
        progress = Progress(len(todo), log, tty)
        start = time.monotonic()
        with _maybe_client(client) as c:
            if isolate and todo and any(c.run(_daemonic).values()):
                raise RuntimeError(
                    "isolate=True needs dask workers that may start processes: set the dask config "
                    "distributed.worker.daemon to False (or pass isolate=False)"
                )
            threads = sum(c.nthreads().values()) or 1
            limit = max_in_flight or 2 * threads
            pending = iter(zip(parts if todo else [], chunks, strict=True))
            futures = as_completed()
            owner: dict[Any, list[str]] = {}

            def submit() -> bool:
                item = next(pending, None)
                if item is None:
                    return False
                future = c.compute(item[0])
                owner[future] = item[1]
                futures.add(future)
                return True

            for _ in range(limit):
                if not submit():
                    break
            fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            complete = False
            try:
                for future in futures:
                    paths = owner.pop(future)
                    try:
                        outcomes: list[Outcome] = [o for part in future.result() for o in part]
                    except Exception as exc:  # the partition's worker died, again and again
                        message = f"the dask task failed: {type(exc).__name__}: {exc}"[:500]
                        records = [ErrorRecord(p, file_sha256(p), "worker_crashed", message) for p in paths]
                        outcomes = [error_outcome(r) for r in records]
                    future.release()
                    write_all(fd, "".join(o.line + "\n" for o in outcomes).encode("utf-8"))
                    for outcome in outcomes:
                        if outputs is not None:
                            outputs.add(outcome.archive_line)
                        summary.add(outcome, log)
                        progress.update(outcome)
                    submit()
                complete = True
            finally:
                os.close(fd)
                summary.seconds = time.monotonic() - start
                progress.finish()
                if outputs is not None:
                    outputs.finish(complete)
                    summary.csv_errors += outputs.csv_error is not None
        return summary
