"""Where `answer_parser.dialect` used to live: the genre's words are in `answer_parser.sections.dialect`."""

from __future__ import annotations

from .sections.dialect import (
    CAPTION,
    DIALECTS,
    FLEMISH,
    TABLE_NOTE,
    TOTAL_LABEL,
    TWEEDE_KAMER,
    Dialect,
    Layout,
    detect_dialect,
    third_tuesday_of_september,
)

__all__ = [
    "CAPTION",
    "DIALECTS",
    "FLEMISH",
    "TABLE_NOTE",
    "TOTAL_LABEL",
    "TWEEDE_KAMER",
    "Dialect",
    "Layout",
    "detect_dialect",
    "third_tuesday_of_september",
]
