"""The committed fixtures agree with their specs (no LibreOffice needed: expected.py is pure)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.builder.expected import (  # noqa: E402
    EXPECT_WARNINGS_KEY,
    build_expected,
    clean,
    iso_date,
    label_paths,
    session_of,
    split_caption,
)
from fixtures.builder.spec import (  # noqa: E402
    SPECS_DIR,
    Cell,
    HeaderCell,
    Row,
    SpecError,
    Table,
    all_spec_names,
    dutch_int,
    load_spec,
    parse_spec,
    spec_path,
)
from fixtures.builder.totals import table_total_problems  # noqa: E402

FIXTURES_DIR = SPECS_DIR.parent
NAMES = all_spec_names()
CONTRACT_KEYS = ["schema_version", "kind", "question", "answer", "tables", "links"]
TABLE_KEYS = ["index", "number", "caption", "stub_header", "columns", "rows", "notes"]


def test_there_are_specs() -> None:
    assert "seed_qa" in NAMES
    assert "seed_header" in NAMES
    assert "seed_reportlab" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_spec_loads_and_validates(name: str) -> None:
    spec = load_spec(spec_path(name))
    assert spec.name == name


@pytest.mark.parametrize("name", NAMES)
def test_committed_pdf_exists(name: str) -> None:
    pdf = FIXTURES_DIR / f"{name}.pdf"
    assert pdf.is_file(), f"run: python -m fixtures.builder {name}"
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", NAMES)
def test_committed_expected_matches_spec(name: str) -> None:
    path = FIXTURES_DIR / f"{name}.expected.json"
    assert path.is_file(), f"run: python -m fixtures.builder {name}"
    committed = json.loads(path.read_text(encoding="utf-8"))
    assert build_expected(load_spec(spec_path(name))) == committed


@pytest.mark.parametrize("name", NAMES)
def test_expected_has_the_contract_fields(name: str) -> None:
    spec = load_spec(spec_path(name))
    expected = build_expected(spec)
    extra = [EXPECT_WARNINGS_KEY] if spec.expect_warnings else []
    # an annex that opts in (`expected.annex`) has a body, and an annex also says what it is
    opted = (
        (["body"] + (["annex"] if expected["kind"] == "annex" else [])) if "annex" in spec.expected else []
    )
    assert list(expected) == CONTRACT_KEYS + opted + extra
    for index, (table, spec_table) in enumerate(zip(expected["tables"], spec.tables, strict=True)):
        assert table["index"] == index
        assert "bbox" not in table
        overrides = spec_table.expected or {}
        keys = TABLE_KEYS[:3] + (["pages"] if "pages" in overrides else []) + TABLE_KEYS[3:]
        keys += ["label"] if "label" in table else []  # optional: a number printed with parts
        assert list(table) == keys
        for row in table["rows"]:
            assert len(row["cells"]) == len(table["columns"])


@pytest.mark.parametrize("name", NAMES)
def test_totals_in_the_spec_add_up(name: str) -> None:
    """Sibling rows sum to their (sub)total per column; only a declared total_mismatch may not."""
    spec = load_spec(spec_path(name))
    problems = [p for i, t in enumerate(spec.tables) for p in table_total_problems(t, f"{name} table {i}")]
    if "total_mismatch" in spec.expect_warnings:
        assert problems, "the spec declares total_mismatch but every total adds up"
    else:
        assert not problems, "\n".join(problems)


def _without_empty_notes(expected: dict[str, Any]) -> dict[str, Any]:
    tables = []
    for table in expected["tables"]:
        assert table["notes"] == []
        tables.append({k: v for k, v in table.items() if k != "notes"})
    return {**expected, "tables": tables}


def test_seed_specs_reproduce_the_hand_checked_seed() -> None:
    """fixtures/reference holds a copy of the hand-checked ground truth of the real seed PDF.

    The seed's tables have no notes; the generated expected JSON says so with `"notes": []`,
    which the hand-checked truth (written before notes were part of the contract) leaves out.
    """
    truth = FIXTURES_DIR / "reference" / "000_a9f9eeba9b5939d3.expected.json"
    seed = json.loads(truth.read_text(encoding="utf-8"))
    for name in ("seed_qa", "seed_header", "seed_reportlab"):
        assert _without_empty_notes(build_expected(load_spec(spec_path(name)))) == seed


# --------------------------------------------------------------------------- rules


def test_dutch_integers() -> None:
    assert dutch_int(1254) == "1.254"
    assert dutch_int(22500) == "22.500"
    assert dutch_int(440) == "440"
    assert dutch_int(-3000) == "-3.000"


def test_clean_removes_soft_hyphens_and_collapses_space() -> None:
    assert clean("Leeftijds\u00adcategorie") == "Leeftijdscategorie"
    assert clean("  a \n b ") == "a b"


def test_dates_and_session() -> None:
    assert iso_date("30 september 2020") == "2020-09-30"
    assert session_of("2020-09-30") == "2020-2021"
    assert session_of("2020-09-01") == "2019-2020"


def test_caption_split() -> None:
    assert split_caption("Tabel 2: Aantal personen") == (2, "Aantal personen")
    assert split_caption("Tabel 3 - Aantal personen") == (3, "Aantal personen")
    assert split_caption("Tabel 3. Aantal personen") == (3, "Aantal personen")
    assert split_caption("Tabel 3 \u2013 Aantal personen") == (3, "Aantal personen")
    assert split_caption("Aantal personen") == (None, "Aantal personen")
    assert split_caption("Tabel 3-jarigen") == (None, "Tabel 3-jarigen")
    assert split_caption(None) == (None, None)


def test_label_paths_follow_levels() -> None:
    rows = [
        Row("Jan", 0, ()),
        Row("geslaagd", 1, ()),
        Row("vrouw", 2, ()),
        Row("niet geslaagd", 1, ()),
        Row("Totaal", 0, ()),
    ]
    assert label_paths(rows) == [
        ["Jan"],
        ["Jan", "geslaagd"],
        ["Jan", "geslaagd", "vrouw"],
        ["Jan", "niet geslaagd"],
        ["Totaal"],
    ]
    assert [r.is_total for r in rows] == [False, False, False, False, True]
    assert Row("Totaal", 0, (), total=False).is_total is False


def _minimal(**overrides: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": "mini",
        "producer": "reportlab",
        "footer": "{page}/{pages}",
        "answer": {
            "intro": [],
            "items": [{"number": "1", "blocks": ["Zie tabel.", {"table": 0}]}],
        },
        "tables": [
            {
                "caption": "Tabel 1: Iets",
                "col_widths_cm": [3, 2, 2],
                "header_rows": [["", {"text": "Jaar", "span": 2}], ["", "2019", "2020"]],
                "rows": [{"label": "a", "cells": [1254, None]}],
            }
        ],
    }
    spec.update(overrides)
    return spec


def test_minimal_spec_expected() -> None:
    expected = build_expected(parse_spec(_minimal()))
    assert expected["kind"] == "answer"
    table = expected["tables"][0]
    assert (table["number"], table["caption"], table["stub_header"]) == (1, "Iets", None)
    assert table["columns"] == [{"path": ["Jaar", "2019"]}, {"path": ["Jaar", "2020"]}]
    assert table["rows"][0]["cells"] == [
        {"raw": "1.254", "value": 1254, "kind": "integer", "unit": None},
        {"raw": "", "value": None, "kind": "empty", "unit": None},
    ]
    assert expected["answer"]["items"] == [{"number": "1", "tables": [0], "text": "Zie tabel."}]


@pytest.mark.parametrize(
    "overrides",
    [
        {"producer": "word"},
        {"footer": "no page number"},
        {"tables": []},
        {"links": [{"text": "nowhere", "url": "http://example.org"}]},
        {"unknown_key": 1},
        {"name": "Bad Name"},
    ],
)
def test_invalid_specs_are_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(SpecError):
        parse_spec(_minimal(**overrides))


def test_cell_count_must_match_columns() -> None:
    spec = _minimal()
    spec["tables"][0]["rows"] = [{"label": "a", "cells": [1]}]
    with pytest.raises(SpecError):
        parse_spec(spec)


def test_header_span_must_cover_columns() -> None:
    spec = _minimal()
    spec["tables"][0]["header_rows"] = [["", {"text": "Jaar", "span": 3}]]
    with pytest.raises(SpecError):
        parse_spec(spec)


# --------------------------------------------------------------------------- table features


def _table(**overrides: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "caption": "Tabel 1: Iets",
        "col_widths_cm": [3, 2, 2],
        "header_rows": [["", "2019", "2020"]],
        "rows": [{"label": "a", "cells": [1, 2]}, {"label": "Totaal", "cells": [1, 2]}],
    }
    table.update(overrides)
    return table


def test_table_options_are_parsed() -> None:
    spec = parse_spec(
        _minimal(
            tables=[
                _table(
                    borders="horizontal_all",
                    caption_position="below",
                    header_fill="D9D9D9",
                    cell_fill="FFFFFF",
                    border_color="FFFFFF",
                    white_rects=True,
                    repeat_header=True,
                    allow_split=True,
                    indent=False,
                    notes=["* voorlopige cijfers", "Bron: Statbel"],
                    expected={"pages": [1, 2]},
                )
            ]
        )
    )
    table = spec.tables[0]
    assert (table.borders, table.caption_position, table.header_fill) == ("horizontal_all", "below", "D9D9D9")
    assert table.white_rects and table.repeat_header and table.allow_split and not table.indent
    expected = build_expected(spec)["tables"][0]
    assert list(expected) == [
        "index",
        "number",
        "caption",
        "pages",
        "stub_header",
        "columns",
        "rows",
        "notes",
    ]
    assert expected["pages"] == [1, 2]
    assert expected["notes"] == ["* voorlopige cijfers", "Bron: Statbel"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"borders": "dotted"},
        {"caption_position": "left"},
        {"header_fill": "grey"},
        {"header_fill": "d9d9d9"},
        {"repeat_header": "yes"},
        {"notes": [""]},
        {"expected": {"pages": []}},
        {"expected": {"pages": [0]}},
        {"expected": {"bbox": [0, 0, 1, 1]}},
    ],
)
def test_invalid_table_options_are_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(SpecError):
        parse_spec(_minimal(tables=[_table(**overrides)]))


def test_white_rects_need_reportlab() -> None:
    with pytest.raises(SpecError):
        parse_spec(_minimal(producer="libreoffice", tables=[_table(white_rects=True)]))


def test_notes_default_to_an_empty_list() -> None:
    assert build_expected(parse_spec(_minimal()))["tables"][0]["notes"] == []


def test_side_by_side_tables_read_left_to_right() -> None:
    spec = parse_spec(
        _minimal(
            answer={"items": [{"number": "1", "blocks": ["Zie tabellen.", {"side_by_side": [0, 1]}]}]},
            tables=[_table(), _table(caption="Tabel 2: Ander")],
        )
    )
    expected = build_expected(spec)
    assert expected["answer"]["items"][0]["tables"] == [0, 1]
    assert [t["number"] for t in expected["tables"]] == [1, 2]


def test_side_by_side_needs_two_tables_in_order() -> None:
    with pytest.raises(SpecError):
        parse_spec(_minimal(answer={"items": [{"number": "1", "blocks": ["x", {"side_by_side": [0]}]}]}))
    with pytest.raises(SpecError):
        parse_spec(
            _minimal(
                answer={"items": [{"number": "1", "blocks": ["x", {"side_by_side": [1, 0]}]}]},
                tables=[_table(), _table()],
            )
        )


def test_annex_has_no_question_or_answer() -> None:
    annex = {"title": "Bijlage 1 bij vraag nr. 412", "blocks": [{"table": 0}]}
    expected = build_expected(parse_spec(_minimal(answer=None, annex=annex)))
    assert (expected["kind"], expected["question"], expected["answer"]) == ("annex", None, None)
    assert len(expected["tables"]) == 1
    with pytest.raises(SpecError):
        parse_spec(_minimal(annex=annex))


def test_expect_warnings_become_a_separate_key() -> None:
    expected = build_expected(parse_spec(_minimal(expect_warnings=["total_mismatch"])))
    assert list(expected) == [*CONTRACT_KEYS, EXPECT_WARNINGS_KEY]
    assert expected[EXPECT_WARNINGS_KEY] == ["total_mismatch"]
    assert EXPECT_WARNINGS_KEY not in build_expected(parse_spec(_minimal()))


# --------------------------------------------------------------------------- the totals check


def _cells(*values: int | str | None) -> tuple[Cell, ...]:
    out = []
    for v in values:
        if v is None:
            out.append(Cell("", None, "empty"))
        elif isinstance(v, str):
            kind = "suppressed" if v.startswith("<") else "missing"
            out.append(Cell(v, None, kind))
        else:
            out.append(Cell(dutch_int(v), v, "integer"))
    return tuple(out)


def _rows_table(rows: list[Row], n_data: int = 1) -> Table:
    header = (tuple(HeaderCell(t) for t in ["", *(str(i) for i in range(n_data))]),)
    return Table(None, "grid", (3.0,) + (2.0,) * n_data, header, tuple(rows))


def test_totals_flat() -> None:
    rows = [Row("a", 0, _cells(1, 10)), Row("b", 0, _cells(2, 20)), Row("Totaal", 0, _cells(3, 30))]
    assert table_total_problems(_rows_table(rows, 2)) == []
    rows[2] = Row("Totaal", 0, _cells(3, 40))
    problems = table_total_problems(_rows_table(rows, 2))
    assert len(problems) == 1 and "column 2" in problems[0]


def test_totals_subtotals_and_grand_total() -> None:
    rows = [
        Row("a", 0, _cells(1)),
        Row("b", 0, _cells(2)),
        Row("Subtotaal", 0, _cells(3)),
        Row("c", 0, _cells(4)),
        Row("Subtotaal", 0, _cells(4)),
        Row("Totaal generaal", 0, _cells(7)),
    ]
    assert table_total_problems(_rows_table(rows)) == []


def test_totals_groups_by_level() -> None:
    rows = [
        Row("Onderwijs", 0, _cells(None), bold=True),
        Row("x", 1, _cells(5)),
        Row("y", 1, _cells(6)),
        Row("Subtotaal", 1, _cells(11)),
        Row("Limburg", 0, _cells(9)),
        Row("Hasselt", 1, _cells(4)),
        Row("Genk", 1, _cells(5)),
        Row("Totaal", 0, _cells(20)),
    ]
    assert table_total_problems(_rows_table(rows)) == []
    rows[6] = Row("Genk", 1, _cells(6))
    assert len(table_total_problems(_rows_table(rows))) == 1


def test_totals_allow_for_suppressed_and_missing_cells() -> None:
    rows = [
        Row("a", 0, _cells("<5")),
        Row("b", 0, _cells("-")),
        Row("c", 0, _cells(10)),
        Row("Totaal", 0, _cells(13)),
    ]
    assert table_total_problems(_rows_table(rows)) == []
    rows[3] = Row("Totaal", 0, _cells(15))
    assert len(table_total_problems(_rows_table(rows))) == 1


# --------------------------------------------------------------------------- hand-written pages


def _pages_text(pdf: Path) -> list[str]:

    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [" ".join((page.extract_text() or "").split()) for page in doc.pages]


PAGED = [
    (name, index)
    for name in NAMES
    for index, table in enumerate(load_spec(spec_path(name)).tables)
    if "pages" in (table.expected or {})
]


@pytest.mark.parametrize(("name", "index"), PAGED)
def test_hand_written_pages_match_the_pdf(name: str, index: int) -> None:
    """The first row of the table is printed on its first page and the last row on its last."""
    table = load_spec(spec_path(name)).tables[index]
    assert table.expected is not None
    pages = table.expected["pages"]
    assert pages == list(range(pages[0], pages[-1] + 1))
    texts = _pages_text(FIXTURES_DIR / f"{name}.pdf")
    assert pages[-1] <= len(texts)

    def line(row: Row) -> str:
        return " ".join([clean(row.label), *(clean(c.raw) for c in row.cells if c.raw)])

    assert line(table.rows[0]) in texts[pages[0] - 1]
    assert line(table.rows[-1]) in texts[pages[-1] - 1]
    if len(pages) > 1:
        assert line(table.rows[-1]) not in texts[pages[0] - 1]


@pytest.mark.parametrize(
    ("name", "faces"), [("var_marks_tight_rl", ("Times",)), ("var_marks_tight_lo", ("Serif",))]
)
def test_serif_fixtures_print_their_marks_as_real_superscripts(name: str, faces: tuple[str, ...]) -> None:
    """The builder, not the parser: a serif spec is set in a serif face, and every superscript
    digit of the spec is printed as a plain digit, smaller and raised, after the word it marks."""
    from itertools import pairwise

    import pdfplumber

    with pdfplumber.open(FIXTURES_DIR / f"{name}.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert all(any(f in c["fontname"] for f in faces) for c in chars if c["text"].strip())
    text = "".join(c["text"] for c in chars)
    assert "20224" in text and "2018.12" in text  # the marks' digits right after their words
    marks = [
        b
        for a, b in pairwise(chars)
        if b["size"] <= 0.82 * a["size"] and b["text"].isdigit() and b["bottom"] < a["bottom"] - 1
    ]
    assert len(marks) >= 6  # 2022⁴, 2023¹, NIS2³, 2018.¹², 198⁵, Inbeslagnames¹
