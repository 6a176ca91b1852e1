"""The words of a page as the finder reads them: one string of letters and digits per document,
each character knowing its word, so that a text of the parse (an item, a caption) is found on the
page however it was hyphenated, spaced or broken across lines and pages."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from .trace import BBox, union


@attrs.frozen
class PageWord:
    """A word on a page: its page number, text and box."""

    page: int
    text: str
    bbox: BBox


#: how far past a mismatch (in characters of the page text) the finder looks for the item's text
#: again: a table or a running header between two lines of one item is skipped, a page is not
RESYNC_WINDOW = 4000
#: characters of an item's text that must match in a row to (re)anchor it in the page text
ANCHOR_CHARS = 12
#: vertical distance (points) under which words are on one line of a table
LINE_TOLERANCE = 3.0


def norm(text: str) -> str:
    """Letters and digits only, lower case, accents kept apart: what the finder compares."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def page_words(pdf: Any) -> list[list[PageWord]]:
    """The words of each page of an open pdfplumber PDF, in pdfplumber's reading order."""
    out: list[list[PageWord]] = []
    for page in pdf.pages:
        words = page.extract_words(keep_blank_chars=False, x_tolerance=1.5, y_tolerance=3)
        out.append(
            [PageWord(page.page_number, w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in words]
        )
    return out


def reading_order(words: Sequence[PageWord]) -> list[PageWord]:
    """Words line by line, top to bottom, each line left to right (as pdfplumber gives them)."""
    return [w for line in word_lines(words) for w in line]


class WordStream:
    """The page words as one string of normalized characters, each knowing its word."""

    def __init__(self, words: Sequence[PageWord]) -> None:
        self.words = list(words)
        chars: list[str] = []
        owner: list[int] = []
        for i, w in enumerate(self.words):
            n = norm(w.text)
            chars.append(n)
            owner.extend([i] * len(n))
        self.text = "".join(chars)
        self.owner = owner

    def position_of(self, page: int, top: float) -> int:
        """The position of the first character on `page` at or below `top`."""
        for pos, i in enumerate(self.owner):
            w = self.words[i]
            if w.page > page or (w.page == page and w.bbox[1] >= top):
                return pos
        return len(self.text)

    def nearest(self, text: str, at: int) -> list[int]:
        """The words of the occurrence of `text` (spelled out in full) nearest to position `at`."""
        s = norm(text)
        best: int | None = None
        k = self.text.find(s) if s else -1
        while k >= 0:
            if best is None or abs(k - at) < abs(best - at):
                best = k
            k = self.text.find(s, k + 1)
        if best is None:
            return []
        return sorted(set(self.owner[best : best + len(s)]))

    def find(self, text: str, start: int = 0) -> tuple[list[int], int]:
        """The words that spell `text` from `start` on, in order (skipping words between, such as a
        table inside an item), and the position after the last character matched."""
        s = norm(text)
        if not s:
            return [], start
        anchor = -1
        for offset in range(0, max(1, len(s) - ANCHOR_CHARS + 1), ANCHOR_CHARS):
            anchor = self.text.find(s[offset : offset + ANCHOR_CHARS], start)
            if anchor >= 0:
                i, j = offset, anchor
                break
        if anchor < 0:
            return [], start
        found: list[int] = []
        end = j
        while i < len(s) and j < len(self.text):
            if s[i] == self.text[j]:
                if not found or found[-1] != self.owner[j]:
                    found.append(self.owner[j])
                i += 1
                j += 1
                end = j
                continue
            k = self.text.find(s[i : i + ANCHOR_CHARS], j, j + RESYNC_WINDOW)
            if k >= 0 and len(s) - i >= ANCHOR_CHARS:
                j = k
            else:
                i += 1
        return sorted(set(found)), end


def word_runs(stream: WordStream, indexes: Sequence[int]) -> list[tuple[int, BBox]]:
    """Boxes around the runs of consecutive words (one per page and per run), for drawing."""
    out: list[tuple[int, BBox]] = []
    run: list[PageWord] = []
    last = -10
    for i in indexes:
        w = stream.words[i]
        if run and (i - last > 2 or w.page != run[-1].page):
            out.append((run[0].page, union(x.bbox for x in run)))
            run = []
        run.append(w)
        last = i
    if run:
        out.append((run[0].page, union(x.bbox for x in run)))
    return out


def word_lines(words: Sequence[PageWord]) -> list[list[PageWord]]:
    """Words grouped into lines by their top, top to bottom, each left to right."""
    lines: list[list[PageWord]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])):
        if lines and abs(lines[-1][0].bbox[1] - w.bbox[1]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(ln, key=lambda w: w.bbox[0]) for ln in lines]
