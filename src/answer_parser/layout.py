"""Stage 2, layout: words -> lines -> paragraphs, with running headers and footers removed.

Input: the words of each page that no table claimed (`reading.Word`). Output: `Line` and
`Paragraph` records in reading order, and the furniture lines that were dropped.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import attrs
import regex

from .reading import Word
from .settings import DEFAULT_SETTINGS, Settings
from .text import join_lines


@attrs.frozen
class Line:
    """Words on one baseline of one page, left to right."""

    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@attrs.frozen
class Paragraph:
    """Consecutive lines without a paragraph gap between them."""

    lines: tuple[Line, ...]

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def text(self) -> str:
        return join_lines(line.text for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


def words_to_lines(words: Iterable[Word], page: int, settings: Settings = DEFAULT_SETTINGS) -> list[Line]:
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


_PAGE_NUMBER = regex.compile(
    r"""^\s*(?:
        (?:pagina|blz\.?|p\.|page)\s*\d+(?:\s*(?:van|/|of)\s*\d+)?   # Pagina 1 van 3, p. 2
      | \d+\s*/\s*\d+                                               # 1/3
      | [-–]?\s*\d+\s*[-–]?                                         # 3, - 3 -
    )\s*$""",
    regex.VERBOSE | regex.IGNORECASE,
)
_DIGITS = regex.compile(r"\d+")


def is_page_number(text: str) -> bool:
    """'1/3', 'Pagina 1 van 3', '- 2 -', a lone '3'."""
    return bool(_PAGE_NUMBER.match(text))


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def find_furniture(
    pages: Sequence[tuple[float, list[Line]]], settings: Settings = DEFAULT_SETTINGS
) -> set[tuple[int, float, str]]:
    """Running headers, footers and page numbers: lines in the top or bottom band of the page
    that are page numbers or that repeat (digits aside) on several pages.

    `pages` holds (page height, lines) per page. Returns keys (page, top, text) of lines to drop.
    """
    candidates: list[tuple[Line, str]] = []
    for height, lines in pages:
        band = settings.margin_band * height
        for line in lines:
            if line.bottom <= band or line.top >= height - band:
                candidates.append((line, _furniture_key(line.text)))
    counts = Counter(key for _, key in candidates)
    pages_with = {key: len({ln.page for ln, k in candidates if k == key}) for key in counts}
    n_pages = len(pages)
    drop: set[tuple[int, float, str]] = set()
    for line, key in candidates:
        repeated = n_pages > 1 and pages_with[key] >= max(2, (n_pages + 1) // 2)
        if repeated or is_page_number(line.text):
            drop.add((line.page, line.top, line.text))
    return drop


def line_pitch_ratio(lines: Sequence[Line]) -> float:
    """The usual distance between consecutive lines of a paragraph, as a share of font size.

    Taken low in the distribution of line-to-line distances, so that paragraph gaps do not count.
    """
    ratios = []
    for a, b in pairwise(lines):
        if a.page != b.page:
            continue
        size = max(a.size, b.size, 1.0)
        pitch = b.top - a.top
        if 0 < pitch < 3 * size:
            ratios.append(pitch / size)
    if len(ratios) < 3:
        return 1.2
    ratios.sort()
    return ratios[len(ratios) // 4] if len(ratios) >= 8 else statistics.median_low(ratios)


def lines_to_paragraphs(
    lines: Sequence[Line], settings: Settings = DEFAULT_SETTINGS, pitch: float | None = None
) -> list[Paragraph]:
    """Split lines into paragraphs at vertical gaps wider than the usual line pitch.

    A page break ends a paragraph unless the text visibly goes on: the last line has no
    closing punctuation and the next page's first line starts in lower case. `pitch` (the usual
    line pitch as a share of font size) defaults to the one measured on `lines`.
    """
    if not lines:
        return []
    if pitch is None:
        pitch = line_pitch_ratio(lines)
    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        if line.page != prev.page:
            broken = not prev.text.rstrip().endswith((".", "?", "!", ":")) and line.text[:1].islower()
            new = not broken
        else:
            size = max(prev.size, line.size, 1.0)
            gap = (line.top - prev.top) / size
            new = gap > pitch + settings.paragraph_gap_ratio or abs(prev.size - line.size) > 0.2 * size
        if new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [Paragraph(tuple(p)) for p in paragraphs]
