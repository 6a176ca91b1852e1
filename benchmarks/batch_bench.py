"""Batch throughput and memory: pages/s with 1 and 2 workers, peak RSS of the parent and workers.

    python benchmarks/batch_bench.py [--docs 500] [--workers 1 2]

Builds a temporary folder of `--docs` copies of the seed fixtures, then for each worker count runs
`answer_parser.batch.run_batch` (what `answer-parser batch` runs) in a fresh Python process, so
that each measurement has its own process tree. Memory, without psutil: the parent's peak RSS
(getrusage RUSAGE_SELF), the largest worker's peak RSS (getrusage RUSAGE_CHILDREN, once the
workers have been reaped) and the peak of all workers' RSS together, sampled from /proc every
0.1 s; the parent's RSS at 10 % and at 100 % of the files shows that it does not grow with them.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["seed_qa", "seed_header", "seed_reportlab"]


def _rss_kib(pid: int | str = "self") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


class _Sampler(threading.Thread):
    def __init__(self, output: Path, total: int) -> None:
        super().__init__(daemon=True)
        self.output = output
        self.total = total
        self.stop = threading.Event()
        self.workers_peak = 0
        self.parent_at_10 = 0

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.workers_peak = max(self.workers_peak, sum(_rss_kib(p) for p in _children()))
            if not self.parent_at_10:
                try:
                    done = self.output.read_bytes().count(b"\n")
                except OSError:
                    done = 0
                if done >= self.total // 10:
                    self.parent_at_10 = _rss_kib()


def child(folder: Path, workers: int) -> None:
    """One measurement, in this fresh process: print one JSON line."""
    from answer_parser.batch import run_batch

    inputs = sorted(str(p) for p in folder.glob("*.pdf"))
    output = folder.parent / f"out-{workers}.jsonl"
    sampler = _Sampler(output, len(inputs))
    sampler.start()
    summary = run_batch(inputs, output, workers=workers, log=io.StringIO())
    sampler.stop.set()
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    worker_cpu = children.ru_utime + children.ru_stime
    result = {
        "workers": workers,
        "docs": len(inputs),
        "parsed": summary.parsed,
        "errors": sum(summary.errors.values()),
        "pages": summary.pages,
        "seconds": round(summary.seconds, 1),
        "pages_per_s": round(summary.pages_per_second, 1),
        "docs_per_s": round(summary.parsed / summary.seconds, 2),
        "worker_cpu_s": round(worker_cpu, 1),
        "parent_cpu_s": round(own.ru_utime + own.ru_stime, 1),
        "cores_busy": round(worker_cpu / summary.seconds, 2),
        "parent_peak_mib": own.ru_maxrss // 1024,
        "parent_at_10pct_mib": sampler.parent_at_10 // 1024,
        "parent_at_end_mib": _rss_kib() // 1024,
        "worker_peak_mib": children.ru_maxrss // 1024,
        "workers_together_peak_mib": sampler.workers_peak // 1024,
    }
    print(json.dumps(result))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500, help="documents in the batch (default 500)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    ap.add_argument("--child", nargs=2, metavar=("DIR", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return 0
    seeds = [ROOT / "fixtures" / f"{name}.pdf" for name in SEEDS]
    missing = [str(s) for s in seeds if not s.is_file()]
    if missing:
        print(f"missing fixtures: {missing} (python -m fixtures.builder)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(args.docs):
            shutil.copy(seeds[i % len(seeds)], folder / f"doc{i:04d}.pdf")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"batch of {args.docs} documents (copies of {', '.join(SEEDS)}), {os.cpu_count()} cores")
        print(f"load average before: {load}")
        print(
            f"{'workers':>7} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'docs/s':>7} "
            f"{'worker CPU s':>12} {'cores busy':>10} {'parent CPU s':>12} "
            f"{'parent MiB (10%/end/peak)':>26} {'worker peak MiB':>16} {'workers sum peak MiB':>21}"
        )
        for workers in args.workers:
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(workers)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(run.stdout.strip().splitlines()[-1])
            parent = f"{r['parent_at_10pct_mib']}/{r['parent_at_end_mib']}/{r['parent_peak_mib']}"
            print(
                f"{r['workers']:>7} {r['seconds']:>8} {r['pages']:>6} {r['pages_per_s']:>8} "
                f"{r['docs_per_s']:>7} {r['worker_cpu_s']:>12} {r['cores_busy']:>10} "
                f"{r['parent_cpu_s']:>12} {parent:>26} {r['worker_peak_mib']:>16} "
                f"{r['workers_together_peak_mib']:>21}"
                + (f"  ({r['errors']} errors!)" if r["errors"] else "")
            )
        print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
