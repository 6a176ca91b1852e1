"""Stage 2, layout: words -> lines -> paragraphs, with running headers and footers removed.

Input: the words of each page that no table claimed (`reading.Word`). Output: `Line` and
`Paragraph` records in reading order, and the furniture lines that were dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import attrs
import regex

from .model import Warning
from .reading import Word
from .settings import DEFAULT_SETTINGS, Settings
from .text import join_text_lines


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
        """The lines joined as running text (`text.join_text_lines`): wrapped lines with spaces,
        hyphenation repaired, list entries on lines of their own."""
        return join_text_lines([line.text for line in self.lines], [line.x0 for line in self.lines])

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
      | \d+\s*(?:/|van)\s*\d+                                         # 1/3, 1 van 3
      | [-–]?\s*\d+\s*[-–]?                                           # 3, - 3 -
    )\s*$""",
    regex.VERBOSE | regex.IGNORECASE,
)
_DIGITS = regex.compile(r"\d+")


def is_page_number(text: str) -> bool:
    """'1/3', 'Pagina 1 van 3', '- 2 -', a lone '3'."""
    return bool(_PAGE_NUMBER.match(text))


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def _digits_follow_pages(lines: Sequence[Line]) -> bool:
    """The numbers in lines that repeat (digits aside) on several pages either stay the same or
    go up with the page number ('Aanhangsel 2' on page 2, 'Aanhangsel 3' on page 3). Item
    labels that happen to open several pages ('Antwoord 2', 'Antwoord 4') do not."""
    numbers = [[int(d) for d in _DIGITS.findall(line.text)] for line in lines]
    if len({len(n) for n in numbers}) != 1:
        return False
    for position in range(len(numbers[0])):
        values = [n[position] for n in numbers]
        offsets = {v - line.page for v, line in zip(values, lines, strict=True)}
        if len(set(values)) > 1 and len(offsets) > 1:
            return False
    return True


def find_furniture(
    pages: Sequence[tuple[float, list[Line]]],
    settings: Settings = DEFAULT_SETTINGS,
    patterns: Sequence[regex.Pattern[str]] = (),
) -> set[tuple[int, float, str]]:
    """Running headers, footers and page numbers: lines in the top or bottom band of the page
    that are page numbers, that match one of the dialect's furniture `patterns`, or that repeat
    (digits aside) on several pages with their numbers constant or following the page number.

    `pages` holds (page height, lines) per page. Returns keys (page, top, text) of lines to drop.
    """
    candidates: list[tuple[Line, str]] = []
    for height, lines in pages:
        band = settings.margin_band * height
        for line in lines:
            if line.bottom <= band or line.top >= height - band:
                candidates.append((line, _furniture_key(line.text)))
    by_key: dict[str, list[Line]] = {}
    for line, key in candidates:
        by_key.setdefault(key, []).append(line)
    n_pages = len(pages)
    repeated: set[str] = set()
    for key, lines_ in by_key.items():
        on_pages = len({ln.page for ln in lines_})
        if n_pages > 1 and on_pages >= max(2, (n_pages + 1) // 2) and _digits_follow_pages(lines_):
            repeated.add(key)
    drop: set[tuple[int, float, str]] = set()
    for line, key in candidates:
        if key in repeated or is_page_number(line.text) or any(p.search(line.text) for p in patterns):
            drop.add((line.page, line.top, line.text))
    return drop


# -- footnotes ------------------------------------------------------------------------------------


@attrs.frozen
class Footnote:
    """A note printed at the bottom of a page: its number and its text (lines joined)."""

    page: int
    number: int
    text: str


_FOOTNOTE_START = regex.compile(r"^(?P<number>\d{1,3})\s+(?P<rest>\S.*)$")
_FOOTNOTE_TEXT = regex.compile(r"\p{L}{2,}")


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in (counted in characters)."""
    counts: Counter[float] = Counter()
    for line in lines:
        for w in line.words:
            counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _footnote_block(lines: Sequence[Line], body: float) -> int | None:
    """Index of the first line of the footnote block at the bottom of a page's lines, or None.

    The block: the last lines of the page, set smaller than the body text, without a gap between
    them, standing apart from the text above (by a gap or by their size), the first one opening
    with a note number followed by words ('1 NOS, d.d. 1 maart 2024, ...')."""
    small = 0.92 * body
    i = len(lines)
    while i > 0:
        line = lines[i - 1]
        if line.size >= small:
            break
        if i < len(lines):
            below = lines[i]
            if below.top - line.top > 2.2 * max(line.size, below.size):
                break
        i -= 1
    if i == len(lines):
        return None
    top, bottom = lines[0].top, lines[-1].bottom
    # the block opens at its first numbered line, in the lower half of the text, and is short
    for j in range(i, len(lines)):
        m = _FOOTNOTE_START.match(lines[j].text)
        if m and _FOOTNOTE_TEXT.search(m.group("rest")):
            if lines[j].top < (top + bottom) / 2 or len(lines) - j > max(6, 0.45 * len(lines)):
                return None
            return j
    return None


def _strip_markers(line: Line, numbers: set[int]) -> Line:
    """Footnote reference numbers glued to the word they follow ('regenboogbeleid»?1',
    'rapport1 geeft') taken off, for the numbers of the page's footnotes."""
    alternatives = "|".join(str(n) for n in sorted(numbers, reverse=True))
    marker = regex.compile(
        rf"(?:(?<=\p{{Ll}}{{4}})|(?<=[\p{{L}}\p{{Ll}}][?!.,;:»”’\"')]+))(?:{alternatives})(?=[?!.,;:»”’\"')]*$)"
    )
    words = []
    changed = False
    for w in line.words:
        text = marker.sub("", w.text, count=1)
        if text != w.text and text:
            words.append(attrs.evolve(w, text=text))
            changed = True
        else:
            words.append(w)
    return Line(line.page, tuple(words)) if changed else line


def split_footnotes(pages: Sequence[Sequence[Line]]) -> tuple[list[list[Line]], list[Footnote]]:
    """Take the footnotes off the bottom of each page (see `_footnote_block`) and their
    reference numbers out of the page's text. Returns the remaining lines and the footnotes."""
    body = body_size(ln for page in pages for ln in page)
    out: list[list[Line]] = []
    notes: list[Footnote] = []
    for page_lines in pages:
        lines = list(page_lines)
        start = _footnote_block(lines, body)
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
            "footnotes_removed",
            f"{len(notes)} footnote(s) on page(s) {', '.join(map(str, pages))} "
            f"left out of the text: {listed}",
            page=pages[0],
        )
    ]


def line_pitch_ratio(lines: Sequence[Line]) -> float:
    """The usual distance between consecutive lines of a paragraph, as a share of font size.

    Taken low in the distribution of line-to-line distances, so that paragraph gaps do not count.
    With few lines (a short answer, an annex) the smallest distance is taken, unless even that
    is wider than any single spacing (every line a paragraph): then 1.2, the usual single spacing.
    """
    ratios = []
    for a, b in pairwise(lines):
        if a.page != b.page:
            continue
        size = max(a.size, b.size, 1.0)
        pitch = b.top - a.top
        if 0 < pitch < 3 * size:
            ratios.append(pitch / size)
    ratios.sort()
    if len(ratios) >= 8:
        return ratios[len(ratios) // 4]
    if ratios and ratios[0] <= _MAX_SINGLE_SPACING:
        return ratios[0]
    return 1.2


_MAX_SINGLE_SPACING = 1.5


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
            new = gap > pitch + settings.paragraph_gap_ratio or abs(prev.size - line.size) > 0.15 * size
        if new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [Paragraph(tuple(p)) for p in paragraphs]
