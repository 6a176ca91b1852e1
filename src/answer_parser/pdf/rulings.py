"""The visible rules of a page: pdfplumber's lines, thin filled rectangles, stroked rectangles
and straight polylines -> horizontal and vertical `Edge`s; shaded boxes (rectangles, and closed
paths drawn as rectangles) -> `Filled`. A white rule (RGB or CMYK white) counts only where it lies
on a shaded box: there it is what the reader sees (a grid drawn in white over coloured cells), and
only on a page whose white rules lie on shading nearly all: white rules over bare paper are
invisible, or drawn in a colour that merely reads as white.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .records import Edge, Filled

_RULE_THICKNESS = 2.5  # points: a filled rectangle thinner than this is drawn as a rule
_ON_FILL = 0.25  # points: a white rule this close to a shaded box's edge still lies on it (fills meeting)
_WHITE_ON_FILL_SHARE = 0.8  # of a page's white rules (by length) on shading, for any of them to count


def _visible(color: Any) -> bool:
    """False for white (or no) colour: invisible boxes must not split cells."""
    if color is None:
        return False
    values = color if isinstance(color, list | tuple) else (color,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return True
    if len(numbers) == 4:  # CMYK: white is all zero
        return any(v > 0.05 for v in numbers)
    return any(v < 0.95 for v in numbers)


def _white(color: Any) -> bool:
    """A colour given as white in RGB or CMYK: a rule in it shows only on a shaded box. A colour of
    one component is no evidence: gray 1.0 is white, but a one-ink separation's full tint (black
    ink) reads as 1.0 too."""
    values = color if isinstance(color, list | tuple) else (color,)
    return color is not None and len(values) >= 3 and not _visible(color)


def page_rulings(page: Any) -> tuple[tuple[Edge, ...], tuple[Filled, ...]]:
    edges: list[Edge] = []
    fills: list[Filled] = []
    white: list[Edge] = []  # white rules, kept where they lie on a shaded box
    for line in page.lines:
        if not line.get("stroke", True):
            continue
        color = line.get("stroking_color", (0,))
        target = edges if _visible(color) else white if _white(color) else None
        if target is None:
            continue
        x0, x1, top, bottom = (float(line[k]) for k in ("x0", "x1", "top", "bottom"))
        if abs(top - bottom) < 0.5:
            target.append(Edge("h", x0, x1, top, top))
        elif abs(x0 - x1) < 0.5:
            target.append(Edge("v", x0, x0, top, bottom))
    boxes = [(rect, False) for rect in page.rects] + [(c, True) for c in page.curves if _is_box(c)]
    for rect, is_path in boxes:
        x0, x1, top, bottom = (float(rect[k]) for k in ("x0", "x1", "top", "bottom"))
        width, height = x1 - x0, bottom - top
        fill_color = rect.get("non_stroking_color")
        filled = bool(rect.get("fill")) and _visible(fill_color)
        stroked = bool(rect.get("stroke")) and _visible(rect.get("stroking_color"))
        thin = bool(rect.get("fill")) and (filled or _white(fill_color))
        target = edges if filled else white
        if thin and height <= _RULE_THICKNESS and width > height:
            mid = (top + bottom) / 2
            target.append(Edge("h", x0, x1, mid, mid))
        elif thin and width <= _RULE_THICKNESS and height > width:
            mid = (x0 + x1) / 2
            target.append(Edge("v", mid, mid, top, bottom))
        else:
            if stroked and not is_path:  # a closed path's sides are read as a polyline
                edges.extend(
                    (
                        Edge("h", x0, x1, top, top),
                        Edge("h", x0, x1, bottom, bottom),
                        Edge("v", x0, x0, top, bottom),
                        Edge("v", x1, x1, top, bottom),
                    )
                )
            if filled:
                fills.append(Filled(x0, x1, top, bottom))
    edges.extend(curves_to_edges(page.curves))
    white.extend(curves_to_edges(page.curves, white=True))
    edges.extend(_white_rules(white, fills))
    return tuple(edges), tuple(fills)


def _white_rules(white: Sequence[Edge], fills: Sequence[Filled]) -> list[Edge]:
    """The white rules that show: those on shading, where nearly all of the page's are."""
    if not white or not fills:
        return []
    lengths = [_on_fill(e, fills) for e in white]
    total = sum(e.x1 - e.x0 + e.bottom - e.top for e in white)
    shown = sum(covered for covered, _ in lengths)
    if shown < _WHITE_ON_FILL_SHARE * total:
        return []
    rules = [
        e for e, (covered, length) in zip(white, lengths, strict=True) if length and covered * 2 >= length
    ]
    # the shaded cells the white grid is drawn on are bounded by their own sides too (the grid's
    # outer border, a band's foot where the white rules stop)
    sides = [
        side
        for f in fills
        if any(_on_fill(e, (f,))[0] > 0 for e in rules)
        for side in (
            Edge("h", f.x0, f.x1, f.top, f.top),
            Edge("h", f.x0, f.x1, f.bottom, f.bottom),
            Edge("v", f.x0, f.x0, f.top, f.bottom),
            Edge("v", f.x1, f.x1, f.top, f.bottom),
        )
    ]
    return rules + sides


def _is_box(curve: dict[str, Any]) -> bool:
    """A filled path of straight segments whose corners are its bounding box's: a rectangle
    drawn as a polygon (`m l l l h`), shading like any other."""
    path = curve.get("path") or ()
    if not curve.get("fill") or not path or any(op[0] not in ("m", "l", "h") for op in path):
        return False
    x0, x1, top, bottom = (float(curve[k]) for k in ("x0", "x1", "top", "bottom"))
    points = [(float(op[1][0]), float(op[1][1])) for op in path if op[0] != "h"]
    return all(
        min(abs(x - x0), abs(x - x1)) < 0.5 and min(abs(y - top), abs(y - bottom)) < 0.5 for x, y in points
    )


def _on_fill(edge: Edge, fills: Iterable[Filled]) -> tuple[float, float]:
    """(how much of a white rule lies on shaded boxes or on their common edge, its length)."""
    tol = _ON_FILL
    if edge.orientation == "h":
        start, end = edge.x0, edge.x1
        spans = [(f.x0, f.x1) for f in fills if f.top - tol <= edge.top <= f.bottom + tol]
    else:
        start, end = edge.top, edge.bottom
        spans = [(f.top, f.bottom) for f in fills if f.x0 - tol <= edge.x0 <= f.x1 + tol]
    covered, reach = 0.0, start
    for a, b in sorted(spans):
        a, b = max(a, reach), min(b, end)
        if b > a:
            covered += b - a
            reach = b
    return covered, max(0.0, end - start)


def curves_to_edges(curves: Iterable[dict[str, Any]], white: bool = False) -> Iterator[Edge]:
    """Rules drawn as one stroked polyline (`m l l l` without closing into a rectangle).

    Some producers draw a table's borders as a single path; pdfminer reports it as a curve.
    Only paths made of straight segments count, and of those only the horizontal and vertical
    segments: a Bezier curve (a logo, a rounded box, a chart line) never becomes a rule.
    With `white`, the white polylines instead (rules only where they lie on shading).
    """
    for curve in curves:
        color = curve.get("stroking_color", (0,))
        if not curve.get("stroke") or not (_white(color) if white else _visible(color)):
            continue
        path = curve.get("path") or ()
        if any(op[0] not in ("m", "l", "h") for op in path):
            continue
        for a, b in _path_segments(path):
            yield from _segment_to_edge(a, b)


def _path_segments(
    path: Iterable[tuple[Any, ...]],
) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path of `m`, `l` and `h` (close) operations."""
    start = here = None
    for op in path:
        if op[0] == "m":
            start = here = (float(op[1][0]), float(op[1][1]))
        elif op[0] == "l" and here is not None:
            there = (float(op[1][0]), float(op[1][1]))
            yield here, there
            here = there
        elif op[0] == "h" and here is not None and start is not None:
            yield here, start
            here = start


def _segment_to_edge(a: tuple[float, float], b: tuple[float, float]) -> Iterator[Edge]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.5 and abs(ax - bx) >= 1:
        y = (ay + by) / 2
        yield Edge("h", min(ax, bx), max(ax, bx), y, y)
    elif abs(ax - bx) < 0.5 and abs(ay - by) >= 1:
        x = (ax + bx) / 2
        yield Edge("v", x, x, min(ay, by), max(ay, by))
