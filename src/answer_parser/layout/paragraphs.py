"""Lines -> paragraphs: split at vertical gaps wider than the document's usual line pitch."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import attrs

from ..dutch.text import join_text_lines, opens_with_bullet
from .lines import Line
from .settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings

#: with this many line pitches or more the usual one is measured (their first quartile); with
#: fewer, the smallest is taken
MIN_PITCH_SAMPLES: Final = 8


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


def line_pitch_ratio(lines: Sequence[Line], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS) -> float:
    """The usual distance between consecutive lines of a paragraph, as a share of font size.

    Taken low in the distribution of line-to-line distances, so that paragraph gaps do not count.
    With few lines (a short answer, an annex) the smallest distance is taken, unless even that
    is wider than any single spacing (every line a paragraph): then `single_spacing` (1.2).
    """
    ratios = []
    for a, b in pairwise(lines):
        if a.page != b.page:
            continue
        size = max(a.size, b.size, 1.0)
        pitch = b.top - a.top
        if 0 < pitch < settings.pitch_sample_ratio * size:
            ratios.append(pitch / size)
    ratios.sort()
    if len(ratios) >= MIN_PITCH_SAMPLES:
        return ratios[len(ratios) // 4]
    if ratios and ratios[0] <= settings.max_single_spacing:
        return ratios[0]
    return settings.single_spacing


def lines_to_paragraphs(
    lines: Sequence[Line], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS, pitch: float | None = None
) -> list[Paragraph]:
    """Split lines into paragraphs at vertical gaps wider than the usual line pitch.

    A line that starts left of the bullets of the list entries before it (by `LIST_MARGIN`) opens
    a paragraph: text back at the margin after a list is not the last entry's tail.

    A page break ends a paragraph unless the text visibly goes on: the last line has no
    closing punctuation and the next page's first line starts in lower case, or a list goes on
    with an entry at the same indent. `pitch` (the usual
    line pitch as a share of font size) defaults to the one measured on `lines`.
    """
    if not lines:
        return []
    if pitch is None:
        pitch = line_pitch_ratio(lines, settings)
    paragraphs: list[list[Line]] = [[lines[0]]]
    bullet_x = _bullet_x(lines[0])  # the left edge of the list entries of the paragraph so far
    for prev, line in pairwise(lines):
        if bullet_x is not None and line.x0 < bullet_x - LIST_MARGIN and _bullet_x(line) is None:
            # back at the margin after a list: a paragraph of its own, not the last entry's tail
            paragraphs.append([line])
            bullet_x = None
            continue
        if line.page != prev.page:
            broken = not prev.text.rstrip().endswith((".", "?", "!", ":")) and line.text[:1].islower()
            # a list that goes on over the page break: the next entry at the same indent
            entry = _bullet_x(line)
            list_goes_on = bullet_x is not None and entry is not None and abs(entry - bullet_x) <= LIST_MARGIN
            new = not broken and not list_goes_on
        else:
            size = max(prev.size, line.size, 1.0)
            gap = (line.top - prev.top) / size
            resized = abs(prev.size - line.size) > settings.font_change_ratio * size
            new = gap > pitch + settings.paragraph_gap_ratio or resized
        entry_x = _bullet_x(line)
        if new:
            paragraphs.append([line])
            bullet_x = entry_x
        else:
            paragraphs[-1].append(line)
            bullet_x = entry_x if entry_x is not None else bullet_x
    return [Paragraph(tuple(p)) for p in paragraphs]


#: points: a line that starts this far left of the list's bullets is back at the margin (read by
#: `lines_to_paragraphs`; list entries of one level stand within a point or two of each other)
LIST_MARGIN: Final = 3.0


def _bullet_x(line: Line) -> float | None:
    """The left edge of a line that opens a list entry with a bullet, else None."""
    return line.x0 if opens_with_bullet(line.text) else None
