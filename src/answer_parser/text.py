"""Where `answer_parser.text` used to live: text helpers are in `answer_parser.dutch.text`."""

from __future__ import annotations

from .dutch.text import (
    EMAIL,
    PRIVATE_BULLET,
    SOFT_HYPHEN,
    STRONG_BULLETS,
    URL,
    WEAK_BULLETS,
    collapse,
    find_urls,
    fix_spacing_accents,
    hyphenated_words,
    join_lines,
    join_paragraphs,
    join_text_lines,
    normalize_url,
    resolve_breaks,
    unique,
)

__all__ = [
    "EMAIL",
    "PRIVATE_BULLET",
    "SOFT_HYPHEN",
    "STRONG_BULLETS",
    "URL",
    "WEAK_BULLETS",
    "collapse",
    "find_urls",
    "fix_spacing_accents",
    "hyphenated_words",
    "join_lines",
    "join_paragraphs",
    "join_text_lines",
    "normalize_url",
    "resolve_breaks",
    "unique",
]
