"""Where `answer_parser.numbers` used to live: the Dutch number grammar is in
`answer_parser.dutch.numbers`."""

from __future__ import annotations

from .dutch.numbers import (
    AMBIGUOUS_SEPARATOR,
    FOOTNOTE,
    MALFORMED_NUMBER,
    NUMERIC_KINDS,
    CellKind,
    Quantity,
    format_dutch,
    is_numeric,
    looks_like_label,
    parse_cell,
)

__all__ = [
    "AMBIGUOUS_SEPARATOR",
    "FOOTNOTE",
    "MALFORMED_NUMBER",
    "NUMERIC_KINDS",
    "CellKind",
    "Quantity",
    "format_dutch",
    "is_numeric",
    "looks_like_label",
    "parse_cell",
]
