"""Every variant of the genre, one fixture each (fixtures/var_*.pdf, built from fixtures/specs/var_*.json):
parsed exactly to the expected JSON generated from its spec, with the warnings the spec names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import answer_parser
from answer_parser.golden.compare import diff
from conftest import FIXTURES, assert_valid

VARIANTS = sorted(FIXTURES.glob("var_*.pdf"))
EXPECT_WARNINGS = "$expect_warnings"


def _expected(pdf: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(pdf.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
    return data


def test_there_are_variants() -> None:
    assert len(VARIANTS) >= 5


@pytest.mark.parametrize("pdf", VARIANTS, ids=lambda p: p.stem)
def test_variant_parses_to_its_spec(pdf: Path) -> None:
    expected = _expected(pdf)
    wanted_warnings = expected.pop(EXPECT_WARNINGS, [])
    doc = answer_parser.parse(pdf)
    actual = answer_parser.to_dict(doc)
    assert_valid(actual)
    problems = diff(expected, actual, subset=True)
    assert not problems, "\n".join(problems)
    codes = [w["code"] for w in actual["warnings"]]
    assert sorted(set(codes)) == sorted(set(wanted_warnings)), codes
    # every numbered sub-question finds the answer item that answers it
    if doc.question is not None and doc.answer is not None and doc.answer.items[0].number is not None:
        for question_item, answer_item in doc.pairs():
            assert answer_item is not None, f"question {question_item.number} has no answer"
