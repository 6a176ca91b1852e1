"""Golden-file regression checks: `answer_parser.compare`, `answer_parser.regression` and
`answer-parser check`.

Golden files are made here, in a temporary folder, from a parse of a fixture PDF, then changed on
purpose: these tests check the checking machinery, not the parser's accuracy.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import answer_parser
from answer_parser.cli import main
from answer_parser.golden import regression
from answer_parser.golden.compare import Tolerance, align, describe, diff, merge
from answer_parser.golden.regression import Options, golden_text, parse_for_golden
from conftest import FIXTURES

PDF = "seed_qa.pdf"
_PARSED: dict[bytes, answer_parser.Document] = {}


@pytest.fixture(autouse=True)
def parse_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse each distinct PDF once per session: these tests are about comparing, not parsing."""
    real = regression.parse

    def cached(path: Path) -> answer_parser.Document:
        data = Path(path).read_bytes()
        if data not in _PARSED:
            _PARSED[data] = real(path)
        return _PARSED[data]

    monkeypatch.setattr(regression, "parse", cached)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding one fixture PDF and no golden file yet."""
    out = tmp_path / "answers"
    out.mkdir()
    shutil.copyfile(FIXTURES / PDF, out / PDF)
    return out


def golden(folder: Path) -> Path:
    return folder / PDF.replace(".pdf", ".expected.json")


def write_golden_from_parse(folder: Path) -> dict[str, Any]:
    data, error = parse_for_golden(folder / PDF)
    assert error is None
    golden(folder).write_text(golden_text(data), encoding="utf-8")
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def a_number_cell(data: dict[str, Any]) -> tuple[int, int, int]:
    """(table, row, cell) of an integer cell past the first table and row, to change on purpose."""
    for t, table in enumerate(data["tables"]):
        for r, row in enumerate(table["rows"]):
            for c, cell in enumerate(row["cells"]):
                if t >= 1 and r >= 1 and cell["kind"] == "integer":
                    return t, r, c
    pytest.skip(f"{PDF} parses without an integer cell to change")


# --- compare ---------------------------------------------------------------------------------


def _doc() -> dict[str, Any]:
    def table(i: int, caption: str, values: list[int]) -> dict[str, Any]:
        rows = [
            {
                "label": [f"r{v}"],
                "level": 0,
                "total": False,
                "cells": [{"raw": str(v), "value": v, "kind": "integer", "unit": None}],
            }
            for v in values
        ]
        bbox = [1.0, 2.0, 3.0, 4.0]
        return {"index": i, "caption": caption, "bbox": bbox, "columns": [{"path": ["n"]}], "rows": rows}

    return {
        "kind": "answer",
        "answer": {"items": [{"number": "1", "text": "een", "tables": [0]}]},
        "tables": [table(0, "A", [1, 2, 3]), table(1, "B", [4, 5]), table(2, "C", [6])],
        "warnings": [{"code": "w", "message": "m", "page": 1, "table": None}],
    }


def test_diff_names_the_changed_cell() -> None:
    actual = _doc()
    expected = copy.deepcopy(actual)
    expected["tables"][2]["rows"][0]["cells"][0]["value"] = 1001
    actual["tables"][2]["rows"][0]["cells"][0]["value"] = 1000
    assert diff(expected, actual) == ["tables[2].rows[0].cells[0].value: 1001 -> 1000"]


def test_a_removed_table_is_one_line_and_the_rest_moves_up() -> None:
    expected = _doc()
    actual = copy.deepcopy(expected)
    del actual["tables"][1]
    actual["tables"][1]["index"] = 1
    assert diff(expected, actual) == [
        "tables[1]: removed table 'B' (2 rows, 1 columns)",
        "tables[2->1].index: 2 -> 1",
    ]
    assert diff(actual, expected) == [
        "tables[1]: added table 'B' (2 rows, 1 columns)",
        "tables[1->2].index: 1 -> 2",
    ]


def test_an_added_row_and_an_added_item_are_one_line_each() -> None:
    expected = _doc()
    actual = copy.deepcopy(expected)
    extra = copy.deepcopy(actual["tables"][0]["rows"][1])
    extra["label"] = ["nieuw"]
    actual["tables"][0]["rows"].insert(1, extra)
    actual["tables"][0]["rows"][3]["cells"][0]["value"] = 30
    actual["answer"]["items"].append({"number": "2", "text": "twee", "tables": []})
    assert diff(expected, actual) == [
        "answer.items[1]: added item 2 'twee'",
        "tables[0].rows[1]: added row 'nieuw': 2",
        "tables[0].rows[2->3].cells[0].value: 3 -> 30",
    ]


def test_subset_compares_only_the_fields_the_expected_side_has() -> None:
    actual = _doc()
    partial = {"kind": "answer", "tables": [{"caption": t["caption"]} for t in actual["tables"]]}
    assert diff(partial, actual, subset=True) == []
    assert "answer: added {items: [{number: '1', text: 'een', tables: [0]}]}" in diff(partial, actual)
    # a partial list still aligns: the missing table reads as one line
    del actual["tables"][0]
    assert diff(partial, actual, subset=True) == ["tables[0]: removed {caption: 'A'}"]


def test_a_field_the_actual_side_lacks_is_removed() -> None:
    expected, actual = _doc(), _doc()
    del actual["answer"]
    assert diff(expected, actual) == ["answer: removed {items: [{number: '1', text: 'een', tables: [0]}]}"]


def test_tolerances() -> None:
    expected, actual = _doc(), _doc()
    actual["tables"][0]["bbox"] = [1.5, 2.0, 3.0, 4.0]
    actual["warnings"] = []
    actual["tables"][1]["rows"][0]["cells"][0]["value"] = 4.25
    assert diff(expected, actual) == [
        "tables[0].bbox[0]: 1.0 -> 1.5",
        "tables[1].rows[0].cells[0].value: 4 -> 4.25",
        "warnings[0]: removed warning w: m",
    ]
    assert diff(expected, actual, tolerance=Tolerance(ignore_bbox=True, ignore_warnings=True)) == [
        "tables[1].rows[0].cells[0].value: 4 -> 4.25"
    ]
    everything = Tolerance(ignore_bbox=True, ignore_warnings=True, numeric=0.25)
    assert diff(expected, actual, tolerance=everything) == []
    assert diff(expected, actual, tolerance=Tolerance(ignore_keys={"tables", "warnings"})) == []
    with pytest.raises(ValueError):
        Tolerance(numeric=-1)


def test_strict_by_default_but_an_int_equals_the_same_float() -> None:
    assert diff({"v": 1}, {"v": 1.0}) == []
    assert diff({"v": True}, {"v": 1}) == ["v: true -> 1"]
    assert diff({"v": "1"}, {"v": 1}) == ["v: '1' -> 1"]
    assert diff({"v": None}, {"v": 0}) == ["v: null -> 0"]


def test_align_pairs_the_most_alike_elements() -> None:
    steps = list(align(["aaaa", "bbbb", "cccc"], ["aaaa", "xyz", "bbbX", "cccc"]))
    assert steps == [("pair", 0, 0), ("added", -1, 1), ("pair", 1, 2), ("pair", 2, 3)]
    steps = list(align(["aaaa", "bbbb", "cccc", "dddd"], ["aaaa", "dddX"]))
    assert steps == [("pair", 0, 0), ("removed", 1, -1), ("removed", 2, -1), ("pair", 3, 1)]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from([0.5, 1.0, 2.25])
    | st.sampled_from("abc"),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "b", "bbox", "index"]), inner)
    ),
    max_leaves=20,
)
tolerances = st.builds(
    Tolerance, ignore_bbox=st.booleans(), ignore_warnings=st.just(False), numeric=st.sampled_from([0.0, 0.5])
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(expected=json_values, actual=json_values, subset=st.booleans(), tolerance=tolerances)
def test_merge_brings_expected_up_to_date(
    expected: Any, actual: Any, subset: bool, tolerance: Tolerance
) -> None:
    merged = merge(expected, actual, subset=subset, tolerance=tolerance)
    assert diff(merged, actual, subset=subset, tolerance=tolerance) == []
    assert diff(actual, actual) == []
    if not diff(expected, actual, subset=subset, tolerance=tolerance):
        assert diff(expected, merged) == []  # nothing to change: the file stays as it was


def test_merge_keeps_a_partial_file_partial_and_ignored_values() -> None:
    actual = _doc()
    partial = {"kind": "question", "tables": [{"caption": "A", "bbox": [9, 9, 9, 9]}]}
    merged = merge(partial, actual, subset=True, tolerance=Tolerance(ignore_bbox=True))
    assert merged["kind"] == "answer"
    assert merged["tables"][0] == {"caption": "A", "bbox": [9, 9, 9, 9]}
    assert merged["tables"][1:] == actual["tables"][1:]  # added tables come in full
    assert set(merged) == {"kind", "tables"}


# --- options and golden files ----------------------------------------------------------------


def test_the_golden_files_compare_block_wins_key_by_key() -> None:
    flags = Options.of(subset=True, ignore_bbox=True, numeric=0.5)
    effective = flags.overridden_by({"subset": False, "ignore_keys": ["source"]})
    assert effective == Options.of(subset=False, ignore_bbox=True, numeric=0.5, ignore_keys=["source"])
    assert effective.flags() == ["--ignore-bbox", "--numeric", "0.5", "--ignore-key", "source"]
    assert effective.describe() == "ignore bbox, numeric 0.5, ignore source"
    assert Options().describe() == "strict"
    for bad in (
        {"subst": True},
        {"subset": "yes"},
        {"numeric": -1},
        {"numeric": True},
        {"ignore_keys": "bbox"},
    ):
        with pytest.raises(regression.GoldenFileError):
            Options().overridden_by(bad)


def test_golden_file_text_puts_compare_first() -> None:
    text = golden_text({"kind": "annex", "tables": []}, {"subset": True})
    assert text == '{\n  "$compare": {\n    "subset": true\n  },\n  "kind": "annex",\n  "tables": []\n}\n'


# --- answer-parser check -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_changed_golden_field_fails_check_with_its_exact_path(folder: Path) -> None:
    """The acceptance test of the issue, through the real command in a separate process."""
    data = write_golden_from_parse(folder)
    command = [sys.executable, "-m", "answer_parser.cli", "check", str(folder)]
    ok = subprocess.run(command, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip() == "1 document: 1 match"

    t, r, c = a_number_cell(data)
    value = data["tables"][t]["rows"][r]["cells"][c]["value"]
    changed = copy.deepcopy(data)
    changed["tables"][t]["rows"][r]["cells"][c]["value"] = value + 1
    golden(folder).write_text(golden_text(changed), encoding="utf-8")

    failed = subprocess.run(command, capture_output=True, text=True)
    assert failed.returncode == 1
    lines = failed.stdout.splitlines()
    assert lines[0].startswith("FAIL seed_qa: 1 difference between seed_qa.expected.json")
    assert lines[1] == f"    tables[{t}].rows[{r}].cells[{c}].value: {value + 1} -> {value}"
    assert lines[-1] == "1 document: 1 differ"


def test_a_table_missing_from_the_golden_file_is_reported_as_added(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_golden_from_parse(folder)
    assert len(data["tables"]) >= 2
    changed = copy.deepcopy(data)
    del changed["tables"][0]
    for i, table in enumerate(changed["tables"]):
        table["index"] = i  # as an older parse that missed the first table would have it
    golden(folder).write_text(golden_text(changed), encoding="utf-8")
    code, out, _ = run(capsys, str(folder))
    assert code == 1
    assert f"    tables[0]: added {describe(data['tables'][0])}\n" in out
    assert describe(data["tables"][0]).startswith("table ")
    # the tables after it moved up one place: one line each, no wall of differences
    assert "    tables[0->1].index: 0 -> 1\n    tables[1->2].index: 1 -> 2\n" in out


def test_a_pdf_without_golden_file_is_reported(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(folder))
    assert code == 1
    assert "NEW  seed_qa: no golden file; run with --update to create seed_qa.expected.json" in out
    assert out.splitlines()[-1] == "1 document: 1 without golden file"


def test_update_without_a_terminal_shows_the_changes_and_refuses(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_golden_from_parse(folder)
    changed = copy.deepcopy(data)
    changed["question"]["title"] = "Oude titel"
    golden(folder).write_text(golden_text(changed), encoding="utf-8")
    before = golden(folder).read_text("utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # not a terminal: never read
    code, out, err = run(capsys, str(folder), "--update")
    assert code == 1
    assert f"update {golden(folder)}:" in out
    assert f"    question.title: 'Oude titel' -> {data['question']['title']!r}" in out
    assert "not writing 1 golden file: no terminal to confirm on; rerun with --update --yes" in err
    assert golden(folder).read_text("utf-8") == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "written"), [("y\n", True), ("n\n", False), ("", False)])
def test_update_on_a_terminal_asks_first(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    written: bool,
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    code, out, _ = run(capsys, str(folder), "--update")
    assert f"create {golden(folder)}:\n    new golden file: kind " in out
    assert "write 1 golden file? [y/N] " in out
    assert golden(folder).exists() is written
    assert code == (0 if written else 1)
    if written:
        assert out.endswith("[y/N] wrote 1 golden file\n")
        assert run(capsys, str(folder))[0] == 0


def test_update_yes_writes_and_then_check_passes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(folder), "--update", "--yes")[0] == 0
    written = json.loads(golden(folder).read_text("utf-8"))
    assert written["source"]["path"] == PDF  # the file name: the folder may move
    assert "$compare" not in written
    assert run(capsys, str(folder)) == (0, "1 document: 1 match\n", "")
    assert run(capsys, str(folder), "--update", "--yes")[1].endswith("nothing to update\n")


def test_update_keeps_the_compare_block_and_a_partial_file_partial(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = parse_for_golden(folder / PDF)
    t, r, c = a_number_cell(data)
    value = data["tables"][t]["rows"][r]["cells"][c]["value"]
    partial = {"kind": data["kind"], "tables": [{"caption": tb["caption"]} for tb in data["tables"]]}
    partial["tables"][t]["rows"] = copy.deepcopy(data["tables"][t]["rows"])
    partial["tables"][t]["rows"][r]["cells"][c]["value"] = value + 7
    golden(folder).write_text(golden_text(partial, {"subset": True}), encoding="utf-8")

    code, out, _ = run(capsys, str(folder), "--update", "--yes")
    assert code == 0
    assert f"    tables[{t}].rows[{r}].cells[{c}].value: {value + 7} -> {value}" in out
    text = golden(folder).read_text("utf-8")
    assert text.startswith('{\n  "$compare": {\n    "subset": true\n  },\n  "kind"')
    updated = json.loads(text)
    assert set(updated) == {"$compare", "kind", "tables"}
    assert set(updated["tables"][0]) == {"caption"}
    assert updated["tables"][t]["rows"][r]["cells"][c]["value"] == value
    assert run(capsys, str(folder))[0] == 0


def test_subset_per_file_or_by_flag_and_the_file_wins(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = parse_for_golden(folder / PDF)
    partial = {"kind": data["kind"], "question": {"number": data["question"]["number"]}}

    golden(folder).write_text(golden_text(partial), encoding="utf-8")
    code, out, _ = run(capsys, str(folder))
    assert code == 1 and "    source: added {" in out  # strict by default
    assert run(capsys, str(folder), "--subset")[0] == 0

    golden(folder).write_text(golden_text(partial, {"subset": True}), encoding="utf-8")
    assert run(capsys, str(folder))[0] == 0

    golden(folder).write_text(golden_text(partial, {"subset": False}), encoding="utf-8")
    code, out, _ = run(capsys, str(folder), "--subset")
    assert code == 1 and "(strict)" in out


def test_tolerance_flags(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_golden_from_parse(folder)
    t, r, c = a_number_cell(data)
    changed = copy.deepcopy(data)
    changed["tables"][0]["bbox"][0] += 3
    changed["warnings"].append({"code": "made_up", "message": "a warning", "page": 1, "table": None})
    changed["tables"][t]["rows"][r]["cells"][c]["value"] += 0.5
    changed["source"]["sha256"] = "0" * 64
    golden(folder).write_text(golden_text(changed), encoding="utf-8")

    code, out, _ = run(capsys, str(folder))
    assert code == 1
    assert "    tables[0].bbox[0]: " in out
    assert "    warnings[0]: removed warning made_up: a warning" in out
    assert f"    tables[{t}].rows[{r}].cells[{c}].value: " in out
    assert "    source.sha256: '000" in out
    loose = ["--ignore-bbox", "--ignore-warnings", "--numeric", "0.5", "--ignore-key", "sha256"]
    assert run(capsys, str(folder), *loose) == (0, "1 document: 1 match\n", "")
    code, out, _ = run(capsys, str(folder), *loose[:-2])
    assert code == 1 and "ignore bbox, ignore warnings, numeric 0.5)" in out and "sha256" in out


def test_a_bad_golden_file_is_an_error_and_is_left_alone(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golden(folder).write_text('{"$compare": {"subst": true}, "kind": "answer"}', encoding="utf-8")
    code, out, _ = run(capsys, str(folder), "--update", "--yes")
    assert code == 1
    assert "ERROR seed_qa: seed_qa.expected.json: unknown $compare option 'subst'" in out
    assert json.loads(golden(folder).read_text("utf-8"))["kind"] == "answer"
    golden(folder).write_text("{not json", encoding="utf-8")
    code, out, _ = run(capsys, str(folder))
    assert code == 1 and "seed_qa.expected.json: not valid JSON" in out


def test_a_refused_pdf_has_an_error_golden_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "scan.pdf").write_bytes(b"not a pdf at all")
    write_golden_from_parse(folder)
    code, out, _ = run(capsys, str(folder), "--update", "--yes")
    assert code == 0
    assert "create " in out and "    new golden file: error not_a_pdf" in out
    assert json.loads((folder / "scan.expected.json").read_text("utf-8")) == {"$error": "not_a_pdf"}
    assert run(capsys, str(folder))[0] == 0

    (folder / "scan.expected.json").write_text(golden_text({"kind": "answer"}, {"subset": True}), "utf-8")
    code, out, _ = run(capsys, str(folder / "scan.pdf"))
    assert code == 1 and "    (document): expected a parsed document, got error not_a_pdf: " in out


def test_bad_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and "nowhere: no such file or folder" in err
    code, _, err = run(capsys, str(tmp_path))
    assert code == 2 and "no PDFs in" in err
    (tmp_path / "a.txt").write_text("x")
    assert run(capsys, str(tmp_path / "a.txt"))[0] == 2
    with pytest.raises(SystemExit):
        main(["check", str(tmp_path), "--numeric", "-1"])


def test_folders_files_subfolders_orphans_and_verbose(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_golden_from_parse(folder)
    (folder / "gone.expected.json").write_text("{}", encoding="utf-8")
    sub = folder / "2021"
    sub.mkdir()
    shutil.copyfile(folder / PDF, sub / "other.pdf")
    shutil.copyfile(golden(folder), sub / "other.expected.json")
    code, out, _ = run(capsys, str(folder), "-v")
    assert code == 0
    assert out.splitlines() == [
        "ok   seed_qa",
        f"note: {folder / 'gone.expected.json'} has no PDF beside it",
        "1 document: 1 match",
    ]
    code, out, _ = run(capsys, str(folder), "--recursive", "-v")
    assert code == 1  # source.path differs: other.pdf
    assert "FAIL 2021/other: 1 difference" in out and "    source.path: 'seed_qa.pdf' -> 'other.pdf'" in out
    assert run(capsys, str(folder / PDF))[0] == 0


def test_max_lines_cuts_a_long_report(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    golden(folder).write_text(golden_text({}), encoding="utf-8")
    code, out, _ = run(capsys, str(folder), "--max-lines", "2")
    lines = out.splitlines()
    assert code == 1 and lines[1].startswith("    schema_version: added ")
    assert lines[3].startswith("    ... ")
    assert lines[3].endswith(" more lines")
    every_line = run(capsys, str(folder), "--max-lines", "0")[1].splitlines()
    assert len(every_line) == len(lines) - 3 + len(STRICT_KEYS)  # minus the cut, plus every key


STRICT_KEYS = ["schema_version", "source", "kind", "question", "answer", "tables", "links", "warnings"]


def test_a_parser_crash_on_one_pdf_does_not_stop_the_others(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_golden_from_parse(folder)
    (folder / "crash.pdf").write_bytes(b"%PDF-1.4 whatever")
    cached = regression.parse

    def crashing(path: Path) -> answer_parser.Document:
        if Path(path).name == "crash.pdf":
            raise IndexError("list index out of range")
        return cached(path)

    monkeypatch.setattr(regression, "parse", crashing)
    code, out, _ = run(capsys, str(folder), "-v")
    assert code == 1
    assert out.splitlines() == [
        "CRASH crash: IndexError: list index out of range",
        "ok   seed_qa",
        "2 documents: 1 match, 1 unreadable golden file or crash",
    ]


def test_expected_warning_codes_must_appear(tmp_path: Path) -> None:
    from answer_parser.golden.regression import Case, check_case

    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes((FIXTURES / "seed_qa.pdf").read_bytes())
    golden = tmp_path / "seed.expected.json"
    golden.write_text(json.dumps({"kind": "question_and_answer", "$expect_warnings": ["total_mismatch"]}))
    result = check_case(Case(pdf, "seed"), Options.of(subset=True))
    assert result.status == "differ"
    assert result.lines == ("warnings: expected a 'total_mismatch' warning, got []",)
