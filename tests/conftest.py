"""Shared test helpers: where fixtures and the shared corpus live, and the contract validator."""

from __future__ import annotations

import io
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

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
