"""The visible rules of a page: pdfplumber's lines, thin filled rectangles, stroked rectangles
and straight polylines -> horizontal and vertical `Edge`s; shaded boxes -> `Filled`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .records import Edge, Filled

_RULE_THICKNESS = 2.5  # points: a filled rectangle thinner than this is drawn as a rule


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


def page_rulings(page: Any) -> tuple[tuple[Edge, ...], tuple[Filled, ...]]:
    edges: list[Edge] = []
    fills: list[Filled] = []
    for line in page.lines:
        if not line.get("stroke", True) or not _visible(line.get("stroking_color", (0,))):
            continue
        x0, x1, top, bottom = (float(line[k]) for k in ("x0", "x1", "top", "bottom"))
        if abs(top - bottom) < 0.5:
            edges.append(Edge("h", x0, x1, top, top))
        elif abs(x0 - x1) < 0.5:
            edges.append(Edge("v", x0, x0, top, bottom))
    for rect in page.rects:
        x0, x1, top, bottom = (float(rect[k]) for k in ("x0", "x1", "top", "bottom"))
        width, height = x1 - x0, bottom - top
        filled = bool(rect.get("fill")) and _visible(rect.get("non_stroking_color"))
        stroked = bool(rect.get("stroke")) and _visible(rect.get("stroking_color"))
        if filled and height <= _RULE_THICKNESS and width > height:
            mid = (top + bottom) / 2
            edges.append(Edge("h", x0, x1, mid, mid))
        elif filled and width <= _RULE_THICKNESS and height > width:
            mid = (x0 + x1) / 2
            edges.append(Edge("v", mid, mid, top, bottom))
        else:
            if stroked:
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
    return tuple(edges), tuple(fills)


def curves_to_edges(curves: Iterable[dict[str, Any]]) -> Iterator[Edge]:
    """Rules drawn as one stroked polyline (`m l l l` without closing into a rectangle).

    Some producers draw a table's borders as a single path; pdfminer reports it as a curve.
    Only paths made of straight segments count, and of those only the horizontal and vertical
    segments: a Bezier curve (a logo, a rounded box, a chart line) never becomes a rule.
    """
    for curve in curves:
        if not curve.get("stroke") or not _visible(curve.get("stroking_color", (0,))):
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
