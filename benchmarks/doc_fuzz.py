"""Random whole documents through the fixture builder: how many come back exactly as their spec says.

    python benchmarks/doc_fuzz.py [--n 200] [--seed 1] [--libreoffice] [--keep DIR] [--show 4]

The big brother of table_fuzz.py. Each round writes a random fixture spec of a whole document:
a written question with its answer (with or without the `SCHRIFTELIJKE VRAAG` header block), an
answer alone, a question alone, or an annex; 1-5 items numbered in any style the builder knows
('1.', '1)', 'a)', 'Vraag 1' on its own line, 'Ad 1.', 'Antwoord 1', combined answers
'Antwoord op vraag 2 en 3'); paragraphs with superscript footnote marks ('uit 2022⁴'); bulleted
lists followed by text back at the margin (with or without space after the list); tables of
every border style inside items, with captions above, below or none, source notes ('Bron: ...'),
marks in row labels and cells, sometimes long enough to run over a page; text after a table in
the same item; captions below tables that end only where the type changes (`tight_captions`);
serif or sans type; answer headings on one line or three, set solid or spaced.
The spec goes through the fixture builder (reportlab by default, `--libreoffice` for DOCX through
LibreOffice) and its expected JSON is computed from the spec (fixtures/builder/expected.py), never
from the parser. The parse is compared with it as a subset (`answer_parser.compare.diff`) per
field group:

* metadata: kind, the question's number, date, session, asker, addressee and title, the answer's
  minister and refers_to, an annex's title and reference;
* items: the intros and the items of question and answer (number, text, tables), an annex's body;
* captions: each table's number, caption and notes;
* tables: each table's header paths, stub header and rows (labels, levels, totals, cells).

Prints the exact-match rate per group and for metadata and items together (also among the
documents whose tables all came out exact: a table the table engine misses leaves its words in
the item text), and the first differences of the failing documents, so a failing case can be
kept (`--keep`) and turned into a fixture.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fixtures.builder.__main__ import write_expected, write_pdf  # noqa: E402
from fixtures.builder.expected import DUTCH_MONTHS, iso_date  # noqa: E402
from fixtures.builder.spec import dutch_int, load_spec  # noqa: E402
from table_fuzz import base_table as random_table  # noqa: E402

from answer_parser import parse, to_dict  # noqa: E402
from answer_parser.compare import diff  # noqa: E402

Json = dict[str, Any]

#: (printed in capitals, display name)
PEOPLE = [
    ("KATRIEN PARTYKA", "Katrien Partyka"),
    ("ELKE VAN DEN BRANDT", "Elke Van den Brandt"),
    ("LOES VANDROMME", "Loes Vandromme"),
    ("MAAIKE DE VREESE", "Maaike De Vreese"),
    ("STIJN DE ROO", "Stijn De Roo"),
    ("JAN LAEREMANS", "Jan Laeremans"),
    ("FREYA VAN DEN BOSSCHE", "Freya Van den Bossche"),
    ("WILLEM-FREDERIK SCHILTZ", "Willem-Frederik Schiltz"),
]
#: (name in capitals, display name, office in capitals)
MINISTERS = [
    (
        "BART SOMERS",
        "Bart Somers",
        "VLAAMS MINISTER VAN BINNENLANDS BESTUUR, BESTUURSZAKEN, INBURGERING EN GELIJKE KANSEN",
    ),
    ("BEN WEYTS", "Ben Weyts", "VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND"),
    ("HILDE CREVITS", "Hilde Crevits", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN"),
    ("LYDIA PEETERS", "Lydia Peeters", "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN"),
    (
        "ZUHAL DEMIR",
        "Zuhal Demir",
        "VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING, ENERGIE EN TOERISME",
    ),
    ("JAN JAMBON", "Jan Jambon", "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING"),
]
TITLES = [
    "Inburgeringstraject - Digitaal verloop tijdens corona",
    "Persoonsvolgend budget - Wachtenden per prioriteitengroep",
    "Scholenbouw - Stand van zaken van de projecten",
    "Fietspaden langs gewestwegen - Investeringen",
    "Handhaving omgevingsrecht - Vastgestelde inbreuken",
    "Kinderopvang - Beschikbare plaatsen per provincie",
    "Sportinfrastructuur - Subsidies aan lokale besturen",
]
SENTENCES = [
    "Het aantal aanvragen is in de voorbije jaren gestaag gestegen.",
    "De cijfers komen uit de centrale registratie van het agentschap.",
    "Voor een aantal dossiers is de behandeling nog lopende, zodat de cijfers voorlopig zijn.",
    "Het agentschap volgt de evolutie nauwgezet op en rapporteert jaarlijks aan het parlement.",
    "In 2022 werden bijkomende middelen vrijgemaakt om de wachttijden te verkorten.",
    "De lokale besturen ontvangen daarvoor een werkingssubsidie op basis van hun inwonersaantal.",
    "Ik verwijs ook naar mijn antwoord op een eerdere schriftelijke vraag over hetzelfde onderwerp.",
    "De verdeling over de provincies volgt in grote lijnen de spreiding van de bevolking.",
    "Er wordt geen onderscheid gemaakt naar leeftijd of geslacht van de aanvragers.",
    "Deze gegevens worden sinds de hervorming van het decreet niet langer afzonderlijk bijgehouden.",
    "Het beleid blijft erop gericht om iedereen zo snel mogelijk de nodige ondersteuning te bieden.",
    "Een evaluatie van de regeling is gepland voor het najaar.",
]
#: sentences with a superscript footnote mark glued to a number or a word
MARKED = [
    "Het aantal dossiers steeg van 1.204 in 2021 tot 1.532 uit 2022⁴, een stijging met een kwart.",
    "De nieuwe regeling geldt sinds november 2023¹ voor alle gemeenten.",
    "De richtlijn NIS2³ wordt omgezet in een decreet dat vanaf 2018.¹² wordt toegepast.",
    "Volgens de laatste meting² bedraagt de bezettingsgraad 87 procent.",
]
QUESTIONS = [
    "Hoeveel aanvragen werden er de voorbije drie jaar ingediend, opgesplitst per provincie?",
    "Wat is de gemiddelde doorlooptijd van een dossier?",
    "Welke maatregelen neemt de minister om de wachtlijsten weg te werken?",
    "Hoeveel middelen werden daarvoor in 2022 en 2023 ingezet?",
    "Kan de minister een overzicht geven van de stand van zaken per project?",
    "Hoe evalueert de minister de resultaten van het proefproject?",
]
LIST_ENTRIES = [
    "de gemeenten met meer dan 10.000 inwoners",
    "de centra voor volwassenenonderwijs",
    "de erkende sportfederaties",
    "een digitale aanvraag via het loket",
    "een versnelde procedure voor dringende dossiers",
    "de opvolging door een vaste contactpersoon",
]
LIST_HEADS = ["De maatregelen zijn:", "Het gaat om:", "Concreet betekent dit:"]
NOTES = [
    "Bron: Agentschap Binnenlands Bestuur",
    "Bron: Departement Onderwijs en Vorming, dataloket",
    "* voorlopige cijfers",
    "(1) cijfers op 1 januari",
]
EXTRA_LABELS = [
    "Aalst",
    "Beveren",
    "Brugge",
    "Dendermonde",
    "Genk",
    "Geel",
    "Halle",
    "Herentals",
    "Ieper",
    "Lier",
    "Lokeren",
    "Maasmechelen",
    "Mol",
    "Ninove",
    "Oostende",
    "Roeselare",
    "Sint-Niklaas",
    "Tienen",
    "Tongeren",
    "Torhout",
    "Turnhout",
    "Vilvoorde",
    "Waregem",
    "Wetteren",
    "Zottegem",
]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def dutch_date(rng: random.Random) -> str:
    day = dt.date(2019, 10, 1) + dt.timedelta(days=rng.randint(0, 1500))
    if rng.random() < 0.2:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def paragraph(rng: random.Random, marks: bool) -> str:
    n = rng.randint(1, 4)
    picked = rng.sample(SENTENCES, n)
    if marks and rng.random() < 0.35:
        picked.insert(rng.randint(0, n), rng.choice(MARKED))
    return " ".join(picked)


def random_list(rng: random.Random) -> Json:
    bullet = rng.choice(["•", "-", "–"])  # (reportlab's base fonts draw '▪' from ZapfDingbats as 'n')
    entries = rng.sample(LIST_ENTRIES, rng.randint(2, 4))
    return {"list": [{"bullet": bullet, "text": e} for e in entries], "tight": rng.random() < 0.5}


def doc_table(rng: random.Random, producer: str, number: int) -> Json:
    """A random table (table_fuzz's) with a caption above, below or none, notes, marks, and now
    and then rows enough to run over a page."""
    table = random_table(rng, producer)
    rows: list[Json] = table["rows"]
    if rng.random() < 0.2:
        body = [r for r in rows if r["label"] != "Totaal"]
        total = [r for r in rows if r["label"] == "Totaal"]
        template = body[0]
        for label in rng.sample(EXTRA_LABELS, rng.randint(12, 25)):
            cells = [_like(rng, c) for c in template["cells"]]
            body.append({"label": label, "cells": cells})
        if total:
            total[0]["cells"] = [
                sum(r["cells"][i] for r in body) if isinstance(c, int) else c
                for i, c in enumerate(total[0]["cells"])
            ]
        rows[:] = body + total
        if producer == "reportlab":
            table["allow_split"] = True
        table["repeat_header"] = rng.random() < 0.5
    if rng.random() < 0.25:  # a footnote mark after a number and after a row label
        row = rng.choice([r for r in rows if r["label"] != "Totaal"])
        col = next((i for i, c in enumerate(row["cells"]) if isinstance(c, int)), None)
        if col is not None and not table.get("repeat_header"):
            value = row["cells"][col]
            mark = str(rng.randint(1, 9)).translate(SUPERSCRIPT)
            row["cells"][col] = {"raw": dutch_int(value) + mark, "value": value, "kind": "integer"}
        row["label"] += str(rng.randint(1, 9)).translate(SUPERSCRIPT)
    style = rng.choice(["above", "above", "below", "none"])
    title = rng.choice(["Overzicht per provincie", "Aantal dossiers per jaar", "Verdeling van de middelen"])
    sep = rng.choice([":", ".", " -"])
    if style == "none":
        table["caption"] = None
    else:
        table["caption"] = f"Tabel {number}{sep} {title} {rng.randint(2019, 2024)}"
        table["caption_position"] = style
    if rng.random() < 0.4:
        table["notes"] = rng.sample(NOTES, rng.randint(1, 2))
    return table


def _like(rng: random.Random, cell: Any) -> Any:
    """A new cell of the same kind as `cell`."""
    if isinstance(cell, int):
        return rng.randint(0, 9999)
    if isinstance(cell, dict) and cell.get("kind") == "percent":
        v = rng.randint(0, 1000) / 10
        return {"raw": f"{v:.1f}".replace(".", ",") + "%", "value": v, "kind": "percent", "unit": "%"}
    if isinstance(cell, dict) and cell.get("kind") == "decimal":
        v = rng.randint(0, 9999) / 10
        return {"raw": f"{v:.1f}".replace(".", ","), "value": v, "kind": "decimal"}
    return cell


#: numbering styles: (question label, answer label, answer label of a combined answer)
STYLES = ["dot", "paren", "letters", "vraag", "ad", "antwoord"]


def labels(style: str, numbers: list[str], side: str) -> list[Json]:
    """Item heads (number, label, label_own_line) for `numbers` in a numbering style."""
    out: list[Json] = []
    for n in numbers:
        head: Json = {"number": n}
        combined = " en " in n
        if style == "paren":
            head["label"] = f"{n})" if not combined else f"{n}."
        elif style == "letters":
            head["label"] = f"{n})"
        elif style == "vraag":
            head["label"] = f"Vraag {n}" if side == "question" else f"Antwoord op vraag {n}"
            head["label_own_line"] = True
        elif style == "ad" and side == "answer":
            head["label"] = f"Ad {n}."
        elif style == "antwoord" and side == "answer":
            head["label"] = f"Antwoord {n}" if not combined else f"Antwoord op vraag {n}"
            head["label_own_line"] = True
        out.append(head)
    return out


def answer_numbers(rng: random.Random, numbers: list[str], style: str) -> list[str]:
    """The answer's item numbers: the question's, two of them now and then answered together."""
    if style == "letters" or len(numbers) < 3 or rng.random() < 0.7:
        return list(numbers)
    k = rng.randint(1, len(numbers) - 2)
    return [*numbers[:k], f"{numbers[k]} en {numbers[k + 1]}", *numbers[k + 2 :]]


def blocks(rng: random.Random, tables: list[Json], producer: str, *, answer: bool) -> list[Any]:
    if not answer:
        return [rng.choice(QUESTIONS)]
    out: list[Any] = [paragraph(rng, marks=True)]
    for _ in range(rng.randint(0, 2)):
        r = rng.random()
        if r < 0.3:
            if rng.random() < 0.3:
                out.append(rng.choice(LIST_HEADS))
            out.append(random_list(rng))
            out.append(paragraph(rng, marks=True))
        elif r < 0.65 and len(tables) < 4:
            tables.append(doc_table(rng, producer, len(tables) + 1))
            out.append({"table": len(tables) - 1})
            if rng.random() < 0.6:
                out.append(paragraph(rng, marks=True))
        else:
            out.append(paragraph(rng, marks=True))
    return out


def random_spec(rng: random.Random, name: str, producer: str) -> Json:
    shape = rng.choices(["qa", "answer", "question", "annex"], weights=[50, 25, 12, 13])[0]
    asker, asker_name = rng.choice(PEOPLE)
    minister, minister_name, office = rng.choice(MINISTERS)
    number = rng.randint(5, 900)
    date = dutch_date(rng)
    spec: Json = {
        "name": name,
        "comment": f"random {shape} document (benchmarks/doc_fuzz.py)",
        "producer": producer,
        "font": rng.choice(["sans", "serif"]),
        "tight_captions": rng.random() < 0.3,
        "footer": rng.choice(["{page}/{pages}", "Pagina {page} van {pages}", None]),
        "running_header": None,
        "header_block": None,
        "question": None,
        "answer": None,
        "tables": [],
        "links": [],
        "expected": {},
    }
    tables: list[Json] = spec["tables"]
    if shape == "annex":
        dated = rng.random() < 0.5
        title = (
            f"Bijlage 1 bij vraag nr. {number} van {date}"
            if dated
            else f"Bijlage bij het antwoord op vraag nr. {number}"
        )
        annex_blocks: list[Any] = [paragraph(rng, marks=False)]
        for _ in range(rng.randint(1, 2)):
            tables.append(doc_table(rng, producer, len(tables) + 1))
            annex_blocks.append({"table": len(tables) - 1})
        spec["annex"] = {"title": title, "blocks": annex_blocks}
        refers_to = {"number": number, "date": iso_date(date) if dated else None, "asker": None}
        spec["expected"]["annex"] = {"refers_to": refers_to}
        return spec
    style = rng.choice(STYLES)
    n_items = rng.randint(1, 5) if style != "letters" else rng.randint(2, 4)
    numbers = (
        [chr(ord("a") + i) for i in range(n_items)]
        if style == "letters"
        else [str(i + 1) for i in range(n_items)]
    )
    header = shape == "question" or (shape == "qa" and rng.random() < 0.5)
    person = {"name": asker_name, "raw": asker}
    official = {"name": minister_name, "raw": minister, "title": office}
    if header:
        spec["header_block"] = {
            "number": number,
            "asker": asker,
            "date": date,
            "addressee": minister,
            "office": office,
        }
    if shape in ("qa", "question"):
        items = [
            {**head, "blocks": blocks(rng, tables, producer, answer=False)}
            for head in labels(style, numbers, "question")
        ]
        spec["question"] = {
            "title": rng.choice(TITLES),
            "intro": [paragraph(rng, marks=False)] if rng.random() < 0.6 else [],
            "items": items,
        }
        # the asker from the header block or the answer heading; the addressee from the header
        # block or, without one, the answering minister
        spec["expected"]["question"] = {"asker": person, "addressee": official}
    if shape in ("qa", "answer"):
        a_numbers = answer_numbers(rng, numbers, style) if shape == "qa" else numbers
        items = [
            {**head, "blocks": blocks(rng, tables, producer, answer=True)}
            for head in labels(style, a_numbers, "answer")
        ]
        if len(items) == 1 and rng.random() < 0.3:
            items = [{"number": None, "blocks": items[0]["blocks"]}]
        heading = {"number": number, "date": date, "asker": asker}
        if rng.random() < 0.2:
            heading["one_line"] = True
        elif rng.random() < 0.4:
            heading["spacing"] = rng.choice([3.0, 6.0, 10.0])
        spec["answer"] = {
            "minister": minister,
            "office": office,
            "heading": heading,
            # an intro above one unnumbered item would read as that item's first paragraph
            "intro": [paragraph(rng, marks=False)] if rng.random() < 0.3 and items[0]["number"] else [],
            "items": items,
        }
        spec["expected"]["answer"] = {
            "minister": official,
            "refers_to": {"number": number, "date": iso_date(date), "asker": person},
        }
    return spec


# --------------------------------------------------------------------------- comparison

GROUPS = ("metadata", "items", "captions", "tables")
META_Q = ("number", "date", "session", "asker", "addressee", "title")


def project(doc: Json, group: str) -> Json:
    """The fields of one group, from an expected or a parsed document."""
    q, a = doc.get("question"), doc.get("answer")
    tables = doc.get("tables") or []
    if group == "metadata":
        return {
            "kind": doc.get("kind"),
            "question": {k: q.get(k) for k in META_Q} if q else None,
            "answer": {"minister": a.get("minister"), "refers_to": a.get("refers_to")} if a else None,
            "annex": doc.get("annex"),
        }
    if group == "items":
        return {
            "question": {"intro": q.get("intro"), "items": q.get("items")} if q else None,
            "answer": {"intro": a.get("intro"), "items": a.get("items")} if a else None,
            "body": doc.get("body", []),
        }
    if group == "captions":
        return {"tables": [{k: t.get(k) for k in ("number", "caption", "notes")} for t in tables]}
    keys = ("stub_header", "columns", "rows")
    return {"tables": [{k: t.get(k) for k in keys} for t in tables]}


def compare(expected: Json, got: Json) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in GROUPS:
        want = project(expected, group)
        if group == "metadata" and "annex" not in expected:
            want.pop("annex")
        if group == "items" and "body" not in expected:
            want.pop("body")
        out[group] = diff(want, project(got, group), subset=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--libreoffice", action="store_true", help="build through LibreOffice (needs soffice)")
    ap.add_argument("--keep", type=Path, help="keep the specs, PDFs and expected JSON here")
    ap.add_argument("--show", type=int, default=4, help="differences shown per failing group")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args()
    producer = "libreoffice" if args.libreoffice else "reportlab"
    if producer == "libreoffice" and shutil.which("soffice") is None:
        print("soffice not found: install libreoffice-writer-nogui or leave out --libreoffice")
        return 2
    rng = random.Random(args.seed)
    out = args.keep or Path(tempfile.mkdtemp(prefix="doc_fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    exact: Counter[str] = Counter()
    by_shape: Counter[str] = Counter()
    shape_ok: Counter[str] = Counter()
    for i in range(args.n):
        name = f"doc_{args.seed}_{i:03d}"
        spec_file = out / f"{name}.json"
        data = random_spec(rng, name, producer)
        spec_file.write_text(json.dumps(data, ensure_ascii=False, indent=1))
        spec = load_spec(spec_file)
        expected = json.loads(write_expected(spec, out).read_text("utf-8"))
        pdf = write_pdf(spec, out, keep_docx=False)
        got = to_dict(parse(pdf))
        (out / f"{name}.got.json").write_text(json.dumps(got, ensure_ascii=False, indent=1))
        problems = compare(expected, got)
        shape = data["comment"].split()[1]
        by_shape[shape] += 1
        for group, lines in problems.items():
            exact[group] += not lines
        core = not problems["metadata"] and not problems["items"]
        exact["metadata+items"] += core
        shape_ok[shape] += core
        exact["all"] += not any(problems.values())
        if not problems["tables"]:  # the table engine found every table: the text is all ours
            exact["tables exact"] += 1
            exact["metadata+items where tables exact"] += core
        if any(problems.values()) and not args.quiet:
            what = f"{shape}, {data['font']}, {len(data['tables'])} tables"
            print(f"DIFF {name} ({what})")
            for group, lines in problems.items():
                for line in lines[: args.show]:
                    print(f"    {group}: {line}")
    n = args.n
    print(f"{producer}, {n} documents (seed {args.seed}), exact:")
    for group in (*GROUPS, "metadata+items", "all"):
        print(f"  {group:15s} {exact[group]:4d}  {100 * exact[group] / n:5.1f}%")
    n_tab = exact["tables exact"]
    core_tab = exact["metadata+items where tables exact"]
    share = 100 * core_tab / max(n_tab, 1)
    print(f"  metadata+items where every table is exact: {core_tab} of {n_tab} ({share:.1f}%)")
    shapes = ", ".join(f"{s} {shape_ok[s]}/{by_shape[s]}" for s in sorted(by_shape))
    print(f"  metadata+items by shape: {shapes}")
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
