"""Where `answer_parser.testing` used to live: golden-file tests for pytest are in
`answer_parser.golden.testing`."""

from __future__ import annotations

from .golden.testing import (
    GoldenMismatch,
    assert_golden,
    failure_message,
    golden_tests,
)

__all__ = [
    "GoldenMismatch",
    "assert_golden",
    "failure_message",
    "golden_tests",
]
