"""The parse with each reader, and camelot's stream flavour, against pdfplumber's char floor.

    python benchmarks/perf_readers.py [--quick] [--repeat 3] [--no-camelot] [--no-batch] [--json OUT]

Documents: as benchmarks/perf.py (fixtures/*.pdf and ../shared/corpus/nl; `--quick` for the
fixtures and 10 corpus PDFs). Per document, in a fresh process:

- floor: pdfplumber opens the PDF and reads `page.chars` of every page (perf.py's floor);
- pdfplumber: `answer_parser.parse` with the pdfplumber reader (`reader="pdfplumber"`), its
  reading guards included (watchdog thread, stream bounds);
- playa: the same with the playa reader (the default), one process;
- playa x2: the same with pages read by 2 processes (`workers=2`; documents of 16 pages or more);
  its time is wall time (the readers' CPU is spent in child processes), compared with the floor's
  wall time of the same run;
- camelot: `camelot.read_pdf(path, flavor="stream", pages="all")` (camelot 2.0 reads with playa),
  when camelot is installed (`pip install .[benchmark]`), else left out.
The floor and the parses run interleaved, `--repeat` times or more (small documents until the
floor adds up to 1 s); the minimum CPU time of each counts. Peak RSS: after one parse with the
playa reader (imports included), before anything else ran in the process.

Then batch throughput: every document parsed by a pool of 2 processes, largest first, once with
each reader; the peak RSS of any pool worker is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.perf import CORPUS, FIXTURES, _floor, _name, documents  # noqa: E402

RATIO_TARGET = 0.40  # issue 16: the median parse at most 0.40x pdfplumber's char floor
RSS_TARGET_MB = 250.0
MIN_SECONDS = 1.0
MAX_REPEAT = 20
PARALLEL_WORKERS = 2


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parse_with(path: str, reader: str, workers: int = 1) -> Any:
    """`answer_parser.parse` with that reader: the whole parse, its reading guards included."""
    from answer_parser import Settings, parse

    return parse(path, settings=Settings(reader=reader, read_workers=workers))


def _camelot(path: str) -> None:
    import camelot

    camelot.read_pdf(path, flavor="stream", pages="all")


def _camelot_available() -> bool:
    """Without importing it (numpy, pandas and OpenCV would count in the worker's RSS)."""
    import importlib.util

    return importlib.util.find_spec("camelot") is not None


def worker(path: str, repeat: int, camelot: bool) -> dict[str, Any]:
    import pdfplumber  # noqa: F401 - imported before the baseline RSS, as in a batch worker
    import playa  # noqa: F401

    import answer_parser  # noqa: F401

    rss_imports = _maxrss_mb()
    document = parse_with(path, "playa")
    rss_peak = _maxrss_mb()
    pages = document.source.pages
    parallel = pages >= 2 * 8  # playa_reader.MIN_PAGES_PER_WORKER pages for each of 2 workers
    cpu: dict[str, list[float]] = {"floor": [], "pdfplumber": [], "playa": []}
    wall: dict[str, list[float]] = {"floor": [], "playa x2": []}
    runs = [
        ("floor", _floor, ()),
        ("pdfplumber", parse_with, ("pdfplumber",)),
        ("playa", parse_with, ("playa",)),
    ]
    if parallel:
        runs.append(("playa x2", parse_with, ("playa", PARALLEL_WORKERS)))
    while len(cpu["floor"]) < repeat or (sum(cpu["floor"]) < MIN_SECONDS and len(cpu["floor"]) < MAX_REPEAT):
        for name, fn, args in runs:
            w, c = time.perf_counter(), time.process_time()
            fn(path, *args)
            c, w = time.process_time() - c, time.perf_counter() - w
            if name in cpu:
                cpu[name].append(c)
            if name in wall:
                wall[name].append(w)
    out: dict[str, Any] = {
        "pages": pages,
        "rss_imports_mb": rss_imports,
        "rss_peak_mb": rss_peak,
        **{f"{k}_cpu_s": min(v) for k, v in cpu.items()},
        **{f"{k}_wall_s": min(v) for k, v in wall.items() if v},
    }
    if camelot:
        import camelot as _  # noqa: F401 - its imports (pandas, OpenCV) are not part of its time

        times = []
        try:
            for _run in range(max(1, min(repeat, len(cpu["floor"])))):
                c = time.process_time()
                _camelot(path)
                times.append(time.process_time() - c)
            out["camelot_cpu_s"] = min(times)
        except Exception as exc:  # camelot fails on some real documents: say so, do not stop
            out["camelot_error"] = f"{type(exc).__name__}: {exc}"[:200]
    return out


def measure(path: Path, repeat: int, camelot: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), "--repeat", str(repeat)]
    if not camelot:
        cmd.append("--no-camelot")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# -- batch ------------------------------------------------------------------------------------------


def _batch_one(job: tuple[str, str]) -> tuple[int, float]:
    path, reader = job
    try:
        pages = int(parse_with(path, reader).source.pages)
    except Exception:
        pages = 0
    return pages, _maxrss_mb()


def batch(paths: list[Path], reader: str, workers: int = 2) -> dict[str, Any]:
    """Wall time of parsing every document with a pool of `workers` fresh processes."""
    ordered = [str(p) for p in sorted(paths, key=lambda p: p.stat().st_size, reverse=True)]
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = list(pool.imap_unordered(_batch_one, [(p, reader) for p in ordered], chunksize=1))
    seconds = time.perf_counter() - start
    pages = sum(p for p, _ in results)
    return {
        "reader": reader,
        "workers": workers,
        "seconds": seconds,
        "pages": pages,
        "pages_per_s": pages / seconds,
        "worker_peak_rss_mb": max(r for _, r in results),
        "loadavg_after": os.getloadavg()[0],
    }


# -- report -----------------------------------------------------------------------------------------


def _ratio(row: dict[str, Any], key: str) -> float | None:
    if f"{key}_cpu_s" in row:
        return float(row[f"{key}_cpu_s"] / row["floor_cpu_s"])
    if f"{key}_wall_s" in row:
        return float(row[f"{key}_wall_s"] / row["floor_wall_s"])
    return None


COLUMNS = ["pdfplumber", "playa", "playa x2", "camelot"]


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    width = max(len(r["name"]) for r in rows)
    print(
        f"| {'document':{width}} | pages | floor ms/p | "
        + " | ".join(f"{c:>10}" for c in COLUMNS)
        + " | RSS MB |"
    )
    print(
        f"|{'-' * (width + 2)}|------:|-----------:|"
        + "|".join("-----------:" for _ in COLUMNS)
        + "|-------:|"
    )
    for r in rows:
        if "error" in r:
            print(f"| {r['name']:{width}} | error: {r['error']} |")
            continue
        cells = []
        for c in COLUMNS:
            value = _ratio(r, c)
            cells.append(f"{value:10.2f}" if value is not None else f"{'':10}")
        floor_ms = 1000 * r["floor_cpu_s"] / r["pages"]
        print(
            f"| {r['name']:{width}} | {r['pages']:5d} | {floor_ms:10.1f} | "
            + " | ".join(cells)
            + f" | {r['rss_peak_mb']:6.0f} |"
        )
    summary: dict[str, Any] = {}
    good = [r for r in rows if "error" not in r]
    for c in COLUMNS:
        values = [v for r in good if (v := _ratio(r, c)) is not None]
        if values:
            summary[c] = {"median": statistics.median(values), "documents": len(values)}
    print()
    for c, s in summary.items():
        verdict = ""
        if c in ("playa", "playa x2"):
            verdict = f" -- target <= {RATIO_TARGET}: {'met' if s['median'] <= RATIO_TARGET else 'NOT met'}"
        print(f"{c:10} / floor: median {s['median']:.2f} over {s['documents']} documents{verdict}")
    if good:
        peak = max(good, key=lambda r: r["rss_peak_mb"])
        print(
            f"peak RSS with the playa reader: {peak['rss_peak_mb']:.0f} MB ({peak['name']}) "
            f"-- target < {RSS_TARGET_MB:.0f} MB"
        )
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the fixtures and 10 corpus PDFs")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-camelot", action="store_true")
    ap.add_argument("--no-batch", action="store_true")
    ap.add_argument("--batch-only", action="store_true")
    ap.add_argument("--only", help="only documents whose path contains this text")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--worker", metavar="PDF", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    camelot = not args.no_camelot and _camelot_available()
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, camelot)))
        return 0
    paths = documents(args.quick, FIXTURES, CORPUS)
    if args.only:
        paths = [p for p in paths if args.only in str(p)]
    print(
        f"load average at the start: {os.getloadavg()[0]:.2f}; "
        f"camelot: {'yes' if camelot else 'not installed'}"
    )
    rows: list[dict[str, Any]] = []
    if not args.batch_only:
        for path in paths:
            row = {"name": _name(path, FIXTURES, CORPUS), **measure(path, args.repeat, camelot)}
            rows.append(row)
            if "error" not in row:
                ratios = ", ".join(f"{c} {v:.2f}" for c in COLUMNS if (v := _ratio(row, c)) is not None)
                print(f"  {row['name']}: {ratios}", file=sys.stderr, flush=True)
        print()
        summary = report(rows)
    else:
        summary = {}
    batches = []
    if not args.no_batch:
        for reader in ("pdfplumber", "playa"):
            b = batch(paths, reader)
            batches.append(b)
            print(
                f"batch, 2 workers, {reader} reader: {b['seconds']:.1f} s, {b['pages_per_s']:.1f} pages/s, "
                f"worker peak RSS {b['worker_peak_rss_mb']:.0f} MB "
                f"(load average after: {b['loadavg_after']:.2f})"
            )
        print(f"playa / pdfplumber throughput: {batches[0]['seconds'] / batches[1]['seconds']:.2f}x")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"summary": summary, "documents": rows, "batch": batches}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
