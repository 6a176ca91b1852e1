"""Footnotes: the small numbered notes at the bottom of a page, taken out of the text with
their reference numbers, and told in one warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import attrs
import regex

from ..codes import WarningCode
from ..dutch.text import join_text_lines
from ..model import Warning
from ..pdf.marks import drop_marks
from .lines import Line, small_print_limit
from .settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings

#: a footnote block may always hold this many lines (beyond that, `footnote_max_share` of the page)
FOOTNOTE_LINES: Final = 6


@attrs.frozen
class Footnote:
    """A note printed at the bottom of a page: its number and its text (lines joined)."""

    page: int
    number: int
    text: str


_FOOTNOTE_START = regex.compile(r"^(?P<number>\d{1,3})\s+(?P<rest>\S.*)$")
_FOOTNOTE_TEXT = regex.compile(r"\p{L}{2,}")

#: a gap between two words wider than this many times the type size splits columns: a line with
#: one is a table row, never a footnote (the gap after a note's number does not count)
COLUMN_GAP: Final = 2.5


def _has_column_gap(line: Line) -> bool:
    """Words standing apart like the cells of a table row ('18 - 29 jaar   52,8 %   14.302')."""
    words = line.words[1:]
    return any(b.x0 - a.x1 > COLUMN_GAP * line.size for a, b in pairwise(words))


_AMOUNT = regex.compile(r"[-−]?\d[\d.,]*%?")
#: a line stating this many amounts side by side is a table row at the foot of the page ('40 - 49 jaar 10.712
#: 79.128 ...'), not a footnote, however small its print
ROW_AMOUNTS: Final = 3


def _values_row(text: str) -> bool:
    """Amounts side by side, `ROW_AMOUNTS` in a row: the cells of a table row."""
    run = 0
    for token in text.split():
        run = run + 1 if _AMOUNT.fullmatch(token) else 0
        if run >= ROW_AMOUNTS:
            return True
    return False


def _footnote_block(lines: Sequence[Line], small: float, settings: LayoutSettings) -> int | None:
    """Index of the first line of the footnote block at the bottom of a page's lines, or None.

    The block: the last lines of the page, set smaller than the body text, without a gap between
    them, standing apart from the text above (by a gap or by their size), none with words set
    apart like table cells (`_has_column_gap`), the first one opening with a note number followed
    by words ('1 NOS, d.d. 1 maart 2024, ...')."""
    i = len(lines)
    while i > 0:
        line = lines[i - 1]
        if line.size >= small or _has_column_gap(line):
            break
        if i < len(lines):
            below = lines[i]
            if below.top - line.top > settings.footnote_gap_ratio * max(line.size, below.size):
                break
        i -= 1
    if i == len(lines):
        return None
    top, bottom = lines[0].top, lines[-1].bottom
    # the block opens at its first numbered line, in the lower half of the text, and is short
    for j in range(i, len(lines)):
        m = _FOOTNOTE_START.match(lines[j].text)
        if m and _FOOTNOTE_TEXT.search(m.group("rest")) and not _values_row(m.group("rest")):
            too_long = len(lines) - j > max(FOOTNOTE_LINES, settings.footnote_max_share * len(lines))
            if lines[j].top < (top + bottom) / 2 or too_long:
                return None
            return j
    return None


def _strip_markers(line: Line, numbers: set[int]) -> Line:
    """Footnote reference numbers glued to the word they follow ('regenboogbeleid»?1',
    'rapport1 geeft', and marks read as superscripts: 'uit 2022⁴') taken off, for the numbers of
    the page's footnotes."""
    alternatives = "|".join(str(n) for n in sorted(numbers, reverse=True))
    marker = regex.compile(
        rf"(?:(?<=\p{{Ll}}{{4}})|(?<=[\p{{L}}\p{{Ll}}][?!.,;:»”’\"')]+))(?:{alternatives})(?=[?!.,;:»”’\"')]*$)"
    )
    words = []
    changed = False
    for w in line.words:
        text = drop_marks(marker.sub("", w.text, count=1), numbers)
        if text != w.text and text:
            words.append(attrs.evolve(w, text=text))
            changed = True
        else:
            words.append(w)
    return Line(line.page, tuple(words)) if changed else line


def split_footnotes(
    pages: Sequence[Sequence[Line]], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> tuple[list[list[Line]], list[Footnote]]:
    """Take the footnotes off the bottom of each page (see `_footnote_block`) and their
    reference numbers out of the page's text. Returns the remaining lines and the footnotes."""
    small = small_print_limit((ln for page in pages for ln in page), settings)
    out: list[list[Line]] = []
    notes: list[Footnote] = []
    for page_lines in pages:
        lines = list(page_lines)
        start = _footnote_block(lines, small, settings)
        if start is None:
            out.append(lines)
            continue
        page_notes: list[tuple[int, list[str]]] = []
        for line in lines[start:]:
            m = _FOOTNOTE_START.match(line.text)
            if m and (not page_notes or int(m.group("number")) > page_notes[-1][0]):
                page_notes.append((int(m.group("number")), [m.group("rest")]))
            else:
                page_notes[-1][1].append(line.text)
        page = lines[start].page
        notes.extend(Footnote(page, n, join_text_lines(texts)) for n, texts in page_notes)
        numbers = {n for n, _ in page_notes}
        out.append([_strip_markers(line, numbers) for line in lines[:start]])
    return out, notes


def footnote_warnings(notes: Sequence[Footnote]) -> list[Warning]:
    """One `footnotes_removed` warning for the footnotes taken out of the text (page: the first)."""
    if not notes:
        return []
    pages = sorted({note.page for note in notes})
    listed = "; ".join(f"{n.number} {n.text[:40]}" for n in notes[:3]) + ("; ..." if len(notes) > 3 else "")
    return [
        Warning(
            WarningCode.FOOTNOTES_REMOVED,
            f"{len(notes)} footnote(s) on page(s) {', '.join(map(str, pages))} "
            f"left out of the text: {listed}",
            page=pages[0],
        )
    ]
