"""Where `answer_parser.checks` used to live: the totals check is in `answer_parser.tables.checks`."""

from __future__ import annotations

from .tables.checks import check_totals

__all__ = [
    "check_totals",
]
