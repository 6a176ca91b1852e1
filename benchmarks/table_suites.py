"""Cell accuracy on other table extractors' test material, beside pdfplumber's and camelot's.

    python benchmarks/table_suites.py [--corpus ../shared/corpus/tables] [--no-camelot] [--only NAME]

Material (see the corpus README; nothing is copied into the project):

- `tabula-java/`: PDFs with tabula's expected output (`csv/NAME.csv`, else `json/NAME.json`), the
  ground truth of tabula's own tests. Scored for us, pdfplumber's default `extract_tables()` and
  camelot (`read_pdf(pages="all")`, lattice and stream, the better of the two per document:
  camelot asks its user to choose the flavour).
- `camelot/benchmark/{lattice,stream}/CASE/`: PDFs with each tool's extracted CSVs beside them
  and no independent truth. Camelot's CSVs are its benchmark's answer, so they are the reference
  here: the figures are agreement with camelot's output, for us, pdfplumber (run now) and tabula
  (its stored CSV).
- `pdfplumber/pdfs/`: no expected tables are stored with them (pdfplumber states its expectations
  in test code), so they are not scored.

Score: the expected cells are matched row by row. Each expected row takes the found row (of any
table of the document, each used once) that shares most cells with it, texts compared with
whitespace collapsed; a cell counts when the same text stands in the matched row. So a cell
counts wherever its column lands, but a row of numbers read as one text blob, or a value put in
the wrong row, does not. `cell recall` = counted / expected non-empty cells.
Uses only the public API of answer_parser.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pdfplumber

import answer_parser
from answer_parser.model import Table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "tables"

Rows = list[list[str]]


def norm(text: Any) -> str:
    return " ".join(str(text or "").split())


def read_csv_rows(path: Path) -> Rows:
    with path.open(newline="", encoding="utf-8", errors="replace") as f:
        return [[norm(c) for c in row] for row in csv.reader(f)]


def read_json_rows(path: Path) -> Rows:
    """Tabula's JSON: a list of tables, each with `data` (rows of cells with `text`)."""
    data = json.loads(path.read_text("utf-8"))
    tables = data if isinstance(data, list) else [data]
    rows: Rows = []
    for table in tables:
        body = table.get("data", []) if isinstance(table, dict) else table
        for row in body:
            rows.append([norm(c.get("text") if isinstance(c, dict) else c) for c in row])
    return rows


def table_rows(table: Table) -> Rows:
    """Our table as printed rows: the header rows (stub header, column paths level by level),
    then label and raw cells."""
    depth = max((len(c.path) for c in table.columns), default=0)
    rows: Rows = []
    for k in range(depth):
        stub = norm(table.stub_header) if k == 0 else ""
        rows.append([stub, *(norm(c.path[k]) if k < len(c.path) else "" for c in table.columns)])
    for row in table.rows:
        rows.append([norm(row.label[-1]) if row.label else "", *(norm(c.raw) for c in row.cells)])
    return rows


def ours(pdf: Path) -> Rows:
    try:
        doc = answer_parser.parse(pdf)
    except Exception as exc:  # any failure scores nothing, and is said
        print(f"    answer_parser failed on {pdf.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return []
    return [row for table in doc.tables for row in table_rows(table)]


def plumber(pdf: Path) -> Rows:
    rows: Rows = []
    try:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                for table in page.extract_tables():
                    rows += [[norm(c) for c in row] for row in table]
    except Exception as exc:
        print(f"    pdfplumber failed on {pdf.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return rows


def camelot_rows(pdf: Path, flavor: str) -> Rows:
    import camelot  # optional: pip install camelot-py

    rows: Rows = []
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
        for table in tables:
            rows += [[norm(c) for c in row] for row in table.df.values.tolist()]
    except Exception as exc:
        print(f"    camelot {flavor} failed on {pdf.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return rows


def match_rows(expected: Rows, found: Rows) -> list[tuple[int, int]]:
    """(found row, cells it shares) for each expected row that shares any: each expected row
    takes the unused found row sharing most cells with it."""
    bags = [Counter(c for c in row if c) for row in found]
    used = [False] * len(bags)
    out: list[tuple[int, int]] = []
    for row in expected:
        want = Counter(c for c in row if c)
        if not want:
            continue
        best, best_k = 0, -1
        for k, bag in enumerate(bags):
            if used[k]:
                continue
            shared = sum((want & bag).values())
            if shared > best:
                best, best_k = shared, k
        if best_k >= 0:
            used[best_k] = True
            out.append((best_k, best))
    return out


def cells_found(expected: Rows, found: Rows) -> tuple[int, int]:
    """(cells counted, expected non-empty cells): each expected row against the unused found
    row sharing most cells with it (`match_rows`)."""
    total = sum(1 for row in expected for c in row if c)
    return sum(shared for _, shared in match_rows(expected, found)), total


def tabula_cases(corpus: Path) -> Iterable[tuple[str, Path, Rows]]:
    base = corpus / "tabula-java"
    for pdf in sorted(base.glob("*.pdf")):
        csv_file, json_file = base / "csv" / f"{pdf.stem}.csv", base / "json" / f"{pdf.stem}.json"
        if csv_file.exists():
            yield pdf.stem, pdf, read_csv_rows(csv_file)
        elif json_file.exists():
            yield pdf.stem, pdf, read_json_rows(json_file)


def camelot_cases(corpus: Path) -> Iterable[tuple[str, Path, Rows, Rows]]:
    """(name, pdf, camelot's CSV rows as reference, tabula's stored CSV rows)."""
    for case in sorted((corpus / "camelot" / "benchmark").glob("*/*")):
        pdfs = sorted(case.glob("*.pdf"))
        refs = sorted(case.glob("*-camelot-*.csv"))
        if not pdfs or not refs:
            continue
        reference = [row for ref in refs for row in read_csv_rows(ref)]
        tabula = [row for t in sorted(case.glob("*-tabula*.csv")) for row in read_csv_rows(t)]
        yield f"{case.parent.name}/{case.name}", pdfs[0], reference, tabula


def pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}%" if total else "-"


def score_rows(
    name: str, expected: Rows, tools: Sequence[tuple[str, Callable[[], Rows]]], sums: dict[str, list[int]]
) -> None:
    cells = []
    for tool, run in tools:
        hits, total = cells_found(expected, run())
        sums.setdefault(tool, [0, 0])
        sums[tool][0] += hits
        sums[tool][1] += total
        cells.append(pct(hits, total))
    total = sum(1 for row in expected for c in row if c)
    print(f"| {name} | {total} | " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-camelot", action="store_true", help="do not run camelot even when installed")
    ap.add_argument("--only", help="only cases whose name contains this")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}")
        return 2
    have_camelot = False
    if not args.no_camelot:
        try:
            import camelot  # noqa: F401

            have_camelot = True
        except ImportError:
            print("camelot not installed (pip install camelot-py): its column is left out")

    def camelot_best(pdf: Path, expected: Rows) -> Callable[[], Rows]:
        def run() -> Rows:
            return max(
                (camelot_rows(pdf, f) for f in ("lattice", "stream")),
                key=lambda rows: cells_found(expected, rows)[0],
            )

        return run

    print("\n## tabula-java: cell recall against tabula's expected output\n")
    names = ["answer_parser", "pdfplumber", *(["camelot (best flavour)"] if have_camelot else [])]
    print("| case | cells | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names))
    sums: dict[str, list[int]] = {}
    for name, pdf, expected in tabula_cases(args.corpus):
        if args.only and args.only not in name:
            continue
        tools: list[tuple[str, Callable[[], Rows]]] = [
            ("answer_parser", lambda pdf=pdf: ours(pdf)),
            ("pdfplumber", lambda pdf=pdf: plumber(pdf)),
        ]
        if have_camelot:
            tools.append(("camelot (best flavour)", camelot_best(pdf, expected)))
        score_rows(name, expected, tools, sums)
    print(
        "| **all** | "
        + str(sums.get("answer_parser", [0, 0])[1])
        + " | "
        + " | ".join(f"**{pct(*sums[t])}**" for t in names if t in sums)
        + " |"
    )

    print("\n## camelot benchmark: agreement with camelot's stored CSV (no independent truth)\n")
    names2 = ["answer_parser", "pdfplumber", "tabula (stored CSV)"]
    print("| case | cells | " + " | ".join(names2) + " |\n|---|---|" + "---|" * len(names2))
    sums2: dict[str, list[int]] = {}
    for name, pdf, reference, tabula in camelot_cases(args.corpus):
        if args.only and args.only not in name:
            continue
        expected = reference
        tools2: list[tuple[str, Callable[[], Rows]]] = [
            ("answer_parser", lambda pdf=pdf: ours(pdf)),
            ("pdfplumber", lambda pdf=pdf: plumber(pdf)),
            ("tabula (stored CSV)", lambda tabula=tabula: tabula),
        ]
        score_rows(name, expected, tools2, sums2)
    print(
        "| **all** | "
        + str(sums2.get("answer_parser", [0, 0])[1])
        + " | "
        + " | ".join(f"**{pct(*sums2[t])}**" for t in names2 if t in sums2)
        + " |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
