"""Shared test helpers: where fixtures and the shared corpus live, the contract validator, and the
corpus parsed once per session (`corpus_run`).

Tests that read ../shared/corpus carry the marker `corpus` (pyproject.toml): `python -m pytest -m
"not corpus"` leaves them out; `python -m pytest -q` runs everything.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import answer_parser
from answer_parser import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema_text = resources.files("answer_parser").joinpath("schema/document.schema.json").read_text("utf-8")
    schema = json.loads(schema_text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid(data: dict[str, Any]) -> None:
    """Fail with every schema error when `data` breaks the JSON contract."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])


def fixture_pdfs() -> list[Path]:
    return sorted(FIXTURES.glob("*.pdf"))


def corpus_pdfs(sub: str = "") -> list[Path]:
    folder = CORPUS / sub if sub else CORPUS
    return sorted(folder.rglob("*.pdf")) if folder.is_dir() else []


def need_corpus(sub: str = "") -> Path:
    folder = CORPUS / sub if sub else CORPUS
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


def tiny_pdf(encrypt: str | None = None, text: bool = True) -> bytes:
    """A one-page PDF made on the spot: an answer heading as text, or (text=False) only a
    filled box, like a scan without a text layer; `encrypt` sets a user password."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    if text:
        c.drawString(72, 760, "ANTWOORD op vraag nr. 1 van 2 oktober 2020 van JAN PEETERS")
    else:
        c.rect(72, 500, 300, 200, fill=1)  # a 'scan': marks without a text layer
    c.showPage()
    c.save()
    return buf.getvalue()


# -- the corpus, parsed once per session ------------------------------------------------------------

#: seconds one corpus file may take in the batch: generous, for a machine shared with other work
CORPUS_FILE_TIMEOUT = 300
#: seconds the whole corpus batch may take
CORPUS_RUN_TIMEOUT = 3600


@attrs.frozen
class CorpusRun:
    """`answer-parser batch` over the whole corpus (2 workers, tables as CSV), run once."""

    pdfs: tuple[str, ...]
    records: tuple[dict[str, Any], ...]
    returncode: int
    stderr: str
    seconds: float
    tables_dir: Path

    def record(self, path: Path | str) -> dict[str, Any]:
        wanted = str(path)
        return next(r for r in self.records if r["source"]["path"] == wanted)

    def document(self, path: Path | str) -> Document:
        """The document of one corpus PDF, from the batch's record (the JSON round trip is exact).
        A file the batch gave up on for time (a busy machine) is parsed again here."""
        record = self.record(path)
        if record.get("error", {}).get("code") == "timeout":
            return answer_parser.parse(path)
        assert "error" not in record, record
        return answer_parser.from_dict(record)


@cache
def corpus_run() -> CorpusRun:
    """The corpus through `answer-parser batch` once per test session (the tests that read the
    corpus share it: test_corpus, test_tweede_kamer, the batch's corpus test)."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    work = Path(tempfile.mkdtemp(prefix="corpus-run-"))
    out, tables = work / "corpus.jsonl", work / "tables"
    start = time.monotonic()
    command = [sys.executable, "-m", "answer_parser.cli", "batch", str(CORPUS), "-o", str(out)]
    command += ["--workers", "2", "--timeout", str(CORPUS_FILE_TIMEOUT), "--tables-csv", str(tables)]
    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=CORPUS_RUN_TIMEOUT,
    )
    records = tuple(json.loads(line) for line in out.read_text("utf-8").splitlines()) if out.exists() else ()
    return CorpusRun(
        pdfs=tuple(str(p) for p in corpus_pdfs()),
        records=records,
        returncode=run.returncode,
        stderr=run.stderr,
        seconds=time.monotonic() - start,
        tables_dir=tables,
    )


@pytest.fixture(scope="session")
def corpus() -> CorpusRun:
    """The corpus parsed once per session (see `corpus_run`)."""
    return corpus_run()


def pytest_report_header() -> str:
    """The reader every parse of this run uses: $ANSWER_PARSER_READER (CI runs the golden suite
    under both), else pdfplumber's."""
    from answer_parser.pdf.settings import READER_VARIABLE
    from answer_parser.settings import DEFAULT_SETTINGS

    return f"answer_parser reader: {DEFAULT_SETTINGS.reading.reader} (${READER_VARIABLE} to change)"


def page_words(
    text: str,
    x: float,
    top: float,
    *,
    size: float = 10.0,
    char: float = 5.0,
    right: bool = False,
    bold: bool = False,
) -> list[Any]:
    """The words of `text` set on a made-up page from x (or ending at x when `right`), each
    character `char` points wide: enough for a layout in plain numbers."""
    from answer_parser.pdf.records import Word

    if right:
        x -= len(text) * char
    out = []
    for part in text.split(" "):
        out.append(Word(part, x, x + len(part) * char, top, top + size, size, bold))
        x += (len(part) + 1) * char
    return out


def page_lines(
    rows: list[list[tuple[str, float, bool]]], top: float = 100.0, pitch: float = 13.0
) -> list[Any]:
    """Lines of words (text, x, right-aligned) one row each, `pitch` apart, at 10 points."""
    from answer_parser.layout.lines import words_to_lines

    words: list[Any] = []
    for i, row in enumerate(rows):
        for text, x, right in row:
            words += page_words(text, x, top + i * pitch, right=right)
    return words_to_lines(words, page=1)
