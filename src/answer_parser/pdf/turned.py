"""Pages whose text is set sideways (a landscape table on a portrait page): read turned back.

pdfplumber reports each character with its text matrix; a character turned a quarter
counterclockwise (its line reads upwards) has the matrix (0, s, -s, 0), one turned clockwise
(0, -s, s, 0), and both have `upright` False. When most of a page's text is turned one way, the
page is read in the frame where that text stands upright: every character box, ruling and
filled rectangle is turned with it, so the rest of the pipeline sees an ordinary landscape page.
The characters that stand upright on such a page (its running header, its page number) are left
out of that reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .records import Edge, Filled, Link

#: a matrix entry smaller than this share of the other is zero (no turn other than a quarter)
_SKEW = 0.01


def quarter_turn(char: dict[str, Any]) -> int:
    """90 for a character turned a quarter counterclockwise (its line reads upwards), 270 for one
    turned clockwise (reads downwards), else 0 (upright, or at another angle)."""
    a, b, c, d = (float(v) for v in char.get("matrix", (1, 0, 0, 1, 0, 0))[:4])
    if abs(a) > _SKEW * abs(b) or abs(d) > _SKEW * abs(c):
        return 0
    if b > 0 > c:
        return 90
    if b < 0 < c:
        return 270
    return 0


def page_turn(chars: Sequence[dict[str, Any]]) -> int:
    """The quarter turn of most of the page's text, when more of it is turned than upright; 0
    otherwise."""
    upright = sum(1 for c in chars if c.get("upright", True))
    turns = [t for t in (quarter_turn(c) for c in chars if not c.get("upright", True)) if t]
    if len(turns) <= upright:
        return 0
    return max((90, 270), key=turns.count)


@attrs.frozen
class Turn:
    """Coordinates of a page whose text is turned a quarter, in the frame where it reads upright:
    a page `width` x `height` becomes `height` x `width` (top-left origin, as pdfplumber)."""

    rotation: int  # 90 or 270
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:  # reads upwards: up the page becomes rightwards, left becomes up
            return self.height - y, x
        return y, self.width - x

    def box(self, x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a box, turned."""
        (ax, ay), (bx, by) = self.point(x0, top), self.point(x1, bottom)
        return min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)

    def char(self, c: dict[str, Any]) -> dict[str, Any]:
        """A character dict (the keys `pdf.words` reads), turned. pdfplumber's `size` of a turned
        character is its advance; its extent across the line is the size of an upright one."""
        x0, x1, top, bottom = self.box(float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]))
        return {
            "text": c["text"],
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "size": bottom - top,
            "fontname": c.get("fontname", ""),
        }

    def edge(self, e: Edge) -> Edge:
        x0, x1, top, bottom = self.box(e.x0, e.x1, e.top, e.bottom)
        return Edge("v" if e.orientation == "h" else "h", x0, x1, top, bottom)

    def fill(self, f: Filled) -> Filled:
        return Filled(*self.box(f.x0, f.x1, f.top, f.bottom))

    def link(self, link: Link) -> Link:
        x0, x1, top, bottom = self.box(link.x0, link.x1, link.top, link.bottom)
        return Link(link.uri, x0, top, x1, bottom)
