"""Rules from vector paths and boxes: what becomes an edge of a ruled table and what does not."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from answer_parser.pdf.records import Edge, Filled
from answer_parser.pdf.rulings import curves_to_edges, page_rulings


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


def _page(
    lines: list[dict[str, Any]], rects: list[dict[str, Any]], curves: list[dict[str, Any]] | None = None
) -> Any:
    """A page as `page_rulings` reads it: pdfplumber's lines, rects and curves."""
    return SimpleNamespace(lines=lines, rects=rects, curves=curves or [])


def _line(x0: float, top: float, x1: float, bottom: float, color: Any) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "stroke": True, "stroking_color": color}


def _box(x0: float, top: float, x1: float, bottom: float, fill: Any) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "fill": True,
        "stroke": False,
        "non_stroking_color": fill,
        "stroking_color": 0,
    }


WHITE = (1.0, 1.0, 1.0)
GREEN = (0.33, 0.75, 0.28)


def test_a_white_grid_on_shaded_cells_is_read_with_the_cells_sides() -> None:
    # two shaded rows, a white rule between them and a white column rule down both: what the
    # reader sees (camelot's background_lines); the shaded boxes' sides close the grid
    page = _page(
        [_line(10, 40, 200, 40, WHITE), _line(100, 20, 100, 60, WHITE)],
        [_box(10, 20, 200, 40, GREEN), _box(10, 40, 200, 60, GREEN)],
    )
    edges, fills = page_rulings(page)
    assert fills == (Filled(10, 200, 20, 40), Filled(10, 200, 40, 60))
    assert Edge("h", 10, 200, 40, 40) in edges
    assert Edge("v", 100, 100, 20, 60) in edges
    assert {Edge("h", 10, 200, 20, 20), Edge("v", 10, 10, 20, 40), Edge("v", 200, 200, 40, 60)} <= set(edges)


def test_white_rules_over_bare_paper_are_not_rules_anywhere_on_the_page() -> None:
    # a white grid that runs over unshaded rows as well is invisible there: none of it counts,
    # also where a row is shaded
    rules = [_line(10, y, 200, y, WHITE) for y in (20, 40, 60, 80, 100)]
    page = _page(rules, [_box(10, 20, 200, 40, (0.9, 0.9, 0.9))])
    edges, _ = page_rulings(page)
    assert edges == ()


def test_a_one_component_white_is_no_white_rule() -> None:
    # gray 1.0 is white, but a one-ink separation's full tint reads as 1.0 too (camelot's agstat:
    # a black grid over zebra rows; kamer_1468: a black column rule on boxes of tint 0, no ink)
    page = _page([_line(10, 40, 200, 40, 1.0), _line(10, 40, 200, 40, (1.0,))], [_box(10, 20, 200, 60, 0.0)])
    edges, _ = page_rulings(page)
    assert edges == ()


def test_a_shaded_box_drawn_as_a_closed_path_is_shading() -> None:
    path = [("m", (19, 73)), ("l", (594, 73)), ("l", (594, 136)), ("l", (19, 136)), ("h",)]
    curve = {**_box(19, 73, 594, 136, GREEN), "path": path}
    _, fills = page_rulings(_page([], [], [curve]))
    assert fills == (Filled(19, 594, 73, 136),)
