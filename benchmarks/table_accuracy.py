"""Cell accuracy of our table engine against pdfplumber's default `extract_tables()`.

For every fixture with tables in its expected JSON (written from the fixture's spec, not from the
parser), each expected body cell (the row's label and every data cell's printed text) counts as
found when the extracted table has a row with that label holding that text in that column.
Tables are matched to the extracted table that finds most of their cells.

    python benchmarks/table_accuracy.py [FIXTURE_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pdfplumber

import answer_parser
from answer_parser.dutch.text import collapse, join_lines

Grid = list[list[str]]


def _norm(text: str | None) -> str:
    return collapse(join_lines((text or "").splitlines()))


def expected_grids(expected: dict) -> list[Grid]:
    return [
        [
            [row["label"][-1] if row["label"] else "", *(c["raw"] for c in row["cells"])]
            for row in table["rows"]
        ]
        for table in expected.get("tables", [])
    ]


def plumber_grids(pdf_path: Path) -> list[Grid]:
    grids: list[Grid] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                grids.append([[_norm(c) for c in row] for row in table])
    return grids


def our_grids(pdf_path: Path) -> list[Grid]:
    doc = answer_parser.parse(pdf_path)
    return [
        [[row.label[-1] if row.label else "", *(c.raw for c in row.cells)] for row in table.rows]
        for table in doc.tables
    ]


def cells_found(truth: Grid, found: Grid) -> int:
    by_label: dict[str, list[list[str]]] = {}
    for row in found:
        if row:
            by_label.setdefault(row[0], []).append(row)
    hits = 0
    used: dict[str, int] = {}
    for row in truth:
        candidates = by_label.get(row[0], [])
        k = used.get(row[0], 0)
        if k >= len(candidates):
            continue
        used[row[0]] = k + 1
        got = candidates[k]
        hits += sum(1 for j, text in enumerate(row) if j < len(got) and got[j] == text)
    return hits


def score(truths: list[Grid], found: list[Grid]) -> tuple[int, int]:
    total = sum(len(row) for t in truths for row in t)
    hits = sum(max((cells_found(t, f) for f in found), default=0) for t in truths)
    return hits, total


def main(folder: Path) -> None:
    rows = []
    for expected_path in sorted(folder.glob("*.expected.json")):
        pdf_path = expected_path.with_name(expected_path.name.replace(".expected.json", ".pdf"))
        truths = expected_grids(json.loads(expected_path.read_text("utf-8")))
        if not truths or not pdf_path.exists():
            continue
        ours = score(truths, our_grids(pdf_path))
        theirs = score(truths, plumber_grids(pdf_path))
        rows.append((pdf_path.stem, ours, theirs))
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'fixture':{width}}  {'cells':>6}  {'answer_parser':>13}  {'pdfplumber':>10}")
    sum_ours = sum_theirs = sum_total = 0
    for name, (oh, total), (th, _) in rows:
        print(f"{name:{width}}  {total:6d}  {100 * oh / total:12.1f}%  {100 * th / total:9.1f}%")
        sum_ours, sum_theirs, sum_total = sum_ours + oh, sum_theirs + th, sum_total + total
    if sum_total:
        ours_pct, theirs_pct = 100 * sum_ours / sum_total, 100 * sum_theirs / sum_total
        print(f"{'all':{width}}  {sum_total:6d}  {ours_pct:12.1f}%  {theirs_pct:9.1f}%")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "fixtures")
