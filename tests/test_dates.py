"""Dutch dates and parliamentary years: `answer_parser.dutch.dates`."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from answer_parser.dutch.dates import (
    find_dutch_date,
    fourth_monday_of_september,
    parse_dutch_date,
    session_for,
)

D = datetime.date
SEPT_30_2020 = D(2020, 9, 30)

MONTH_NAMES = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MONTH_ABBREVIATIONS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@pytest.mark.parametrize(
    "text",
    [
        "30 september 2020",
        "dinsdag 30 september 2020",
        "Dinsdag 30 September 2020",
        "dinsdag, 30 september 2020",
        "30 sept. 2020",
        "30 sept 2020",
        "30 sep 2020",
        "30 SEPTEMBER 2020",
        "30/09/2020",
        "30-09-2020",
        "30.09.2020",
        "2020-09-30",
        "30/9/2020",
        "  30 september 2020  ",
        "30\u00a0september\u00a02020",
        "30 september 2020.",
    ],
)
def test_parse_30_september_2020(text: str) -> None:
    assert parse_dutch_date(text) == SEPT_30_2020


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 okt 2020", D(2020, 10, 1)),
        ("1 okt. 2020", D(2020, 10, 1)),
        ("1ste oktober 2020", D(2020, 10, 1)),
        ("2de januari 2021", D(2021, 1, 2)),
        ("1e mei 2021", D(2021, 5, 1)),
        ("3 mrt 2021", D(2021, 3, 3)),
        ("3 maart 2021", D(2021, 3, 3)),
        ("14 febr. 2022", D(2022, 2, 14)),
        ("01/02/2021", D(2021, 2, 1)),  # day first
        ("1/2/2021", D(2021, 2, 1)),
        ("29 februari 2020", D(2020, 2, 29)),
    ],
)
def test_parse_other_dates(text: str, expected: datetime.date) -> None:
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize(("number", "name"), list(enumerate(MONTH_NAMES, start=1)))
def test_every_full_month_name(number: int, name: str) -> None:
    assert parse_dutch_date(f"15 {name} 2021") == D(2021, number, 15)
    assert parse_dutch_date(f"15 {name.upper()} 2021") == D(2021, number, 15)


@pytest.mark.parametrize(("number", "abbreviation"), list(enumerate(MONTH_ABBREVIATIONS, start=1)))
def test_every_month_abbreviation(number: int, abbreviation: str) -> None:
    assert parse_dutch_date(f"15 {abbreviation} 2021") == D(2021, number, 15)
    assert parse_dutch_date(f"15 {abbreviation.capitalize()}. 2021") == D(2021, number, 15)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hallo",
        "31 september 2020",  # no such day
        "29 februari 2021",
        "32/01/2020",
        "30/13/2020",
        "2020-13-01",
        "30/09-2020",  # mixed separators
        "30 septembers 2020",
        "30 september",  # no year
        "september 2020",
        "op 30 september 2020",  # more than a date
        "30 september 2020 en later",
        "130 september 2020",
        "30 september 20201",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_dutch_date(text) is None


def test_find_returns_date_and_span() -> None:
    text = "Antwoord op vraag nr. 6 van 30 september 2020 van Katrien Partyka"
    found = find_dutch_date(text)
    assert found is not None
    date, start, end = found
    assert date == SEPT_30_2020
    assert text[start:end] == "30 september 2020"


def test_find_span_covers_the_weekday() -> None:
    text = "Brussel, dinsdag 30 september 2020."
    found = find_dutch_date(text)
    assert found is not None
    assert text[found[1] : found[2]] == "dinsdag 30 september 2020"


def test_find_returns_the_first_valid_date() -> None:
    text = "ingediend op 31 september 2020, dus 1 oktober 2020, en 2020-10-05"
    found = find_dutch_date(text)
    assert found is not None
    assert found[0] == D(2020, 10, 1)
    assert text[found[1] : found[2]] == "1 oktober 2020"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zie 30/09/2020 hierboven", D(2020, 9, 30)),
        ("(2020-09-30)", D(2020, 9, 30)),
        ("nota van 3 mrt. 2021:", D(2021, 3, 3)),
    ],
)
def test_find_numeric_and_abbreviated(text: str, expected: datetime.date) -> None:
    found = find_dutch_date(text)
    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize("text", ["", "geen datum hier", "vraag 12/34 van 2020", "nr. 130 september 2020x"])
def test_find_nothing(text: str) -> None:
    assert find_dutch_date(text) is None


def test_find_does_not_start_inside_a_number() -> None:
    assert find_dutch_date("1230/09/2020") is None


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, D(2019, 9, 23)),
        (2020, D(2020, 9, 28)),
        (2021, D(2021, 9, 27)),
        (2022, D(2022, 9, 26)),
        (2023, D(2023, 9, 25)),
        (2024, D(2024, 9, 23)),
        (2025, D(2025, 9, 22)),  # 1 September is a Monday
        (2014, D(2014, 9, 22)),
        (2018, D(2018, 9, 24)),
    ],
)
def test_fourth_monday_of_september(year: int, expected: datetime.date) -> None:
    assert fourth_monday_of_september(year) == expected


@pytest.mark.parametrize(
    ("date", "session"),
    [
        (D(2020, 9, 30), "2020-2021"),
        (D(2020, 9, 28), "2020-2021"),  # the fourth Monday itself opens the year
        (D(2020, 9, 27), "2019-2020"),
        (D(2020, 9, 21), "2019-2020"),
        (D(2020, 1, 1), "2019-2020"),
        (D(2020, 12, 31), "2020-2021"),
        (D(2021, 7, 15), "2020-2021"),
        (D(2025, 9, 21), "2024-2025"),
        (D(2025, 9, 22), "2025-2026"),
    ],
)
def test_session_for(date: datetime.date, session: str) -> None:
    assert session_for(date) == session


@given(st.integers(min_value=1900, max_value=2200))
def test_fourth_monday_is_a_monday_between_22_and_28_september(year: int) -> None:
    monday = fourth_monday_of_september(year)
    assert monday.weekday() == 0
    assert monday.year == year and monday.month == 9
    assert 22 <= monday.day <= 28
    # Exactly three Mondays of September come before it.
    assert sum(D(year, 9, day).weekday() == 0 for day in range(1, monday.day)) == 3


@given(st.dates(min_value=D(1900, 1, 2), max_value=D(2200, 12, 31)))
@example(D(2020, 9, 28))
@example(D(2020, 9, 27))
def test_session_changes_exactly_on_the_fourth_monday(date: datetime.date) -> None:
    session = session_for(date)
    start, end = (int(part) for part in session.split("-"))
    assert start in (date.year, date.year - 1)
    assert end == start + 1
    yesterday = date - datetime.timedelta(days=1)
    changes = session_for(yesterday) != session
    assert changes == (date == fourth_monday_of_september(date.year))
    if changes:
        assert session_for(yesterday) == f"{start - 1}-{start}"


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
    st.sampled_from(["words", "abbreviated", "weekday", "slash", "dash", "dot", "iso", "short"]),
)
def test_written_dates_round_trip(date: datetime.date, style: str) -> None:
    month = MONTH_NAMES[date.month - 1]
    text = {
        "words": f"{date.day} {month} {date.year}",
        "abbreviated": f"{date.day} {MONTH_ABBREVIATIONS[date.month - 1]}. {date.year}",
        "weekday": f"{WEEKDAYS[date.weekday()]} {date.day} {month} {date.year}",
        "slash": f"{date.day:02d}/{date.month:02d}/{date.year}",
        "dash": f"{date.day:02d}-{date.month:02d}-{date.year}",
        "dot": f"{date.day:02d}.{date.month:02d}.{date.year}",
        "iso": date.isoformat(),
        "short": f"{date.day}/{date.month}/{date.year}",
    }[style]
    assert parse_dutch_date(text) == date
    found = find_dutch_date(f"Brussel, {text} - einde")
    assert found is not None
    assert found[0] == date
    assert found[2] - found[1] == len(text)
