"""The command line: `answer-parser parse FILE.pdf [-o OUT]`, `answer-parser batch DIR... -o OUT.jsonl`,
`answer-parser check DIR...` (golden files).

Adds nothing the API lacks: each command is a thin shell over a public function.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence

from . import __version__
from .convert import to_json
from .db.command import add_load_parser, load_main
from .errors import AnswerParserError
from .pipeline import parse
from .settings import Settings
from .views import command as views_command

#: exit codes of every command (docs/cli.md)
EXIT_OK = 0
EXIT_SOME_FAILED = 1  # batch, check: some inputs failed or differ
EXIT_BAD_INPUT = 2  # parse: the input could not be read; every command: bad arguments
EXIT_OUTPUT = 3  # the output cannot be written (read-only folder, full disk)
EXIT_LOCKED = 4  # batch: another batch is writing the same output
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="answer-parser",
        description="Read Flemish Parliament written questions and answers from PDF into JSON.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    ap.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log what the reader noticed (pdfminer's warnings among it) to standard error",
    )
    sub = ap.add_subparsers(dest="command", required=True)
    defaults = Settings().reading
    p = sub.add_parser("parse", help="parse one PDF and print its JSON (the contract)")
    p.add_argument("file", help="the PDF to read, or - for standard input")
    p.add_argument("-o", "--output", help="write the JSON here instead of standard output")
    p.add_argument("--compact", action="store_true", help="one line of JSON, no indentation")
    p.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        help="seconds the parse may take, 0: none (default: %(default)s)",
    )
    p.add_argument(
        "--max-memory-mb",
        type=int,
        default=defaults.max_memory_mb,
        help="MiB the parse may grow the memory by, 0: none (default: %(default)s)",
    )
    views_command.add_format_argument(p)
    _add_batch_parser(sub)
    views_command.add_show_parser(sub)
    _add_check_parser(sub)
    add_load_parser(sub)
    return ap


def _add_batch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .batch import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT

    b = sub.add_parser(
        "batch",
        help="parse many PDFs over all cores into JSON Lines (one record per input, resumable)",
        description="Parse every PDF named (folders are searched recursively for *.pdf, globs are "
        "expanded) into JSON Lines: one document or error record per input. Exit code 0 when all "
        "parsed, 1 when some failed, 2 on bad arguments, 3 when the output cannot be written, 4 when "
        "another batch is writing it, 130 when interrupted.",
    )
    b.add_argument("inputs", nargs="+", metavar="DIR|GLOB|FILE", help="what to parse")
    b.add_argument("-o", "--output", required=True, help="the JSON Lines file to write")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    b.add_argument(
        "--tables-csv",
        metavar="DIR",
        help="also write each table as DIR/<stem>.table<i>.csv, and DIR/documents.csv, DIR/cells.csv",
    )
    b.add_argument("--db", metavar="FILE", help="also load each record into this DuckDB file")
    b.add_argument("--parquet", metavar="DIR", help="also write the records as Parquet tables in DIR")
    b.add_argument("--resume", action="store_true", help="skip inputs already in the output (path, sha256)")
    b.add_argument("--ordered", action="store_true", help="write records in input order (default: as done)")
    b.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symlinks found in folders and globs (default: left out, and said so)",
    )
    b.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds per file, 0: none (default: %(default)s)",
    )
    b.add_argument(
        "--max-memory-mb",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        help="address space per worker in MiB, 0 for none (default: %(default)s)",
    )
    views_command.add_report_argument(b)


def _add_check_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .golden.command import add_check_arguments

    c = sub.add_parser(
        "check",
        help="parse PDFs and compare each with its golden file NAME.expected.json",
        description="Parse each NAME.pdf in the folders (or the PDFs) named and compare it, field by "
        "field, with NAME.expected.json beside it. Exit code 0 when all match, 1 when some differ "
        "or have no golden file, 2 on bad arguments. See docs/regression-testing.md.",
    )
    add_check_arguments(c)


def _cmd_parse(args: argparse.Namespace) -> int:
    if args.format != "json":
        return views_command.parse_format_main(args)
    if args.timeout < 0 or args.max_memory_mb < 0:
        print("answer-parser: parse: --timeout and --max-memory-mb must not be negative", file=sys.stderr)
        return EXIT_BAD_INPUT
    settings = Settings(timeout=args.timeout or None, max_memory_mb=args.max_memory_mb or None)
    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    try:
        with views_command.progress_bar("parse") as bar:
            doc = parse(source, settings=settings, progress=bar)
    except AnswerParserError as exc:
        print(f"answer-parser: {args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    data = (to_json(doc, indent=None if args.compact else 2) + "\n").encode("utf-8")
    if not args.output:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    # written beside the target and renamed: a failed write leaves no empty or partial file
    tmp = f"{args.output}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, args.output)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        print(f"answer-parser: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_OUTPUT
    return EXIT_OK


@contextlib.contextmanager
def _logging_for(verbose: bool) -> Iterator[None]:
    """Library warnings (pdfminer's and pdfplumber's, re-logged by the reading guards at DEBUG on
    `answer_parser.pdf`; Python warnings) go to standard error only with -v: without it,
    standard error holds what docs/cli.md promises and nothing else. The loggers are put back as
    they were when the command returns (`main` may be called in a process that logs on)."""
    names = ("answer_parser", "py.warnings")
    saved = [(lg, list(lg.handlers), lg.level, lg.propagate) for lg in map(logging.getLogger, names)]
    logging.captureWarnings(True)
    if verbose:
        handler: logging.Handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("answer-parser: %(levelname)s: %(name)s: %(message)s"))
        for name in names:
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.DEBUG)
            logger.propagate = False
    else:
        warnings_log = logging.getLogger("py.warnings")
        warnings_log.addHandler(logging.NullHandler())
        warnings_log.propagate = False
    try:
        yield
    finally:
        for logger, handlers, level, propagate in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `answer-parser` command."""
    args = _parser().parse_args(argv)
    with _logging_for(args.verbose):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "parse":
        return _cmd_parse(args)
    if args.command == "show":
        return views_command.show_main(args)
    if args.command == "batch":
        from .batch import batch_main

        return views_command.report_after_batch(args, batch_main(args))
    if args.command == "check":
        from .golden.command import ask_on_terminal, run_check

        return run_check(args, confirm=ask_on_terminal if sys.stdin.isatty() else None)
    if args.command == "load":
        return load_main(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    raise SystemExit(main())
