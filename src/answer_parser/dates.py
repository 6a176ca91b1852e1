"""Where `answer_parser.dates` used to live: Dutch dates are in `answer_parser.dutch.dates`."""

from __future__ import annotations

from .dutch.dates import find_dutch_date, fourth_monday_of_september, parse_dutch_date, session_for

__all__ = [
    "find_dutch_date",
    "fourth_monday_of_september",
    "parse_dutch_date",
    "session_for",
]
