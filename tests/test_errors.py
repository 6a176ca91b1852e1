"""Bad input gets a typed exception from the API and one clear line from the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import answer_parser
from answer_parser import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    UnreadableFileError,
)
from conftest import FIXTURES, tiny_pdf


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        (b"", EmptyFileError, "empty_file"),
        (b"Dit is geen PDF maar platte tekst.\n", NotAPDFError, "not_a_pdf"),
        (b"%PDF-1.7\n%garbage\n1 0 obj\n<<", DamagedPDFError, "damaged_pdf"),
    ],
)
def test_bad_bytes_raise_typed_errors(data: bytes, error: type[AnswerParserError], code: str) -> None:
    with pytest.raises(error) as info:
        answer_parser.parse(data)
    assert info.value.code == code
    assert isinstance(info.value, AnswerParserError)


def test_truncated_fixture_is_damaged() -> None:
    data = (FIXTURES / "seed_qa.pdf").read_bytes()
    with pytest.raises(DamagedPDFError):
        answer_parser.parse(data[: len(data) // 3])


def test_encrypted_pdf() -> None:
    with pytest.raises(EncryptedPDFError) as info:
        answer_parser.parse(tiny_pdf(encrypt="geheim"))
    assert info.value.code == "encrypted_pdf"


def test_image_only_pdf_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayerError):
        answer_parser.parse(tiny_pdf(text=False))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        answer_parser.parse(tmp_path / "nergens.pdf")
    assert "nergens.pdf" in str(info.value)


def test_cli_prints_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "tekst.pdf"
    bad.write_text("geen pdf")
    run = subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", "parse", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "not_a_pdf" in lines[0] and "tekst.pdf" in lines[0]
