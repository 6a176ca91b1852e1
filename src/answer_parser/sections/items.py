"""Numbered items: text cut into parts at the labels that open sub-questions and answers
('1.', 'a)', 'Vraag 3, 4 en 5', 'Ad 2', 'Antwoord op vraag 1'), driven by `LabelRule`s
built from the dialect's patterns; the labels normalised ('3, 4 en 5').
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Final

import attrs
import regex

from ..codes import WarningCode
from ..dutch.text import collapse, join_paragraphs, join_text_lines
from ..layout.blocks import Block, TableAnchor
from ..layout.lines import Line
from ..model import Item, Warning

_RANGE = regex.compile(r"(\d+)\s*(?:tot\s+en\s+met|t\.?\s?e\.?\s?m\.?|t/m|[-–])\s*(\d+)", regex.IGNORECASE)
CLAUSE_END = regex.compile(r"[.?!:;][\"'’”»)\]]*$")
#: a label range ('3 tot en met 5') spans at most this many numbers; more is not a range of items
MAX_RANGE: Final = 20
#: a first item label without words ('1.', '2.') opens with one of these numbers
FIRST_LABELS: Final = (1, 2)
#: a next item label without words may skip at most this many numbers ('2.' then '5.')
MAX_LABEL_STEP: Final = 3


@attrs.frozen
class LabelRule:
    """Lines matching `pattern` (group `num`, optional group `rest`) open an item of `side`.

    A `standalone` label is a line of its own ('Vraag 3, 4 en 5'): any number is taken (a jump
    is warned about). Otherwise ('1. Kan de minister ...') a number is taken only where it
    plausibly follows the previous item, so that '... zoals gezegd in' / '1. is ...' does not
    open an item."""

    side: str
    pattern: regex.Pattern[str]
    standalone: bool = False


@attrs.define
class Part:
    """A run of text under one label: paragraphs (as texts) and table anchors."""

    side: str | None
    number: str | None
    texts: list[str] = attrs.Factory(list)
    tables: list[int] = attrs.Factory(list)
    #: the pages its text is printed on
    pages: set[int] = attrs.Factory(set)


@attrs.define
class _Count:
    last: int | None = None
    letter: str | None = None
    #: how the last label was printed (`_label_style`): after labels with words ('Ad 1',
    #: 'Vraag 1') a bare number ('3.') is a sub-list entry, not the next item
    style: str | None = None


def _label_numbers(label: str) -> list[int]:
    """'3, 4 en 5' -> [3, 4, 5]; '3 tot en met 5' and '3-5' -> [3, 4, 5]."""

    def expand(m: regex.Match[str]) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        return " ".join(str(n) for n in range(a, b + 1)) if a < b <= a + MAX_RANGE else m.group(0)

    return [int(p) for p in regex.findall(r"\d+", _RANGE.sub(expand, label))]


def normal_label(label: str) -> str:
    """The label as stored: '1', 'a', '2 en 3', '3, 4 en 5' (Dutch list form)."""
    label = collapse(label)
    if label.isalpha():
        return label.lower()
    nums = _label_numbers(label)
    if not nums:
        return label
    if len(nums) == 1:
        return str(nums[0])
    return ", ".join(str(n) for n in nums[:-1]) + " en " + str(nums[-1])


def _accepts(label: str, count: _Count, standalone: bool) -> bool:
    """Is `label` a plausible next label? Lettered labels ('a)') count only where no numbered
    item came before, in order from 'a'."""
    label = collapse(label)
    if label.isalpha():
        if count.last is not None or len(label) != 1:
            return False
        expected = "a" if count.letter is None else chr(ord(count.letter) + 1)
        return standalone or label.lower() == expected
    nums = _label_numbers(label)
    if not nums:
        return False
    if standalone:
        return True
    if count.last is None:
        return nums[0] in FIRST_LABELS
    return count.last < nums[0] <= count.last + MAX_LABEL_STEP


def _match_label(
    text: str, rules: Sequence[LabelRule], counts: dict[str, _Count], opens: bool
) -> tuple[LabelRule, str | None, str] | None:
    """The rule, label and rest of text when `text` opens an item. Only a standalone label (a
    whole line) may stand where the line before did not end a clause (`opens`)."""
    for rule in rules:
        if not (opens or rule.standalone):
            continue
        m = rule.pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        rest = groups.get("rest") or ""
        num = groups.get("num")
        if num is None:
            if rule.standalone:
                return rule, None, rest
            continue
        count = counts[rule.side]
        style = _label_style(m)
        if count.style in _WORD_STYLES and style not in _WORD_STYLES and not rule.standalone:
            continue  # 'Ad 2.' items: a sub-list '1.', '2.', '3.' inside them opens none
        if _accepts(num, count, rule.standalone):
            count.style = style
            return rule, normal_label(num), rest
    return None


_WORD_STYLES = ("ad", "vraag")


def _label_style(m: regex.Match[str]) -> str:
    """How a label is printed: 'ad' ('Ad 1'), 'vraag' ('Vraag 1', 'Antwoord op vraag 1',
    'Antwoord op de vragen 2 en 3', 'Antwoord 1'), or for a bare number or letter its closing
    '.' or ')'."""
    words = m.string[m.start() : m.start("num")].lower().split()
    if words:
        return "ad" if words == ["ad"] else "vraag"
    after = m.string[m.end("num") :].lstrip()
    return after[:1] if after[:1] in (".", ")") else ""


def _flush(part: Part, texts: list[str], xs: list[float], hyphenated: Collection[str]) -> None:
    text = join_text_lines(texts, xs, hyphenated)
    if text:
        part.texts.append(text)
    texts.clear()
    xs.clear()


def segment(
    blocks: Sequence[Block],
    rules: Sequence[LabelRule],
    warnings: list[Warning] | None = None,
    hyphenated: Collection[str] = (),
) -> list[Part]:
    """Blocks -> parts: the unlabelled text before the first label (side None), then one part
    per label. A label opens a part at the start of a paragraph or of a line after a line that
    ended a clause. Tables go to the part they stand in. `hyphenated` (the document's words with
    a hyphen, `text.hyphenated_words`) settles line-end hyphens."""
    parts = [Part(None, None)]
    counts = {rule.side: _Count() for rule in rules}
    for block in blocks:
        if isinstance(block, TableAnchor):
            parts[-1].tables.append(block.index)
            continue
        texts: list[str] = []
        xs: list[float] = []
        previous: str | None = None
        for line in block.lines:
            opens = previous is None or bool(CLAUSE_END.search(previous))
            hit = _match_label(line.text, rules, counts, opens)
            if hit is None:
                texts.append(line.text)
                xs.append(line.x0)
                parts[-1].pages.add(line.page)
            else:
                rule, number, rest = hit
                _flush(parts[-1], texts, xs, hyphenated)
                parts.append(Part(rule.side, number))
                parts[-1].pages.add(line.page)
                _count(counts[rule.side], number, rule, line, warnings)
                if rest:
                    texts.append(rest)
                    xs.append(line.x0)
            previous = line.text
        _flush(parts[-1], texts, xs, hyphenated)
    return parts


def _count(
    count: _Count, number: str | None, rule: LabelRule, line: Line, warnings: list[Warning] | None
) -> None:
    if number is None:
        return
    if number.isalpha():
        count.letter = number
        return
    nums = _label_numbers(number)
    if warnings is not None and rule.standalone and nums[0] != (count.last or 0) + 1:
        warnings.append(
            Warning(
                WarningCode.ITEM_NUMBER_JUMP,
                f"{rule.side} {number} follows {count.last if count.last is not None else 'nothing'}",
                page=line.page,
            )
        )
    count.last = nums[-1]


def to_items(parts: Sequence[Part]) -> tuple[Item, ...]:
    return tuple(
        Item(
            number=p.number,
            text=join_paragraphs(p.texts),
            tables=tuple(p.tables),
            pages=tuple(sorted(p.pages)),
        )
        for p in parts
    )
