"""Random bulletins: built by the fixture builder, parsed, compared with their spec.

    python benchmarks/bulletin_fuzz.py [--count 20] [--seed 0] [--producer reportlab]

Each bulletin i is drawn with `random.Random(seed + i)`: one or two columns, two to four sections,
one to three ministers per section, one to three questions per minister (sub-questions or none,
an answer with numbered items or one unnumbered item, a small table with a total now and then,
no answer in section III). It is built with the chosen producer; the pages of its questions and
the contents pages are read back from the built PDF (`fixtures.builder.bulletin_pages`, not the
parser) and it is built again with them. The parse is compared with the expected JSON of the
spec (`fixtures.builder.bulletin.build_bulletin_expected`), as the golden tests do. Prints one
line per bulletin and the share of questions read exactly; exits 1 when a bulletin differs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.builder import bulletin_docx, bulletin_reportlab  # noqa: E402
from fixtures.builder.bulletin import BulletinSpec, build_bulletin_expected, parse_bulletin  # noqa: E402
from fixtures.builder.bulletin_pages import found_pages  # noqa: E402

MINISTERS = [
    (
        "KRIS PEETERS",
        "Kris Peeters",
        "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ECONOMIE",
    ),
    ("HILDE CREVITS", "Hilde Crevits", "VLAAMS MINISTER VAN OPENBARE WERKEN, ENERGIE, LEEFMILIEU EN NATUUR"),
    ("STEVEN VANACKERE", "Steven Vanackere", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN"),
    (
        "FRANK VANDENBROUCKE",
        "Frank Vandenbroucke",
        "VICE-MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN WERK, ONDERWIJS EN VORMING",
    ),
    ("GERT BOURGEOIS", "Gert Bourgeois", "VLAAMS MINISTER VAN BESTUURSZAKEN, BUITENLANDS BELEID EN MEDIA"),
    ("MARINO KEULEN", "Marino Keulen", "VLAAMS MINISTER VAN BINNENLANDS BESTUUR, STEDENBELEID EN WONEN"),
]
ASKERS = [
    ("JAN LOONES", "Jan Loones"),
    ("VERA JANS", "Vera Jans"),
    ("JOS DE MEYER", "Jos De Meyer"),
    ("MARC VAN DEN ABEELEN", "Marc Van den Abeelen"),
    ("KATHLEEN HELSEN", "Kathleen Helsen"),
    ("SVEN GATZ", "Sven Gatz"),
    ("JOKE SCHAUVLIEGE", "Joke Schauvliege"),
]
TITLES = [
    "Kinderopvang - Wachtlijsten",
    "Fietspaden langs gewestwegen - Onderhoud",
    "Sociale huisvesting - Wachttijden",
    "Innovatiepremies - Evaluatie",
    "Scholenbouw - Inhaalbeweging",
    "Windturbines - Vergunningen",
    "Toerisme - Overnachtingen aan de kust",
]
SENTENCES = [
    "In verschillende gemeenten lopen de wachttijden de voorbije jaren sterk op.",
    "De administratie heeft de gegevens voor de provincies opgevraagd bij de betrokken diensten.",
    "Het aantal dossiers is in vergelijking met het vorige jaar licht gestegen.",
    "De middelen worden verdeeld volgens de criteria die in het decreet zijn vastgelegd.",
    "Een evaluatie van de regeling is gepland voor het einde van het jaar.",
    "De cijfers voor het lopende jaar zijn nog voorlopig en kunnen nog wijzigen.",
    "Ik verwijs ook naar het antwoord op een eerdere vraag over hetzelfde onderwerp.",
    "De gemeenten worden hierover met een omzendbrief geinformeerd.",
]
QUESTIONS = [
    "Hoeveel aanvragen werden er vorig jaar per provincie ingediend?",
    "Welke maatregelen neemt de minister om de termijnen te verkorten?",
    "Wat is de stand van zaken van het onderzoek?",
    "Welk budget is daarvoor uitgetrokken?",
    "Wanneer worden de resultaten verwacht?",
]
PROVINCES = ["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]
SECTIONS = [
    [
        "I. VRAGEN VAN DE VLAAMSE VOLKSVERTEGENWOORDIGERS EN ANTWOORDEN VAN DE MINISTERS",
        "A. Vragen waarop werd geantwoord binnen de reglementaire termijn",
    ],
    ["B. Vragen waarop werd geantwoord na het verstrijken van de reglementaire termijn"],
    ["II. Vragen waarop een voorlopig antwoord werd gegeven"],
    ["III. Vragen waarop niet werd geantwoord binnen de reglementaire termijn"],
]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "oktober", "november", "december"]


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(SENTENCES, n))


def table(rng: random.Random, columns: int) -> dict[str, Any]:
    n_cols = rng.choice([1, 2])
    rows = [[rng.randint(20, 2500) for _ in range(n_cols)] for _ in PROVINCES]
    totals = [sum(r[c] for r in rows) for c in range(n_cols)]
    widths = [3.0] + [2.0] * n_cols if columns == 2 else [4.0] + [2.6] * n_cols
    return {
        "caption": rng.choice([None, "Tabel 1: Aantal dossiers per provincie"]),
        "borders": rng.choice(["grid", "horizontal"]),
        "font_size": 8,
        "col_widths_cm": widths,
        "header_rows": [["Provincie", *["Aantal", "Bedrag"][:n_cols]]],
        "rows": [{"label": p, "cells": r} for p, r in zip(PROVINCES, rows, strict=True)]
        + [{"label": "Totaal", "bold": True, "cells": totals}],
    }


def question(rng: random.Random, number: int, answered: bool, columns: int) -> dict[str, Any]:
    raw, name = rng.choice(ASKERS)
    items = [
        {"number": str(k + 1), "blocks": [q]}
        for k, q in enumerate(rng.sample(QUESTIONS, rng.choice([0, 2, 3])))
    ]
    tables: list[dict[str, Any]] = []
    answer = None
    if answered:
        blocks: list[Any] = [paragraph(rng, rng.randint(1, 3))]
        if rng.random() < 0.35:
            tables.append(table(rng, columns))
            blocks += [{"table": 0}, paragraph(rng, 1)]
        if items and rng.random() < 0.6:
            answer_items = [
                {"number": it["number"], "blocks": [paragraph(rng, rng.randint(1, 3))]} for it in items
            ]
            answer_items[0]["blocks"] = blocks
        else:
            answer_items = [{"number": None, "blocks": blocks}]
        answer = {"intro": [], "items": answer_items}
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2007"
    return {
        "number": number,
        "date": day,
        "asker": {"raw": raw, "name": name},
        "title": rng.choice(TITLES),
        "intro": [paragraph(rng, rng.randint(1, 2))],
        "items": items,
        "answer": answer,
        "tables": tables,
        "pages": [1, 1],
    }


def random_spec(rng: random.Random, index: int, producer: str) -> dict[str, Any]:
    columns = rng.choice([1, 2])
    chosen = sorted(rng.sample(range(len(SECTIONS)), rng.randint(2, 4)))
    number = rng.randint(1, 40)
    sections = []
    for s in chosen:
        ministers = []
        for raw, name, office in rng.sample(MINISTERS, rng.randint(1, 3)):
            questions = []
            for _ in range(rng.randint(1, 3)):
                number += rng.randint(1, 30)
                questions.append(question(rng, number, answered=s != 3, columns=columns))
            ministers.append(
                {
                    "person": {"raw": raw, "name": name},
                    "office": office,
                    "contents_page": 1,
                    "questions": questions,
                }
            )
        sections.append({"headings": SECTIONS[s], "ministers": ministers})
    return {
        "name": f"bulletin_fuzz_{index}",
        "producer": producer,
        "columns": columns,
        "cover": ["VLAAMS PARLEMENT", "VRAGEN EN ANTWOORDEN"],
        "number": 5,
        "session": "2007-2008",
        "date": "Februari 2008",
        "issue_lines": ["Zitting 2007-2008", "Nr. 5", "Februari 2008"],
        "contents_title": rng.choice(["INHOUDSTAFEL", "INHOUDSOPGAVE"]),
        "running_header": "Vlaams Parlement - Vragen en Antwoorden - Nr.5 - Februari 2008 -{page}-",
        "footer": None,
        "sections": sections,
    }


def produce(spec: BulletinSpec, pdf: Path) -> None:
    if spec.producer == "reportlab":
        bulletin_reportlab.produce(spec, pdf)
    else:
        bulletin_docx.produce(spec, pdf)


def build(data: dict[str, Any], folder: Path) -> tuple[BulletinSpec, Path]:
    """Build the bulletin, read its pages back from the PDF, build it again with them."""
    pdf = folder / f"{data['name']}.pdf"
    produce(parse_bulletin(data), pdf)
    found = found_pages(parse_bulletin(data), pdf)
    ministers, questions = iter(found.ministers), iter(found.questions)
    for section in data["sections"]:
        for minister in section["ministers"]:
            minister["contents_page"] = next(ministers) or 1
            for q in minister["questions"]:
                first, last = next(questions)
                q["pages"] = [first or 1, last or first or 1]
    spec = parse_bulletin(data)
    produce(spec, pdf)
    return spec, pdf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--producer", choices=["reportlab", "libreoffice"], default="reportlab")
    args = ap.parse_args(argv)

    import answer_parser
    from answer_parser.convert import to_dict
    from answer_parser.golden.compare import diff

    parts = exact = failed = 0
    with tempfile.TemporaryDirectory(prefix="bulletin-fuzz-") as tmp:
        for i in range(args.count):
            data = random_spec(random.Random(args.seed + i), args.seed + i, args.producer)
            spec, pdf = build(data, Path(tmp))
            expected = build_bulletin_expected(spec)
            parsed = to_dict(answer_parser.parse(pdf))
            lines = diff(expected, parsed, subset=True)
            documents = expected["documents"]
            wrong = {line.split(".", 1)[0] for line in lines if line.startswith("documents[")}
            parts += len(documents)
            exact += len(documents) - len(wrong)
            failed += bool(lines)
            columns = f"{spec.columns} col"
            print(f"{spec.name}: {columns}, {len(documents)} questions, {len(lines)} differences")
            for line in lines[:8]:
                print("   ", line)
    print(f"{exact}/{parts} questions read exactly, {args.count - failed}/{args.count} bulletins exact")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
