"""Table reading on plain grids: headers, spans, label paths, the column number rule."""

from __future__ import annotations

from answer_parser.pdf.records import Word
from answer_parser.tables.cells import type_column
from answer_parser.tables.grid import Grid, Slot
from answer_parser.tables.structure import chain_to_table


def _grid(rows: list[list[Slot]], page: int = 1) -> Grid:
    n = len(rows[0])
    return Grid(
        page=page,
        bbox=(0.0, 0.0, 100.0 * n, 20.0 * len(rows)),
        xs=tuple(100.0 * i for i in range(n + 1)),
        rows=tuple(tuple(r) for r in rows),
        words=frozenset[Word](),
    )


def S(text: str, indent: float = 0.0, bold: bool = False, span: int = 1) -> Slot:
    return Slot(text=text, indent=indent, bold=bold, span=span)


C = Slot(text="", covered=True)


def test_spanning_headers_reach_every_spanned_column() -> None:
    table = chain_to_table(
        [
            _grid(
                [
                    [S("Provincie"), S("2019", span=2), C, S("2020", span=2), C],
                    [S(""), S("aantal"), S("%"), S("aantal"), S("%")],
                    [S("Antwerpen"), S("10"), S("50%"), S("12"), S("60%")],
                    [S("Limburg"), S("10"), S("50%"), S("8"), S("40%")],
                    [S("Totaal"), S("20"), S("100%"), S("20"), S("100%")],
                ]
            )
        ]
    )
    assert table.stub_header == "Provincie"
    assert [c.path for c in table.columns] == [
        ("2019", "aantal"),
        ("2019", "%"),
        ("2020", "aantal"),
        ("2020", "%"),
    ]
    assert [r.label for r in table.rows] == [("Antwerpen",), ("Limburg",), ("Totaal",)]
    assert table.rows[-1].total and not table.rows[0].total
    assert table.rows[0].cells[1].kind == "percent"


def test_indent_levels_build_label_paths_to_depth_three() -> None:
    table = chain_to_table(
        [
            _grid(
                [
                    [S(""), S("Aantal")],
                    [S("Antwerpen"), S("30")],
                    [S("Mechelen", indent=10), S("30")],
                    [S("Bonheiden", indent=20), S("10")],
                    [S("Duffel", indent=20), S("20")],
                    [S("Limburg"), S("5")],
                    [S("Totaal"), S("35")],
                ]
            )
        ]
    )
    assert [r.label for r in table.rows] == [
        ("Antwerpen",),
        ("Antwerpen", "Mechelen"),
        ("Antwerpen", "Mechelen", "Bonheiden"),
        ("Antwerpen", "Mechelen", "Duffel"),
        ("Limburg",),
        ("Totaal",),
    ]
    assert [r.level for r in table.rows] == [0, 1, 2, 2, 0, 0]


def test_bold_group_rows_without_indent() -> None:
    table = chain_to_table(
        [
            _grid(
                [
                    [S("Beleidsdomein", bold=True), S("2023", bold=True)],
                    [S("Onderwijs", bold=True), S("12")],
                    [S("Basisonderwijs"), S("5")],
                    [S("Secundair onderwijs"), S("7")],
                    [S("Welzijn", bold=True), S("3")],
                    [S("Kinderopvang"), S("3")],
                ]
            )
        ]
    )
    assert [r.label for r in table.rows][:3] == [
        ("Onderwijs",),
        ("Onderwijs", "Basisonderwijs"),
        ("Onderwijs", "Secundair onderwijs"),
    ]
    assert table.rows[4].label == ("Welzijn", "Kinderopvang")


def test_repeated_header_on_continuation_is_dropped() -> None:
    head = [S(""), S("2019"), S("2020")]
    first = _grid([head, [S("Jan"), S("1.254"), S("1.196")], [S("Feb"), S("2.458"), S("2.503")]], page=2)
    second = _grid([head, [S("Mrt"), S("1.519"), S("2.050")]], page=3)
    table = chain_to_table([first, second])
    assert table.pages == (2, 3)
    assert [r.label for r in table.rows] == [("Jan",), ("Feb",), ("Mrt",)]


def test_column_rule_for_decimal_points() -> None:
    english, warnings = type_column(["1.5", "12.75", "2.500"])
    assert [c.value for c in english] == [1.5, 12.75, 2.5] and warnings == []
    dutch, warnings = type_column(["1.5", "8,8", "1.500"])
    assert (dutch[0].kind, dutch[0].value) == ("text", None)
    assert dutch[2].value == 1500
    assert len(warnings) == 1 and "'1.5'" in warnings[0]
    plain, warnings = type_column(["1.627", "", "<5"])
    assert [c.kind for c in plain] == ["integer", "empty", "suppressed"] and warnings == []


def test_a_text_table_without_values_has_the_header_its_page_marks() -> None:
    # dates, ratings and outlooks (ccrek_vl_ba2026 Tabel 16): no row states a value, so the rows
    # without values are not all header; the header is what the page marks (the shaded band)
    rows = [
        [S("Datum"), S("Rating"), S("Outlook")],
        [S("17/03/2023"), S("AA"), S("Negatief")],
        [S("09/06/2023"), S("AA"), S("Negatief")],
        [S("20/06/2025"), S("AA-"), S("Stabiel")],
    ]
    grid = _grid(rows)
    marked = Grid(page=1, bbox=grid.bbox, xs=grid.xs, rows=grid.rows, words=grid.words, header=1)
    for g in (grid, marked):  # without a mark, the first row
        table = chain_to_table([g])
        assert table.stub_header == "Datum"
        assert [c.path for c in table.columns] == [("Rating",), ("Outlook",)]
        assert [r.label for r in table.rows] == [("17/03/2023",), ("09/06/2023",), ("20/06/2025",)]


def test_a_text_table_keeps_the_row_under_a_group_header_in_its_header() -> None:
    rows = [
        [S("Document"), S("Payee"), S("Service dates", span=2), C],
        [S(""), S(""), S("start"), S("end")],
        [S("D-0001"), S("Citibank"), S("03/04/2019"), S("03/04/2019")],
        [S("D-0002"), S("Smith"), S("01/02/2019"), S("28/02/2019")],
    ]
    table = chain_to_table([_grid(rows)])
    dates = "Service dates"
    assert [c.path for c in table.columns] == [("Payee",), (dates, "start"), (dates, "end")]
    assert [r.label for r in table.rows] == [("D-0001",), ("D-0002",)]
