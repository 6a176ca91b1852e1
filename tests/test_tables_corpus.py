"""Tables of three real reports and one synthetic HRF page from ../shared/corpus/nl: which
numbered tables are found on which page with their captions, and that tables of contents and
charts are not read as tables.

The pages below were read from the documents themselves (their printed 'Tabel N' captions, and
the pages set sideways as issue 12 lists them), not from the parser's output. Skipped when
../shared/corpus is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import answer_parser
from answer_parser import Document
from conftest import CORPUS

pytestmark = pytest.mark.corpus

NL = CORPUS / "nl"

#: vl_eval_bo2026: printed table number -> the page its caption stands on (11-22 and 32-36 on
#: pages set sideways); Tabel 21 stands on one of pages 53-55
EVAL_PAGES: dict[int, tuple[int, ...]] = {
    **{1: (11,), 2: (12,), 3: (12,), 4: (21,), 5: (23,), 6: (25,), 7: (26,), 8: (31,), 9: (33,), 10: (34,)},
    **{11: (45,), 12: (46,), 13: (47,), 14: (48,), 15: (49,), 16: (49,), 17: (50,), 18: (50,)},
    **{19: (51,), 20: (52,), 21: (53, 54, 55), 22: (56,), 23: (63,), 24: (63,), 25: (63,)},
    **{26: (64,), 27: (64,), 28: (65,), 29: (65,), 30: (66,), 31: (66,), 32: (67,), 33: (68,)},
    **{34: (69,), 35: (70,), 36: (70,)},
}
#: pages of vl_eval_bo2026 without a table: contents (4), a bar chart (16), the list of tables
#: and figures (42-44)
EVAL_NO_TABLE = (4, 16, 42, 43, 44)

CCREK_PAGES: dict[int, int] = {
    **{1: 7, 2: 9, 3: 10, 4: 13, 5: 13, 6: 15, 7: 16, 8: 19, 9: 20, 10: 21, 11: 28, 12: 29, 13: 30},
    **{14: 33, 15: 34, 16: 37, 17: 39, 18: 39, 19: 44, 20: 49},
}
#: contents (2-3) and charts (24-25: a waterfall chart's ticks, data labels, sideways labels)
CCREK_NO_TABLE = (2, 3, 24, 25)

#: vl_bo2026: the printed label of each numbered table ('Tabel 2-1: ...') and its page
BO_LABELS: list[tuple[int, str]] = [
    (4, "2-1"),
    (5, "2-1"),
    (6, "2-2"),
    (7, "3-1"),
    (8, "3-2"),
    (9, "3-3"),
    (9, "3-4"),
    (11, "3-5"),
    (14, "4-1"),
    (14, "4-2"),
    (15, "5-1"),
]
#: contents (2) and figures 4-1 (13) and 4-2 (15, above Tabel 5-1)
BO_NO_TABLE = (2, 13)


def _parse(*parts: str) -> Document:
    path = NL.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return answer_parser.parse(path)


@cache
def _eval() -> Document:
    return _parse("vlaams_parlement_stukken", "vl_eval_bo2026.pdf")


@cache
def _ccrek() -> Document:
    return _parse("flemish_gov_reports", "ccrek_vl_ba2026.pdf")


@cache
def _bo() -> Document:
    return _parse("flemish_gov_reports", "vl_bo2026.pdf")


def _numbered(doc: Document) -> dict[int, tuple[int, str]]:
    """Table number -> (first page, caption) of every captioned table."""
    return {t.number: (t.pages[0], t.caption or "") for t in doc.tables if t.number is not None}


def test_vl_eval_has_its_36_numbered_tables_with_captions_on_their_pages() -> None:
    found = _numbered(_eval())
    hits = {n for n, pages in EVAL_PAGES.items() if n in found and found[n][0] in pages and found[n][1]}
    assert len(hits) == 36, sorted(set(EVAL_PAGES) - hits)
    assert not set(found) - set(EVAL_PAGES)  # no number that is not printed


def test_vl_eval_sideways_tables_keep_their_headers_and_captions() -> None:
    tables = {t.number: t for t in _eval().tables if t.number is not None}
    # Tabel 21 (p. 54): the first label 'Primaire ESR-uitgaven (excl.' / 'VV)' right under the header
    # is a cell of the label column, not a sentence that cuts the header off
    assert tables[21].pages == (54,) and tables[21].stub_header == "SERV-raming uitgaven"
    assert tables[21].caption == "Vlaamse begroting, SERV-raming ESR-uitgaven, 2024-2030, in € dz"
    assert tables[21].rows[0].label == ("Primaire ESR-uitgaven (excl. VV)",)
    # Tabel 34 (p. 69): a header of seven lines (years, then cells wrapped over six lines)
    assert tables[34].pages == (69,)
    assert tables[34].columns[1].path == ("2026", "Verandering schuld door SERV-bijstelling saldo")
    assert tables[34].rows[-1].label == ("Totaal",)


def test_vl_eval_sideways_tables_are_read_and_warned() -> None:
    doc = _eval()
    sideways = [t for t in doc.tables if t.number is not None and 11 <= t.number <= 22]
    assert len(sideways) >= 11
    rotated = {w.table for w in doc.warnings if w.code == "table_rotated"}
    assert {t.index for t in sideways} <= rotated
    eleven = next(t for t in doc.tables if t.number == 11)
    assert eleven.caption and eleven.caption.startswith("Vlaamse begroting, overzicht besparingsmaatregelen")


def test_vl_eval_tables_continued_on_the_next_page_are_joined() -> None:
    doc = _eval()
    assert next(t for t in doc.tables if t.number == 1).pages == (11, 12)
    assert next(t for t in doc.tables if t.number == 3).pages[:2] == (12, 13)


def test_vl_eval_header_right_above_the_rule_is_kept() -> None:
    four = next(t for t in _eval().tables if t.number == 4)
    assert four.stub_header == "Macro-economische parameters"
    assert [c.path for c in four.columns] == [
        ("2025",),
        ("2026",),
        ("2027",),
        ("2028",),
        ("2029",),
        ("2030",),
        ("cum.",),
    ]


@pytest.mark.parametrize(
    ("name", "no_table"), [("eval", EVAL_NO_TABLE), ("ccrek", CCREK_NO_TABLE), ("bo", BO_NO_TABLE)]
)
def test_no_contents_or_chart_is_read_as_a_table(name: str, no_table: tuple[int, ...]) -> None:
    doc = {"eval": _eval, "ccrek": _ccrek, "bo": _bo}[name]()
    assert [t.pages[0] for t in doc.tables if t.pages[0] in no_table] == []


def test_ccrek_numbered_tables_per_page() -> None:
    found = _numbered(_ccrek())
    assert {n: found[n][0] for n in found} == CCREK_PAGES
    assert all(caption for _, caption in found.values())


def test_ccrek_header_in_white_on_a_shaded_band_is_the_header() -> None:
    # Tabel 16 (p. 37): dates and ratings under a header in white on a shaded band, a rule under
    # every row and none above the header
    sixteen = next(t for t in _ccrek().tables if t.number == 16)
    assert sixteen.stub_header == "Datum"
    assert [c.path for c in sixteen.columns] == [("Rating",), ("Outlook",)]
    dates = ["17/03/2023", "09/06/2023", "07/06/2024", "20/06/2025", "15/05/2026"]
    assert [r.label[-1] for r in sixteen.rows] == dates
    assert [c.raw for c in sixteen.rows[-1].cells] == ["AA-", "Stabiel"]


def test_ccrek_tables_boxed_around_column_groups_are_read_by_their_columns() -> None:
    # Tabel 9 (p. 20): a dotted rule after the stub and shading box the six fund columns together
    nine = next(t for t in _ccrek().tables if t.number == 9)
    assert len(nine.columns) == 6
    row = next(r for r in nine.rows if r.label[-1] == "Ontvangsten 2026")
    assert [c.raw for c in row.cells] == ["40,0", "264,5", "218,5", "147,0", "196,9", "866,8"]


def test_vl_bo_captions_keep_their_printed_labels() -> None:
    doc = _bo()
    labelled = [(t.pages[0], t.label) for t in doc.tables if t.label is not None]
    assert labelled == BO_LABELS
    assert all(t.number is None for t in doc.tables)
    first = next(t for t in doc.tables if t.label == "2-1")
    assert first.caption == "Netto-beleidsruimte (in duizend euro)"


def test_vl_bo_annex_table_in_a_frame_over_four_pages_is_one_table() -> None:
    # pp. 17-20: a box with rules between its columns only; each page's part is a column of lines
    annex = [t for t in _bo().tables if set(t.pages) & {17, 18, 19, 20}]
    assert len(annex) == 1
    table = annex[0]
    assert table.pages == (17, 18, 19, 20)
    assert table.stub_header == "Programma/instelling"
    assert [c.path for c in table.columns][1:] == [("VAK",), ("VEK",)]
    assert table.rows[0].cells[0].raw == "Saldo t.o.v. begrotingsdoelstelling BA 2025 (1)"
    assert table.rows[-1].cells[0].raw == "Vorderingensaldo BO 2026 (14=13-9)"
    assert table.rows[-1].cells[2].value == -2882396
    assert len(table.rows) >= 120


def test_hrf_distribution_page_2_is_ten_rows_by_nine_columns_of_percentages() -> None:
    doc = _parse("belgian_gov_reports", "hrf_mtfsp_verdeling_synth.pdf")
    table = next(t for t in doc.tables if t.pages == (2,))
    years = [(str(y),) for y in range(2025, 2032)]
    assert [c.path for c in table.columns] == [("Gemiddelde 2025-2028",), ("Gemiddelde 2025-2031",), *years]
    assert len(table.rows) == 10
    assert all(c.kind == "percent" and c.unit == "%" for r in table.rows for c in r.cells)
    flemish = next(r for r in table.rows if r.label[-1] == "Vlaamse Gemeenschap (*)")
    assert [c.raw for c in flemish.cells][:3] == ["2,80%", "2,68%", "3,63%"]
    assert flemish.cells[2].value == pytest.approx(3.63)
    assert "table_cells_blob" not in {w.code for w in doc.warnings}


def test_corpus_files_are_where_the_tests_expect_them() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    for parts in [
        ("vlaams_parlement_stukken", "vl_eval_bo2026.pdf"),
        ("flemish_gov_reports", "vl_bo2026.pdf"),
    ]:
        assert Path(NL, *parts).is_file()
