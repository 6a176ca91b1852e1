"""Random tables through the fixture builder: how many come back exactly as their spec says.

    python benchmarks/table_fuzz.py [--n 40] [--seed 1] [--libreoffice] [--keep DIR] [--show 5]

Each round writes a random fixture spec (a written question and an answer whose first item
holds one table): 2-6 data columns of counts, shares, decimals or text; 3-12 rows with labels
drawn from real answers (some long enough to wrap); one header row or two with a group header
spanning columns; a `Totaal` row that adds up; any border style the producer draws. The spec
goes through the fixture builder (reportlab by default, `--libreoffice` for DOCX through
LibreOffice, slower) and its expected JSON is computed from the spec, never from the parser.
The parse is then compared with it (`answer_parser.golden.compare.diff`, as a subset, like the
fixture tests). Prints the share that matches and the first differences of the others, so a
failing case can be kept (`--keep`) and turned into a fixture.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtures.builder.__main__ import write_expected, write_pdf  # noqa: E402
from fixtures.builder.spec import load_spec  # noqa: E402

from answer_parser import parse, to_dict  # noqa: E402
from answer_parser.golden.compare import diff  # noqa: E402

LABELS = [
    "Antwerpen",
    "Limburg",
    "Oost-Vlaanderen",
    "Vlaams-Brabant",
    "West-Vlaanderen",
    "Brussels Hoofdstedelijk Gewest",
    "Agentschap Innovatie en Ondernemen (VLAIO)",
    "Departement Omgeving",
    "Vlaamse Milieumaatschappij",
    "18 - 29 jaar",
    "30 - 39 jaar",
    "40 - 49 jaar",
    "Onbekend",
    "Kortrijk",
    "Gent",
    "Hasselt",
    "Leuven",
    "Mechelen",
    "Agentschap voor Natuur en Bos, afdeling Beheer en Ondersteuning",
    "Gemeentelijke Basisschool De Zonnebloem",
]
TEXTS = [
    "in uitvoering",
    "opgeleverd in 2022",
    "aanbesteding lopend",
    "ontwerpfase, architect aangesteld in oktober 2023",
    "bouwaanvraag ingediend, start der werken gepland in het najaar",
    "stopgezet",
    "Kortrijk",
    "Brugge en Oostende",
]
HEADERS = {
    "count": ["aantal", "mannen", "vrouwen", "2021", "2022", "2023", "dossiers", "Subsidie (euro)"],
    "share": ["aandeel", "%", "procent"],
    "decimal": ["FTE", "gemiddelde", "ratio"],
    "text": ["Stand van zaken", "Gemeente", "Opmerking"],
}
TEMPLATE = ROOT / "fixtures" / "specs" / "tbl_total_mismatch.json"


def random_table(rng: random.Random, producer: str) -> dict[str, Any]:
    n = rng.randint(2, 6)
    kinds = [rng.choice(["count", "count", "count", "share", "decimal", "text"]) for _ in range(n)]
    if all(k == "text" for k in kinds):
        kinds[0] = "count"
    text_cols = "text" in kinds
    styles = ["grid", "horizontal", "horizontal_all"] + ([] if text_cols else ["none"])
    if producer == "reportlab":
        styles.append("grid_paths")
    borders = rng.choice(styles)
    names = [rng.choice(HEADERS[k]) for k in kinds]
    n_rows = rng.randint(3, 12)
    labels = rng.sample(LABELS, n_rows)
    rows: list[dict[str, Any]] = []
    for label in labels:
        cells: list[Any] = []
        for kind in kinds:
            if kind == "count":
                cells.append(rng.choice([rng.randint(0, 99), rng.randint(100, 99999)]))
            elif kind == "share":
                v = rng.randint(0, 1000) / 10
                raw = f"{v:.1f}".replace(".", ",") + rng.choice(["%", " %"])
                cells.append({"raw": raw, "value": v, "kind": "percent", "unit": "%"})
            elif kind == "decimal":
                v = rng.randint(0, 99999) / 10
                raw = f"{v:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
                cells.append({"raw": raw, "value": v, "kind": "decimal"})
            else:
                cells.append({"raw": rng.choice(TEXTS), "value": None, "kind": "text"})
        rows.append({"label": label, "cells": cells})
    if rng.random() < 0.6:
        total = [sum(r["cells"][i] for r in rows) if k == "count" else None for i, k in enumerate(kinds)]
        rows.append({"label": "Totaal", "bold": True, "cells": total})
    header: list[list[Any]] = [["Omschrijving", *names]]
    if borders != "grid_paths" and n >= 2 and rng.random() < 0.35:
        span = rng.randint(2, n)
        header = [
            [{"text": "Omschrijving", "rowspan": 2}, {"text": "Vlaams Gewest", "span": span}]
            + [{"text": t, "rowspan": 2} for t in names[span:]],
            names[:span],
        ]
    widths = [rng.choice([3.5, 4.2, 5.0])] + [
        # wide enough for its header word: producers break a word that does not fit
        max(4.0 if k == "text" else rng.choice([1.8, 2.2, 2.6]), 0.2 * len(name) + 0.4)
        for k, name in zip(kinds, names, strict=True)
    ]
    if sum(widths) > 16.0:  # the text width of an A4 page with 2.5 cm margins
        widths = [round(w * 16.0 / sum(widths) - 0.05, 1) for w in widths]
    return {
        "caption": f"Tabel 1: Overzicht {rng.randint(2019, 2024)}",
        "borders": borders,
        "col_widths_cm": widths,
        "indent": False,
        "header_rows": header,
        "rows": rows,
    }


def random_spec(rng: random.Random, name: str, producer: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(TEMPLATE.read_text("utf-8"))
    spec["name"] = name
    spec["producer"] = producer
    spec["comment"] = "random table (benchmarks/table_fuzz.py)"
    spec.pop("expect_warnings", None)
    spec["tables"] = [random_table(rng, producer)]
    return spec


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--libreoffice", action="store_true", help="build through LibreOffice (needs soffice)")
    ap.add_argument("--keep", type=Path, help="keep the specs, PDFs and expected JSON here")
    ap.add_argument("--show", type=int, default=5, help="differences shown per failing table")
    args = ap.parse_args()
    producer = "libreoffice" if args.libreoffice else "reportlab"
    rng = random.Random(args.seed)
    out = args.keep or Path(tempfile.mkdtemp(prefix="table_fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    ok = 0
    for i in range(args.n):
        name = f"fuzz_{args.seed}_{i:03d}"
        spec_file = out / f"{name}.json"
        spec_file.write_text(json.dumps(random_spec(rng, name, producer), ensure_ascii=False, indent=1))
        spec = load_spec(spec_file)
        expected = json.loads(write_expected(spec, out).read_text("utf-8"))
        pdf = write_pdf(spec, out, keep_docx=False)
        got = to_dict(parse(pdf))
        problems = diff({"tables": expected["tables"]}, {"tables": got["tables"]}, subset=True)
        table = spec.tables[0]
        what = f"{table.borders}, {len(table.rows)} rows x {table.n_cols} columns"
        what += f", {len(table.header_rows)} header rows"
        if problems:
            print(f"DIFF {name} ({what}): {len(problems)} differences")
            for line in problems[: args.show]:
                print(f"    {line}")
        else:
            ok += 1
    print(f"{producer}: {ok} of {args.n} random tables exact ({100 * ok / args.n:.0f}%), files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
