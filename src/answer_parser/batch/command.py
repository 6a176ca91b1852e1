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

import attrs

from ..errors import OutputError, OutputLockedError
from ..settings import DEFAULT_SETTINGS, Settings
from .pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_TASKS_PER_CHILD, DEFAULT_TIMEOUT, imap
from .progress import Progress, Summary
from .records import ErrorRecord
from .sink import (
    LineOptions,
    error_outcome,
    line_task,
    output_error,
    output_lock,
    resume_plan,
    shown,
    write_all,
)


def expand_inputs(
    args: Sequence[str], *, follow_symlinks: bool = False, skipped: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """Files named by the arguments: a folder gives every *.pdf under it (recursively, sorted), a
    glob its matches, a file itself. Returns (files without duplicates, arguments matching nothing).

    A symlink found in a folder or by a glob is not followed (it may lead anywhere: `/etc/passwd`
    named `x.pdf`) unless `follow_symlinks`; each one left out is appended to `skipped`. A file
    named as an argument is read even when it is a symlink: whoever typed it chose it."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    def found(path: str) -> None:
        if not follow_symlinks and os.path.islink(path):
            if skipped is not None:
                skipped.append(path)
            return
        add(path)

    def add_folder(folder: str) -> None:
        if follow_symlinks:
            found_paths = []
            visited: set[str] = set()  # symlinked folders may form loops
            for root, dirs, names in os.walk(folder, followlinks=True):
                real = os.path.realpath(root)
                if real in visited:
                    dirs.clear()
                    continue
                visited.add(real)
                found_paths += [os.path.join(root, n) for n in names if n.lower().endswith(".pdf")]
            for path in sorted(p for p in found_paths if os.path.isfile(p)):
                add(path)
            return
        candidates = [p for p in Path(folder).rglob("*") if p.suffix.lower() == ".pdf"]
        for p in sorted(candidates):
            if p.is_symlink() or p.is_file():
                found(str(p))

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
                if os.path.isdir(match) and (follow_symlinks or not os.path.islink(match)):
                    add_folder(match)
                elif os.path.isfile(match) or os.path.islink(match):
                    found(match)
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
    flushed as its file finishes. With `resume`, inputs already in `output` (same resolved path
    and sha256) are skipped, broken lines dropped and a partial last line cut off; without it
    `output` is replaced.

    `db` (a DuckDB file) and `parquet` (a folder) receive each record as it is written (see
    `answer_parser.db.sinks.BatchOutputs`); with `tables_dir`, documents.csv and cells.csv are
    written there at the end.

    Raises OutputLockedError when another batch is writing `output`, OutputError when it cannot
    be written (a read-only folder, a full disk): the records written so far stay, and `resume`
    continues."""
    log = sys.stderr if log is None else log
    out = Path(output)
    summary = Summary(total=len(inputs))
    # parse()'s own time bound is the batch's: one limit, one message, whichever clock sees it first
    settings = attrs.evolve(settings, reading=attrs.evolve(settings.reading, timeout=timeout))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(out):
            _locked_batch(
                out,
                inputs,
                summary,
                log,
                tty,
                settings,
                tables_dir,
                resume,
                workers,
                ordered,
                timeout,
                max_memory_mb,
                max_tasks_per_child,
                db,
                parquet,
            )
    except OSError as exc:
        raise output_error(out, exc) from exc
    return summary


def _locked_batch(
    out: Path,
    inputs: Sequence[str],
    summary: Summary,
    log: IO[str],
    tty: bool | None,
    settings: Settings,
    tables_dir: str | os.PathLike[str] | None,
    resume: bool,
    workers: int | None,
    ordered: bool,
    timeout: float | None,
    max_memory_mb: int | None,
    max_tasks_per_child: int,
    db: str | os.PathLike[str] | None,
    parquet: str | os.PathLike[str] | None,
) -> None:
    """`run_batch` once it holds the output's lock."""
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
                outputs.add(outcome.archive_line)
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
    """`answer-parser batch`: the command's body (argparse namespace in, exit code out; the codes
    are listed in docs/cli.md)."""
    from ..cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_OUTPUT, EXIT_SOME_FAILED

    problems = []
    if args.workers is not None and args.workers < 1:
        problems.append(f"--workers must be at least 1, got {args.workers}")
    if args.timeout < 0 or args.max_memory_mb < 0:
        problems.append("--timeout and --max-memory-mb must not be negative")
    for problem in problems:
        print(f"answer-parser: batch: {problem}", file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    skipped: list[str] = []
    inputs, missing = expand_inputs(args.inputs, follow_symlinks=args.follow_symlinks, skipped=skipped)
    for arg in missing:
        print(f"answer-parser: batch: no such file, folder or match: {arg}", file=sys.stderr)
    if missing:
        return EXIT_BAD_INPUT
    if skipped:
        listed = ", ".join(shown(p) for p in skipped[:3]) + (" ..." if len(skipped) > 3 else "")
        print(
            f"answer-parser: batch: {len(skipped)} symlinks not followed "
            f"(--follow-symlinks to read them): {listed}",
            file=sys.stderr,
        )
    if not inputs:
        print("answer-parser: batch: no PDF files found", file=sys.stderr)
        return EXIT_BAD_INPUT
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
    except OutputLockedError as exc:
        print(f"answer-parser: batch: {exc.message}", file=sys.stderr)
        return EXIT_LOCKED
    except OutputError as exc:
        print(f"answer-parser: batch: {exc.message}", file=sys.stderr)
        return EXIT_OUTPUT
    except ValueError as exc:  # an archive of another shape
        print(f"answer-parser: batch: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nanswer-parser: batch: interrupted; run again with --resume to continue", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.text(), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed or summary.csv_errors else EXIT_OK


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
