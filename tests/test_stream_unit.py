"""Tables without vertical rules, read from the alignment of words alone (no PDF)."""

from __future__ import annotations

import pytest

from answer_parser.layout.lines import Line, words_to_lines
from answer_parser.pdf.records import Edge, Word
from answer_parser.tables.detect import page_stream_grids
from answer_parser.tables.rules import body_gutters, edges_to_rules, split_at_gutters
from answer_parser.tables.structure import chain_to_table
from conftest import page_lines, page_words

SIZE = 10.0
CHAR = 5.0  # points per character: enough for a layout in plain numbers


_words = page_words  # (10-point words, 5 points a character)
_lines = page_lines


def test_borderless_table_with_wrapped_header_and_sub_rows() -> None:
    lines = _lines(
        [
            [("Hierbij het overzicht.", 72, False)],
            [("aantal", 300, True), ("aantal", 400, True)],
            [("Regio", 72, False), ("2019", 300, True), ("2020", 400, True)],
            [("Vlaanderen", 72, False), ("1.254", 300, True), ("1.196", 400, True)],
            [("geslaagd", 82, False), ("1.001", 300, True), ("863", 400, True)],
            [("niet geslaagd", 82, False), ("253", 300, True), ("333", 400, True)],
            [("Brussel", 72, False), ("100", 300, True), ("<5", 400, True)],
            [("Totaal", 72, False), ("1.354", 300, True), ("1.196", 400, True)],
        ]
    )
    lines.append(words_to_lines(_words("Dit is gewone tekst na de tabel die doorloopt.", 72, 250), 1)[0])
    grids = page_stream_grids(lines, 1)
    assert len(grids) == 1
    table = chain_to_table(grids)
    # a header line over the columns alone, then one that also heads the label column: two header rows
    assert [c.path for c in table.columns] == [("aantal", "2019"), ("aantal", "2020")]
    assert table.stub_header == "Regio"
    assert [r.label for r in table.rows] == [
        ("Vlaanderen",),
        ("Vlaanderen", "geslaagd"),
        ("Vlaanderen", "niet geslaagd"),
        ("Brussel",),
        ("Totaal",),
    ]
    assert table.rows[3].cells[1].kind == "suppressed"
    assert table.rows[-1].total
    claimed = grids[0].words
    assert not any(
        w in claimed for ln in lines if ln.text.startswith(("Hierbij", "Dit is")) for w in ln.words
    )


def test_rules_between_rows_keep_a_wrapped_label_in_one_row() -> None:
    rows = [
        [("Agentschap Innovatie en", 72, False), ("12", 300, True), ("14", 400, True)],
        [("Ondernemen", 72, False)],
        [("Departement Omgeving", 72, False), ("3", 300, True), ("5", 400, True)],
        [("Totaal", 72, False), ("15", 300, True), ("19", 400, True)],
    ]
    lines = _lines(rows, pitch=12.0)
    rules = [Edge("h", 70, 410, y, y) for y in (98.0, 122.5, 134.5, 148.0)]
    table = chain_to_table(page_stream_grids(lines, 1, edges=rules))
    assert [r.label for r in table.rows] == [
        ("Agentschap Innovatie en Ondernemen",),
        ("Departement Omgeving",),
        ("Totaal",),
    ]
    assert [c.value for c in table.rows[0].cells] == [12, 14]


def test_running_text_is_not_a_table() -> None:
    lines = _lines(
        [
            [("In 2019 waren er 1.254 inburgeraars en in 2020 1.196.", 72, False)],
            [("Dat is een daling van 4,6% ten opzichte van 2019.", 72, False)],
        ]
    )
    assert page_stream_grids(lines, 1) == []


def test_header_text_wrapped_in_its_cells_is_one_header_row() -> None:
    lines = _lines(
        [
            [("Leeftijds-", 72, False), ("geslaagd op", 300, True), ("geen passend", 400, True)],
            [("categorie", 72, False), ("MO", 300, True), ("aanbod", 400, True)],
            [("18 - 29 jaar", 72, False), ("1069", 300, True), ("92", 400, True)],
            [("30 - 39 jaar", 72, False), ("1183", 300, True), ("83", 400, True)],
        ]
    )
    table = chain_to_table(page_stream_grids(lines, 1))
    assert table.stub_header == "Leeftijdscategorie"
    assert [c.path for c in table.columns] == [("geslaagd op MO",), ("geen passend aanbod",)]
    assert [r.label for r in table.rows] == [("18 - 29 jaar",), ("30 - 39 jaar",)]


# -- tables between horizontal rules ---------------------------------------------------------------

TEXT_TABLE = [
    [
        ("Project", 72, False),
        ("Gemeente", 200, False),
        ("Bedrag", 340, True),
        ("Stand van zaken", 350, False),
    ],
    [
        ("Fietsbrug over", 72, False),
        ("Bilzen,", 200, False),
        ("2.450.000", 340, True),
        ("in uitvoering", 350, False),
    ],
    [("de Demer", 72, False), ("Lanaken", 200, False), ("sinds mei", 350, False)],
    [("Fietspad N3", 72, False), ("Pelt", 200, False), ("960.000", 340, True), ("opgeleverd", 350, False)],
    [("Totaal", 72, False), ("3.410.000", 340, True)],
]


def test_booktabs_table_with_text_columns_reads_rows_over_wrapped_cells() -> None:
    lines = _lines(TEXT_TABLE, pitch=12.0)
    # a rule above the header, one under it, one under the last row (drawn cell by cell)
    rules = [Edge("h", 70, 200, 98, 98), Edge("h", 200, 430, 98, 98)]
    rules += [Edge("h", 70, 430, y, y) for y in (111.0, 160.0)]
    table = chain_to_table(page_stream_grids(lines, 1, edges=rules))
    assert table.stub_header == "Project"
    assert [c.path for c in table.columns] == [("Gemeente",), ("Bedrag",), ("Stand van zaken",)]
    assert [(r.label, [c.raw for c in r.cells]) for r in table.rows] == [
        (("Fietsbrug over de Demer",), ["Bilzen, Lanaken", "2.450.000", "in uitvoering sinds mei"]),
        (("Fietspad N3",), ["Pelt", "960.000", "opgeleverd"]),
        (("Totaal",), ["", "3.410.000", ""]),
    ]
    assert table.rows[0].cells[0].kind == "text"
    assert table.rows[-1].total


def test_rules_under_every_row_make_each_band_one_row() -> None:
    lines = _lines(TEXT_TABLE, pitch=12.0)
    rules = [Edge("h", 70, 430, y, y) for y in (98.0, 111.0, 135.0, 147.0, 160.0)]
    table = chain_to_table(page_stream_grids(lines, 1, edges=rules))
    assert [r.label for r in table.rows] == [("Fietsbrug over de Demer",), ("Fietspad N3",), ("Totaal",)]


def test_two_columns_of_words_between_rules_are_not_a_table() -> None:
    lines = _lines(
        [
            [("Nederlands", 72, False), ("Français", 300, False)],
            [("De minister antwoordt", 72, False), ("Le ministre répond", 300, False)],
            [("dat het klopt.", 72, False), ("que c'est exact.", 300, False)],
        ]
    )
    rules = [Edge("h", 70, 430, y, y) for y in (98.0, 111.0, 140.0)]
    assert page_stream_grids(lines, 1, edges=rules) == []


def test_a_band_with_running_text_ends_the_table() -> None:
    lines = _lines(TEXT_TABLE, pitch=12.0)
    prose = "Dit is gewone tekst onder de tabel die over bijna de hele breedte doorloopt tot de rand."
    lines += words_to_lines(_words(prose, 72, 175), 1)
    rules = [Edge("h", 70, 430, y, y) for y in (98.0, 111.0, 160.0, 200.0)]
    (grid,) = page_stream_grids(lines, 1, edges=rules)
    assert not any(w.text == "gewone" for w in grid.words)


def test_rules_drawn_cell_by_cell_are_joined_and_short_ones_dropped() -> None:
    edges = [Edge("h", 70, 200, 98, 98), Edge("h", 201, 430, 98.2, 98.2), Edge("h", 72, 90, 300, 300)]
    edges.append(Edge("v", 70, 70, 98, 160))
    # one rule, at the mean of its pieces (pdfplumber's snapping)
    assert edges_to_rules(edges) == [Edge("h", 70, 430, pytest.approx(98.1), pytest.approx(98.1))]


def test_gutters_are_strips_no_word_crosses() -> None:
    lines = _lines(TEXT_TABLE[1:4], pitch=12.0)
    gutters = body_gutters(lines)
    # label | municipality | amount (right-aligned, ending at 340) | text column from 350
    assert len(gutters) == 3
    assert gutters[2] == (340.0, 350.0)
    assert [s.text for s in split_at_gutters(lines[0], gutters)] == [
        "Fietsbrug over",
        "Bilzen,",
        "2.450.000",
        "in uitvoering",
    ]


def test_a_rule_only_above_the_total_leaves_each_line_of_values_a_row() -> None:
    lines = _lines(
        [
            [("Grond", 72, False), ("Meldingen in 2021", 300, True), ("Meldingen in 2022", 450, True)],
            [("Geslacht (trans)", 72, False), ("2", 300, True), ("3", 450, True)],
            [("Seksuele gerichtheid", 72, False), ("10", 300, True), ("14", 450, True)],
            [("TOTAAL", 72, False), ("12", 300, True), ("17", 450, True)],
        ],
        pitch=14.0,
    )
    # a rule above the header, under it, above the total and under the table
    rules = [Edge("h", 70, 460, y, y) for y in (98.0, 112.0, 140.0, 154.0)]
    table = chain_to_table(page_stream_grids(lines, 1, edges=rules))
    assert [c.path for c in table.columns] == [("Meldingen in 2021",), ("Meldingen in 2022",)]
    assert [(r.label, [c.value for c in r.cells]) for r in table.rows] == [
        (("Geslacht (trans)",), [2, 3]),
        (("Seksuele gerichtheid",), [10, 14]),
        (("TOTAAL",), [12, 17]),
    ]
    assert table.rows[-1].total


def _placed(items: list[tuple[str, float, float, bool]]) -> list[Line]:
    """Lines from (text, x, top, right-aligned) placed freely (a row's values centred between the
    two lines of its label)."""
    words: list[Word] = []
    for text, x, top, right in items:
        words += _words(text, x, top, right=right)
    return words_to_lines(words, page=1)


def test_a_label_line_ending_in_an_abbreviation_under_the_header_is_no_sentence() -> None:
    # vl_eval_bo2026 Tabel 21: 'Primaire ESR-uitgaven (excl.' / 'VV)' with the values centred
    # between the two lines, right under the header: a cell of the label column, not a sentence
    # that introduces the table (which would cut the header off)
    lines = _placed(
        [
            ("Tabel 21: Vlaamse begroting, uitgaven", 72, 70, False),
            ("Uitgaven", 72, 100, False),
            ("BA 2025", 300, 100, True),
            ("BO 2026", 400, 100, True),
            ("Primaire uitgaven (excl.", 72, 114, False),
            ("60.928", 300, 121, True),
            ("64.645", 400, 121, True),
            ("VV)", 72, 128, False),
            ("Rente-uitgaven", 72, 142, False),
            ("896", 300, 142, True),
            ("1.088", 400, 142, True),
        ]
    )
    grids = page_stream_grids(lines, 1)
    assert len(grids) == 1
    table = chain_to_table(grids)
    assert table.stub_header == "Uitgaven"
    assert [c.path for c in table.columns] == [("BA 2025",), ("BO 2026",)]
    assert [r.label for r in table.rows] == [("Primaire uitgaven (excl. VV)",), ("Rente-uitgaven",)]
    assert not any(w.text == "Tabel" for w in grids[0].words)


def test_a_header_of_seven_lines_of_cells_over_the_columns_is_read_whole() -> None:
    # vl_eval_bo2026 Tabel 34: a year over each pair of columns, then cells wrapped over six lines
    wrapped = ["Verande-", "ring", "schuld", "door", "SERV", "saldo"]
    rows: list[list[tuple[str, float, bool]]] = [[("2026", 330, True), ("2027", 530, True)]]
    for k, word in enumerate(wrapped):
        cells = [(word, 300, True), (word, 500, True)]
        if k < 3:
            cells += [
                (["SERV-bij-", "stelling", "rente"][k], 380, True),
                (["SERV-bij-", "stelling", "rente"][k], 580, True),
            ]
        rows.append(cells)
    rows += [
        [
            ("SERV 2026", 72, False),
            ("-81.168", 300, True),
            ("-2.760", 380, True),
            ("-81.168", 500, True),
            ("-2.760", 580, True),
        ],
        [
            ("SERV 2027", 72, False),
            ("182.245", 300, True),
            ("6.561", 380, True),
            ("182.245", 500, True),
            ("6.561", 580, True),
        ],
    ]
    table = chain_to_table(page_stream_grids(_lines(rows), 1))
    assert [c.path for c in table.columns] == [
        ("2026", "Verandering schuld door SERV saldo"),
        ("2026", "SERV-bijstelling rente"),
        ("2027", "Verandering schuld door SERV saldo"),
        ("2027", "SERV-bijstelling rente"),
    ]
    assert [r.label for r in table.rows] == [("SERV 2026",), ("SERV 2027",)]


def test_a_cell_wrapped_onto_a_line_of_its_own_between_rows_keeps_the_table_whole() -> None:
    # camelot's m27: cells set bottom-aligned, an address wrapped onto a line between two rows;
    # the first row stays a body row (a row of values is never a header line)
    lines = _lines(
        [
            [("NUMBER", 72, False), ("NAME", 150, False), ("ADDRESS", 260, False), ("ZIP", 420, True)],
            [
                ("648765", 72, False),
                ("ALLEGIANT AIR", 150, False),
                ("7100 TERMINAL DRIVE", 260, False),
                ("73159", 420, True),
            ],
            [("7777 EAST APACHE", 260, False)],
            [
                ("648766", 72, False),
                ("ALLEGIANT AIR", 150, False),
                ("STREET", 260, False),
                ("74115", 420, True),
            ],
            [
                ("82030", 72, False),
                ("AMERICAN AIRLINES", 150, False),
                ("7100 TERMINAL DRIVE", 260, False),
                ("73159", 420, True),
            ],
        ]
    )
    grids = page_stream_grids(lines, 1)
    assert len(grids) == 1
    table = chain_to_table(grids)
    assert [c.path for c in table.columns] == [("NUMBER",), ("NAME",), ("ADDRESS",), ("ZIP",)]
    assert [r.cells[0].raw for r in table.rows] == ["648765", "648766", "82030"]
    assert [r.cells[3].raw for r in table.rows] == ["73159", "74115", "73159"]
