"""Hostile input through every route: `parse()`, `answer-parser parse`, `answer-parser batch`
(with kills and `--resume`), and pdfplumber beside them.

    python benchmarks/hostile.py [--mutants 240] [--seed 17] [--hang 90] [--kills 3] [--reader playa]

Builds a temporary folder of mutants of the fixtures (byte flips, truncations, dropped objects,
zeroed ranges, swapped digits; deterministic for a seed) and of every hostile file of
tests/hostile_files.py (bombs, a reference cycle, a million characters, rotated pages, a singular
transform, junk before the header, nested arrays), plus a file name that is not UTF-8, a symlink
to a file outside the folder and a FIFO. Then, per route, counts

- ok: a document; typed: an `AnswerParserError` (the CLI: exit 2 and one line on stderr);
- raw: any other exception (the CLI: a traceback, another exit code, more lines on stderr);
- hangs: no answer within `--hang` seconds (the child is killed and the next file goes on);
- peak MB: the largest resident memory of the parsing process (of the largest worker for the
  batch);
- lost / doubled: inputs without a record, or with more than one, in the batch output after
  `--kills` SIGKILLs at random moments and a `--resume` after each.

Every child process runs under an address-space bound of 4 GiB so that a regression cannot take
the machine. Prints one table (Markdown) for docs/robustness.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT / "tests"))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
CHILD_AS = 4 << 30  # bytes of address space a child may take

# -- the files -----------------------------------------------------------------------------------

_OBJ = re.compile(rb"\n(\d+) 0 obj\b.*?endobj", re.S)


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    buf = bytearray(data)
    kind = rng.choice(["flip", "truncate", "drop_object", "zero_range", "digits", "flip_tail"])
    if kind == "flip":
        for _ in range(rng.randint(1, 24)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == "truncate":
        del buf[rng.randrange(16, len(buf)) :]
    elif kind == "drop_object":
        spans = [m.span() for m in _OBJ.finditer(bytes(buf))]
        if spans:
            start, end = rng.choice(spans)
            del buf[start:end]
    elif kind == "zero_range":
        start = rng.randrange(len(buf))
        buf[start : start + rng.randint(1, 4096)] = b"\0" * len(buf[start : start + 4096])
    elif kind == "digits":  # offsets, lengths, object numbers
        digits = [i for i, b in enumerate(buf) if 48 <= b <= 57]
        for i in rng.sample(digits, min(len(digits), rng.randint(1, 12))):
            buf[i] = rng.choice(b"0123456789")
    else:  # the cross-reference table and trailer at the end
        for _ in range(rng.randint(1, 8)):
            buf[len(buf) - 1 - rng.randrange(min(len(buf), 1500))] = rng.randrange(256)
    return kind, bytes(buf)


def build(folder: Path, mutants: int, seed: int) -> tuple[list[str], dict[str, str]]:
    """Write the files; return (inputs for parse and the CLI, the kind of each input)."""
    import hostile_files as hostile

    rng = random.Random(seed)
    sources = sorted(FIXTURES.glob("*.pdf"))
    kinds: dict[str, str] = {}
    for i in range(mutants):
        source = sources[i % len(sources)]
        kind, data = mutate(source.read_bytes(), rng)
        path = folder / f"m{i:03d}_{kind}_{source.stem}.pdf"
        path.write_bytes(data)
        kinds[str(path)] = kind
    for name, data in hostile.all_hostile().items():
        path = folder / f"h_{name}.pdf"
        path.write_bytes(data)
        kinds[str(path)] = "hostile"
    kinds[hostile.non_utf8_name(folder)] = "hostile"
    outside = folder.parent / "buiten.pdf"
    outside.write_bytes(hostile.answer_pdf())
    hostile.symlink_out(folder, outside)  # the batch must not follow it unless asked
    kinds[str(hostile.fifo(folder))] = "hostile"
    return sorted(kinds), kinds


# -- parse() and pdfplumber in a long-lived child, one file at a time ----------------------------

_ROUTE = r"""
import json, resource, sys, time, os
route = sys.argv[1]
paths = json.loads(sys.stdin.readline())
if route == "parse":
    import answer_parser
    settings = answer_parser.Settings(timeout=float(sys.argv[2]))
else:
    import pdfplumber
for path in paths:
    start = time.monotonic()
    try:
        if route == "parse":
            answer_parser.parse(path, settings=settings)
        else:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.chars
                    page.close()
        out = {"status": "ok"}
    except BaseException as exc:
        typed = route == "parse" and isinstance(exc, answer_parser.AnswerParserError)
        out = {"status": "typed" if typed else "raw", "what": getattr(exc, "code", type(exc).__name__)}
    out["seconds"] = round(time.monotonic() - start, 2)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(out), flush=True)
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_AS, CHILD_AS))


def run_in_child(route: str, paths: list[str], hang: float, timeout: float) -> list[dict[str, Any]]:
    """Each path through `route` in a child; a child silent for `hang` seconds is killed, its file
    counted a hang, and a new child goes on with the next file."""
    results: list[dict[str, Any]] = []
    while len(results) < len(paths):
        todo = paths[len(results) :]
        child = subprocess.Popen(
            [sys.executable, "-c", _ROUTE, route, str(timeout)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=ENV,
            preexec_fn=_limit,
        )
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write((json.dumps(todo, ensure_ascii=True) + "\n").encode())
        child.stdin.close()
        sel = selectors.DefaultSelector()
        sel.register(child.stdout, selectors.EVENT_READ)
        while len(results) < len(paths):
            if not sel.select(hang):
                child.kill()
                results.append({"status": "hang", "seconds": hang, "peak_mb": 0})
                break
            line = child.stdout.readline()
            if not line:  # the child died (a crash, the kernel): the file it was on is raw
                results.append({"status": "raw", "what": f"child died ({child.wait()})", "peak_mb": 0})
                break
            results.append(json.loads(line))
        child.wait()
    return results


# -- the CLI, one process per file ---------------------------------------------------------------


_PEAK = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_cli(paths: list[str], folder: Path, hang: float, timeout: float) -> list[dict[str, Any]]:
    results = []
    for i, path in enumerate(paths):
        target = folder / f"cli_{i}.json"
        start = time.monotonic()
        cli = [sys.executable, "-m", "answer_parser.cli", "parse", path, "-o", str(target)]
        proc = subprocess.Popen(  # in the wrapper that reports the exit code and the peak
            [sys.executable, "-c", _PEAK, *cli, "--timeout", str(timeout)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            preexec_fn=_limit,
            start_new_session=True,
        )
        try:
            report, err = proc.communicate(timeout=hang)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            results.append({"status": "hang", "peak_mb": 0})
            continue
        code, peak_kib = (int(v) for v in report.decode().split()[-2:])
        lines = err.decode("utf-8", "replace").strip().splitlines()
        if code == 0 and not lines and target.exists():
            status = "ok"
        elif code == 2 and len(lines) == 1 and not target.exists():
            status = "typed"
        else:
            status = "raw"
        results.append(
            {
                "status": status,
                "what": lines[-1][-120:] if lines else "",
                "seconds": time.monotonic() - start,
                "peak_mb": peak_kib // 1024,
            }
        )
        target.unlink(missing_ok=True)
    return results


# -- the batch, killed and resumed ---------------------------------------------------------------


def _wrapped(args: list[str]) -> subprocess.Popen[bytes]:
    """`args` in a wrapper of its own (a new session), which prints the exit code and the peak
    resident memory of the process and its children."""
    return subprocess.Popen(
        [sys.executable, "-c", _PEAK, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        preexec_fn=_limit,
        start_new_session=True,
    )


def _read_output(path: Path) -> dict[str, list[str]]:
    """path -> the digest of each of its records (a document's JSON or an error's code)."""
    records: dict[str, list[str]] = {}
    for line in path.read_bytes().splitlines():
        record = json.loads(line)
        what = record["error"]["code"] if "error" in record else hashlib.sha256(line).hexdigest()
        records.setdefault(record["source"]["path"], []).append(what)
    return records


def run_batch_route(folder: Path, work: Path, kills: int, timeout: float, seed: int) -> dict[str, Any]:
    """One uninterrupted batch (its codes, peak, exit code, stderr), then the same batch killed
    `kills` times (the batch and its workers at once, a power cut) and resumed: compared with the
    uninterrupted output record by record."""
    from answer_parser.batch import expand_inputs

    inputs, _missing = expand_inputs([str(folder)])

    def command(out: Path) -> list[str]:
        batch = [sys.executable, "-m", "answer_parser.cli", "batch", str(folder), "-o", str(out)]
        return [*batch, "--workers", "2", "--timeout", str(timeout)]

    clean = work / "clean.jsonl"
    start = time.monotonic()
    report, err = _wrapped(command(clean)).communicate(timeout=3600)
    seconds = time.monotonic() - start
    exit_code, peak_kib = (int(v) for v in report.decode().split()[-2:])
    stderr = err.decode("utf-8", "replace")
    out = work / "killed.jsonl"
    rng = random.Random(seed)
    killed = 0
    for round_ in range(kills + 1):
        proc = _wrapped(command(out) + (["--resume"] if round_ else []))
        if round_ < kills:  # at a random moment of the uninterrupted run's duration
            time.sleep(rng.uniform(0.1, 0.8) * seconds)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                killed += 1
        proc.communicate(timeout=3600)
    reference, resumed = _read_output(clean), _read_output(out)
    statuses: Counter[str] = Counter()
    whats: Counter[str] = Counter()
    for records in reference.values():
        code = records[0]
        if len(code) == 64:  # a document's digest
            statuses["ok"] += 1
            continue
        statuses["raw" if code in ("internal_error", "worker_crashed") else "typed"] += 1
        whats[code] += 1
    return {
        "inputs": len(inputs),
        "statuses": statuses,
        "whats": whats,
        "lost": sum(1 for p in inputs if p not in resumed),
        "doubled": sum(1 for p in inputs if len(resumed.get(p, ())) > 1),
        "differ": sum(1 for p in inputs if resumed.get(p, [None])[-1] != reference.get(p, [None])[0]),
        "killed": killed,
        "exit": exit_code,
        "tracebacks": stderr.count("Traceback"),
        "stderr_lines": len(stderr.splitlines()),
        "peak_mb": peak_kib // 1024,
        "seconds": seconds,
    }


# -- report --------------------------------------------------------------------------------------


def _row(name: str, results: list[dict[str, Any]], extra: str = "") -> str:
    statuses = Counter(r["status"] for r in results)
    peak = max((r.get("peak_mb", 0) for r in results), default=0)
    return (
        f"| {name} | {len(results)} | {statuses['ok']} | {statuses['typed']} | {statuses['raw']} | "
        f"{statuses['hang']} | {peak} | {extra} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mutants", type=int, default=240)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--hang", type=float, default=90.0, help="seconds of silence that count as a hang")
    ap.add_argument("--timeout", type=float, default=60.0, help="parse's own time bound per file")
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--routes", nargs="+", default=["parse", "pdfplumber", "cli", "batch"])
    ap.add_argument(
        "--reader", choices=["playa", "pdfplumber"], help="the reader of every route (default: the library's)"
    )
    args = ap.parse_args()
    if args.reader:  # every child reads with it ($ANSWER_PARSER_READER)
        ENV["ANSWER_PARSER_READER"] = args.reader
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    folder = work / "in"
    folder.mkdir()
    try:
        paths, kinds = build(folder, args.mutants, args.seed)
        print(f"{len(paths)} files ({Counter(kinds.values())}) in {folder}", file=sys.stderr)
        print(f"reader: {ENV.get('ANSWER_PARSER_READER') or 'the default'}")
        rows = []
        details: dict[str, Counter[str]] = {}
        for route in ("parse", "pdfplumber"):
            if route in args.routes:
                t = time.monotonic()
                results = run_in_child(route, paths, args.hang, args.timeout)
                details[route] = Counter(
                    f"{r['status']}:{r.get('what', '')}" for r in results if r["status"] != "ok"
                )
                label = "`parse()`" if route == "parse" else "pdfplumber (`open`, `page.chars`)"
                rows.append(_row(label, results, f"{time.monotonic() - t:.0f} s"))
        if "cli" in args.routes:
            t = time.monotonic()
            results = run_cli(paths, work, args.hang, args.timeout)
            details["cli"] = Counter(
                f"{r['status']}:{r.get('what', '')[:60]}" for r in results if r["status"] == "raw"
            )
            rows.append(_row("`answer-parser parse`", results, f"{time.monotonic() - t:.0f} s"))
        batch = None
        if "batch" in args.routes:
            batch = run_batch_route(folder, work, args.kills, args.timeout, args.seed)
            s = batch["statuses"]
            rows.append(
                f"| `answer-parser batch` (and {batch['killed']} kills + `--resume`) | {batch['inputs']} | "
                f"{s['ok']} | {s['typed']} | {s['raw']} | 0 | {batch['peak_mb']} | "
                f"lost {batch['lost']}, doubled {batch['doubled']}, different from the uninterrupted run "
                f"{batch['differ']}; exit {batch['exit']}, "
                f"{batch['seconds']:.0f} s |"
            )
        print("| route | files | ok | typed errors | raw exceptions | hangs | peak MB | notes |")
        print("|---|---|---|---|---|---|---|---|")
        for row in rows:
            print(row)
        for route, counter in details.items():
            print(f"\n{route}: " + ", ".join(f"{k} {n}" for k, n in counter.most_common()))
        if batch is not None:
            print(
                f"\nbatch codes: {dict(batch['whats'])}; stderr {batch['stderr_lines']} lines, "
                f"tracebacks {batch['tracebacks']}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
