"""The command line: `answer-parser parse FILE.pdf [-o OUT]`.

Adds nothing the API lacks: each command is a thin shell over a public function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .convert import to_json
from .errors import AnswerParserError
from .pipeline import parse


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="answer-parser",
        description="Read Flemish Parliament written questions and answers from PDF into JSON.",
    )
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse one PDF and print its JSON (the contract)")
    p.add_argument("file", help="the PDF to read, or - for standard input")
    p.add_argument("-o", "--output", help="write the JSON here instead of standard output")
    p.add_argument("--compact", action="store_true", help="one line of JSON, no indentation")
    return ap


def _cmd_parse(args: argparse.Namespace) -> int:
    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    try:
        doc = parse(source)
    except AnswerParserError as exc:
        print(f"answer-parser: {args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    text = to_json(doc, indent=None if args.compact else 2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `answer-parser` command."""
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return _cmd_parse(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    raise SystemExit(main())
