"""Dutch dates and the parliamentary year (zittingsjaar) they fall in.

Dates are printed in words ('dinsdag 30 september 2020', '30 sept. 2020', '1ste oktober 2020')
or in figures, day first ('30/09/2020', '30-09-2020', '30.09.2020', '30/9/2020') or ISO
('2020-09-30'). The parliamentary year of the Flemish Parliament opens on the fourth Monday
of September.
"""

from __future__ import annotations

import datetime
from typing import Final

import regex

__all__ = ["MONTHS", "find_dutch_date", "fourth_monday_of_september", "parse_dutch_date", "session_for"]

#: Dutch month names and their abbreviations -> month number (the one list of them: numbers.py
#: reads month labels with it too)
MONTHS: Final[dict[str, int]] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "febr": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_WEEKDAYS: Final = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"

# Longest names first so that 'september' is not read as 'sep' + 'tember'.
_MONTH_ALTERNATION: Final = "|".join(sorted(MONTHS, key=len, reverse=True))

_DATE: Final = regex.compile(
    rf"""
    (?<![0-9\p{{L}}])
    (?:
        (?:(?P<weekday>{_WEEKDAYS})\.?,?\s+)?            # dinsdag
        (?P<day>[0-9]{{1,2}})(?:ste|de|e)?               # 30, 1ste, 2de, 1e
        \s+
        (?P<month>{_MONTH_ALTERNATION})(?!\p{{L}})\.?    # september, sept., okt
        \s+
        (?P<year>[0-9]{{4}})
      |
        (?P<nday>[0-9]{{1,2}})
        (?P<sep>[/.-])
        (?P<nmonth>[0-9]{{1,2}})
        (?P=sep)
        (?P<nyear>[0-9]{{4}})                            # 30/09/2020 30-09-2020 30.09.2020
      |
        (?P<iyear>[0-9]{{4}})-(?P<imonth>[0-9]{{2}})-(?P<iday>[0-9]{{2}})   # 2020-09-30
    )
    (?![0-9])
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _date_of(match: regex.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups["year"]:
            month = MONTHS[groups["month"].lower()]
            return datetime.date(int(groups["year"]), month, int(groups["day"]))
        if groups["nyear"]:
            return datetime.date(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
        return datetime.date(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
    except ValueError:  # 31 september, 30/02/2020, month 13
        return None


def parse_dutch_date(text: str) -> datetime.date | None:
    """The date that `text` is, or None when `text` is not (only) a date.

    Accepts an optional weekday ('dinsdag 30 september 2020'), full and abbreviated month
    names in any case ('30 sept. 2020', '1 okt 2020', 'mrt'), Dutch ordinals ('1ste oktober
    2020'), day-first figures with '/', '-' or '.' ('30/9/2020') and ISO dates ('2020-09-30').
    Surrounding whitespace and one trailing '.', ',' or ';' are ignored. Impossible dates
    ('31 september 2020') give None.
    """
    candidate = text.strip()
    match = _DATE.fullmatch(candidate)
    if match is None and candidate[-1:] in (".", ",", ";"):
        match = _DATE.fullmatch(candidate[:-1].rstrip())
    return _date_of(match) if match else None


def find_dutch_date(text: str) -> tuple[datetime.date, int, int] | None:
    """The first valid date inside `text`, with the start and end offsets of its span.

    The span covers a leading weekday when one is printed ('op dinsdag 30 september 2020'
    -> the span of 'dinsdag 30 september 2020'). Candidates that are no real date
    ('31 september 2020') are skipped.
    """
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found is not None:
            return found, match.start(), match.end()
    return None


def fourth_monday_of_september(year: int) -> datetime.date:
    """The fourth Monday of September of `year`: the day a parliamentary year opens."""
    first = datetime.date(year, 9, 1)
    to_monday = (0 - first.weekday()) % 7
    return first + datetime.timedelta(days=to_monday + 21)


def session_for(d: datetime.date) -> str:
    """The parliamentary year 'YYYY-YYYY' that contains `d`.

    A parliamentary year runs from the fourth Monday of September up to the day before the
    next one: 28 September 2020 (a fourth Monday) opens '2020-2021', so 27 September 2020
    still belongs to '2019-2020'.
    """
    start = d.year if d >= fourth_monday_of_september(d.year) else d.year - 1
    return f"{start}-{start + 1}"
