"""`answer-parser batch`: inputs expanded (folders, globs, files), parsed over the pool into the
JSON Lines sink with progress (`run_batch`), and the command's body (`batch_main`).
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Any

from ..settings import DEFAULT_SETTINGS, Settings
from .pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_TASKS_PER_CHILD, DEFAULT_TIMEOUT, imap
from .progress import Progress, Summary
from .records import ErrorRecord
from .sink import LineOptions, error_outcome, line_task, resume_plan, write_all


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
    db: str | os.PathLike[str] | None = None,
    parquet: str | os.PathLike[str] | None = None,
) -> Summary:
    """Parse `inputs` into the JSON Lines file `output`, one record per input, each written and
    flushed as its file finishes. With `resume`, inputs already in `output` (same path and
    sha256) are skipped and a partial last line is cut off; without it `output` is replaced.

    `db` (a DuckDB file) and `parquet` (a folder) receive each record as it is written (see
    `answer_parser.db.sinks.BatchOutputs`); with `tables_dir`, documents.csv and cells.csv are
    written there at the end."""
    log = sys.stderr if log is None else log
    out = Path(output)
    summary = Summary(total=len(inputs))
    out.parent.mkdir(parents=True, exist_ok=True)
    # opened first: an archive that cannot be opened stops the run before the output is touched
    outputs = archive_outputs(out, db, parquet, tables_dir, resume, log)
    try:
        if resume and out.exists():
            todo = resume_plan(out, inputs, summary, log)
        else:
            todo = list(inputs)
            out.write_bytes(b"")
        if tables_dir is not None:
            Path(tables_dir).mkdir(parents=True, exist_ok=True)
    except BaseException:
        if outputs is not None:
            outputs.close()
        raise
    options = LineOptions(settings, None if tables_dir is None else os.fspath(tables_dir))
    progress = Progress(len(todo), log, tty)
    start = time.monotonic()
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    complete = False
    try:
        results = imap(
            line_task,
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
            outcome = error_outcome(result) if isinstance(result, ErrorRecord) else result
            write_all(fd, (outcome.line + "\n").encode("utf-8"))
            if outputs is not None:
                outputs.add(outcome.line)
            summary.add(outcome, log)
            progress.update(outcome)
        complete = True
    finally:
        os.close(fd)
        summary.seconds = time.monotonic() - start
        progress.finish()
        if outputs is not None:
            outputs.finish(complete)
            summary.csv_errors += outputs.csv_error is not None
    return summary


def archive_outputs(
    out: Path,
    db: str | os.PathLike[str] | None,
    parquet: str | os.PathLike[str] | None,
    tables_dir: str | os.PathLike[str] | None,
    resume: bool,
    log: IO[str],
    parquet_parts_elsewhere: bool = False,
) -> Any:
    """The archive outputs beside the JSON Lines (a DuckDB file, Parquet, the batch CSVs), started;
    None when none was asked for."""
    if db is None and parquet is None and tables_dir is None:
        return None
    from ..db.sinks import BatchOutputs

    outputs = BatchOutputs(
        out,
        db=db,
        parquet=parquet,
        csv_dir=tables_dir,
        resume=resume,
        parquet_parts_elsewhere=parquet_parts_elsewhere,
        log=log,
    )
    outputs.start()
    return outputs


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
            db=args.db,
            parquet=args.parquet,
        )
    except ValueError as exc:  # an archive of another shape
        print(f"answer-parser: batch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nanswer-parser: batch: interrupted; run again with --resume to continue", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.text(), file=sys.stderr)
    return 1 if summary.failed or summary.csv_errors else 0


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
