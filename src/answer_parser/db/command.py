"""`answer-parser load OUT.jsonl... --db ARCHIVE.duckdb [--parquet DIR]`: a batch's JSON Lines
into DuckDB and/or Parquet (see docs/archive.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_load_parser", "load_main"]


def add_load_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `load` subcommand."""
    p = sub.add_parser(
        "load",
        help="load JSON Lines from `answer-parser batch` into a DuckDB file and/or Parquet",
        description="Load the records of JSON Lines files written by `answer-parser batch` into a "
        "DuckDB archive (tables documents, items, tables, cells, warnings, errors; created if "
        "missing) and/or a folder of Parquet files. Idempotent: a document already there (same "
        "sha256) or an input path already there is replaced, never added twice. One transaction: "
        "an interrupted load leaves the archive as it was. Exit code 0 on success, 2 on bad "
        "arguments.",
    )
    p.add_argument("inputs", nargs="+", metavar="OUT.jsonl", help="JSON Lines files to load")
    p.add_argument("--db", metavar="FILE", help="the DuckDB file to load into")
    p.add_argument("--parquet", metavar="DIR", help="also (or only) write Parquet files into DIR")
    p.add_argument(
        "--part",
        default="0",
        help="name of the Parquet part to write (DIR/<table>/part-<PART>.parquet; default: %(default)s)",
    )
    p.add_argument(
        "--commit-every",
        type=int,
        default=None,
        metavar="N",
        help="commit every N records instead of once at the end",
    )


def load_main(args: Any) -> int:
    """`answer-parser load`: the command's body (argparse namespace in, exit code out)."""
    problems = []
    if args.db is None and args.parquet is None:
        problems.append("give --db FILE and/or --parquet DIR")
    problems += [f"no such file: {p}" for p in args.inputs if not Path(p).is_file()]
    if args.commit_every is not None and args.commit_every < 1:
        problems.append(f"--commit-every must be at least 1, got {args.commit_every}")
    for problem in problems:
        print(f"answer-parser: load: {problem}", file=sys.stderr)
    if problems:
        return 2
    from .rows import iter_jsonl_dicts

    def records() -> Any:
        for path in args.inputs:
            yield from iter_jsonl_dicts(path)

    if args.db is not None:
        from .duck import load_records

        try:
            summary = load_records(records(), args.db, commit_every=args.commit_every)
        except ValueError as exc:
            print(f"answer-parser: load: {exc}", file=sys.stderr)
            return 2
        print(f"{summary.text()} -> {args.db}", file=sys.stderr)
    if args.parquet is not None:
        from .parquet import write_parquet

        try:
            files = write_parquet(records(), args.parquet, part=args.part)
        except ValueError as exc:
            print(f"answer-parser: load: {exc}", file=sys.stderr)
            return 2
        print(
            f"load: wrote {len(files)} Parquet files of part {args.part} -> {args.parquet}", file=sys.stderr
        )
    return 0
