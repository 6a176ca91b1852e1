"""Words -> lines: the words of a page (those no ruled table claimed) grouped by the middle
of their height; the body font size of a run of lines.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

import attrs

from ..pdf.records import Word
from .settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings


@attrs.frozen
class Line:
    """Words on one baseline of one page, left to right. Its text and extents are computed once,
    on first use (the later stages ask a line for them many times)."""

    page: int
    words: tuple[Word, ...]

    @functools.cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @functools.cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @functools.cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @functools.cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @functools.cached_property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @functools.cached_property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


def words_to_lines(
    words: Iterable[Word], page: int, settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> list[Line]:
    """Group a page's words into lines: words whose middles lie close together share a line."""
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    groups: list[list[Word]] = []
    for w in ordered:
        if groups:
            last = groups[-1]
            ref = last[0]
            if abs(w.middle - ref.middle) <= settings.line_merge_ratio * max(ref.size, w.size, 1.0):
                last.append(w)
                continue
        groups.append([w])
    lines = [Line(page, tuple(sorted(g, key=lambda w: w.x0))) for g in groups]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def small_print_limit(lines: Iterable[Line], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS) -> float:
    """The font size below which text is small print (footnotes, a table's notes and title):
    `small_print_ratio` of the body size of `lines`."""
    return settings.small_print_ratio * body_size(lines)


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in (counted in characters)."""
    counts: Counter[float] = Counter()
    for line in lines:
        for w in line.words:
            counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0
