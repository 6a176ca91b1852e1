"""The batch summary sets the warnings a person should look at apart from routine ones."""

from __future__ import annotations

import io

from answer_parser.batch.progress import Summary
from answer_parser.batch.sink import Outcome
from answer_parser.codes import severity_of


def test_warnings_to_look_at_apart_from_routine_ones() -> None:
    summary = Summary(total=4)
    log = io.StringIO()
    summary.add(Outcome("{}", "a.pdf", pages=2, warnings=2, warning_codes=("footnotes_removed",) * 2), log)
    summary.add(
        Outcome("{}", "b.pdf", pages=3, warnings=2, warning_codes=("total_mismatch", "footnotes_removed")),
        log,
    )
    summary.add(Outcome("{}", "c.pdf", pages=1, warnings=1, warning_codes=("a_newer_code",)), log)
    summary.add(Outcome("{}", "d.pdf", pages=1), log)
    assert (summary.with_warnings, summary.to_check) == (3, 2)
    assert summary.text().splitlines()[2] == (
        "batch: warnings to look at in 2 documents: a_newer_code 1, total_mismatch 1; "
        "routine: footnotes_removed 3"
    )
    assert Summary(total=1).text().count("\n") == 1  # no warnings: no line


def test_severity_of_a_code_this_version_does_not_know_is_check() -> None:
    assert (severity_of("footnotes_removed"), severity_of("total_mismatch")) == ("info", "check")
    assert severity_of("a_newer_code") == "check"
