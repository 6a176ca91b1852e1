"""Characters -> words: pdfplumber's character dicts of one page grouped into `Word`s with
their box, font size and weight.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .marks import lift_marks
from .records import Word
from .settings import DEFAULT_READING_SETTINGS, ReadingSettings

_BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demi")
_bold_fonts: dict[str, bool] = {}  # font name -> bold: a document uses a handful of fonts


def _is_bold(fontname: str) -> bool:
    bold = _bold_fonts.get(fontname)
    if bold is None:
        lowered = fontname.lower()
        bold = any(mark in lowered for mark in _BOLD_MARKS)
        if len(_bold_fonts) < 10_000:
            _bold_fonts[fontname] = bold
    return bold


def chars_to_words(
    chars: list[dict[str, Any]], settings: ReadingSettings = DEFAULT_READING_SETTINGS
) -> Iterator[Word]:
    """Group characters into words: same line, no space between, no gap wider than the tolerance.

    Lines are found by sorting on the character's middle; characters within `word_y_tolerance`
    of a line's first character join it. Duplicate characters drawn twice (fake bold) are dropped.
    Footnote marks (small raised digits after a word) become superscript digits of that word
    first (`marks.lift_marks`).
    """
    if not chars:
        return
    chars = lift_marks(chars)
    # Sorted on (middle rounded to 0.1, x0) as two stable sorts over plain floats: the same order,
    # without a key tuple per character (tuples are objects the garbage collector must visit).
    mids = [(c["top"] + c["bottom"]) / 2 for c in chars]
    x0s = [c["x0"] for c in chars]
    # round() with digits is slow; characters of one line share a handful of middles
    rounded_of = {m: round(m, 1) for m in set(mids)}
    rounded = [rounded_of[m] for m in mids]
    order = sorted(range(len(chars)), key=x0s.__getitem__)
    order.sort(key=rounded.__getitem__)
    tolerance = settings.word_y_tolerance
    line: list[int] = []
    line_mid = -1e9
    for i in order:
        mid = mids[i]
        if line and abs(mid - line_mid) <= tolerance:
            line.append(i)
        else:
            if line:
                line.sort(key=x0s.__getitem__)
                yield from _line_words([chars[j] for j in line], settings)
            line = [i]
            line_mid = mid
    line.sort(key=x0s.__getitem__)
    yield from _line_words([chars[j] for j in line], settings)


def _line_words(line: list[dict[str, Any]], settings: ReadingSettings) -> Iterator[Word]:
    """The words of one line of characters (in x order): a word's text, box, size and weight are
    gathered as its characters come, without a list per word."""
    x_tolerance = settings.word_x_tolerance
    bold_fonts = _bold_fonts
    last_text: str | None = None
    last_x0 = 0.0
    n = 0  # characters in the current word
    text = ""
    x0: Any = 0.0
    x1: Any = 0.0
    top: Any = 0.0
    bottom: Any = 0.0
    size = 0.0
    bold = 0
    for c in line:
        c_text = c["text"]
        c_x0 = c["x0"]
        if last_text is not None and c_text == last_text and abs(c_x0 - last_x0) < 0.5:
            continue  # the same glyph drawn twice
        last_text, last_x0 = c_text, c_x0
        if c_text.isspace():
            if n:
                yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)
            n = 0
            continue
        if n and c_x0 - x1 > x_tolerance:
            yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)
            n = 0
        c_top, c_bottom, c_size = c["top"], c["bottom"], float(c["size"])
        fontname = c.get("fontname", "")
        c_bold = bold_fonts.get(fontname) if type(fontname) is str else None
        if c_bold is None:
            c_bold = _is_bold(str(fontname))
        if n == 0:
            text, x0, top, bottom, size, bold = c_text, c_x0, c_top, c_bottom, c_size, c_bold
        else:
            text += c_text
            # min() and max() keep the first of equal values: so do these
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
            if c_size > size:
                size = c_size
            bold += c_bold
        x1 = c["x1"]
        n += 1
    if n:
        yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)
