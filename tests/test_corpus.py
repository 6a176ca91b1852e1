"""Real PDFs from ../shared/corpus: every Dutch-language PDF parses, and cells of real budget
tables come out as printed.

The expected cells below were read by eye from the rendered pages of
corpus/nl/flemish_gov_reports/vl_bo2026.pdf (pages 4, 7 and 9), not from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import answer_parser
from answer_parser import Document
from conftest import CORPUS, CorpusRun, assert_valid, corpus_pdfs, corpus_run

pytestmark = pytest.mark.corpus

NL_PDFS = corpus_pdfs("nl")


@pytest.mark.parametrize("path", NL_PDFS, ids=[p.name for p in NL_PDFS])
def test_every_dutch_pdf_parses(path: Path, corpus: CorpusRun) -> None:
    doc = corpus.document(path)
    assert doc.source.pages > 0
    assert_valid(answer_parser.to_dict(doc))


def test_corpus_present_or_skipped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    assert len(NL_PDFS) >= 30  # 39 when this was written


def _budget() -> Document:
    path = CORPUS / "nl" / "flemish_gov_reports" / "vl_bo2026.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return corpus_run().document(path)


def _cell(label: str, column: str | None) -> tuple[str, int | float | None]:
    """The first cell, in any table, whose row label ends with `label` and whose column path
    contains `column` (the only column when None)."""
    for table in _budget().tables:
        for row in table.rows:
            if not row.label or row.label[-1] != label:
                continue
            for col, cell in zip(table.columns, row.cells, strict=False):
                if (column is None and len(table.columns) == 1) or column in col.path:
                    return cell.raw, cell.value
    raise AssertionError(f"no cell {label!r} / {column!r}")


@pytest.mark.parametrize(
    ("label", "column", "raw", "value"),
    [
        # Tabel 3-1 (page 7), ruled grid
        ("Bruto aanvullende belasting op de PB", "BO 2025", "10.807.857", 10807857),
        ("Gewestelijke belastingen", "BO 2026", "8.054.606", 8054606),
        ("Toegewezen ontvangsten", "BO - BA", "-29.239", -29239),
        ("Totaal", "BA 2025", "60.337.599", 60337599),
        # Tabel 3-3 and 3-4 (page 9), ruled grids with bold subtotals
        ("Voorschotten", "BA 2025", "10.380.695", 10380695),
        ("Afrekeningen vorige aanslagjaren", "BO 2026", "-158.454", -158454),
        ("Gewest - dotatie dode hand", "BO 2026 – BA 2025", "0", 0),
        ("Gewest - subtotaal dotaties", "BO 2026", "3.714.094", 3714094),
        ("Gemeenschap - BTW dotatie", "BA 2025", "12.990.161", 12990161),
        # Tabel 2-1 (page 4), ruled only in part, with right-aligned sub-items
        ("Oosterweel (hoofdwerken)", None, "883.779", 883779),
        ("Netto-beleidsruimte (7=5+6)", None, "-3.022.813", -3022813),
        ("Vorderingensaldo BO 2026 (12=11-6)", None, "-2.882.396", -2882396),
    ],
)
def test_budget_cells_as_printed(label: str, column: str | None, raw: str, value: int) -> None:
    assert _cell(label, column) == (raw, value)


def test_budget_subtotals_are_total_rows() -> None:
    totals = [row.label[-1] for table in _budget().tables for row in table.rows if row.total]
    assert "Gewest - subtotaal dotaties" in totals
    assert "Totaal" in totals
