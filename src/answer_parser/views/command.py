"""The command-line side of the views: `answer-parser show` and `answer-parser parse --format md|html`.

`cli.py` wires each in with one call; the bodies live here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import AnswerParserError
from .overlay import DEFAULT_RESOLUTION
from .progress import ProgressFn, terminal_bar

FORMATS = ("json", "md", "html")


def add_show_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `show` command's arguments."""
    s = sub.add_parser(
        "show",
        help="draw what the parser found over the pages (PNG per page, or one HTML view)",
        description="Parse one PDF and draw what was found over each page: tables with their header "
        "band, columns, rows and stub; captions and notes; question and answer items; furniture struck "
        "through; text that ended nowhere in red. Writes one PNG per page into the folder OUT (or the "
        "file OUT.png for one page), or with --html one self-contained HTML file: the pages beside the "
        "parse. Exit code 0 on success, 2 when the input cannot be read or the arguments are wrong.",
    )
    s.add_argument("file", help="the PDF to show, or - for standard input")
    s.add_argument(
        "-o", "--output", required=True, help="folder for the PNGs, a .png file, or the .html file"
    )
    s.add_argument("--pages", help="pages to show, e.g. 1,3-4 (default: all)")
    s.add_argument("--html", action="store_true", help="one HTML file: page images beside the parse")
    s.add_argument(
        "--resolution",
        type=int,
        default=DEFAULT_RESOLUTION,
        help="pixels per inch of the page images (default: %(default)s)",
    )


def add_format_argument(p: argparse.ArgumentParser) -> None:
    """`parse --format json|md|html`."""
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json (the contract, default), md (Markdown) or html (the HTML view with page images)",
    )


@contextmanager
def progress_bar(label: str) -> Iterator[ProgressFn | None]:
    """A stage bar on standard error while the block runs, when that is a terminal (else None)."""
    bar = terminal_bar(label)
    try:
        yield bar
    finally:
        if bar is not None:
            bar.close()


def _fail(file: str, exc: AnswerParserError) -> int:
    print(f"answer-parser: {file}: {exc.code}: {exc.message}", file=sys.stderr)
    return 2


def show_main(args: argparse.Namespace) -> int:
    """The body of `answer-parser show`."""
    from .show import show

    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    try:
        with progress_bar("show") as bar:
            shown = show(
                source,
                args.output,
                pages=args.pages,
                html=args.html,
                resolution=args.resolution,
                progress=bar,
            )
    except AnswerParserError as exc:
        return _fail(args.file, exc)
    except ValueError as exc:
        print(f"answer-parser: {args.file}: {exc}", file=sys.stderr)
        return 2
    for path in shown.files:
        print(path)
    return 0


def parse_format_main(args: argparse.Namespace) -> int:
    """`answer-parser parse --format md|html`: the document as Markdown or as its HTML view."""
    from .. import parse
    from .markdown import document_markdown
    from .show import show

    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    try:
        with progress_bar("parse") as bar:
            if args.format == "md":
                text = document_markdown(parse(source, progress=bar))
            else:
                text = show(source, html=True, progress=bar).html or ""
    except AnswerParserError as exc:
        return _fail(args.file, exc)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def add_report_argument(b: argparse.ArgumentParser) -> None:
    """`batch ... --report DIR`."""
    b.add_argument(
        "--report",
        metavar="DIR",
        help="after the run, write an HTML report over the output: DIR/index.html and a view per document",
    )
    b.add_argument(
        "--report-no-images",
        action="store_true",
        help="leave the page images out of the report's document views (faster on large archives)",
    )


def report_after_batch(args: argparse.Namespace, code: int) -> int:
    """Write the batch report when `--report` asked for one; the batch's exit code otherwise unchanged
    (2 when the report could not be written)."""
    if not getattr(args, "report", None) or not Path(args.output).is_file():
        return code
    from .report import write_report

    try:
        index = write_report(args.output, args.report, images=not args.report_no_images)
    except OSError as exc:
        print(f"answer-parser: report: {exc}", file=sys.stderr)
        return 2
    print(f"report: {index}", file=sys.stderr)
    return code
