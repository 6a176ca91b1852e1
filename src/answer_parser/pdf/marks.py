"""Footnote marks: small raised digits after a word, kept apart from it.

A footnote mark is printed as a run of digits after a word or number, set smaller and on a
raised baseline: 'uit 2022⁴', 'vanaf 2018.¹²', a table label '2025⁵⁵'. Read as plain characters
it glues onto the number before it ('20224'), or, raised far enough, it falls onto a line of its
own. `lift_marks` finds such characters from their geometry alone (size and baseline against
the character they follow, never the font) and writes them as Unicode superscript digits with
the box and size of the character they follow, so that the word keeps its own geometry (a raised
mark must not pull its line up into the line above) and its text keeps the mark apart:
'2022⁴' is never the number 20224.

Downstream the superscript digits are marks: `split_marks` takes them off the end of a cell's
text (into `Cell.marks`), and footnote removal drops those that name a footnote of the page.

Input and output are pdfplumber character dicts in content-stream order (`words.chars_to_words`
calls `lift_marks` once per page, before grouping characters into lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_TO_PLAIN = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
#: marks at the end of a cell: after a digit or closing punctuation, not after a letter ('m²')
_TRAILING = regex.compile(f"(?<![\\p{{L}}{SUPERSCRIPT_DIGITS}])[{SUPERSCRIPT_DIGITS}]+$")
_ANY = regex.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_DIGITS = frozenset("0123456789")

#: a mark is set at most this share of the size of the character it follows (footnote marks are
#: usually 58-80 % of the text size; a digit at 85 % or more is text set a little smaller)
MARK_MAX_SIZE = 0.82
#: its baseline stands at least this share of the text size above the text's baseline (marks
#: rise 30-50 %; accents and rounding move a baseline by a few %)
MARK_MIN_RISE = 0.15
#: and its top no more than this share of the text size above the text's top (a digit on the
#: line above is not a mark)
MARK_MAX_ABOVE = 0.6
#: it starts within this share of the text size after the character it follows (glued, or with
#: the hair space some producers leave)
MARK_MAX_GAP = 0.25


def _is_mark_after(c: dict[str, Any], base: dict[str, Any]) -> bool:
    """`c` is a raised, smaller digit right after `base`."""
    size = float(base["size"])
    if size <= 0 or c["text"] not in _DIGITS:
        return False
    return (
        float(c["size"]) <= MARK_MAX_SIZE * size
        and float(base["bottom"]) - float(c["bottom"]) >= MARK_MIN_RISE * size
        and float(base["top"]) - float(c["top"]) <= MARK_MAX_ABOVE * size
        and -0.1 * size <= float(c["x0"]) - float(base["x1"]) <= MARK_MAX_GAP * size
    )


def lift_marks(chars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters with every footnote mark rewritten: its digit as a superscript digit, its
    box (top, bottom) and size those of the character the mark follows. A mark follows a
    character of a word (not a space); a mark of several digits ('¹²') follows the same base."""
    out = list(chars)
    base: dict[str, Any] | None = None
    for i, c in enumerate(out):
        text = c.get("text", "")
        if (
            base is not None
            and text in _DIGITS  # what both tests ask first: most characters stop here
            and (_is_mark_after(c, base) or _continues_mark(c, out[i - 1], base))
        ):
            out[i] = {
                **c,
                "text": text.translate(_TO_SUPERSCRIPT),
                "top": base["top"],
                "bottom": base["bottom"],
                "size": base["size"],
                "lifted": True,
            }
            continue
        base = None if not text or text.isspace() else c
    return out


def _continues_mark(c: dict[str, Any], previous: dict[str, Any], base: dict[str, Any]) -> bool:
    """The next digit of a mark already begun: as small, on the same raised baseline, glued."""
    if not previous.get("lifted") or c.get("text", "") not in _DIGITS:
        return False
    size = float(base["size"])
    return (
        float(c["size"]) <= MARK_MAX_SIZE * size
        and float(base["bottom"]) - float(c["bottom"]) >= MARK_MIN_RISE * size
        and -0.1 * size <= float(c["x0"]) - float(previous["x1"]) <= MARK_MAX_GAP * size
    )


def split_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """A cell's or label's text without the footnote marks at its end, and the marks in plain
    digits: '2.954⁵' -> ('2.954', ('5',)); '2025⁵⁵' -> ('2025', ('55',)); no marks -> (text, ()).
    A superscript after a letter is part of a unit ('12 m²'), not a mark."""
    m = _TRAILING.search(text)
    if m is None:
        return text, ()
    return text[: m.start()].rstrip(), (m.group(0).translate(_TO_PLAIN),)


def plain_marks(text: str) -> str:
    """Superscript digits back to plain digits ('2022⁴' -> '20224'): what a reader of the bare
    characters would see."""
    return text.translate(_TO_PLAIN)


def drop_marks(text: str, numbers: set[int]) -> str:
    """`text` without the marks that name one of `numbers` (the page's footnotes)."""

    def keep(m: regex.Match[str]) -> str:
        return "" if int(m.group(0).translate(_TO_PLAIN)) in numbers else m.group(0)

    return _ANY.sub(keep, text)
