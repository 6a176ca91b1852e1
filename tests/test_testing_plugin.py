"""`answer_parser.testing` as a downstream project uses it: pytest run on a temporary project whose
tests/answers folder holds PDFs with golden files, and a test module of two lines.

The golden files are written here from a parse; these tests check the helper, not the parser.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import answer_parser
from answer_parser.cli import main
from answer_parser.golden import regression
from answer_parser.golden.regression import golden_path, parse_for_golden, write_golden
from answer_parser.golden.testing import GoldenMismatch, assert_golden
from conftest import FIXTURES

pytest_plugins = ["pytester"]

PDFS = ["seed_header.pdf", "seed_qa.pdf"]
_PARSED: dict[bytes, answer_parser.Document] = {}

TWO_LINES = """\
from answer_parser.testing import golden_tests
test_answers = golden_tests({folder!r}, ignore_bbox=True)
"""


@pytest.fixture(autouse=True)
def parse_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse each distinct PDF once (pytester runs pytest in this process, so this holds there too)."""
    real = regression.parse

    def cached(path: Path) -> answer_parser.Document:
        data = Path(path).read_bytes()
        if data not in _PARSED:
            _PARSED[data] = real(path)
        return _PARSED[data]

    monkeypatch.setattr(regression, "parse", cached)


@pytest.fixture
def project(pytester: pytest.Pytester) -> Path:
    """A downstream project: tests/answers/NAME.pdf with NAME.expected.json, golden from a parse."""
    answers = pytester.path / "tests" / "answers"
    answers.mkdir(parents=True)
    for name in PDFS:
        shutil.copyfile(FIXTURES / name, answers / name)
        data, error = parse_for_golden(answers / name)
        assert error is None
        write_golden(golden_path(answers / name), data)
    (pytester.path / "tests" / "test_answers.py").write_text(TWO_LINES.format(folder="answers"), "utf-8")
    return pytester.path


def change_golden(pdf: Path, change: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply `change` to the golden file of `pdf`; (the file's data before, after)."""
    path = golden_path(pdf)
    before = json.loads(path.read_text("utf-8"))
    after = copy.deepcopy(before)
    change(after)
    write_golden(path, after)
    return before, after


def test_a_folder_becomes_one_test_per_pdf(pytester: pytest.Pytester, project: Path) -> None:
    # the folder may also be named from the project root, as in the docs
    (project / "tests" / "test_from_root.py").write_text(TWO_LINES.format(folder="tests/answers"), "utf-8")
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "tests/test_answers.py::test_answers[[]seed_header[]] PASSED*",
            "tests/test_answers.py::test_answers[[]seed_qa[]] PASSED*",
            "tests/test_from_root.py::test_answers[[]seed_header[]] PASSED*",
        ]
    )


def test_a_changed_golden_file_fails_with_readable_lines_and_how_to_accept(
    pytester: pytest.Pytester, project: Path
) -> None:
    pdf = project / "tests" / "answers" / "seed_header.pdf"

    def change(data: dict[str, Any]) -> None:
        data["question"]["number"] += 1
        data["tables"][1]["bbox"][0] += 5  # forgiven: ignore_bbox=True
        del data["tables"][-1]

    before, _ = change_golden(pdf, change)
    last = len(before["tables"]) - 1
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_answers[[]seed_header[]] _*",
            "seed_header.pdf differs from tests/answers/seed_header.expected.json (ignore bbox): "
            "2 differences",
            f"    question.number: {before['question']['number'] + 1} -> {before['question']['number']}",
            f"    tables[[]{last}[]]: added table *",
            "if the new parse is right, accept it with",
            "    answer-parser check tests/answers/seed_header.pdf --update --ignore-bbox",
            "*= short test summary info =*",
            "FAILED tests/test_answers.py::test_answers[[]seed_header[]] - Failed: seed_header*",
        ]
    )
    assert "Traceback" not in result.stdout.str() and "bbox[0]" not in result.stdout.str()

    # the command the failure names brings the golden file up to date; then the test passes
    assert main(["check", "tests/answers/seed_header.pdf", "--update", "--ignore-bbox", "--yes"]) == 0
    assert (
        json.loads(golden_path(pdf).read_text("utf-8"))["tables"][1]["bbox"][0]
        == before["tables"][1]["bbox"][0] + 5
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_a_pdf_without_golden_file_fails(pytester: pytest.Pytester, project: Path) -> None:
    shutil.copyfile(FIXTURES / "seed_reportlab.pdf", project / "tests" / "answers" / "new one.pdf")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "new one.pdf: no golden file tests/answers/new one.expected.json; to create it run",
            "    answer-parser check 'tests/answers/new one.pdf' --update --ignore-bbox",
        ]
    )


def test_a_compare_block_in_a_golden_file_wins(pytester: pytest.Pytester, project: Path) -> None:
    pdf = project / "tests" / "answers" / "seed_qa.pdf"
    data = json.loads(golden_path(pdf).read_text("utf-8"))
    partial = {
        "$compare": {"subset": True},
        "kind": data["kind"],
        "tables": [{"caption": t["caption"]} for t in data["tables"]],
    }
    golden_path(pdf).write_text(json.dumps(partial), "utf-8")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_a_missing_folder_fails_the_collection(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing=TWO_LINES.format(folder="answerz"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*golden_tests: no folder 'answerz' beside the test file*"])


def test_options_reach_the_comparison(pytester: pytest.Pytester, project: Path) -> None:
    pdf = project / "tests" / "answers" / "seed_qa.pdf"
    change_golden(
        pdf, lambda data: data["warnings"].append({"code": "x", "message": "y", "page": None, "table": None})
    )
    (project / "tests" / "test_answers.py").write_text(
        "from answer_parser.testing import golden_tests\n"
        "test_strict = golden_tests('answers')\n"
        "test_loose = golden_tests('answers', ignore_bbox=True, ignore_warnings=True, numeric=0.5)\n",
        "utf-8",
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "seed_qa.pdf differs from tests/answers/seed_qa.expected.json (strict): 1 difference",
            "    warnings[[]0[]]: removed warning x: y",
            "FAILED tests/test_answers.py::test_strict[[]seed_qa[]] - *",
        ]
    )


def test_assert_golden_for_a_hand_written_test(tmp_path: Path) -> None:
    pdf = tmp_path / "seed_header.pdf"
    shutil.copyfile(FIXTURES / "seed_header.pdf", pdf)
    with pytest.raises(GoldenMismatch, match="no golden file"):
        assert_golden(pdf)
    data, _ = parse_for_golden(pdf)
    write_golden(golden_path(pdf), {"kind": data["kind"], "links": [*data["links"], "http://example.org"]})
    assert_golden(pdf, subset=True, ignore_keys=["links"])
    with pytest.raises(GoldenMismatch) as failure:
        assert_golden(pdf, subset=True)
    lines = str(failure.value).splitlines()
    assert lines[1] == f"    links[{len(data['links'])}]: removed 'http://example.org'"
    assert lines[-1].endswith("seed_header.pdf --update --subset")

    with pytest.raises(GoldenMismatch) as failure:
        assert_golden(pdf, subset=True, hint="{golden} comes from specs/{name}.json: fix the parser")
    assert (
        str(failure.value).splitlines()[-1]
        == f"{golden_path(pdf)} comes from specs/seed_header.json: fix the parser"
    )
