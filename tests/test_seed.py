"""The seed document, rendered as a minister's office renders it, parses to its ground truth.

Ground truth: ../shared/seed/expected.json (hand-checked) where present, and always the fixture's
own expected JSON, generated from the fixture's source spec by the fixture builder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import answer_parser
from answer_parser.golden.compare import diff
from conftest import FIXTURES, SHARED, assert_valid

SEEDS = ["seed_qa", "seed_header", "seed_reportlab"]


def _parsed(name: str) -> dict[str, Any]:
    return answer_parser.to_dict(answer_parser.parse(FIXTURES / f"{name}.pdf"))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_fixture_equals_its_spec(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    actual = _parsed(name)
    assert_valid(actual)
    problems = diff(expected, actual, subset=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_fixture_equals_hand_checked_truth(name: str) -> None:
    truth_file = SHARED / "seed" / "expected.json"
    if not truth_file.is_file():
        pytest.skip("../shared/seed is absent")
    truth = json.loads(truth_file.read_text("utf-8"))
    problems = diff(truth, _parsed(name), subset=True)
    assert not problems, "\n".join(problems)


def test_cli_prints_the_contract(tmp_path: Path) -> None:
    pdf = FIXTURES / "seed_header.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", "parse", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(run.stdout)
    assert_valid(data)
    assert data["question"]["number"] == 6
    out = tmp_path / "out.json"
    subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", "parse", "-", "-o", str(out)],
        input=pdf.read_bytes(),
        capture_output=True,
        check=True,
    )
    from_stdin = json.loads(out.read_text("utf-8"))
    assert from_stdin["source"]["path"] is None
    assert from_stdin["source"]["sha256"] == data["source"]["sha256"]
    assert from_stdin["tables"] == data["tables"]
