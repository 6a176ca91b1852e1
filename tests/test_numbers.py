"""The Dutch number grammar for table cells: `answer_parser.dutch.numbers`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from answer_parser.dutch.numbers import (
    CellKind,
    Quantity,
    format_dutch,
    is_numeric,
    looks_like_label,
    parse_cell,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def check(
    raw: str, kind: CellKind, value: int | float | None, unit: str | None = None, flags: tuple[str, ...] = ()
) -> None:
    got = parse_cell(raw)
    assert got == Quantity(kind, value, unit, flags), raw
    # int versus float is part of the contract: 595738.0 is not 595738.
    assert type(got.value) is type(value), (raw, got.value)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.627", 1627),
        ("22.500", 22500),
        ("-3.128.825", -3128825),
        ("1069", 1069),
        ("0", 0),
        (f"1{NBSP}627", 1627),
        (f"1{NNBSP}627", 1627),
        ("1 627", 1627),
        ("1\u2009627", 1627),
        ("12 345 678", 12345678),
        ("1.500", 1500),
        ("2019", 2019),
        ("  1.627  ", 1627),
    ],
)
def test_integers(raw: str, value: int) -> None:
    check(raw, "integer", value)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("8,8", 8.8),
        ("595.738,00", 595738.0),
        ("0,5", 0.5),
        ("1.234,56", 1234.56),
        (f"1{NBSP}234,5", 1234.5),
        ("-0,25", -0.25),
    ],
)
def test_decimal_commas(raw: str, value: float) -> None:
    check(raw, "decimal", value)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("-12", -12),
        ("+12", 12),
        ("\u221212", -12),
        ("\u201312", -12),
        ("(1.234)", -1234),
        ("(12)", -12),
        ("-1.234", -1234),
    ],
)
def test_signs(raw: str, value: int) -> None:
    check(raw, "integer", value)


def test_signed_decimals() -> None:
    check("\u22128,8", "decimal", -8.8)
    check("(1.234,50)", "decimal", -1234.5)


@pytest.mark.parametrize("raw", ["- 12", "12)", "(12", "+-12", "-(12)", "--12"])
def test_malformed_signs_are_text(raw: str) -> None:
    check(raw, "text", None)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("36%", 36),
        ("36 %", 36),
        (f"36{NBSP}%", 36),
        ("8,8%", 8.8),
        ("2,91%", 2.91),
        ("13,5 %", 13.5),
        ("-2,5 %", -2.5),
        ("36 pct", 36),
        ("36 pct.", 36),
        ("36 procent", 36),
        ("0,5%", 0.5),
        ("100%", 100),
    ],
)
def test_percent(raw: str, value: int | float) -> None:
    check(raw, "percent", value, "%")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("€ 1.234,56", 1234.56),
        ("€1.234", 1234),
        ("1.234 euro", 1234),
        ("1.234 EUR", 1234),
        ("EUR 12", 12),
        ("12 €", 12),
        ("12€", 12),
        ("€ 1,6 mld", 1600000000),
        ("€ 1,60 mld", 1600000000),
        ("3,5 miljoen euro", 3500000),
        ("€ 12,-", 12),
        ("-€ 12", -12),
        ("€ -12", -12),
        ("(€ 1.234)", -1234),
        ("€ 0,5 mln", 500000),
        ("€ 1,2345 k", 1234.5),
    ],
)
def test_currency(raw: str, value: int | float) -> None:
    check(raw, "currency", value, "EUR")


@pytest.mark.parametrize("raw", ["€ 12 euro", "€ 12 %", "12 % euro", "-€ -12"])
def test_conflicting_units_are_text(raw: str) -> None:
    check(raw, "text", None)


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("1,6 mln", "decimal", 1600000),  # kind follows the printed number, value is integral
        ("1,6 mld", "decimal", 1600000000),
        ("12 mln", "integer", 12000000),
        ("2 mln.", "integer", 2000000),
        ("3 mio", "integer", 3000000),
        ("3 MIO", "integer", 3000000),
        ("4 miljoen", "integer", 4000000),
        ("5 miljard", "integer", 5000000000),
        ("5 mld.", "integer", 5000000000),
        ("12k", "integer", 12000),
        ("12 K", "integer", 12000),
        ("5 dzd", "integer", 5000),
        ("5 dzd.", "integer", 5000),
        ("5 duizend", "integer", 5000),
        ("1,2345 dzd", "decimal", 1234.5),  # not integral after scale: a float
    ],
)
def test_scale_words(raw: str, kind: CellKind, value: int | float) -> None:
    check(raw, kind, value)


def test_scale_is_exact() -> None:
    # Decimal arithmetic: no binary rounding of 1.1 * 10**9, and no loss with many digits.
    check("1,1 mld", "decimal", 1100000000)
    check("123.456.789.012.345.678,9 mld", "decimal", 123456789012345678900000000)


@pytest.mark.parametrize("raw", ["5 kg", "12 km", "3 mlnx", "12 kEUR"])
def test_units_that_are_not_scales_are_text(raw: str) -> None:
    check(raw, "text", None)


@pytest.mark.parametrize("raw", ["<5", "< 5", "< 10", "≤5", "<=5", f"<{NBSP}5", "<5*"])
def test_suppressed(raw: str) -> None:
    check(raw, "suppressed", None)


@pytest.mark.parametrize(
    "raw",
    [
        "-",
        "–",
        "—",
        "/",
        "n.v.t.",
        "nvt",
        "n.v.t",
        "NVT",
        "x",
        "X",
        "…",
        "...",
        "NA",
        "n/a",
        "N/A",
        "onb.",
        "onbekend",
    ],
)
def test_missing(raw: str) -> None:
    check(raw, "missing", None)


@pytest.mark.parametrize("raw", ["", " ", "   ", f"{NBSP}", "\t\n"])
def test_empty(raw: str) -> None:
    check(raw, "empty", None)


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit"),
    [
        ("1.234*", "integer", 1234, None),
        ("1.234 *", "integer", 1234, None),
        ("1.234**", "integer", 1234, None),
        ("12 (1)", "integer", 12, None),
        ("12(1)", "integer", 12, None),
        ("1.234¹", "integer", 1234, None),
        ("1.234²³", "integer", 1234, None),
        ("45 (a)", "integer", 45, None),
        ("36%*", "percent", 36, "%"),
        ("8,8 % (2)", "percent", 8.8, "%"),
        ("€ 1.234 (1)", "currency", 1234, "EUR"),
        ("(12) (1)", "integer", -12, None),
    ],
)
def test_footnote_marks(raw: str, kind: CellKind, value: int | float, unit: str | None) -> None:
    check(raw, kind, value, unit, ("footnote",))


@pytest.mark.parametrize(
    "raw",
    ["18 - 29 jaar", "Jan", "Totaal", "vraag 3", "2019-2020", "1.234,5,6", "12,5.3", "abc 12", "12 abc"],
)
def test_text(raw: str) -> None:
    check(raw, "text", None)


class TestAmbiguity:
    @pytest.mark.parametrize(
        ("raw", "value"), [("1.5", 1.5), ("12.75", 12.75), ("0.25", 0.25), ("1234.567", 1234.567)]
    )
    def test_default_reads_a_non_grouping_dot_as_decimal_point_and_flags_it(
        self, raw: str, value: float
    ) -> None:
        check(raw, "decimal", value, None, ("ambiguous_separator",))

    def test_default_reads_dot_before_three_digits_as_thousands_without_flag(self) -> None:
        check("1.500", "integer", 1500)
        check("12.750", "integer", 12750)

    def test_default_reads_comma_grouping_as_english_and_flags_it(self) -> None:
        check("1,234,567", "integer", 1234567, None, ("ambiguous_separator",))

    def test_default_flags_english_percent_and_footnote_together(self) -> None:
        check("12.5%*", "percent", 12.5, "%", ("ambiguous_separator", "footnote"))

    def test_decimal_point_true_reads_english(self) -> None:
        assert parse_cell("1.500", decimal_point=True) == Quantity("decimal", 1.5, None)
        assert parse_cell("1,234", decimal_point=True) == Quantity("integer", 1234, None)
        assert parse_cell("1,234.56", decimal_point=True) == Quantity("decimal", 1234.56, None)
        assert parse_cell("12.5 %", decimal_point=True) == Quantity("percent", 12.5, "%")
        assert parse_cell("€ 1.6 mld", decimal_point=True) == Quantity("currency", 1600000000, "EUR")

    def test_decimal_point_true_rejects_dutch(self) -> None:
        assert parse_cell("595.738,00", decimal_point=True) == Quantity(
            "text", None, None, ("malformed_number",)
        )

    def test_decimal_point_false_rejects_english(self) -> None:
        assert parse_cell("1.5", decimal_point=False) == Quantity("text", None, None, ("malformed_number",))
        assert parse_cell("12.75", decimal_point=False) == Quantity("text", None, None, ("malformed_number",))

    def test_decimal_point_false_reads_dutch(self) -> None:
        assert parse_cell("1.500", decimal_point=False) == Quantity("integer", 1500, None)
        assert parse_cell("1,234", decimal_point=False) == Quantity("decimal", 1.234, None)

    def test_comma_before_three_digits_is_a_dutch_decimal_by_default(self) -> None:
        check("1,234", "decimal", 1.234)

    @pytest.mark.parametrize("decimal_point", [None, True, False])
    def test_non_numbers_do_not_depend_on_the_convention(self, decimal_point: bool | None) -> None:
        assert parse_cell("<5", decimal_point=decimal_point).kind == "suppressed"
        assert parse_cell("n.v.t.", decimal_point=decimal_point).kind == "missing"
        assert parse_cell("", decimal_point=decimal_point).kind == "empty"
        assert parse_cell("Jan", decimal_point=decimal_point) == Quantity("text", None, None)
        assert parse_cell("1069", decimal_point=decimal_point) == Quantity("integer", 1069, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.627", True),
        ("8,8", True),
        ("36%", True),
        ("€ 12", True),
        ("<5", True),
        ("1.5", True),
        ("-", False),
        ("n.v.t.", False),
        ("", False),
        ("Jan", False),
        ("18 - 29 jaar", False),
    ],
)
def test_is_numeric(raw: str, expected: bool) -> None:
    assert is_numeric(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019", True),
        ("1900", True),
        ("2099", True),
        ("2019 (1)", True),
        ("18 - 29 jaar", True),
        ("18-24", True),
        ("65+", True),
        ("+65 jaar", True),
        ("65 jaar en ouder", True),
        ("Jan", True),
        ("sept.", True),
        ("mrt", True),
        ("december", True),
        ("Totaal", True),
        ("1899", False),
        ("2100", False),
        ("1.627", False),
        ("+65", False),  # a signed number, as in a column of changes
        ("36%", False),
        ("8,8", False),
        ("<5", False),
        ("-", False),
        ("", False),
    ],
)
def test_looks_like_label(raw: str, expected: bool) -> None:
    assert looks_like_label(raw) is expected


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (1234.56, {}, "1.234,56"),
        (1234567, {}, "1.234.567"),
        (-1234567, {}, "-1.234.567"),
        (1234567, {"thousands": False}, "1234567"),
        (123, {}, "123"),
        (0, {}, "0"),
        (8.8, {}, "8,8"),
        (3.0, {}, "3,0"),
        (1e20, {}, "100.000.000.000.000.000.000,0"),
        (0.125, {"decimals": 2}, "0,12"),
        (0.135, {"decimals": 2}, "0,14"),
        (1234, {"decimals": 2}, "1.234,00"),
        (Decimal("595738.00"), {}, "595.738,00"),
        (-0.0, {}, "0,0"),
        (-0.001, {"decimals": 1}, "0,0"),
    ],
)
def test_format_dutch(value: int | float | Decimal, kwargs: dict[str, int | bool], text: str) -> None:
    assert format_dutch(value, **kwargs) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_format_dutch_rejects_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        format_dutch(value)


def test_format_dutch_rejects_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_dutch(1.5, decimals=-1)


# --- round trips -------------------------------------------------------------------------------

thousands_separators = st.sampled_from([".", NBSP, NNBSP, " "])
percent_forms = st.sampled_from(["{}%", "{} %", "{}" + NBSP + "%", "{} pct", "{} procent"])
euro_forms = st.sampled_from(["€ {}", "€{}", "{} euro", "{} EUR", "EUR {}", "{} €", "{}€"])
footnotes = st.sampled_from(["*", " *", " (1)", "(2)", " (a)", "¹", "²"])
scales = st.sampled_from(
    [("k", 10**3), ("dzd", 10**3), ("mln", 10**6), ("mln.", 10**6), ("miljoen", 10**6), ("mld", 10**9)]
)
amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False
)


def with_separator(text: str, separator: str) -> str:
    """Swap the thousands dots of a `format_dutch` result for another separator."""
    return text.replace(".", separator)


@given(st.integers(min_value=-(10**15), max_value=10**15), thousands_separators, st.booleans())
@example(1500, ".", True)
@example(-1, NBSP, True)
def test_integers_round_trip(n: int, separator: str, thousands: bool) -> None:
    text = with_separator(format_dutch(n, thousands=thousands), separator)
    for decimal_point in (None, False):
        assert parse_cell(text, decimal_point=decimal_point) == Quantity("integer", n, None)


@given(amounts, thousands_separators)
def test_decimals_round_trip(amount: Decimal, separator: str) -> None:
    text = with_separator(format_dutch(amount), separator)
    got = parse_cell(text)
    assert got == Quantity("decimal", float(amount), None)
    assert isinstance(got.value, float)


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False))
@example(8.8)
@example(0.1)
@example(5e-324)
def test_floats_round_trip_exactly(x: float) -> None:
    got = parse_cell(format_dutch(x))
    assert got.kind == "decimal"
    assert got.value == x


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False), st.integers(0, 4))
def test_fixed_decimals_round_trip(x: float, decimals: int) -> None:
    text = format_dutch(x, decimals=decimals)
    expected = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals))
    got = parse_cell(text)
    assert got.kind == ("decimal" if decimals else "integer")
    assert got.value == (float(expected) if decimals else int(expected))


@given(st.one_of(amounts, st.integers(-1000, 1000)), percent_forms)
def test_percent_round_trip(amount: Decimal | int, form: str) -> None:
    got = parse_cell(form.format(format_dutch(amount)))
    expected = float(amount) if isinstance(amount, Decimal) else amount
    assert got == Quantity("percent", expected, "%")


@given(st.one_of(amounts, st.integers(-(10**12), 10**12)), euro_forms, thousands_separators)
def test_euro_round_trip(amount: Decimal | int, form: str, separator: str) -> None:
    got = parse_cell(form.format(with_separator(format_dutch(amount), separator)))
    expected = float(amount) if isinstance(amount, Decimal) else amount
    assert got == Quantity("currency", expected, "EUR")


@given(st.decimals(min_value=0, max_value=1000, places=1), scales, euro_forms)
def test_scaled_euro_round_trip(amount: Decimal, scale: tuple[str, int], form: str) -> None:
    word, factor = scale
    got = parse_cell(form.format(f"{format_dutch(amount)} {word}"))
    exact = amount * factor
    assert got.kind == "currency"
    assert got.value == (int(exact) if exact == exact.to_integral_value() else float(exact))
    assert type(got.value) is (int if exact == exact.to_integral_value() else float)


@given(st.one_of(amounts, st.integers(-(10**9), 10**9)), footnotes)
def test_footnotes_do_not_change_the_value(amount: Decimal | int, mark: str) -> None:
    plain = parse_cell(format_dutch(amount))
    marked = parse_cell(format_dutch(amount) + mark)
    assert marked == Quantity(plain.kind, plain.value, plain.unit, ("footnote",))


@given(st.integers(min_value=0, max_value=10**12), st.integers(0, 3))
def test_english_column_round_trip(n: int, decimals: int) -> None:
    dutch = format_dutch(n, decimals=decimals)
    english = dutch.translate(str.maketrans(".,", ",."))
    got = parse_cell(english, decimal_point=True)
    assert got.value == n
    assert got.kind == ("decimal" if decimals else "integer")


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["(", ""]))
def test_parentheses_negate(n: int, opening: str) -> None:
    closing = ")" if opening else ""
    got = parse_cell(f"{opening}{format_dutch(n)}{closing}")
    assert got.value == (-n if opening else n)


@given(st.text(max_size=30), st.sampled_from([None, True, False]))
def test_any_text_parses_to_a_consistent_quantity(raw: str, decimal_point: bool | None) -> None:
    got = parse_cell(raw, decimal_point=decimal_point)
    assert (got.value is None) == (got.kind in {"suppressed", "missing", "empty", "text"})
    assert got.unit == {"percent": "%", "currency": "EUR"}.get(got.kind)
    # Surrounding whitespace, ordinary or non-breaking, never changes the reading.
    assert parse_cell(f" {NBSP}{raw}\t", decimal_point=decimal_point) == got
