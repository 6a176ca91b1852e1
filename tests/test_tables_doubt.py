"""Issue 12 in small: header cells wrapped in their column, numeric header rows, partial header
rules, cells of several numbers, tables of contents and charts, sideways text, numbered captions
(no PDF except where a page is drawn on the spot)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import attrs
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import answer_parser
from answer_parser.model import Table
from answer_parser.pdf.records import Edge
from answer_parser.pdf.rotation import char_quarter, upright_view
from answer_parser.sections.dialect import CAPTION
from answer_parser.tables.checks import check_totals
from answer_parser.tables.detect import page_stream_grids
from answer_parser.tables.doubt import doubt_warnings, is_blob, is_numbering
from answer_parser.tables.false import is_chart, is_contents
from answer_parser.tables.grid import Grid, Slot
from answer_parser.tables.structure import chain_to_table
from conftest import FIXTURES, page_lines, page_words

SIZE = 10.0
CHAR = 5.0


_words = page_words  # (10-point words, 5 points a character)
_lines = page_lines


def _grid(rows: list[list[str]]) -> Grid:
    slots = tuple(tuple(Slot(text=t) for t in row) for row in rows)
    return Grid(
        page=1, bbox=(0, 0, 100, 100), xs=tuple(range(len(rows[0]) + 1)), rows=slots, words=frozenset()
    )


def test_header_cells_wrapped_in_their_column_are_one_cell_each() -> None:
    lines = _lines(
        [
            [
                ("Leeftijds-", 72, False),
                ("Aantal", 300, True),
                ("goedge-", 400, True),
                ("waarvan", 500, True),
            ],
            [("categorie", 72, False), ("aanvragen", 300, True), ("keurd", 400, True), ("nieuw", 500, True)],
            [("18 - 29 jaar", 72, False), ("1.254", 300, True), ("1.196", 400, True), ("12", 500, True)],
            [("30 - 39 jaar", 72, False), ("1.001", 300, True), ("863", 400, True), ("7", 500, True)],
            [("40 - 49 jaar", 72, False), ("253", 300, True), ("333", 400, True), ("3", 500, True)],
        ]
    )
    table = chain_to_table(page_stream_grids(lines, 1))
    assert table.stub_header == "Leeftijdscategorie"
    assert [c.path for c in table.columns] == [("Aantal aanvragen",), ("goedgekeurd",), ("waarvan nieuw",)]
    assert [r.label for r in table.rows] == [("18 - 29 jaar",), ("30 - 39 jaar",), ("40 - 49 jaar",)]


def test_a_group_header_starts_a_level_only_over_its_columns() -> None:
    # 'Vlaams Gewest' centred over two columns; 'Bedrag' / '(euro)' wraps beside it in one cell
    lines = _lines(
        [
            [("Omschrijving", 72, False), ("Vlaams Gewest", 302, False), ("Bedrag", 500, True)],
            [("mannen", 300, True), ("vrouwen", 400, True), ("(euro)", 500, True)],
            [("Gent", 72, False), ("10", 300, True), ("12", 400, True), ("1.500", 500, True)],
            [("Hasselt", 72, False), ("11", 300, True), ("13", 400, True), ("2.500", 500, True)],
        ]
    )
    table = chain_to_table(page_stream_grids(lines, 1))
    assert [c.path for c in table.columns] == [
        ("Vlaams Gewest", "mannen"),
        ("Vlaams Gewest", "vrouwen"),
        ("Bedrag (euro)",),
    ]


def test_a_row_numbering_the_columns_under_a_group_is_a_header_row() -> None:
    lines = _lines(
        [
            [("Sector", 72, False), ("Categorie", 375, False)],
            [("1", 300, True), ("2", 400, True), ("3", 500, True)],
            [("Landbouw", 72, False), ("120", 300, True), ("45", 400, True), ("8", 500, True)],
            [("Industrie", 72, False), ("310", 300, True), ("99", 400, True), ("21", 500, True)],
        ]
    )
    table = chain_to_table(page_stream_grids(lines, 1))
    assert [c.path for c in table.columns] == [("Categorie", "1"), ("Categorie", "2"), ("Categorie", "3")]
    assert [r.label for r in table.rows] == [("Landbouw",), ("Industrie",)]
    assert is_numbering(["1", "2", "3"]) and is_numbering(["2025", "2026", "2027"])
    assert not is_numbering(["1", "3", "2"]) and not is_numbering(["12", "13", ""])


def test_a_rule_under_the_header_over_the_data_columns_only_still_ends_the_header() -> None:
    lines = _lines(
        [
            [("Omschrijving", 72, False), ("aantal", 300, True), ("procent", 400, True)],
            [("Gent", 72, False), ("10", 300, True), ("12,5%", 400, True)],
            [("Hasselt", 72, False), ("11", 300, True), ("13,5%", 400, True)],
            [("Leuven", 72, False), ("7", 300, True), ("74,0%", 400, True)],
        ]
    )
    edges = [
        Edge("h", 70, 405, 98, 98),  # above the table
        Edge("h", 240, 405, 112, 112),  # under the header, over the data columns only
        Edge("h", 70, 405, 151, 151),  # under the last row
    ]
    table = chain_to_table(page_stream_grids(lines, 1, edges=edges))
    assert table.stub_header == "Omschrijving"
    assert [c.path for c in table.columns] == [("aantal",), ("procent",)]
    assert len(table.rows) == 3


@pytest.mark.parametrize(
    ("text", "blob"),
    [
        ("2,91% 2,80% 1,65%", True),
        ("-2,6 -252,8 -46,2 - -28,8", True),
        ("213,8 32,6", True),
        ("18 - 29 jaar", False),  # a range
        ("18 - 29", False),
        ("2025 2026 2027", False),  # years label columns
        ("94 (1)", False),  # a footnote mark
        ("€ 1.234", False),
        ("contract in 2020 en op 8/10/2020", False),
    ],
)
def test_a_cell_never_holds_two_numbers_in_a_row(text: str, blob: bool) -> None:
    assert is_blob(text) is blob


def test_doubt_is_warned() -> None:
    grid = _grid([["", "", ""], ["Gent", "2,91% 2,80%", ""], ["Hasselt", "1,65% 1,53%", ""]])
    table = chain_to_table([grid])
    codes = {code for code, _ in table.warnings}
    assert {"table_cells_blob", "table_header_empty", "table_shape_irregular"} <= codes
    assert doubt_warnings([("a",), ("b",)], table.rows) == [
        ("table_cells_blob", "2 cells hold several numbers, e.g. '2,91% 2,80%'"),
        ("table_shape_irregular", "data columns [2] are empty in every row"),
    ]


def test_tables_of_contents_and_charts_are_not_tables() -> None:
    contents = _grid(
        [
            ["1", "Macrobudgettaire aspecten", "7"],
            ["1.1", "Economische groei- en inflatieparameters", "7"],
            ["1.3.1", "Faciliteit voor Herstel en Veerkracht", "12"],
            ["2", "Algemene toelichting .........", "17"],
        ]
    )
    assert is_contents(contents)
    ticks = _grid(
        [
            ["-2.000", "", "115,3", ""],
            ["", "550,1", "", ""],
            ["-2.500", "", "", "986,7"],
            ["-3.500", "-348,1", "", ""],
        ]
    )
    assert is_chart(ticks)
    table = _grid(
        [["Jaar", "aantal", "%"], ["Gent", "12", "5,0%"], ["Hasselt", "17", "7,1%"], ["Leuven", "30", "9,9%"]]
    )
    assert not is_contents(table) and not is_chart(table)


@pytest.mark.parametrize(
    ("caption", "num", "text"),
    [
        ("Tabel 2-1: Netto-beleidsruimte", "2-1", "Netto-beleidsruimte"),
        ("Tabel 3.4 - Overzicht", "3.4", "Overzicht"),
        ("Tabel 3. Overzicht", "3", "Overzicht"),
        ("Tabel 13 –ESR 8/9 netto bewegingen", "13", "ESR 8/9 netto bewegingen"),
        ("Tabel 1 Overzicht van de uitgaven", "1", "Overzicht van de uitgaven"),
    ],
)
def test_captions_keep_the_printed_number(caption: str, num: str, text: str) -> None:
    match = CAPTION.match(caption)
    assert match is not None and (match.group("num"), match.group("text")) == (num, text)


@pytest.mark.parametrize("sentence", ["Tabel 2 toont de evolutie", "Tabel 3-jarigen", "Tabel 3-2 geeft aan"])
def test_a_sentence_about_a_table_is_no_caption(sentence: str) -> None:
    assert CAPTION.match(sentence) is None


def test_turned_chars_map_into_the_upright_frame() -> None:
    up = {"text": "A", "matrix": (0.0, 9.0, -9.0, 0.0, 0, 0), "upright": False}
    down = {"text": "A", "matrix": (0.0, -9.0, 9.0, 0.0, 0, 0), "upright": False}
    flat = {"text": "3", "matrix": (9, 0, 0, 9, 0, 0), "upright": True}
    assert (char_quarter(up), char_quarter(down), char_quarter(flat)) == (1, 3, 0)
    # reading upwards on a 600 x 800 page: the bottom of the page becomes the left
    box = {"x0": 100.0, "x1": 109.0, "top": 700.0, "bottom": 706.0}
    rule = {"x0": 50.0, "x1": 50.0, "top": 100.0, "bottom": 700.0}
    page = SimpleNamespace(
        width=600.0,
        height=800.0,
        page_number=1,
        chars=[{**up, **box}, {**up, **box}, {**flat, **box}],
        lines=[rule],
        rects=[],
        curves=[],
        hyperlinks=[],
    )
    view = upright_view(page)
    assert (view.quarter, view.width, view.height) == (1, 800.0, 600.0)
    char = view.chars[0]
    assert len(view.chars) == 2  # the upright page number is left out of the turned reading
    assert (char["x0"], char["x1"], char["top"], char["bottom"], char["size"]) == (
        94.0,
        100.0,
        100.0,
        109.0,
        9.0,
    )
    line = view.lines[0]  # a vertical rule becomes a horizontal one
    assert (line["x0"], line["x1"], line["top"], line["bottom"]) == (100.0, 700.0, 50.0, 50.0)


def test_a_table_set_sideways_is_read_and_warned() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawString(500, 30, "3")  # an upright page number
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)  # the lines read upwards
    rows = [
        ("Entiteit", "2023", "2024"),
        ("Gent", "1.200", "1.350"),
        ("Hasselt", "980", "1.020"),
        ("Totaal", "2.180", "2.370"),
    ]
    for i, (label, a, b) in enumerate(rows):
        y = -14.0 * i
        c.drawString(0, y, label)
        c.drawRightString(200, y, a)
        c.drawRightString(280, y, b)
    c.restoreState()
    c.showPage()
    c.save()
    doc = answer_parser.parse(buf.getvalue())
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [c.path for c in table.columns] == [("2023",), ("2024",)]
    assert [r.label for r in table.rows] == [("Gent",), ("Hasselt",), ("Totaal",)]
    assert table.rows[-1].cells[1].value == 2370
    assert "table_rotated" in {w.code for w in doc.warnings}


def test_totals_in_thousands_of_euro_have_rounding_slack() -> None:
    lines = _lines(
        [
            [("Entiteit", 72, False), ("2025", 300, True)],
            [("Gent", 72, False), ("1.201", 300, True)],
            [("Hasselt", 72, False), ("1.300", 300, True)],
            [("Totaal", 72, False), ("2.500", 300, True)],
        ]
    )
    data = chain_to_table(page_stream_grids(lines, 1))
    table = Table(
        index=0,
        number=1,
        caption="Uitgaven (in € dz)",
        pages=(1,),
        bbox=data.bbox,
        stub_header=data.stub_header,
        columns=data.columns,
        rows=data.rows,
    )
    assert check_totals(table) == []  # 1.201 + 1.300 = 2.501: each term rounded to the thousand
    unscaled = attrs.evolve(table, caption="Uitgaven (in euro)")
    assert [w.code for w in check_totals(unscaled)] == ["total_mismatch"]


def test_fixture_amounts_in_thousands_round_without_a_false_mismatch() -> None:
    doc = answer_parser.parse(FIXTURES / "tbl_partial_rule_thousands_lo.pdf")
    assert doc.tables[0].label == "3.4" and doc.tables[0].number is None
    assert [w.code for w in doc.warnings if w.code == "total_mismatch"] == []


def test_fixture_sideways_table_is_warned_as_rotated() -> None:
    doc = answer_parser.parse(FIXTURES / "tbl_rotated_rl.pdf")
    assert [(w.code, w.table) for w in doc.warnings if w.code == "table_rotated"] == [("table_rotated", 0)]
    assert doc.tables[0].notes == ("Bron: Departement Cultuur, Jeugd en Media",)
