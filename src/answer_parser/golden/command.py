"""`answer-parser check`: its arguments and its body, over `golden.regression`."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from typing import TextIO

from .regression import MAX_LINES, Options, Result, check_case, find_cases, find_orphans, indent, update


def add_check_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of `answer-parser check`."""
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="folders of NAME.pdf + NAME.expected.json, or PDFs"
    )
    p.add_argument("-r", "--recursive", action="store_true", help="also look in subfolders")
    p.add_argument(
        "--update", action="store_true", help="rewrite golden files that differ (after showing how)"
    )
    p.add_argument("-y", "--yes", action="store_true", help="with --update: write without asking")
    p.add_argument("--subset", action="store_true", help="compare only the fields a golden file has")
    p.add_argument("--ignore-bbox", action="store_true", help="leave out bounding boxes")
    p.add_argument("--ignore-warnings", action="store_true", help="leave out the warnings")
    p.add_argument(
        "--numeric", type=_tolerance, default=0.0, metavar="TOL", help="numbers within TOL count as equal"
    )
    p.add_argument(
        "--ignore-key",
        action="append",
        default=[],
        metavar="KEY",
        help="leave out KEY wherever it stands (repeatable)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="also list the documents that match")
    p.add_argument(
        "--max-lines",
        type=int,
        default=MAX_LINES,
        metavar="N",
        help=f"difference lines per document (default {MAX_LINES}, 0: all)",
    )


def _tolerance(text: str) -> float:
    value = float(text)
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"not a finite number >= 0: {text!r}")
    return value


def options_from_args(args: argparse.Namespace) -> Options:
    return Options.of(
        subset=args.subset,
        ignore_bbox=args.ignore_bbox,
        ignore_warnings=args.ignore_warnings,
        numeric=args.numeric,
        ignore_keys=args.ignore_key,
    )


def ask_on_terminal(question: str) -> bool:
    """Ask yes/no on the terminal; anything but y/yes is no."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def run_check(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    confirm: Callable[[str], bool] | None = None,
) -> int:
    """`answer-parser check`: 0 all match (or were updated), 1 differences, 2 bad arguments.

    `confirm` asks before `--update` writes; None means there is no terminal to ask on.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    options = options_from_args(args)
    try:
        cases = find_cases(args.paths, recursive=args.recursive)
    except (OSError, ValueError) as exc:
        print(f"answer-parser: {exc}", file=err)
        return 2
    if not cases:
        print(f"answer-parser: no PDFs in {', '.join(args.paths)}", file=err)
        return 2

    counts = {"ok": 0, "differ": 0, "no_golden": 0, "error": 0}
    pending: list[Result] = []
    for case in cases:
        try:
            result = check_case(case, options)
        except Exception as exc:  # a parser bug on one PDF must not stop the check of the others
            counts["error"] += 1
            print(f"CRASH {case.name}: {type(exc).__name__}: {exc}", file=out, flush=True)
            continue
        counts[result.status] += 1
        if args.update and result.updated() is not None:
            pending.append(result)
            verb = "create" if result.expected is None else "update"
            print(f"{verb} {result.case.golden}:", file=out)
            print("\n".join(indent(result.changes(), args.max_lines)), file=out, flush=True)
        elif not result.ok or args.verbose:
            print(result.report(max_lines=args.max_lines), file=out, flush=True)
    for orphan in find_orphans(args.paths, recursive=args.recursive):
        print(f"note: {orphan} has no PDF beside it", file=out)

    labels = {
        "ok": "match",
        "differ": "differ",
        "no_golden": "without golden file",
        "error": "unreadable golden file or crash",
    }
    summary = ", ".join(f"{n} {labels[k]}" for k, n in counts.items() if n)
    print(f"{len(cases)} document{'s' * (len(cases) != 1)}: {summary}", file=out)
    failed = counts["error"] > 0
    if not args.update:
        return 1 if failed or counts["differ"] or counts["no_golden"] else 0
    if not pending:
        print("nothing to update", file=out)
        return 1 if failed else 0

    what = f"{len(pending)} golden file{'s' * (len(pending) != 1)}"
    if not args.yes:
        if confirm is None:
            print(
                f"answer-parser: not writing {what}: no terminal to confirm on; "
                "rerun with --update --yes to write them",
                file=err,
            )
            return 1
        if not confirm(f"write {what}? [y/N] "):
            print(f"not written: {what}", file=out)
            return 1
    for result in pending:
        update(result)
    print(f"wrote {what}", file=out)
    return 1 if failed else 0
