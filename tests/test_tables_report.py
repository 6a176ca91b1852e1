"""The tables' parsing report (`Table.report`, `tables.report`): the method, the steps that
fired, the counts and a confidence that drops where the reading is in doubt."""

from __future__ import annotations

import re
from functools import cache

import attrs
from hypothesis import given
from hypothesis import strategies as st

import answer_parser
from answer_parser.model import Document, TableReport
from answer_parser.pdf.records import PageData, Word
from answer_parser.tables.detect import page_stream_grids
from answer_parser.tables.grid import Grid, Slot
from answer_parser.tables.report import (
    DOUBTS,
    STEPS,
    add_unplaced,
    score,
    unplaced_words,
)
from answer_parser.tables.structure import chain_to_table
from conftest import FIXTURES, ROOT, assert_valid
from test_tables_doubt import _lines


@cache
def _parse(name: str) -> Document:
    return answer_parser.parse(FIXTURES / name)


def _report(name: str, index: int = 0) -> TableReport:
    report = _parse(name).tables[index].report
    assert report is not None
    return report


def _grid(rows: list[list[str]], page: int = 1) -> Grid:
    slots = tuple(tuple(Slot(text=t) for t in row) for row in rows)
    n = len(rows[0])
    return Grid(page=page, bbox=(0, 0, 100, 100), xs=tuple(range(n + 1)), rows=slots, words=frozenset())


def test_a_ruled_table_read_cleanly_reports_lattice_and_full_confidence() -> None:
    report = _report("seed_qa.pdf")
    assert report.method == "lattice"
    assert report.confidence == 1.0 and report.doubts == ()
    assert "total_rows" in report.steps
    assert (report.rows, report.columns, report.cells) == (7, 4, 28)
    assert report.typed_cells == report.cells - report.empty_cells
    assert report.warnings == () and report.blob_cells == 0 and report.unplaced_words == 0


def test_the_method_and_header_steps_of_tables_without_vertical_rules() -> None:
    booktabs = _report("tbl_booktabs_three_header_rows.pdf")
    assert booktabs.method == "rules"
    assert "header_levels_from_geometry" in booktabs.steps
    aligned = _report("tbl_borderless_aligned.pdf")
    assert aligned.method == "aligned"
    assert "header_cells_wrapped" in aligned.steps  # 'Aantal' / 'aanvragen' is one header cell
    assert aligned.confidence >= 0.95


def test_a_table_over_two_pages_reports_the_join() -> None:
    assert "chain_joined" in _report("tbl_continued_no_repeat_rl.pdf").steps
    repeated = _report("tbl_continued_repeat_header_lo.pdf")
    assert {"chain_joined", "repeated_header_dropped"} <= set(repeated.steps)


def test_a_sideways_table_and_amounts_in_thousands_show_in_the_steps() -> None:
    rotated = _report("tbl_rotated_rl.pdf")
    assert "read_rotated" in rotated.steps and "table_rotated" in rotated.warnings
    assert "scale_words_read" in _report("tbl_partial_rule_thousands_lo.pdf").steps


def test_a_numbering_header_row_is_a_step() -> None:
    lines = _lines(
        [
            [("Sector", 72, False), ("Categorie", 375, False)],
            [("1", 300, True), ("2", 400, True), ("3", 500, True)],
            [("Landbouw", 72, False), ("120", 300, True), ("45", 400, True), ("8", 500, True)],
            [("Industrie", 72, False), ("310", 300, True), ("99", 400, True), ("21", 500, True)],
        ]
    )
    report = chain_to_table(page_stream_grids(lines, 1)).report
    assert report is not None
    assert report.method == "aligned"
    assert {"numeric_header_row", "header_levels_from_geometry"} <= set(report.steps)
    assert report.confidence == 1.0


def test_blob_cells_an_empty_header_and_an_irregular_shape_lower_the_confidence() -> None:
    clean = chain_to_table(
        [_grid([["", "a", "b"], ["Gent", "2,91%", "2,80%"], ["Hasselt", "1,65%", "1,53%"]])]
    )
    blobby = chain_to_table(
        [_grid([["", "", ""], ["Gent", "2,91% 2,80%", ""], ["Hasselt", "1,65% 1,53%", ""]])]
    )
    assert clean.report is not None and blobby.report is not None
    assert clean.report.confidence == 1.0
    report = blobby.report
    assert report.blob_cells == 2
    assert set(report.warnings) == {"table_cells_blob", "table_header_empty", "table_shape_irregular"}
    assert {"blob_cells", "shape_irregular", "header_empty"} <= set(report.doubts)
    assert report.confidence < 0.5


def test_an_irregular_shape_alone_lowers_the_confidence() -> None:
    rows = [["", "a", "b", "c"]] + [[f"r{i}", str(i), "", ""] for i in range(4)]
    report = chain_to_table([_grid(rows)]).report
    assert report is not None
    assert "table_shape_irregular" in report.warnings
    assert "shape_irregular" in report.doubts and report.confidence < 0.8


def test_text_among_numbers_lowers_the_confidence_by_its_share() -> None:
    rows = [["", "a"], ["x", "1"], ["y", "2"], ["z", "zie noot"], ["w", "4"]]
    report = chain_to_table([_grid(rows)]).report
    assert report is not None
    assert report.typed_cells == 3 and report.doubts == ("mistyped_cells",)
    assert report.confidence == 0.75


def test_words_in_the_box_that_no_cell_holds_are_counted() -> None:
    grid = _grid([["", "a"], ["Gent", "12"], ["Hasselt", "13"]])

    def word(text: str, x: float, y: float) -> Word:
        return Word(text, x, x + 10, y, y + 8, 8.0, False)

    held = [
        word("a", 50, 5),
        word("Gent", 5, 20),
        word("12", 50, 20),
        word("Hasselt", 5, 35),
        word("13", 50, 35),
    ]
    page = PageData(1, 600, 800, (*held, word("verloren", 20, 60), word("buiten", 300, 60)), (), ())
    assert unplaced_words(grid, page) == 1  # 'buiten' stands outside the box
    data = chain_to_table([grid])
    (with_lost,) = add_unplaced([data], [[grid]], [page])
    assert with_lost.report is not None and with_lost.report.unplaced_words == 1
    assert "unplaced_words" in with_lost.report.doubts and with_lost.report.confidence < 1.0


def test_the_report_survives_the_json_round_trip_and_keeps_the_contract() -> None:
    doc = _parse("tbl_booktabs_three_header_rows.pdf")
    data = answer_parser.to_dict(doc)
    assert data["tables"][0]["report"]["method"] == "rules"
    assert_valid(data)
    assert answer_parser.from_dict(data) == doc
    assert answer_parser.from_json(answer_parser.to_json(doc)) == doc
    bare = attrs.evolve(doc, tables=tuple(attrs.evolve(t, report=None) for t in doc.tables))
    assert all("report" not in t for t in answer_parser.to_dict(bare)["tables"])  # omitted at its default


@st.composite
def reports(draw: st.DrawFn) -> TableReport:
    rows, columns = draw(st.integers(0, 50)), draw(st.integers(0, 10))
    cells = rows * columns
    empty = draw(st.integers(0, cells))
    return TableReport(
        method=draw(st.sampled_from(["lattice", "rules", "aligned"])),
        rows=rows,
        columns=columns,
        cells=cells,
        empty_cells=empty,
        typed_cells=draw(st.integers(0, cells - empty)),
        blob_cells=draw(st.integers(0, cells - empty)),
        unplaced_words=draw(st.integers(0, 500)),
        confidence=1.0,
        warnings=tuple(
            draw(st.lists(st.sampled_from(["table_cells_blob", "table_shape_irregular", "total_mismatch"])))
        ),
    )


@given(reports())
def test_the_confidence_is_a_share_and_each_doubt_is_named(report: TableReport) -> None:
    scored = score(report)
    assert 0.0 <= scored.confidence <= 1.0
    assert score(scored) == scored
    assert set(scored.doubts) <= set(DOUBTS)
    assert scored.doubts or scored.confidence == 1.0


def test_every_step_and_doubt_is_documented() -> None:
    text = (ROOT / "docs" / "tables.md").read_text("utf-8")
    section = text.split("## Parsing report", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))
    assert set(STEPS) | set(DOUBTS) <= documented
    for name in (f.name for f in FIXTURES.glob("tbl_*.pdf")):
        for table in _parse(name).tables:
            assert table.report is not None and set(table.report.steps) <= set(STEPS)


def test_the_views_and_the_archive_show_method_and_confidence() -> None:
    from answer_parser.db.rows import document_rows
    from answer_parser.views.html import table_html
    from answer_parser.views.markdown import document_markdown, escape

    doc = _parse("tbl_total_mismatch.pdf")
    table = doc.tables[0]
    assert table.report is not None and "totals_disagree" in table.report.doubts
    line = (
        f"read by {table.report.method}, confidence {table.report.confidence:.2f} (doubts: totals_disagree)"
    )
    assert f"*{escape(line)}*" in document_markdown(doc)  # 'totals\\_disagree' in Markdown
    assert '<p class="report" title="steps: ' in table_html(table) and line in table_html(table)
    low = attrs.evolve(table, report=attrs.evolve(table.report, confidence=0.4))
    assert '<p class="report low"' in table_html(low)
    (row,) = [r for r in document_rows(doc).tables["tables"] if r["table_index"] == 0]
    assert (row["method"], row["confidence"]) == (table.report.method, table.report.confidence)


def test_the_word_accounting_does_not_take_the_report_for_printed_text() -> None:
    from answer_parser.sections.accounting import document_strings

    table = answer_parser.to_dict(_parse("seed_qa.pdf"))["tables"][0]
    held = set(document_strings(table))
    assert "lattice" not in held and "total_rows" not in held
    assert "28" not in held  # the report's count of cells; no cell of the table reads 28
