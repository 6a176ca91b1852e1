"""Where `answer_parser.compare` used to live: the comparison of golden files is in
`answer_parser.golden.compare`."""

from __future__ import annotations

from .golden.compare import (
    STRICT,
    Tolerance,
    align,
    describe,
    diff,
    merge,
)

__all__ = [
    "STRICT",
    "Tolerance",
    "align",
    "describe",
    "diff",
    "merge",
]
