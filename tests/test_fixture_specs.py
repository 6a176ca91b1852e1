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
    build_expected,
    clean,
    iso_date,
    label_paths,
    session_of,
    split_caption,
)
from fixtures.builder.spec import (  # noqa: E402
    SPECS_DIR,
    Row,
    SpecError,
    all_spec_names,
    dutch_int,
    load_spec,
    parse_spec,
    spec_path,
)

FIXTURES_DIR = SPECS_DIR.parent
NAMES = all_spec_names()


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
    expected = build_expected(load_spec(spec_path(name)))
    assert list(expected) == ["schema_version", "kind", "question", "answer", "tables", "links"]
    for index, table in enumerate(expected["tables"]):
        assert table["index"] == index
        assert "bbox" not in table
        assert "pages" not in table
        for row in table["rows"]:
            assert len(row["cells"]) == len(table["columns"])


def test_seed_specs_reproduce_the_hand_checked_seed() -> None:
    """fixtures/reference holds a copy of the hand-checked ground truth of the real seed PDF."""
    truth = FIXTURES_DIR / "reference" / "000_a9f9eeba9b5939d3.expected.json"
    seed = json.loads(truth.read_text(encoding="utf-8"))
    for name in ("seed_qa", "seed_header", "seed_reportlab"):
        assert build_expected(load_spec(spec_path(name))) == seed


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
    assert split_caption("Aantal personen") == (None, "Aantal personen")
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
