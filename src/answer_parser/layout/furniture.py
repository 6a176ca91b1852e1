"""Running headers, footers and page numbers: lines in the page's margin bands that repeat
from page to page, or that the dialect names as furniture.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .lines import Line
from .settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings

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
    settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS,
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
