"""What the tables' parsing report says (`Table.report`, docs/tables.md "Parsing report"), and
whether its confidence tells right tables from wrong ones.

    python benchmarks/table_confidence.py [--nl DIR] [--tables DIR] [--jsonl FILE] [--workers N]

1. Distribution: every table of ../shared/corpus/nl and ../shared/corpus/tables by confidence,
   by method, the doubts that lowered it and the steps that fired.
2. Against expected output (../shared/corpus/tables: tabula-java's expected CSV/JSON, camelot's
   benchmark CSVs; see benchmarks/table_suites.py): each of our tables' *cell precision*, the
   share of its filled cells (header texts, labels, raw cells, as `table_suites.table_rows`
   prints them) that stand in the expected row matched to theirs (rows matched as
   `table_suites.cells_found` matches them: each expected row takes the unused found row
   sharing most cells). A wrong table (a blob row, a false table, misplaced rows) scores low.
   Printed by confidence band: tables, mean precision, cells found / cells.

The expected output does not always list every table a document prints (tabula's files hold the
table its test is about), so a right table can score 0: the figures are a lower bound.

`--jsonl FILE` keeps the parsed documents (written when FILE does not exist, read when it does),
so that a change of weights in `tables/report.py` is measured again without parsing: every
confidence is computed anew from the report's fields (`report.score`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs
from table_suites import Rows, camelot_cases, match_rows, table_rows, tabula_cases

import answer_parser
from answer_parser.model import Document, Table, TableReport
from answer_parser.tables.report import DOUBTS, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
#: the confidence bands printed (lower bounds)
BANDS = (0.0, 0.5, 0.8, 0.95)
#: the split the summary line compares
SPLIT = 0.8


def parse_all(pdfs: Sequence[Path], jsonl: Path | None, workers: int) -> dict[str, Document]:
    """Documents by resolved path, parsed over `workers` processes or read from `jsonl`."""
    if jsonl is not None and jsonl.exists():
        docs = [answer_parser.from_dict(json.loads(line)) for line in jsonl.read_text("utf-8").splitlines()]
        return {d.source.path or "": d for d in docs}
    out: dict[str, Document] = {}
    for result in answer_parser.parse_many([str(p) for p in pdfs], workers=workers):
        if isinstance(result, answer_parser.ErrorRecord):
            print(f"    {result.path}: {result.code}", file=sys.stderr)
            continue
        out[result.source.path or ""] = result
    if jsonl is not None:
        jsonl.write_text("".join(answer_parser.to_json(d, indent=None) + "\n" for d in out.values()), "utf-8")
    return out


def rescored(table: Table) -> Table:
    """The table with its confidence computed from its report's fields by today's weights."""
    return attrs.evolve(table, report=score(table.report)) if table.report is not None else table


def table_precision(expected: Rows, tables: Sequence[Table]) -> list[tuple[int, int, int]]:
    """Per table: (its cells that stand in the matched expected row, its filled cells, the filled
    cells of its rows matched to an expected row)."""
    found: list[tuple[int, list[str]]] = [(k, row) for k, t in enumerate(tables) for row in table_rows(t)]
    hits = [0] * len(tables)
    matched = [0] * len(tables)
    for j, shared in match_rows(expected, [row for _, row in found]):
        k, row = found[j]
        hits[k] += shared
        matched[k] += sum(1 for c in row if c)
    sizes = [0] * len(tables)
    for k, row in found:
        sizes[k] += sum(1 for c in row if c)
    return list(zip(hits, sizes, matched, strict=True))


def band_of(confidence: float) -> float:
    return max(b for b in BANDS if confidence >= b)


def distribution(name: str, tables: Iterable[Table]) -> None:
    reports = [t.report for t in tables if t.report is not None]
    print(f"\n## {name}: {len(reports)} tables\n")
    if not reports:
        return
    by_band = Counter(band_of(r.confidence) for r in reports)
    print("| confidence | tables |\n|---|---|")
    for b in BANDS:
        print(f"| >= {b:.2f} | {by_band.get(b, 0)} |")
    conf = sorted(r.confidence for r in reports)
    print(f"\nmedian {conf[len(conf) // 2]:.2f}, mean {sum(conf) / len(conf):.2f}")
    methods: dict[str, list[float]] = defaultdict(list)
    for r in reports:
        methods[r.method].append(r.confidence)
    print("\n| method | tables | mean confidence |\n|---|---|---|")
    for m, cs in sorted(methods.items()):
        print(f"| {m} | {len(cs)} | {sum(cs) / len(cs):.2f} |")
    doubts = Counter(d for r in reports for d in r.doubts)
    steps = Counter(s for r in reports for s in r.steps)
    print("\ndoubts: " + ", ".join(f"{d} {n}" for d, n in doubts.most_common()))
    print("steps: " + ", ".join(f"{s} {n}" for s, n in steps.most_common()))


def per_document(tables_of: Mapping[str, Sequence[Table]]) -> None:
    """One line per document: its tables, their mean confidence, how many fall below `SPLIT`."""
    print(f"\n| document | tables | mean confidence | below {SPLIT} |\n|---|---|---|---|")
    for path, tables in sorted(tables_of.items()):
        confs = [t.report.confidence for t in tables if t.report is not None]
        if confs:
            low = sum(1 for c in confs if c < SPLIT)
            print(f"| {Path(path).stem} | {len(confs)} | {sum(confs) / len(confs):.2f} | {low} |")


#: a table's report, its cells found, its filled cells, the filled cells of its matched rows
Scored = tuple[TableReport, int, int, int]


def correlation(scored: Sequence[Scored], title: str) -> None:
    """Per band: tables, then the mean of their precisions and the cells found of all their cells,
    over every row and over the matched rows only; then the split at `SPLIT`."""
    print(f"\n## cell precision by confidence: {title}\n")
    print("| confidence | tables | precision: mean | cells | matched rows: mean | cells |")
    print("|---|---|---|---|---|---|")
    for b in BANDS:
        _line(f">= {b:.2f}", [s for s in scored if band_of(s[0].confidence) == b])
    _line(f"**>= {SPLIT}**", [s for s in scored if s[0].confidence >= SPLIT])
    _line(f"**< {SPLIT}**", [s for s in scored if s[0].confidence < SPLIT])


def _line(name: str, rows: Sequence[Scored]) -> None:
    if not rows:
        print(f"| {name} | 0 | - | - | - | - |")
        return
    hits = sum(h for _, h, _, _ in rows)
    cells = sum(n for _, _, n, _ in rows)
    matched = sum(m for _, _, _, m in rows)
    mean = _mean([h / n for _, h, n, _ in rows])
    mean_matched = _mean([h / m for _, h, _, m in rows if m])
    print(
        f"| {name} | {len(rows)} | {mean} | {_mean([hits / cells])} ({hits}/{cells}) "
        f"| {mean_matched} | {_mean([hits / max(matched, 1)])} ({hits}/{matched}) |"
    )


def _mean(values: Sequence[float]) -> str:
    return f"{100 * sum(values) / len(values):.1f}%" if values else "-"


def by_doubt(scored: Sequence[Scored]) -> None:
    """Mean precision (matched rows) of the tables with each doubt and of those without it."""
    print("\n## each doubt: mean precision (matched rows) of the covered tables with it and without it\n")
    print("| doubt | tables with it | with | without |\n|---|---|---|---|")
    for doubt in DOUBTS:
        has = [h / m for r, h, _, m in scored if m and doubt in r.doubts]
        hasnt = [h / m for r, h, _, m in scored if m and doubt not in r.doubts]
        print(f"| {doubt} | {len(has)} | {_mean(has)} | {_mean(hasnt)} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nl", type=Path, default=SHARED / "nl")
    ap.add_argument("--tables", type=Path, default=SHARED / "tables")
    ap.add_argument("--jsonl", type=Path, help="keep the parsed documents here (read when it exists)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--show-low", type=float, default=0.0, help="list tables below this confidence")
    args = ap.parse_args()
    nl = sorted(args.nl.rglob("*.pdf")) if args.nl.is_dir() else []
    suites = sorted(args.tables.rglob("*.pdf")) if args.tables.is_dir() else []
    docs = parse_all([*nl, *suites], args.jsonl, args.workers)
    tables_of = {path: [rescored(t) for t in doc.tables] for path, doc in docs.items()}
    nl_names = {str(p) for p in nl}
    distribution("../shared/corpus/nl", (t for p, ts in tables_of.items() if p in nl_names for t in ts))
    per_document({p: ts for p, ts in tables_of.items() if p in nl_names})
    distribution(
        "../shared/corpus/tables", (t for p, ts in tables_of.items() if p not in nl_names for t in ts)
    )
    cases = [(name, pdf, expected) for name, pdf, expected in tabula_cases(args.tables)]
    cases += [(name, pdf, reference) for name, pdf, reference, _ in camelot_cases(args.tables)]
    scored: list[Scored] = []
    for name, pdf, expected in cases:
        tables = tables_of.get(str(pdf), [])
        for table, (hits, size, matched) in zip(tables, table_precision(expected, tables), strict=True):
            r = table.report
            if r is None or not size:
                continue
            scored.append((r, hits, size, matched))
            if r.confidence < args.show_low:
                doubts = "/".join(r.doubts)
                print(
                    f"    {name} table {table.index}: {r.confidence:.2f} {r.method} {doubts}: {hits}/{size}"
                )
    correlation(scored, "every table of a document with expected output")
    covered = [s for s in scored if s[1]]
    correlation(covered, "the tables the expected output covers (one cell found at least)")
    by_doubt(covered)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
