"""Warning codes: one enum lists every code the parser gives, with its meaning and severity;
docs/warnings.md is written from it, and no stage writes a code as a bare string."""

from __future__ import annotations

from pathlib import Path

import regex

import answer_parser
from answer_parser.codes import CODE_INFO, WarningCode, warnings_markdown
from answer_parser.model import Warning
from conftest import ROOT

SRC = Path(answer_parser.__file__).parent


def test_every_code_has_meaning_and_severity() -> None:
    assert set(CODE_INFO) == set(WarningCode)
    for code in WarningCode:
        assert code.meaning and code.stage
        assert code.severity in ("info", "check")
    assert WarningCode.FOOTNOTES_REMOVED.severity == "info"
    assert WarningCode.TOTAL_MISMATCH.severity == "check"


def test_codes_are_strings_and_warnings_keep_plain_strings() -> None:
    assert WarningCode.TOTAL_MISMATCH == "total_mismatch"
    warning = Warning(WarningCode.TOTAL_MISMATCH, "x")
    assert type(warning.code) is str
    assert warning == Warning("total_mismatch", "x") and hash(warning) == hash(Warning("total_mismatch", "x"))
    assert answer_parser.to_dict(answer_parser.parse(ROOT / "fixtures" / "tbl_total_mismatch.pdf"))[
        "warnings"
    ]


def test_no_stage_writes_a_code_as_a_bare_string() -> None:
    literal = regex.compile(r"Warning\(\s*[\"']|\(\s*[\"'][a-z]+_[a-z_]+[\"']\s*,\s*(?:p|problem)\b")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []


def test_every_code_is_given_somewhere() -> None:
    """Each code listed is one that a stage gives (codes.py itself aside)."""
    used = {
        m.group(1)
        for path in SRC.rglob("*.py")
        if path.name != "codes.py"
        for m in regex.finditer(r"WarningCode\.([A-Z_]+)", path.read_text())
    }
    assert used == {code.name for code in WarningCode}


def test_docs_warnings_md_is_written_from_the_enum() -> None:
    text = (ROOT / "docs" / "warnings.md").read_text("utf-8")
    assert text == warnings_markdown(), (
        "docs/warnings.md is stale: python -c 'from answer_parser.codes import warnings_markdown;"
        ' print(warnings_markdown(), end="")\' > docs/warnings.md'
    )
    for code in WarningCode:
        assert f"`{code}`" in text
