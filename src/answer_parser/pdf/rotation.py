"""Pages whose text runs sideways or upside down, read turned back upright.

A landscape annex is often a portrait page with /Rotate 90 or 270, or a portrait page whose
content is drawn turned a quarter (`0 1 -1 0 … cm`). pdfplumber reports such text in the displayed
frame: characters that are not upright (a text layer the reading stage used to drop, calling the
page a scan) or upside down (/Rotate 180, read backwards). `upright_view(page)` finds the direction
most of a page's characters run in and, when it is not left to right, returns a view of the page
turned so that it is: characters, rules, rectangles, curves and links in the turned frame, width
and height swapped for a quarter turn. The reading stage reads the view like any page.

Characters under a singular transformation (a zero-area text matrix) have no direction and no
place; `unplaceable(page)` counts them, so that a document made only of them is not called a scan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["char_quarter", "unplaceable", "upright_view"]

#: a text matrix whose determinant is below this (in points squared per unit) has no area
SINGULAR = 1e-9

Point = tuple[float, float]


def char_quarter(char: dict[str, Any]) -> int | None:
    """The direction a character runs in on the displayed page, in quarter turns counter-clockwise
    from left-to-right (0 right, 1 up, 2 left, 3 down); None under a singular transformation."""
    matrix = char.get("matrix")
    if not matrix:
        return 0
    a, b, c, d = (float(v) for v in matrix[:4])
    if abs(a * d - b * c) < SINGULAR:
        return None
    if abs(a) >= abs(b):
        return 0 if a > 0 else 2
    return 1 if b > 0 else 3


def unplaceable(chars: Iterable[dict[str, Any]]) -> int:
    """Characters that have no place: drawn under a singular transformation."""
    return sum(1 for c in chars if not c["text"].isspace() and char_quarter(c) is None)


def _turn(quarter: int, width: float, height: float) -> tuple[Callable[[float, float], Point], float, float]:
    """The map of a displayed point (x, top) into the frame where text of `quarter` runs left to
    right, and that frame's width and height."""
    if quarter == 1:  # text runs up: turn the page a quarter clockwise
        return (lambda x, y: (height - y, x)), height, width
    if quarter == 2:  # upside down: half a turn
        return (lambda x, y: (width - x, height - y)), width, height
    return (lambda x, y: (y, width - x)), height, width  # text runs down: a quarter back


def _box(obj: dict[str, Any], turn: Callable[[float, float], Point]) -> dict[str, Any]:
    """A copy of a pdfplumber object with its box (x0, x1, top, bottom) in the turned frame."""
    ax, ay = turn(float(obj["x0"]), float(obj["top"]))
    bx, by = turn(float(obj["x1"]), float(obj["bottom"]))
    moved = dict(obj)
    moved.update(x0=min(ax, bx), x1=max(ax, bx), top=min(ay, by), bottom=max(ay, by))
    return moved


def _curve(obj: dict[str, Any], turn: Callable[[float, float], Point]) -> dict[str, Any]:
    moved = _box(obj, turn)
    path = obj.get("path")
    if path:
        moved["path"] = [(op[0], *(turn(float(p[0]), float(p[1])) for p in op[1:])) for op in path]
    return moved


class UprightPage:
    """A pdfplumber page seen turned so that its text runs left to right (see `upright_view`)."""

    def __init__(self, page: Any, quarter: int) -> None:
        self.page = page
        self.quarter = quarter
        turn, self.width, self.height = _turn(quarter, float(page.width), float(page.height))
        self.page_number = page.page_number
        chars = []
        for c in page.chars:
            if char_quarter(c) != quarter:
                continue  # text running another way than the page's: dropped, as non-upright text is
            moved = _box(c, turn)
            moved["upright"] = True
            moved["size"] = moved["bottom"] - moved["top"]  # pdfminer's size of upright text
            chars.append(moved)
        self.chars = chars
        self.lines = [_box(o, turn) for o in page.lines]
        self.rects = [_box(o, turn) for o in page.rects]
        self.curves = [_curve(o, turn) for o in page.curves]
        self.hyperlinks = [_box(o, turn) for o in page.hyperlinks]

    def close(self) -> None:
        self.page.close()


def upright_view(page: Any) -> Any:
    """`page` itself when most of its characters run left to right (or it has none), else a view
    turned so that they do."""
    counts = Counter(q for c in page.chars if not c["text"].isspace() and (q := char_quarter(c)) is not None)
    if not counts:
        return page
    quarter, most = counts.most_common(1)[0]
    if quarter == 0 or counts[0] >= most:
        return page
    return UprightPage(page, quarter)
