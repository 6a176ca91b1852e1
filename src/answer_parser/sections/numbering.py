"""Numbering consistency: every numbered question finds its answer, or a warning says which not.

When the question has items 1-4 and the answer 1, 2 and 4, answer 3 went somewhere: most often
its label and text ran into the caption or note of a table right above it ('Bron: ... 3) In 2022
...'), or into a table. `missing_answers` lists the question numbers no answer item answers
(combined answers such as '2 en 3' or 'Antwoord 3 en 4' answer each of their numbers), and
`answer_missing_warnings` says for each where its label was seen, if anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from ..codes import WarningCode
from ..model import Answer, Item, Question, Table, Warning

#: a label of item `n` inside other text: '3)', '3.', 'Vraag 3', 'Antwoord 3', 'Ad 3', at the
#: start of the text or after a clause ended
_LABEL_IN_TEXT = (
    r"(?:^|[.?!:;]\s+)(?:(?:antwoord\s+(?:op\s+)?(?:de\s+)?)?vraag\s+|antwoord\s+|ad\s+)?{n}\s*[.):]\s"
)


def _numbers(items: Iterable[Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.number is not None:
            out.extend(p for p in item.number.replace(",", " ").split() if p.isdigit() or len(p) == 1)
    return out


def missing_answers(question: Question | None, answer: Answer | None) -> list[str]:
    """The question's item numbers that no answer item answers, in question order. Nothing is
    missing where the answer has no numbered items at all (one answer to everything)."""
    if question is None or answer is None:
        return []
    answered = set(_numbers(answer.items))
    if not answered:
        return []
    return [n for n in _numbers(question.items) if n not in answered]


def _where(number: str, tables: Sequence[Table]) -> str | None:
    pattern = regex.compile(_LABEL_IN_TEXT.format(n=regex.escape(number)), regex.IGNORECASE)
    for table in tables:
        for what, texts in (
            ("caption", [table.caption or ""]),
            ("notes", list(table.notes)),
            ("cells", [label for row in table.rows for label in row.label]),
        ):
            if any(pattern.search(t + " ") for t in texts):
                return f"the {what} of table {table.index}"
    return None


def answer_missing_warnings(
    question: Question | None, answer: Answer | None, tables: Sequence[Table]
) -> list[Warning]:
    """`answer_missing` for every question number without an answer item, naming where its label
    was found (a table's caption, notes or cells) when it was."""
    out = []
    for number in missing_answers(question, answer):
        seen = _where(number, tables)
        where = f"; its label stands in {seen}" if seen else ""
        table = next((t.index for t in tables if seen and f"table {t.index}" in seen), None)
        message = f"question {number} has no answer item{where}"
        out.append(Warning(WarningCode.ANSWER_MISSING, message, table=table))
    return out
