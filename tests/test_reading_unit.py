"""Rules from vector paths: what becomes an edge of a ruled table and what does not."""

from __future__ import annotations

from typing import Any

from answer_parser.pdf.records import Edge
from answer_parser.pdf.rulings import curves_to_edges


def _curve(path: list[tuple[Any, ...]], *, stroke: bool = True, color: Any = (0,)) -> dict[str, Any]:
    return {"path": path, "stroke": stroke, "stroking_color": color}


def test_polyline_segments_become_horizontal_and_vertical_edges() -> None:
    zigzag = [("m", (10, 100)), ("l", (200, 100)), ("l", (200, 120)), ("l", (10, 120))]
    assert list(curves_to_edges([_curve(zigzag)])) == [
        Edge("h", 10, 200, 100, 100),
        Edge("v", 200, 200, 100, 120),
        Edge("h", 10, 200, 120, 120),
    ]


def test_closing_segment_and_second_subpath_are_their_own_segments() -> None:
    path = [
        ("m", (0, 0)),
        ("l", (50, 0)),
        ("l", (50, 30)),
        ("h",),  # back to (0, 0): a diagonal, no edge
        ("m", (0, 40)),  # a new subpath: no segment joins (50, 30) to (0, 40)
        ("l", (0, 90)),
    ]
    assert list(curves_to_edges([_curve(path)])) == [
        Edge("h", 0, 50, 0, 0),
        Edge("v", 50, 50, 0, 30),
        Edge("v", 0, 0, 40, 90),
    ]


def test_bezier_paths_unstroked_and_white_paths_give_no_edges() -> None:
    straight = [("m", (0, 0)), ("l", (100, 0)), ("l", (100, 50))]
    bezier = [("m", (0, 0)), ("c", (10, 0), (20, 0), (30, 0)), ("l", (30, 40))]
    assert list(curves_to_edges([_curve(bezier)])) == []
    assert list(curves_to_edges([_curve(straight, stroke=False)])) == []
    assert list(curves_to_edges([_curve(straight, color=(1, 1, 1))])) == []


def test_tiny_and_diagonal_segments_are_not_rules() -> None:
    path = [("m", (0, 0)), ("l", (0.5, 0)), ("l", (40, 30))]
    assert list(curves_to_edges([_curve(path)])) == []
