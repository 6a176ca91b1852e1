"""Random tables through the fixture builder: how many come back exactly as their spec says.

    python benchmarks/table_fuzz.py [--n 10] [--seeds 1,2,3] [--classes base,dense]
                                    [--libreoffice] [--keep DIR] [--show 5]

Each round writes a random fixture spec (a written question and an answer whose first item
holds one table) of one class, goes through the fixture builder (reportlab by default,
`--libreoffice` for DOCX through LibreOffice, slower) and its expected JSON is computed from the
spec, never from the parser. The parse is then compared with it (`answer_parser.golden.compare.diff`,
as a subset, like the fixture tests). Prints the exact-match rate per class and the first
differences of the others, so a failing case can be kept (`--keep`) and turned into a fixture.

The classes (`--n` tables of each per seed):

- `base`: 2-6 data columns of counts, shares, decimals or text; 3-12 rows with labels drawn from
  real answers (some long enough to wrap); one header row or two with a group header spanning
  columns; a `Totaal` row that adds up; any border style the producer draws.
- `wrapped_header`: header cells broken over 2-3 lines inside their column ('Aantal' /
  'aanvragen', 'goedge-' / 'keurd' -> 'goedgekeurd', 'waarvan' / 'nieuw' -> 'waarvan nieuw'),
  beside one-line cells, sometimes under a group header.
- `numeric_header`: a header row of numbers under a spanning group ('Categorie' over 1 2 3,
  'Begrotingsjaar' over 2025 ... 2031), the stub header spanning both rows, sometimes shaded.
- `partial_rule`: booktabs rules whose rule under the header runs over the data columns only.
- `dense`: 10 rows x 9 narrow columns of percentages ('2,91%') under year columns, 8 pt.
- `rotated` (reportlab only): a wide table of amounts (years and a total) set sideways on a
  portrait page with its caption and notes.
- `caption_label`: captions numbered 'Tabel 2-1' or 'Tabel 3.4' (expected `label`, `number`
  null), above or below the table, sometimes with a source note.
- `thousands`: amounts 'in duizend euro' / 'in miljoen euro' in the caption, each rounded, with
  a total that is the rounded sum (so it may differ by 1 from the printed terms): exact means
  the table and no `total_mismatch` warning.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtures.builder.__main__ import write_expected, write_pdf  # noqa: E402
from fixtures.builder.spec import load_spec  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

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


#: cm a producer keeps free beside a cell's text: Word's cell margins (0.19 cm each side), bold
#: headers and indents included
CELL_ROOM_CM = 0.7


def word_cm(word: str, size: float = 9.0) -> float:
    """Printed width of a word in bold Helvetica (Liberation Sans has the same metrics)."""
    return stringWidth(word, "Helvetica-Bold", size) / 72 * 2.54


def fit_words(widths: list[float], texts: list[list[str]], rows: list[dict[str, Any]]) -> list[float]:
    """Each column at least as wide as its longest word and number (a producer breaks a word
    that does not fit its cell, without a hyphen: a reading no parser can undo), the others
    narrowed in turn so the table keeps to the page's 16 cm."""
    need = []
    for col, words in enumerate(texts):
        cells = (
            [
                str(
                    r["cells"][col - 1]["raw"]
                    if isinstance(r["cells"][col - 1], dict)
                    else r["cells"][col - 1]
                )
                for r in rows
                if r["cells"][col - 1] is not None
            ]
            if col
            else []
        )
        longest = max((word_cm(w) for t in [*words, *cells] for w in t.split()), default=0.0)
        need.append(round(longest + CELL_ROOM_CM + 0.05, 1))
    out = [max(w, m) for w, m in zip(widths, need, strict=True)]
    while sum(out) > 16.0:
        spare = [w - m for w, m in zip(out, need, strict=True)]
        k = max(range(len(out)), key=spare.__getitem__)
        if spare[k] <= 0:
            break  # cannot fit: the table is wider than the page
        out[k] = round(out[k] - min(spare[k], sum(out) - 16.0) - 0.05, 1)
        out[k] = max(out[k], need[k])
    return out


def base_table(rng: random.Random, producer: str) -> dict[str, Any]:
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
    widths = fit_words(widths, [[r["label"] for r in rows], *([names[i]] for i in range(n))], rows)
    return {
        "caption": f"Tabel 1: Overzicht {rng.randint(2019, 2024)}",
        "borders": borders,
        "col_widths_cm": widths,
        "indent": False,
        "header_rows": header,
        "rows": rows,
    }


SHORT_LABELS = [
    "Antwerpen",
    "Limburg",
    "Oost-Vlaanderen",
    "Vlaams-Brabant",
    "West-Vlaanderen",
    "Brussel",
    "Vlaanderen",
    "Wallonië",
    "Gent",
    "Hasselt",
    "Leuven",
    "Mechelen",
    "Kortrijk",
    "Brugge",
]
#: Header texts broken over lines inside their column ('\n' is the printed line break).
WRAPPED_HEADERS = [
    "Aantal\naanvragen",
    "Gemiddelde duur\n(maanden)",
    "goedge-\nkeurd",
    "waarvan\nnieuw",
    "Aantal\ngoedge-\nkeurde",
    "Bedrag\n(euro)",
    "Aantal\ndossiers\nafgehandeld",
    "Instroom\nstudenten",
    "Uitstroom\nzonder\ndiploma",
]
WRAPPED_STUBS = ["Leeftijds-\ncategorie", "Provincie", "Omschrijving", "Type\nvoorziening"]
BORDERS_ANY = ["grid", "horizontal", "horizontal_all", "none"]
GREY = "D9D9D9"


def dutch_amount(value: float, decimals: int = 0) -> str:
    """12345.6 -> '12.345,6' (the Dutch grouping and decimal signs)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def line_width_cm(text: str, size: float = 9.0) -> float:
    """Room for the longest printed line of a (bold) header text, padding included."""
    longest = max(len(line) for line in text.split("\n"))
    return round(0.022 * size * longest + 0.5, 1)


def count_rows(rng: random.Random, labels: list[str], n_cols: int, top: int = 99999) -> list[dict[str, Any]]:
    return [{"label": label, "cells": [rng.randint(0, top) for _ in range(n_cols)]} for label in labels]


def add_total(rows: list[dict[str, Any]]) -> None:
    n = len(rows[0]["cells"])
    rows.append(
        {"label": "Totaal", "bold": True, "cells": [sum(r["cells"][i] for r in rows) for i in range(n)]}
    )


def fit_widths(widths: list[float], room: float = 16.0) -> list[float]:
    """Scale the widths down to the text width of the page when they are wider."""
    if sum(widths) <= room:
        return widths
    return [round(w * room / sum(widths) - 0.05, 1) for w in widths]


def wrapped_header_table(rng: random.Random, producer: str) -> dict[str, Any]:
    n = rng.randint(2, 5)
    names = [
        rng.choice(WRAPPED_HEADERS) if rng.random() < 0.7 else rng.choice(["aantal", "2023", "totaal"])
        for _ in range(n)
    ]
    stub = rng.choice(WRAPPED_STUBS)
    rows = count_rows(rng, rng.sample(LABELS[:12], rng.randint(3, 10)), n)
    if rng.random() < 0.5:
        add_total(rows)
    header: list[list[Any]] = [[stub, *names]]
    if n >= 2 and rng.random() < 0.3:
        span = rng.randint(2, n)
        header = [
            [{"text": stub, "rowspan": 2}, {"text": "Vlaams Gewest", "span": span}]
            + [{"text": t, "rowspan": 2} for t in names[span:]],
            names[:span],
        ]
    widths = [max(4.2, line_width_cm(stub))] + [max(1.8, line_width_cm(t)) for t in names]
    return {
        "caption": f"Tabel 1: Aanvragen per provincie {rng.randint(2019, 2024)}",
        "borders": rng.choice(BORDERS_ANY),
        "header_fill": rng.choice([None, GREY]),
        "col_widths_cm": fit_widths(widths),
        "indent": False,
        "header_rows": header,
        "rows": rows,
    }


def numeric_header_table(rng: random.Random, producer: str) -> dict[str, Any]:
    if rng.random() < 0.5:
        group, first, n = "Categorie", 1, rng.randint(3, 5)
    else:
        group, first, n = rng.choice(["Begrotingsjaar", "Jaar", "Meerjarenraming"]), 2025, rng.randint(3, 7)
    numbers = [str(first + i) for i in range(n)]
    stub = rng.choice(["Omschrijving", "Provincie", "Sector"])
    rows = count_rows(rng, rng.sample(LABELS[:12], rng.randint(3, 10)), n, top=rng.choice([999, 99999]))
    if rng.random() < 0.5:
        add_total(rows)
    header = [[{"text": stub, "rowspan": 2}, {"text": group, "span": n}], numbers]
    return {
        "caption": f"Tabel 1: Verdeling per {group.lower()}",
        "borders": rng.choice(BORDERS_ANY),
        "header_fill": rng.choice([None, GREY]),
        "col_widths_cm": fit_widths([rng.choice([3.5, 4.2, 5.0])] + [rng.choice([1.6, 1.8, 2.2])] * n),
        "indent": False,
        "header_rows": header,
        "rows": rows,
    }


def partial_rule_table(rng: random.Random, producer: str) -> dict[str, Any]:
    table = base_table(rng, producer)
    table["borders"] = "horizontal_data"
    return table


def dense_table(rng: random.Random, producer: str) -> dict[str, Any]:
    n = 9
    first = rng.choice([2023, 2024, 2025])
    years = [str(first + i) for i in range(n)]
    rows: list[dict[str, Any]] = []
    for label in rng.sample(SHORT_LABELS, 10):
        cells: list[Any] = []
        for _ in range(n):
            v = rng.randint(0, 1500) / 100
            cells.append(
                {"raw": f"{v:.2f}".replace(".", ",") + "%", "value": v, "kind": "percent", "unit": "%"}
            )
        rows.append({"label": label, "cells": cells})
    stub = rng.choice(["Gewest", "Gemeente", ""])
    return {
        "caption": "Tabel 1: Groeivoet per jaar",
        "borders": rng.choice(BORDERS_ANY),
        "font_size": 8.0,
        "col_widths_cm": [2.8] + [1.45] * n,
        "indent": False,
        "header_rows": [[stub, *years]],
        "rows": rows,
    }


def rotated_table(rng: random.Random, producer: str) -> dict[str, Any]:
    n_years = rng.randint(7, 11)
    first = rng.choice([2012, 2014, 2016])
    names = [str(first + i) for i in range(n_years)] + ["Totaal"]
    rows: list[dict[str, Any]] = []
    for label in rng.sample(LABELS[:13], rng.randint(5, 12)):
        cells = [rng.randint(0, 99999) for _ in range(n_years)]
        rows.append({"label": label, "cells": [*cells, sum(cells)]})
    add_total(rows)
    return {
        "caption": f"Tabel {rng.randint(11, 36)}: Uitgaven per jaar (in euro)",
        "borders": rng.choice(BORDERS_ANY),
        "font_size": 8.0,
        "col_widths_cm": fit_widths([4.6] + [1.6] * n_years + [1.8], room=23.5),  # the page's height
        "indent": False,
        "header_rows": [["Entiteit", *names]],
        "rows": rows,
        "notes": ["Bron: Departement Financiën en Begroting"] if rng.random() < 0.5 else [],
        "rotated": True,
    }


def caption_label_table(rng: random.Random, producer: str) -> dict[str, Any]:
    table = base_table(rng, producer)
    a, b = rng.randint(1, 9), rng.randint(1, 12)
    table["caption"] = rng.choice(
        [
            f"Tabel {a}-{b}: Overzicht per entiteit",
            f"Tabel {a}.{b} - Overzicht per entiteit",
            f"Tabel {a}.{b}. Overzicht",
        ]
    )
    table["caption_position"] = rng.choice(["above", "below"])
    if rng.random() < 0.4:
        table["notes"] = ["Bron: Agentschap Binnenlands Bestuur"]
    return table


def thousands_table(rng: random.Random, producer: str) -> dict[str, Any]:
    scale, unit, decimals = rng.choice(
        [(1000, "in duizend euro", 0), (1000, "in € dz", 0), (1e6, "in miljoen euro", 1)]
    )
    n = rng.randint(2, 5)
    first = rng.choice([2021, 2022, 2023])
    exact = [[rng.randint(0, 900_000_000) / 100 for _ in range(n)] for _ in range(rng.randint(3, 10))]
    labels = rng.sample(LABELS[:12], len(exact))

    def cell(euro: float) -> dict[str, Any]:
        shown = round(euro / scale, decimals)
        value: int | float = int(shown) if decimals == 0 else shown
        return {
            "raw": dutch_amount(shown, decimals),
            "value": value,
            "kind": "integer" if decimals == 0 else "decimal",
        }

    rows: list[dict[str, Any]] = [
        {"label": label, "cells": [cell(v) for v in values]}
        for label, values in zip(labels, exact, strict=True)
    ]
    totals = [sum(values[i] for values in exact) for i in range(n)]
    rows.append({"label": "Totaal", "bold": True, "cells": [cell(t) for t in totals]})
    return {
        "caption": f"Tabel 1: Uitgaven per entiteit ({unit})",
        "borders": rng.choice(BORDERS_ANY),
        "col_widths_cm": fit_widths([5.0] + [2.2] * n),
        "indent": False,
        "header_rows": [["Entiteit", *(str(first + i) for i in range(n))]],
        "rows": rows,
    }


CLASSES: dict[str, Callable[[random.Random, str], dict[str, Any]]] = {
    "base": base_table,
    "wrapped_header": wrapped_header_table,
    "numeric_header": numeric_header_table,
    "partial_rule": partial_rule_table,
    "dense": dense_table,
    "rotated": rotated_table,
    "caption_label": caption_label_table,
    "thousands": thousands_table,
}
REPORTLAB_ONLY = {"rotated"}
#: Warnings a class's table must not raise: its totals add up within the rounding it states.
FORBIDDEN_WARNINGS = {"thousands": {"total_mismatch"}}


def random_spec(rng: random.Random, name: str, producer: str, kind: str = "base") -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(TEMPLATE.read_text("utf-8"))
    spec["name"] = name
    spec["producer"] = producer
    spec["comment"] = f"random table of class {kind} (benchmarks/table_fuzz.py)"
    spec.pop("expect_warnings", None)
    spec["tables"] = [CLASSES[kind](rng, producer)]
    return spec


def run_one(spec_data: dict[str, Any], out: Path, kind: str) -> list[str]:
    """The differences between the parse of one random spec's PDF and its expected JSON."""
    spec_file = out / f"{spec_data['name']}.json"
    spec_file.write_text(json.dumps(spec_data, ensure_ascii=False, indent=1))
    spec = load_spec(spec_file)
    expected = json.loads(write_expected(spec, out).read_text("utf-8"))
    pdf = write_pdf(spec, out, keep_docx=False)
    try:
        got = to_dict(parse(pdf))
    except Exception as exc:  # a crash is a miss, reported like a difference
        return [f"parse failed: {type(exc).__name__}: {exc}"]
    problems = diff({"tables": expected["tables"]}, {"tables": got["tables"]}, subset=True)
    codes = {w["code"] for w in got.get("warnings", [])}
    problems += [f"warning {code} raised" for code in sorted(codes & FORBIDDEN_WARNINGS.get(kind, set()))]
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10, help="tables per class and seed")
    ap.add_argument("--seeds", default="1", help="comma-separated seeds, e.g. 1,2,3")
    ap.add_argument("--classes", default=",".join(CLASSES), help="comma-separated classes")
    ap.add_argument("--libreoffice", action="store_true", help="build through LibreOffice (needs soffice)")
    ap.add_argument("--keep", type=Path, help="keep the specs, PDFs and expected JSON here")
    ap.add_argument("--show", type=int, default=5, help="differences shown per failing table")
    args = ap.parse_args()
    producer = "libreoffice" if args.libreoffice else "reportlab"
    if args.libreoffice and shutil.which("soffice") is None:
        print("--libreoffice: soffice is not installed")
        return 2
    seeds = [int(s) for s in args.seeds.split(",") if s]
    kinds = [k for k in args.classes.split(",") if k]
    unknown = [k for k in kinds if k not in CLASSES]
    if unknown:
        ap.error(f"unknown classes {unknown}; known: {', '.join(CLASSES)}")
    out = args.keep or Path(tempfile.mkdtemp(prefix="table_fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    tally: dict[str, list[int]] = {}
    for kind in kinds:
        if producer != "reportlab" and kind in REPORTLAB_ONLY:
            continue
        for seed in seeds:
            rng = random.Random(f"{seed}-{kind}")
            for i in range(args.n):
                name = f"fuzz_{kind}_{seed}_{i:03d}"
                spec_data = random_spec(rng, name, producer, kind)
                problems = run_one(spec_data, out, kind)
                table = spec_data["tables"][0]
                counts = tally.setdefault(kind, [0, 0])
                counts[1] += 1
                if problems:
                    shape = f"{len(table['rows'])} rows x {len(table['col_widths_cm'])} columns"
                    what = f"{table['borders']}, {shape}"
                    print(f"DIFF {name} ({what}): {len(problems)} differences", flush=True)
                    for line in problems[: args.show]:
                        print(f"    {line}")
                else:
                    counts[0] += 1
    print(f"\n{producer}, seeds {args.seeds}, {args.n} tables per class and seed; files in {out}")
    print("| class | exact | of | rate |\n|---|---|---|---|")
    for kind, (ok, n) in tally.items():
        print(f"| {kind} | {ok} | {n} | {100 * ok / n:.0f}% |")
    ok_all, n_all = sum(c[0] for c in tally.values()), sum(c[1] for c in tally.values())
    print(f"| all | {ok_all} | {n_all} | {100 * ok_all / max(n_all, 1):.0f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
