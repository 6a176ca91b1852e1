"""Archive throughput: DuckDB loads and Parquet parts for a batch output of many documents.

    python benchmarks/db_bench.py [--jsonl out.jsonl] [--copies 50]

Takes a batch's JSON Lines (default: the committed fixtures, parsed here) and makes `--copies`
copies of every record, each with its own sha256 and path, so that the archive holds
copies x records documents. Then measures, each once: a load in one transaction, the same load
again (every document replaced in place), a load with `missing_only` (what `--resume` does), the
first `--add` records one by one (`Archive.add`, a transaction each), the
Parquet parts (one per 500 records, as a batch writes them) and reading them back; the sizes of
the DuckDB file and the Parquet folder. Wall time and CPU time of the process (all its threads,
DuckDB's included): on a shared machine the CPU time is the figure that holds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import answer_parser  # noqa: E402
from answer_parser.db import Archive, load_jsonl, read_parquet, write_parquet  # noqa: E402


def _fixtures_jsonl(target: Path) -> None:
    with open(target, "w", encoding="utf-8") as f:
        for pdf in sorted((ROOT / "fixtures").glob("*.pdf")):
            f.write(json.dumps(answer_parser.to_dict(answer_parser.parse(pdf)), ensure_ascii=False) + "\n")


def _copies(records: list[dict[str, Any]], copies: int) -> Iterator[dict[str, Any]]:
    for n in range(copies):
        for record in records:
            source = record["source"]
            sha = hashlib.sha256(f"{n}:{source['sha256']}".encode()).hexdigest()
            path = f"copy{n:04d}/{Path(str(source['path'])).name}"
            yield {**record, "source": {**source, "sha256": sha, "path": path}}


def _size(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, help="a batch output (default: the fixtures, parsed now)")
    ap.add_argument("--copies", type=int, default=50)
    ap.add_argument("--add", type=int, default=200, help="records added one by one (default: %(default)s)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = args.jsonl
        if source is None:
            source = tmp / "fixtures.jsonl"
            _fixtures_jsonl(source)
        base = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line]
        big = tmp / "big.jsonl"
        with open(big, "w", encoding="utf-8") as f:
            for record in _copies(base, args.copies):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        n = len(base) * args.copies
        db = tmp / "archive.duckdb"
        print(f"{n} records ({len(base)} x {args.copies}), JSON Lines {_size(big):.1f} MiB")

        print(f"{'':<44} {'wall':>9}  {'CPU':>9}  {'records/CPU s':>13}")

        def timed(label: str, fn: Any, count: int = n) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            result = fn()
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
            print(f"{label:<44} {seconds:7.2f} s  {cpu_seconds:7.2f} s  {count / cpu_seconds:13.0f}")
            return result

        summary = timed("load_jsonl, one transaction", lambda: load_jsonl(big, db))
        print(f"  rows: {summary.rows}")
        timed("load_jsonl again (all replaced)", lambda: load_jsonl(big, db))
        timed("load_jsonl missing_only (all skipped)", lambda: load_jsonl(big, db, missing_only=True))
        one_by_one = tmp / "one.duckdb"

        def add_each() -> None:
            with Archive(one_by_one) as a:
                for line in big.read_text("utf-8").splitlines()[: args.add]:
                    a.add(json.loads(line))

        timed(f"Archive.add, a transaction per record ({args.add})", add_each, args.add)
        print(f"DuckDB file {_size(db):.1f} MiB")
        parquet = tmp / "parquet"

        def parts() -> None:
            records = [json.loads(line) for line in big.read_text("utf-8").splitlines()]
            for i in range(0, len(records), 500):
                write_parquet(records[i : i + 500], parquet, part=f"{i // 500:05d}")

        timed("write_parquet, parts of 500 records", parts)
        timed("read_parquet", lambda: read_parquet(parquet))
        print(f"Parquet folder {_size(parquet):.1f} MiB")


if __name__ == "__main__":
    main()
