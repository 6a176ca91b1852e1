"""The warning codes: every code a `Warning` of a parsed document can carry, with its meaning and
its severity.

`Warning.code` in the records is a plain string (the JSON contract); `WarningCode` is a `StrEnum`,
so `WarningCode.TOTAL_MISMATCH == "total_mismatch"`, and every stage that warns names its code
here. Severity `info`: a routine note of what the parser did (footnotes taken out of the text);
`check`: something a person should look at (a total that does not add up, a heading not
understood). docs/warnings.md is written from this module (`warnings_markdown`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

import attrs

Severity = Literal["info", "check"]


class WarningCode(StrEnum):
    # -- sections: both layouts
    UNKNOWN_GENRE = "unknown_genre"
    # -- sections: blocks layout (question part, then answer part)
    ANSWER_HEADING_UNREAD = "answer_heading_unread"
    METADATA_MISMATCH = "metadata_mismatch"
    MINISTER_DIFFERS = "minister_differs"
    MINISTER_GUESS = "minister_guess"
    TEXT_BEFORE_ANSWER = "text_before_answer"
    # -- sections: interleaved layout (preamble, then 'Vraag N' / 'Antwoord N')
    PREAMBLE_UNREAD = "preamble_unread"
    SEVERAL_ASKERS = "several_askers"
    SESSION_MISMATCH = "session_mismatch"
    ITEM_NUMBER_JUMP = "item_number_jump"
    TABLE_OUTSIDE_ITEMS = "table_outside_items"
    # -- sections: bulletins (many questions with their answers)
    BULLETIN_CONTENTS_MISMATCH = "bulletin_contents_mismatch"
    BULLETIN_CONTENTS_MISSING = "bulletin_contents_missing"
    BULLETIN_NO_QUESTIONS = "bulletin_no_questions"
    # -- sections: numbering and accounting
    ANSWER_MISSING = "answer_missing"
    TEXT_UNPLACED = "text_unplaced"
    # -- layout
    FOOTNOTES_REMOVED = "footnotes_removed"
    # -- tables
    AMBIGUOUS_NUMBER = "ambiguous_number"
    TOTAL_MISMATCH = "total_mismatch"
    SHARE_MISMATCH = "share_mismatch"
    TABLE_CELLS_BLOB = "table_cells_blob"
    TABLE_HEADER_EMPTY = "table_header_empty"
    TABLE_SHAPE_IRREGULAR = "table_shape_irregular"
    TABLE_ROTATED = "table_rotated"

    @property
    def meaning(self) -> str:
        """What the warning says happened."""
        return CODE_INFO[self].meaning

    @property
    def severity(self) -> Severity:
        """'info' (routine) or 'check' (look at it)."""
        return CODE_INFO[self].severity

    @property
    def stage(self) -> str:
        """The stage that gives the warning."""
        return CODE_INFO[self].stage


@attrs.frozen
class CodeInfo:
    stage: str
    severity: Severity
    meaning: str


CODE_INFO: Final[dict[WarningCode, CodeInfo]] = {
    WarningCode.UNKNOWN_GENRE: CodeInfo(
        "sections", "check", "neither question nor answer found, and not mostly tables (kind `unknown`)"
    ),
    WarningCode.ANSWER_HEADING_UNREAD: CodeInfo(
        "sections (blocks)", "check", "an answer start (`ANTWOORD`) was found, the heading was not understood"
    ),
    WarningCode.METADATA_MISMATCH: CodeInfo(
        "sections (blocks)",
        "check",
        "header block and answer heading disagree on number, date or asker (the header block wins)",
    ),
    WarningCode.MINISTER_DIFFERS: CodeInfo(
        "sections (blocks)",
        "info",
        "the question was addressed to another minister than the one who answered",
    ),
    WarningCode.MINISTER_GUESS: CodeInfo(
        "sections (blocks)", "check", "the minister was read from lines not in capitals"
    ),
    WarningCode.TEXT_BEFORE_ANSWER: CodeInfo(
        "sections (blocks)", "info", "text above the answer that is no question (a letterhead) was left out"
    ),
    WarningCode.PREAMBLE_UNREAD: CodeInfo(
        "sections (interleaved)",
        "check",
        "labelled questions or answers, but their preamble was not understood",
    ),
    WarningCode.SEVERAL_ASKERS: CodeInfo(
        "sections (interleaved)", "info", "more than one asker; the first is the asker, `raw` holds them all"
    ),
    WarningCode.SESSION_MISMATCH: CodeInfo(
        "sections (interleaved)",
        "check",
        "the printed parliamentary year and the one of the date differ (the printed one wins)",
    ),
    WarningCode.ITEM_NUMBER_JUMP: CodeInfo(
        "sections (interleaved)", "check", "a label's number does not follow the previous one"
    ),
    WarningCode.TABLE_OUTSIDE_ITEMS: CodeInfo(
        "sections (interleaved)", "check", "a table stands in the preamble, before the first label"
    ),
    WarningCode.BULLETIN_CONTENTS_MISMATCH: CodeInfo(
        "sections (bulletin)",
        "check",
        "a contents line and the minister headings of the body disagree: an entry not found, on "
        "another page, or a heading without an entry (the message names the minister)",
    ),
    WarningCode.BULLETIN_CONTENTS_MISSING: CodeInfo(
        "sections (bulletin)", "check", "no table of contents was found on the cover of a bulletin"
    ),
    WarningCode.BULLETIN_NO_QUESTIONS: CodeInfo(
        "sections (bulletin)", "check", "a bulletin's cover, but no question heading: no parts"
    ),
    WarningCode.ANSWER_MISSING: CodeInfo(
        "sections (numbering)",
        "check",
        "a question number without an answer item; names where its label was seen (a table's caption, notes"
        " or cells)",
    ),
    WarningCode.TEXT_UNPLACED: CodeInfo(
        "sections (accounting)",
        "check",
        "words printed on a page (furniture aside) that end nowhere in the Document: one warning per page,"
        " with the count and the words",
    ),
    WarningCode.FOOTNOTES_REMOVED: CodeInfo(
        "layout", "info", "footnotes were taken out of the text (page: the first page with one)"
    ),
    WarningCode.AMBIGUOUS_NUMBER: CodeInfo(
        "tables",
        "check",
        "a cell uses a decimal point in a column of Dutch numbers ('1.5' beside '8,8'): left as text",
    ),
    WarningCode.TOTAL_MISMATCH: CodeInfo(
        "tables (checks)", "check", "a total row does not equal the sum of the rows it closes"
    ),
    WarningCode.SHARE_MISMATCH: CodeInfo(
        "tables (checks)", "check", "a column of shares whose total says 100% does not add up to 100"
    ),
    WarningCode.TABLE_CELLS_BLOB: CodeInfo(
        "tables (structure)",
        "check",
        "cells hold several numbers side by side ('2,91% 2,80%'): columns or rows read as one",
    ),
    WarningCode.TABLE_HEADER_EMPTY: CodeInfo(
        "tables (structure)", "check", "no header text over any data column of a table of two or more"
    ),
    WarningCode.TABLE_SHAPE_IRREGULAR: CodeInfo(
        "tables (structure)",
        "check",
        "a data column empty in every row, or most rows filling less than half the columns",
    ),
    WarningCode.TABLE_ROTATED: CodeInfo(
        "pdf (rotation)", "info", "the table was read from text set sideways on its page, turned back"
    ),
}


def severity_of(code: str) -> Severity:
    """The severity of a warning code as a record holds it (a string); a code this version does
    not know (a newer parser's) is 'check': better looked at."""
    try:
        return WarningCode(code).severity
    except ValueError:
        return "check"


def warnings_markdown() -> str:
    """docs/warnings.md: the table of warning codes (a test keeps the file equal to this)."""
    lines = [
        "# Warning codes",
        "",
        "What the parser could not read with certainty, or left out on purpose, comes out as a",
        "`Warning` (`code`, `message`, `page`, `table`) in `Document.warnings`. The codes are stable;",
        "`answer_parser.codes.WarningCode` lists them. Severity `info`: a routine note of what the",
        "parser did; `check`: something a person should look at.",
        "",
        "This page is written from `src/answer_parser/codes.py` by `warnings_markdown()`;",
        "tests/test_codes.py keeps the two equal.",
        "",
        "| code | severity | stage | meaning |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{code}` | {code.severity} | {code.stage} | {code.meaning} |" for code in WarningCode]
    return "\n".join(lines) + "\n"
