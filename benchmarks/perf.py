"""Speed and memory of `answer_parser.parse` against pdfplumber's own floor.

    python benchmarks/perf.py [--quick] [--limit-pages N] [--repeat 3] [--json OUT] [--no-batch]

Documents: the fixtures (fixtures/*.pdf) and the real PDFs in ../shared/corpus/nl (skipped when
absent). `--quick` takes the fixtures and 10 corpus PDFs spread over the range of sizes;
`--limit-pages N` cuts every document to its first N pages (a copy written with pypdfium2,
which pdfplumber depends on; the floor is measured on the same copy).

Per document, in a fresh Python process (so that its peak RSS is the document's own):

- peak RSS: `getrusage(RUSAGE_SELF).ru_maxrss` after one `parse` (imports included: what one
  batch worker holds), and the same before the parse (imports only);
- floor: pdfplumber opens the PDF and reads `page.chars` of every page, closing each page;
- parse: `answer_parser.parse(path)`;
  floor and parse run interleaved, `--repeat` times each (small documents more often, until the
  floor runs add up to 3 s, at most 30 times); the minimum of each counts. Times are
  the worker's CPU time (`time.process_time`): on a shared machine, wall time also counts the
  time other processes hold the CPU, and varies by a factor of two from run to run; CPU time of
  a single-threaded process does not (wall times are kept in the JSON);
- for reference, once each: pdfplumber's `extract_words()` and `extract_tables()` of every page
  (each opening the PDF afresh, so both include the floor).

Then batch throughput over the same documents with 1 and 2 workers: `answer_parser.parse_many`
where it exists (else a multiprocessing pool over `parse`), largest documents first so that no
worker is left alone with a big one at the end.

Nothing here asserts a timing; the targets (parse <= 1.3x the floor on the median document, peak
RSS < 250 MB for every document, 2 workers >= 1.8x one) are printed as met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "nl"

RATIO_TARGET = 1.3
RSS_TARGET_MB = 250.0
SPEEDUP_TARGET = 1.8
#: a small document is measured until its floor runs add up to this many seconds (at most
#: MAX_REPEAT pairs): the minimum of many short runs is as steady as that of a few long ones
MIN_SECONDS = 3.0
MAX_REPEAT = 30


# -- one document, in a fresh process --------------------------------------------------------------


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _floor(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 - reading them is the point
            page.close()


def _page_count(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _extract_words(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def _extract_tables(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def _timed(fn: Any, *args: Any) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def worker(path: str, repeat: int, reference: bool) -> dict[str, Any]:
    """Measure one document in this (fresh) process."""
    import pdfplumber  # noqa: F401 - imported before the baseline RSS, as in a batch worker

    import answer_parser

    rss_imports = _maxrss_mb()
    first, _ = _timed(answer_parser.parse, path)
    rss_peak = _maxrss_mb()
    runs: dict[str, list[float]] = {"floor_s": [], "floor_cpu_s": [], "parse_s": [], "parse_cpu_s": []}
    # at least `repeat` pairs; small documents get more, up to MIN_SECONDS of floor in all
    while len(runs["floor_s"]) < repeat or (
        sum(runs["floor_s"]) < MIN_SECONDS and len(runs["floor_s"]) < MAX_REPEAT
    ):
        for name, fn in (("floor", _floor), ("parse", answer_parser.parse)):
            wall, cpu = _timed(fn, path)
            runs[f"{name}_s"].append(wall)
            runs[f"{name}_cpu_s"].append(cpu)
    out: dict[str, Any] = {
        "pages": _page_count(path),
        "rss_imports_mb": rss_imports,
        "rss_peak_mb": rss_peak,
        "first_parse_s": first,
        **runs,
    }
    if reference:
        out["extract_words_s"], out["extract_words_cpu_s"] = _timed(_extract_words, path)
        out["extract_tables_s"], out["extract_tables_cpu_s"] = _timed(_extract_tables, path)
    return out


def measure(path: Path, repeat: int, reference: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), "--repeat", str(repeat)]
    if not reference:
        cmd.append("--no-reference")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# -- documents -------------------------------------------------------------------------------------


def documents(quick: bool, fixtures_dir: Path = FIXTURES, corpus_dir: Path = CORPUS) -> list[Path]:
    fixtures = sorted(fixtures_dir.glob("*.pdf"))
    corpus = sorted(corpus_dir.rglob("*.pdf")) if corpus_dir.is_dir() else []
    if quick and len(corpus) > 10:
        by_size = sorted(corpus, key=lambda p: (p.stat().st_size, p.name))
        step = (len(by_size) - 1) / 9
        corpus = sorted({by_size[round(i * step)] for i in range(10)})
    return fixtures + corpus


def _name(path: Path, fixtures_dir: Path = FIXTURES, corpus_dir: Path = CORPUS) -> str:
    for base, label in ((fixtures_dir, "fixtures"), (corpus_dir, "nl")):
        try:
            return f"{label}/{path.relative_to(base)}"
        except ValueError:
            continue
    return path.name


def truncate(path: Path, pages: int, folder: Path) -> Path:
    """The document cut to its first `pages` pages (the original when it is not longer)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    try:
        if len(src) <= pages:
            return path
        out = pdfium.PdfDocument.new()
        out.import_pages(src, list(range(pages)))
        target = folder / f"{len(list(folder.iterdir())):03d}_{path.name}"
        with open(target, "wb") as f:
            out.save(f)
        out.close()
        return target
    finally:
        src.close()


# -- batch throughput ------------------------------------------------------------------------------


def _pool_parse(path: str) -> int:
    import answer_parser

    return answer_parser.parse(path).source.pages


def batch(paths: list[Path], workers: int) -> dict[str, Any]:
    """Wall time of parsing all `paths` with `workers` worker processes."""
    import answer_parser

    ordered = [str(p) for p in sorted(paths, key=lambda p: p.stat().st_size, reverse=True)]
    parse_many = getattr(answer_parser, "parse_many", None)
    start = time.perf_counter()
    if parse_many is not None:
        how = "answer_parser.parse_many"
        results = list(parse_many(ordered, workers=workers, ordered=False, timeout=None))
        pages = sum(r.source.pages for r in results if isinstance(r, answer_parser.Document))
        errors = sum(1 for r in results if not isinstance(r, answer_parser.Document))
    else:
        import multiprocessing

        how = "multiprocessing.Pool over parse (no parse_many)"
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            counts = list(pool.imap_unordered(_pool_parse, ordered, chunksize=1))
        pages, errors = sum(counts), 0
    seconds = time.perf_counter() - start
    return {
        "workers": workers,
        "how": how,
        "seconds": seconds,
        "pages": pages,
        "errors": errors,
        "loadavg_after": os.getloadavg()[0],
    }


# -- profile ---------------------------------------------------------------------------------------

#: (module, function, label): the stages of `answer_parser.parse`, timed where the pipeline calls them
STAGES = [
    ("pipeline", "read_pdf", "1 reading: read_pdf"),
    ("pdf.reading", "chars_to_words", "  of which chars_to_words"),
    ("pdf.reading", "page_rulings", "  of which rulings and fills"),
    ("pdf.playa_reader", "chars_to_words", "  of which chars_to_words (playa)"),
    ("pdf.playa_reader", "page_rulings", "  of which rulings and fills (playa)"),
    ("pipeline", "detect_dialect", "dialect: detect_dialect"),
    ("pipeline", "page_grids", "3 tables: page_grids (ruled)"),
    ("pipeline", "free_lines", "4 layout: words_to_lines"),
    ("pipeline", "find_furniture", "4 layout: find_furniture"),
    ("pipeline", "split_footnotes", "4 layout: split_footnotes"),
    ("pipeline", "add_stream_grids", "3b stream: tables without rules"),
    ("pipeline", "grids_to_chains", "3 tables: grids_to_chains"),
    ("pipeline", "chain_to_table", "3 tables: chain_to_table"),
    ("pipeline", "flow_to_blocks", "4 layout: flow_to_blocks"),
    ("pipeline", "attach_captions", "5 sections: attach_captions"),
    ("pipeline", "read_sections", "5 sections: read_sections"),
    ("pipeline", "check_totals", "checks: check_totals"),
    ("pipeline", "_links", "links"),
]


def stage_times(paths: list[Path]) -> tuple[list[tuple[str, float]], float, float]:
    """CPU seconds per stage over one `parse` of each document (each stage's function wrapped
    with a timer where the pipeline calls it), of the whole parse, and of the garbage collector
    during the parse."""
    import gc
    import importlib

    import answer_parser

    spent: dict[str, float] = {}
    originals = []
    for module_name, name, label in STAGES:
        module = importlib.import_module(f"answer_parser.{module_name}")
        fn = getattr(module, name, None)
        if fn is None:
            continue
        originals.append((module, name, fn))

        def timed(*args: Any, _fn: Any = fn, _label: str = label, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                result = _fn(*args, **kwargs)
                if _fn.__name__ == "chars_to_words":
                    result = iter(list(result))  # a generator: time its work, not its creation
                return result
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - start

        setattr(module, name, timed)
    gc_time = [0.0, 0.0]

    def on_gc(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            gc_time[1] = time.process_time()
        else:
            gc_time[0] += time.process_time() - gc_time[1]

    try:
        answer_parser.parse(paths[0])  # imports and compiled patterns out of the way
        spent.clear()
        gc.callbacks.append(on_gc)
        total = sum(_timed(answer_parser.parse, str(p))[1] for p in paths)
        gc.callbacks.remove(on_gc)
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)
    rows = [(label, spent.get(label, 0.0)) for _m, _n, label in STAGES if label in spent]
    ours = sum(seconds for label, seconds in rows if label.startswith("  of which"))
    interpreter = spent.get(STAGES[0][2], 0.0) - ours
    rows.insert(1, ("  of which the PDF interpreter (page objects, links)", interpreter))
    return rows, total, gc_time[0]


def own_functions(paths: list[Path], top: int = 15) -> list[tuple[str, float, int]]:
    """cProfile over one `parse` of each document: answer_parser's functions by their own time."""
    import cProfile
    import pstats

    import answer_parser

    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        answer_parser.parse(path)
    profiler.disable()
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    own = [
        (f"{Path(file).stem}.{func}", tt, nc)
        for (file, _line, func), (_cc, nc, tt, _ct, _callers) in stats.items()
        if "answer_parser" in file.replace(os.sep, "/")
    ]
    return sorted(own, key=lambda r: -r[1])[:top]


def print_profile(paths: list[Path]) -> None:
    rows, total, gc_seconds = stage_times(paths)
    pages = sum(_page_count(str(p)) for p in paths)
    print(f"Stages of one parse of each of {len(paths)} documents ({pages} pages), CPU time:")
    print()
    width = max(len(label) for label, _ in rows)
    print(f"| {'stage':{width}} | ms/page | share of parse |")
    print(f"|{'-' * (width + 2)}|--------:|---------------:|")
    print(f"| {'parse (everything)':{width}} | {_ms(total, pages):7.1f} | {100:13.1f}% |")
    for label, seconds in rows:
        print(f"| {label:{width}} | {_ms(seconds, pages):7.1f} | {100 * seconds / total:13.1f}% |")
    print(
        f"| {'garbage collector (in all stages)':{width}} | {_ms(gc_seconds, pages):7.1f} | "
        f"{100 * gc_seconds / total:13.1f}% |"
    )
    print()
    print("answer_parser's own functions by self time (cProfile, which inflates call-heavy code):")
    print()
    print("| function | self s | calls |")
    print("|----------|-------:|------:|")
    for name, seconds, calls in own_functions(paths):
        print(f"| {name} | {seconds:.2f} | {calls} |")


# -- report ----------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import pdfminer
    import pdfplumber

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "pdfplumber": pdfplumber.__version__,
        "pdfminer.six": getattr(pdfminer, "__version__", "?"),
        "loadavg": os.getloadavg(),
    }


def _ms(seconds: float, pages: int) -> float:
    return 1000 * seconds / max(pages, 1)


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in rows if "error" not in r]
    ratios = [r["ratio"] for r in ok]
    corpus = [r["ratio"] for r in ok if r["name"].startswith("nl/")]
    worst = max(ok, key=lambda r: r["ratio"]) if ok else None
    heaviest = max(ok, key=lambda r: r["rss_peak_mb"]) if ok else None
    floor_total = sum(min(r["floor_cpu_s"]) for r in ok)
    parse_total = sum(min(r["parse_cpu_s"]) for r in ok)
    return {
        "documents": len(rows),
        "failed": len(rows) - len(ok),
        "pages": sum(r["pages"] for r in ok),
        "median_ratio": statistics.median(ratios) if ratios else None,
        "median_ratio_corpus": statistics.median(corpus) if corpus else None,
        "worst_ratio": worst["ratio"] if worst else None,
        "worst_document": worst["name"] if worst else None,
        "total_ratio": parse_total / floor_total if floor_total else None,
        "max_rss_mb": heaviest["rss_peak_mb"] if heaviest else None,
        "max_rss_document": heaviest["name"] if heaviest else None,
    }


def print_table(rows: list[dict[str, Any]], reference: bool) -> None:
    width = max(len(r["name"]) for r in rows)
    head = f"| {'document':{width}} | pages | floor ms/p | parse ms/p | ratio |"
    rule = f"|{'-' * (width + 2)}|------:|-----------:|-----------:|------:|"
    if reference:
        head += " extract_words ms/p | extract_tables ms/p |"
        rule += "-------------------:|--------------------:|"
    head += " peak RSS MB |"
    rule += "------------:|"
    print(head)
    print(rule)
    for r in rows:
        if "error" in r:
            print(f"| {r['name']:{width}} | error: {r['error']} |")
            continue
        line = (
            f"| {r['name']:{width}} | {r['pages']:5d} | {r['floor_ms']:10.1f} | {r['parse_ms']:10.1f} "
            f"| {r['ratio']:5.2f} |"
        )
        if reference:
            line += f" {r['extract_words_ms']:18.1f} | {r['extract_tables_ms']:19.1f} |"
        line += f" {r['rss_peak_mb']:11.0f} |"
        print(line)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="the fixtures and 10 corpus PDFs")
    parser.add_argument("--limit-pages", type=int, metavar="N", help="only the first N pages of each PDF")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved floor/parse runs (min counts)")
    parser.add_argument("--json", metavar="OUT", help="write the raw numbers to OUT")
    parser.add_argument("--no-batch", action="store_true", help="skip the 1- and 2-worker throughput")
    parser.add_argument("--batch-only", action="store_true", help="only the 1- and 2-worker throughput")
    parser.add_argument("--no-reference", action="store_true", help="skip extract_words/extract_tables")
    parser.add_argument(
        "--profile", action="store_true", help="only where the time goes: stages, own functions"
    )
    parser.add_argument(
        "--reader",
        choices=("pdfplumber", "playa"),
        help="the reader every parse uses (sets $ANSWER_PARSER_READER; default: the library's)",
    )
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of fixture PDFs")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real PDFs (searched deep)")
    parser.add_argument("--worker", metavar="PDF", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    reference = not args.no_reference
    if args.reader:  # before answer_parser is imported here, and inherited by every worker process
        os.environ["ANSWER_PARSER_READER"] = args.reader

    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, reference)))
        return 0

    info = machine()
    print(
        f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"pdfplumber {info['pdfplumber']}, pdfminer.six {info['pdfminer.six']}, "
        f"load average {info['loadavg'][0]:.2f}"
    )
    paths = documents(args.quick, args.fixtures, args.corpus)
    if not args.corpus.is_dir():
        print(f"note: {args.corpus} is absent: fixtures only")
    with tempfile.TemporaryDirectory(prefix="perf-") as tmp:
        if args.profile:
            paths = [truncate(p, args.limit_pages, Path(tmp)) for p in paths] if args.limit_pages else paths
            print_profile(paths)
            return 0
        if args.limit_pages:
            paths_run = [truncate(p, args.limit_pages, Path(tmp)) for p in paths]
        else:
            paths_run = list(paths)
        rows: list[dict[str, Any]] = []
        for path, run_path in zip(paths, paths_run, strict=True):
            if args.batch_only:
                break
            row: dict[str, Any] = {
                "name": _name(path, args.fixtures, args.corpus),
                **measure(run_path, args.repeat, reference),
            }
            if "error" not in row:
                pages = row["pages"]
                row["floor_ms"] = _ms(min(row["floor_cpu_s"]), pages)
                row["parse_ms"] = _ms(min(row["parse_cpu_s"]), pages)
                row["ratio"] = min(row["parse_cpu_s"]) / min(row["floor_cpu_s"])
                row["ratio_wall"] = min(row["parse_s"]) / min(row["floor_s"])
                if reference:
                    row["extract_words_ms"] = _ms(row["extract_words_cpu_s"], pages)
                    row["extract_tables_ms"] = _ms(row["extract_tables_cpu_s"], pages)
            rows.append(row)
            print(
                f"  {row['name']}: " + (f"ratio {row['ratio']:.2f}" if "error" not in row else row["error"]),
                file=sys.stderr,
                flush=True,
            )
        batches = [] if args.no_batch else [batch(paths_run, 1), batch(paths_run, 2)]

    print()
    if rows:
        print_table(rows, reference)
    summary = summarize(rows)
    print()
    if rows:
        print(
            f"documents: {summary['documents']} ({summary['failed']} failed), pages: {summary['pages']}, "
            f"repeat: min of {args.repeat} or more (small documents: until {MIN_SECONDS:g} s of floor)"
            + (f", first {args.limit_pages} pages" if args.limit_pages else "")
        )
    if summary["median_ratio"] is not None:
        corpus_median = summary["median_ratio_corpus"]
        corpus_part = f" (corpus only: {corpus_median:.2f})" if corpus_median is not None else ""
        print(
            f"parse / floor: median {summary['median_ratio']:.2f}{corpus_part}, "
            f"worst {summary['worst_ratio']:.2f} ({summary['worst_document']}), "
            f"all pages together {summary['total_ratio']:.2f} "
            f"-- target <= {RATIO_TARGET} on the median: {_verdict(summary['median_ratio'] <= RATIO_TARGET)}"
        )
        print(
            f"peak RSS: max {summary['max_rss_mb']:.0f} MB ({summary['max_rss_document']}) "
            f"-- target < {RSS_TARGET_MB:.0f} MB for every document: "
            f"{_verdict(summary['max_rss_mb'] < RSS_TARGET_MB)}"
        )
    if batches:
        one, two = batches
        speedup = one["seconds"] / two["seconds"]
        for b in batches:
            print(
                f"batch, {b['workers']} worker(s): {b['seconds']:.1f} s, "
                f"{b['pages'] / b['seconds']:.1f} pages/s, {b['errors']} errors ({b['how']}; "
                f"load average after: {b['loadavg_after']:.2f})"
            )
        print(
            f"2 workers / 1 worker: {speedup:.2f}x "
            f"-- target >= {SPEEDUP_TARGET}: {_verdict(speedup >= SPEEDUP_TARGET)}"
        )
        summary["speedup"] = speedup
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        out = {"machine": info, "args": vars(args), "summary": summary, "documents": rows, "batch": batches}
        Path(args.json).write_text(json.dumps(out, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
