"""Ruled and shaded parts of tables as real reports draw them (no PDF): a header band shaded
instead of ruled, a ruled header over a body without rules, tables of contents whose entries
wrap, a frame with rules between its columns only, left open where a page breaks it."""

from __future__ import annotations

from answer_parser.layout.lines import words_to_lines
from answer_parser.pdf.records import Edge, Filled, PageData, Word
from answer_parser.tables.chains import grids_to_chains
from answer_parser.tables.detect import (
    add_stream_grids,
    free_lines,
    page_stream_grids,
    restore_blobby,
    split_ruled,
)
from answer_parser.tables.false import is_contents
from answer_parser.tables.grid import Grid, Slot
from answer_parser.tables.lattice import open_frame_ends, page_grids
from answer_parser.tables.settings import DEFAULT_TABLE_SETTINGS
from answer_parser.tables.structure import chain_to_table
from conftest import page_words

SIZE = 9.0
CHAR = 4.5


def _words(text: str, x: float, top: float, *, right: bool = False) -> list[Word]:
    return page_words(text, x, top, size=SIZE, char=CHAR, right=right)


def test_a_shaded_header_band_on_the_first_rule_is_the_header_of_a_text_table() -> None:
    # ccrek_vl_ba2026 Tabel 16: the header white on a shaded band, a rule under every row and
    # none above the header; no cell states a value
    rows = [
        ("Datum", "Rating", "Outlook"),
        ("17/03/2023", "AA", "Negatief"),
        ("09/06/2023", "AA", "Negatief"),
    ]
    rows += [("07/06/2024", "AA", "Negatief"), ("20/06/2025", "AA-", "Stabiel")]
    words: list[Word] = []
    for i, (a, b, c) in enumerate(rows):
        y = 104 + 17.5 * i
        words += _words(a, 90, y) + _words(b, 200, y) + _words(c, 280, y)
    rules = [Edge("h", 85, 333, 118 + 17.5 * i, 118 + 17.5 * i) for i in range(len(rows))]
    shading = [Filled(85, 167, 100.5, 118), Filled(168, 250, 100.5, 118), Filled(251, 333, 100.5, 118)]
    lines = words_to_lines(words, 1)
    table = chain_to_table(page_stream_grids(lines, 1, edges=rules, fills=shading))
    assert table.stub_header == "Datum"
    assert [c.path for c in table.columns] == [("Rating",), ("Outlook",)]
    assert [r.label[-1] for r in table.rows] == ["17/03/2023", "09/06/2023", "07/06/2024", "20/06/2025"]
    # without the shading, the first band between two rules opens the table: no header line
    plain = chain_to_table(page_stream_grids(lines, 1, edges=rules))
    assert plain.stub_header != "Datum"


def test_a_ruled_header_over_a_body_without_rules_is_its_header() -> None:
    # rekenhof_bv_doorstorting_2024 Tabel 7: the header cells set apart by white rules on their
    # shading (a grid the lattice finds alone), the body under it without rules
    head_words = _words("Vrijstelling", 90, 101) + _words("Aantal", 270, 93) + _words("Bedrag", 395, 101)
    head_words += _words("gecontroleerd", 225, 109) + _words("productief", 310, 109)
    head_edges = [Edge("h", 85, 450, 90, 90), Edge("h", 210, 380, 105, 105), Edge("h", 85, 450, 122, 122)]
    head_edges += [Edge("v", x, x, 90, 122) for x in (85.0, 210.0, 380.0, 450.0)]
    head_edges.append(Edge("v", 300, 300, 105, 122))
    body_words: list[Word] = []
    for i, (label, a, b, c) in enumerate(
        [("Ploegen", "20", "13", "1.809.744"), ("Overuren", "11", "2", "985")]
    ):
        y = 126 + 13 * i
        body_words += _words(label, 90, y) + _words(a, 295, y, right=True) + _words(b, 375, y, right=True)
        body_words += _words(c, 445, y, right=True)
    page = PageData(1, 595, 842, tuple(head_words + body_words), tuple(head_edges), ())
    ruled = [page_grids(page)]
    assert len(ruled[0]) == 1  # the header alone
    grids, _ = add_stream_grids([page], ruled, [free_lines(page, ruled[0])])
    assert len(grids[0]) == 1
    assert "ruled_header_over_body" in grids[0][0].steps  # (the parsing report says so)
    table = chain_to_table(grids[0])
    assert table.stub_header == "Vrijstelling"
    assert [r.label for r in table.rows] == [("Ploegen",), ("Overuren",)]
    assert [c.path for c in table.columns] == [
        ("Aantal", "gecontroleerd"),
        ("Aantal", "productief"),
        ("Bedrag",),
    ]
    assert [c.raw for c in table.rows[0].cells] == ["20", "13", "1.809.744"]


def _slots(*texts: str) -> tuple[Slot, ...]:
    return tuple(Slot(text=t) for t in texts)


def _contents(*rows: tuple[str, ...]) -> Grid:
    n = len(rows[0])
    return Grid(
        1,
        (0, 0, 100, 100),
        tuple(float(i) for i in range(n + 1)),
        tuple(_slots(*r) for r in rows),
        frozenset(),
    )


def test_contents_with_wrapped_titles_and_page_numbers_behind_their_leaders() -> None:
    # ccrek_vl_ba2026 p. 2: a title wrapped onto the next line, which holds its page number
    wrapped = _contents(
        ("7.7", "Beleidsdomein Werk, Economie, Wetenschap, Innovatie, Landbouw en Sociale", ""),
        ("", "Economie", "52"),
        ("7.7.1", "Economie, Wetenschap, Innovatie en Industrie", "52"),
    )
    assert is_contents(wrapped)
    # vl_bo2026 p. 2: the page number in the title's cell, after the dot leader
    leaders = _contents(
        ("4", "DE UITGAVENBEGROTING ........................ 13", ""),
        ("4.1", "Vastleggings- en Vereffeningskredieten", "13"),
        ("4.2", "Vastleggings- en Vereffeningskredieten per Beleidsdomein", "14"),
    )
    assert is_contents(leaders)
    # a small table of counts under a header is no table of contents
    counts = _contents(("Maatregel", "Aantal"), ("Inbeslagnames", "1.254"), ("Processen-verbaal", "312"))
    assert not is_contents(counts)


def _frame(
    top: float, bottom: float, *, closed_top: bool, closed_bottom: bool, header: float | None
) -> list[Edge]:
    """A box from x 50 to 450 with column rules at 300 and 380; its top and bottom drawn or left
    open, a rule under the header at `header`."""
    edges = [Edge("v", x, x, top, bottom) for x in (50.0, 300.0, 380.0, 450.0)]
    edges += [Edge("h", 50, 450, y, y) for y, drawn in ((top, closed_top), (bottom, closed_bottom)) if drawn]
    if header is not None:
        edges.append(Edge("h", 50, 450, header, header))
    return edges


def _rows(first: int, n: int, top: float) -> list[Word]:
    words: list[Word] = []
    for i in range(n):
        y = top + 13 * i
        words += _words(f"Programma {first + i}", 55, y)
        words += _words(f"{(first + i) * 1000 + 17:,}".replace(",", "."), 375, y, right=True)
        words += _words(f"-{(first + i) * 700 + 3:,}".replace(",", "."), 445, y, right=True)
    return words


def test_a_frame_left_open_at_a_page_break_is_closed_where_its_column_rules_end() -> None:
    open_bottom = _frame(100, 700, closed_top=True, closed_bottom=False, header=115)
    assert open_frame_ends(open_bottom) == [Edge("h", 50, 450, 700, 700)]
    open_top = _frame(60, 300, closed_top=False, closed_bottom=True, header=None)
    assert open_frame_ends(open_top) == [Edge("h", 50, 450, 60, 60)]
    closed = _frame(100, 700, closed_top=True, closed_bottom=True, header=115)
    assert open_frame_ends(closed) == []
    # column rules that no rule joins (two text columns on a page) are no frame
    assert open_frame_ends([Edge("v", x, x, 100, 700) for x in (50.0, 300.0)]) == []


def test_a_frame_with_rules_between_its_columns_only_is_read_line_by_line_over_two_pages() -> None:
    # vl_bo2026 annex (pp. 17-20): a box, rules between the columns and under the header, none
    # between the rows; the frame runs on over the next page without its header
    head = (
        _words("Programma", 55, 103)
        + _words("VAK", 375, 103, right=True)
        + _words("VEK", 445, 103, right=True)
    )
    one = PageData(
        1,
        595,
        842,
        tuple(head + _rows(1, 40, 120)),
        tuple(_frame(100, 700, closed_top=True, closed_bottom=False, header=115)),
        (),
    )
    two = PageData(
        2,
        595,
        842,
        tuple(_rows(41, 10, 64)),
        tuple(_frame(60, 200, closed_top=False, closed_bottom=True, header=None)),
        (),
    )
    pages = [one, two]
    ruled = [split_ruled(page_grids(p)) for p in pages]
    grids, blobby = [r[0] for r in ruled], [r[1] for r in ruled]
    assert grids == [[], []] and all(len(b) == 1 for b in blobby)  # cells of whole columns
    lines = [words_to_lines([], p.number) for p in pages]
    grids, lines = restore_blobby(grids, blobby, lines)
    chains = grids_to_chains(grids, lines, pages, DEFAULT_TABLE_SETTINGS)
    assert len(chains) == 1
    # found by its rules, read by its lines: the parsing report says both
    assert all(g.method == "lattice" and "frame_read_by_lines" in g.steps for g in chains[0])
    table = chain_to_table(chains[0])
    assert table.pages == (1, 2)
    assert table.stub_header == "Programma"
    assert [c.path for c in table.columns] == [("VAK",), ("VEK",)]
    assert len(table.rows) == 50
    assert table.rows[0].label == ("Programma 1",)
    assert [c.value for c in table.rows[-1].cells] == [50017, -35003]


def test_a_frame_around_the_number_columns_only_leaves_the_labels_with_their_rows() -> None:
    # kamer_1468 (Belgian budget): a frame with rules between the number columns only, the row
    # labels to its left outside it. The frame read by its lines states no more numbers than the
    # table the alignment found with the labels: that table stays, and no word is lost
    words = _words("Ontvangsten", 55, 103) + _words("2025", 375, 103, right=True)
    words += _words("2026", 445, 103, right=True)
    for i in range(8):
        y = 120 + 13 * i
        words += _words(f"Ontvangst {i + 1}", 55, y)
        words += _words(f"{(i + 1) * 1000 + 17:,}".replace(",", "."), 375, y, right=True)
        words += _words(f"{(i + 1) * 700 + 3:,}".replace(",", "."), 445, y, right=True)
    edges = [Edge("v", x, x, 100, 230) for x in (300.0, 380.0, 450.0)]
    edges += [Edge("h", 300, 450, y, y) for y in (100.0, 115.0, 230.0)]
    page = PageData(1, 595, 842, tuple(words), tuple(edges), ())
    grids, blobby = split_ruled(page_grids(page))
    assert grids == [] and len(blobby) == 1  # each cell a whole column of numbers
    found, lines = add_stream_grids([page], [grids], [free_lines(page, grids)])
    found, lines = restore_blobby(found, [blobby], lines)
    in_tables = [w for g in found[0] for w in g.words]
    in_lines = [w for ln in lines[0] for w in ln.words]
    assert sorted(in_tables + in_lines, key=id) == sorted(words, key=id)  # each word once
    [table] = [chain_to_table([g]) for g in found[0]]
    assert [r.label for r in table.rows][:2] == [("Ontvangst 1",), ("Ontvangst 2",)]
    assert [c.raw for c in table.rows[0].cells] == ["1.017", "703"]
