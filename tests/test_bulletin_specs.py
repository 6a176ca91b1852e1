"""The committed bulletin fixtures agree with their specs and with their PDFs (not the parser)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.builder.bulletin import (  # noqa: E402
    BULLETINS_DIR,
    all_bulletin_names,
    build_bulletin_expected,
    bulletin_spec_path,
    load_bulletin,
    parse_bulletin,
)
from fixtures.builder.bulletin_pages import disagreements, found_pages  # noqa: E402
from fixtures.builder.spec import SpecError  # noqa: E402
from fixtures.builder.totals import table_total_problems  # noqa: E402

NAMES = all_bulletin_names()


def test_there_are_bulletins_in_both_producers_and_layouts() -> None:
    specs = [load_bulletin(bulletin_spec_path(name)) for name in NAMES]
    assert {s.producer for s in specs} == {"libreoffice", "reportlab"}
    assert {s.columns for s in specs} == {1, 2}


@pytest.mark.parametrize("name", NAMES)
def test_committed_pdf_and_expected_match_the_spec(name: str) -> None:
    spec = load_bulletin(bulletin_spec_path(name))
    assert (BULLETINS_DIR / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
    committed = json.loads((BULLETINS_DIR / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert build_bulletin_expected(spec) == committed


@pytest.mark.parametrize("name", NAMES)
def test_hand_written_pages_agree_with_the_pdf(name: str) -> None:
    """Each question's page range and each minister's contents page, as the built PDF prints them."""
    spec = load_bulletin(bulletin_spec_path(name))
    assert disagreements(spec, BULLETINS_DIR / f"{name}.pdf") == []


@pytest.mark.parametrize("name", NAMES)
def test_totals_in_the_spec_add_up(name: str) -> None:
    spec = load_bulletin(bulletin_spec_path(name))
    problems = [
        p
        for _, q in spec.questions()
        for i, t in enumerate(q.tables)
        for p in table_total_problems(t, f"{name} question {q.number} table {i}")
    ]
    assert not problems, "\n".join(problems)


def test_the_fixtures_vary_what_varies() -> None:
    """Across the bulletins: several questions per minister, a question over a page break, an
    unanswered question, tables, sub-questions."""
    specs = [load_bulletin(bulletin_spec_path(name)) for name in NAMES]
    questions = [q for s in specs for _, q in s.questions()]
    assert any(len(m.questions) > 1 for s in specs for m in s.ministers())
    assert any(q.pages[0] < q.pages[1] for q in questions)
    assert any(q.answer is None for q in questions)
    assert any(q.tables for q in questions)
    assert any(q.items for q in questions)


def test_expected_parts_are_complete_documents() -> None:
    spec = load_bulletin(bulletin_spec_path("bulletin_2006_one_column_lo"))
    expected = build_bulletin_expected(spec)
    assert expected["kind"] == "bulletin"
    assert expected["question"] is None and expected["answer"] is None and expected["tables"] == []
    assert expected["bulletin"] == {"number": 7, "session": "2005-2006", "date": "April 2006"}
    first, *_, unanswered = expected["documents"]
    assert first["question"]["addressee"] == first["answer"]["minister"]
    assert first["answer"]["refers_to"] == {
        "number": 42,
        "date": "2006-03-08",
        "asker": {"name": "Jan Loones", "raw": "JAN LOONES"},
    }
    assert first["question"]["addressee"]["title"].startswith("MINISTER-PRESIDENT VAN DE VLAAMSE REGERING")
    assert unanswered["kind"] == "question" and unanswered["answer"] is None
    assert [d["source"]["page_range"] for d in expected["documents"]] == [
        [2, 2],
        [2, 3],
        [3, 3],
        [3, 4],
        [4, 4],
    ]


def test_found_pages_follow_the_reading_order_of_two_columns() -> None:
    spec = load_bulletin(bulletin_spec_path("bulletin_2008_two_columns_lo"))
    found = found_pages(spec, BULLETINS_DIR / f"{spec.name}.pdf")
    assert found.questions[:2] == ((2, 2), (2, 2))
    assert all(first is not None and last is not None for first, last in found.questions)


def test_a_bulletin_spec_rejects_unknown_keys_and_misplaced_tables() -> None:
    data = json.loads(bulletin_spec_path("bulletin_2006_one_column_lo").read_text(encoding="utf-8"))
    with pytest.raises(SpecError, match="unknown keys"):
        parse_bulletin({**data, "colour": "red"})
    question = data["sections"][0]["ministers"][0]["questions"][0]
    question["answer"]["items"][0]["blocks"] = ["no table here"]
    with pytest.raises(SpecError, match="every table placed exactly once"):
        parse_bulletin(data)
