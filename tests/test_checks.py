"""The totals check: totals equal the sum of the rows they close; share columns add up to 100."""

from __future__ import annotations

import attrs

from answer_parser.dialect import TOTAL_LABEL
from answer_parser.model import Cell, Column, Row, Table
from answer_parser.numbers import parse_cell
from answer_parser.tables.checks import check_totals


def _cell(raw: str) -> Cell:
    q = parse_cell(raw)
    return Cell(raw, q.value, q.kind, q.unit)


def _table(rows: list[tuple[tuple[str, ...], list[str]]], columns: int = 2) -> Table:
    built = []
    for label, cells in rows:
        name = label[-1].lower()
        built.append(
            Row(
                label=label,
                level=len(label) - 1,
                total=bool(TOTAL_LABEL.search(name)),
                cells=tuple(_cell(c) for c in cells),
            )
        )
    return Table(
        index=3,
        number=None,
        caption=None,
        pages=(2,),
        bbox=(0, 0, 1, 1),
        stub_header=None,
        columns=tuple(Column((f"{2019 + i}",)) for i in range(columns)),
        rows=tuple(built),
    )


def test_matching_totals_pass() -> None:
    table = _table(
        [
            (("Jan",), ["1.254", "1.196"]),
            (("Jan", "geslaagd"), ["1.001", "863"]),
            (("Jan", "niet geslaagd"), ["253", "333"]),
            (("Feb",), ["2.458", ""]),
            (("Feb", "geslaagd"), ["2.197", ""]),
            (("Totaal",), ["3.712", "1.196"]),
        ]
    )
    assert check_totals(table) == []


def test_wrong_total_names_table_row_column_expected_and_found() -> None:
    table = _table(
        [(("april",), ["1.627", "440"]), (("mei",), ["1.525", "787"]), (("totaal",), ["3.152", "1.237"])]
    )
    warnings = check_totals(table)
    assert [w.code for w in warnings] == ["total_mismatch"]
    w = warnings[0]
    assert w.table == 3 and w.page == 2
    assert "table 3" in w.message and "'totaal'" in w.message and "2020" in w.message
    assert "1227" in w.message and "1.237" in w.message


def test_subtotals_and_grand_total() -> None:
    table = _table(
        [
            (("Antwerpen",), ["10", "20"]),
            (("Limburg",), ["5", "5"]),
            (("Subtotaal",), ["15", "25"]),
            (("Gent",), ["1", "2"]),
            (("Brugge",), ["2", "2"]),
            (("Subtotaal",), ["3", "4"]),
            (("Totaal",), ["18", "29"]),
        ]
    )
    assert check_totals(table) == []
    broken = _table(
        [*[(r.label, [c.raw for c in r.cells]) for r in table.rows[:-1]], (("Totaal",), ["18", "30"])]
    )
    assert [w.code for w in check_totals(broken)] == ["total_mismatch"]


def test_decimals_within_rounding_and_unknown_terms_skipped() -> None:
    table = _table([(("a",), ["1,3", "<5"]), (("b",), ["2,4", "7"]), (("Totaal",), ["3,8", "12"])])
    assert check_totals(table) == []  # 3,7 vs 3,8 is within two rounded terms; '<5' hides a number
    off = _table([(("a",), ["1,3", "5"]), (("b",), ["2,4", "7"]), (("Totaal",), ["4,1", "12"])])
    assert [w.code for w in check_totals(off)] == ["total_mismatch"]


def test_share_columns_add_up_to_100_within_rounding() -> None:
    rows = [
        (("18 - 29 jaar",), ["92", "34%"]),
        (("30 - 39 jaar",), ["83", "31%"]),
        (("40 - 49 jaar",), ["54", "20%"]),
    ]
    rows += [
        (("50 - 59 jaar",), ["34", "13%"]),
        (("60 - 69 jaar",), ["8", "3%"]),
        (("Totaal",), ["271", "100%"]),
    ]
    assert check_totals(_table(rows)) == []  # 101% is rounding
    rows[0] = (("18 - 29 jaar",), ["92", "44%"])
    assert [w.code for w in check_totals(_table(rows))] == ["share_mismatch"]


def test_rates_are_not_shares() -> None:
    table = _table([(("2019",), ["80%", "1"]), (("2020",), ["85%", "2"])])
    assert check_totals(table) == []


def test_amounts_in_thousands_may_be_off_by_rounding() -> None:
    rows = [
        (("Gemeenschap - BTW dotatie",), ["12.990.161", "1"]),
        (("Gemeenschap - PB dotatie",), ["7.308.656", "2"]),
    ]
    rows.append((("Gemeenschap - subtotaal dotaties",), ["20.298.816", "3"]))
    exact = _table(rows)
    assert [w.code for w in check_totals(exact)] == ["total_mismatch"]  # counts must add up exactly
    in_thousands = attrs.evolve(exact, caption="Gewest- en gemeenschapsdotaties (in duizend euro)")
    assert check_totals(in_thousands) == []
    assert in_thousands.rows[-1].total  # 'subtotaal' inside the label marks a subtotal


def test_grand_total_over_groups_counts_their_subtotals() -> None:
    rows: list[tuple[tuple[str, ...], list[str]]] = [
        (("Onderwijs",), [""]),
        (("Onderwijs", "Departement"), ["5"]),
        (("Onderwijs", "AGIOn"), ["7"]),
        (("Onderwijs", "Subtotaal"), ["12"]),
        (("Welzijn",), [""]),
        (("Welzijn", "Opgroeien"), ["3"]),
        (("Welzijn", "Subtotaal"), ["3"]),
        (("Totaal generaal",), ["15"]),
    ]
    assert check_totals(_table(rows, columns=1)) == []
    rows[-1] = (("Totaal generaal",), ["16"])
    assert [w.code for w in check_totals(_table(rows, columns=1))] == ["total_mismatch"]
