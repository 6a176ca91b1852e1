"""Ruled tables (the lattice method): ruling edges -> cell boxes -> `Grid`s with the page's
words placed in their cells.

    merge_rulings   ruling segments snapped and joined (pdfplumber's merge_edges)
    edges_to_cells  ruling segments -> cell boxes, one group per table
    cells_to_grid   cell boxes of one table -> a `Grid` (spans kept, words placed)
    page_grids      every ruled table of a page

pdfplumber's table functions are imported when first called, not with the package.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from ..dutch.text import collapse, join_lines
from ..pdf.records import Edge, PageData, Word
from .grid import Box, Grid, Slot
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def _edge_dict(edge: Edge) -> dict[str, Any]:
    return {
        "orientation": edge.orientation,
        "x0": edge.x0,
        "x1": edge.x1,
        "top": edge.top,
        "bottom": edge.bottom,
        "width": edge.x1 - edge.x0,
        "height": edge.bottom - edge.top,
    }


def _merged_dicts(edges: Sequence[Edge], settings: TableSettings) -> list[dict[str, Any]]:
    """pdfplumber's merge_edges: segments within `snap_tolerance` of one position snapped to it,
    collinear segments closer than `join_tolerance` joined."""
    from pdfplumber import table as plumber_table  # here: `import answer_parser` stays light

    return list(
        plumber_table.merge_edges(
            [_edge_dict(e) for e in edges],
            snap_x_tolerance=settings.snap_tolerance,
            snap_y_tolerance=settings.snap_tolerance,
            join_x_tolerance=settings.join_tolerance,
            join_y_tolerance=settings.join_tolerance,
        )
    )


def merge_rulings(edges: Sequence[Edge], settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Edge]:
    """Ruling segments snapped and joined: a rule drawn cell by cell (Word draws one border per
    cell) becomes one rule, the two strokes of a double line one."""
    return [
        Edge(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"])
        for e in _merged_dicts(edges, settings)
    ]


def edges_to_cells(
    edges: Sequence[Edge], settings: TableSettings = DEFAULT_TABLE_SETTINGS
) -> list[list[Box]]:
    """Ruling segments -> groups of cell boxes, one group per table (pdfplumber's lattice method)."""
    if len(edges) < 4:
        return []
    from pdfplumber import table as plumber_table  # here: `import answer_parser` stays light

    merged = _merged_dicts(edges, settings)
    long_enough = [
        e
        for e in merged
        if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"])
        >= settings.edge_min_length
    ]
    groups: list[list[Box]] = []
    # pdfplumber's edges_to_intersections and intersections_to_cells compare every edge (point)
    # with every other one of the page; here the same intersections and cells are found from
    # sorted positions, one cluster of touching edges at a time (a cell and a table never
    # reach across two clusters), and cells_to_tables groups each cluster's cells.
    for vertices in _intersections(long_enough, settings.intersection_tolerance):
        groups.extend(plumber_table.cells_to_tables(_vertices_to_cells(vertices)))
    # the order cells_to_tables gives the tables of a whole page: top to bottom, then left to right
    groups.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [list(group) for group in groups]


Point = tuple[float, float]
#: an intersection: the boxes of the vertical and of the horizontal edges that meet there
Vertex = tuple[set[Box], set[Box]]


def _bbox(edge: dict[str, Any]) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _intersections(edges: Sequence[dict[str, Any]], tolerance: float) -> list[dict[Point, Vertex]]:
    """pdfplumber's `edges_to_intersections`, split into clusters of edges that meet.

    A vertical and a horizontal edge meet at (v.x0, h.top) under the same test as pdfplumber's;
    only the horizontal edges near a vertical edge's span are tested (they are sorted by `top`).
    Edges meeting one another, or at one point, are one cluster.
    """
    vs = [i for i, e in enumerate(edges) if e["orientation"] == "v"]
    hs = sorted((i for i, e in enumerate(edges) if e["orientation"] == "h"), key=lambda i: edges[i]["top"])
    if not vs or not hs:
        return []
    h_tops = [edges[i]["top"] for i in hs]
    parent = list(range(len(edges)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        a, b = root(a), root(b)
        if a != b:
            parent[a] = b

    margin = tolerance + 1e-6  # candidates from a slightly wider band; the exact test decides
    vertices: dict[Point, Vertex] = {}
    first_edge: dict[Point, int] = {}
    for vi in vs:
        v = edges[vi]
        lo = bisect.bisect_left(h_tops, v["top"] - margin)
        hi = bisect.bisect_right(h_tops, v["bottom"] + margin)
        for h_index in hs[lo:hi]:
            h = edges[h_index]
            if (
                v["top"] <= h["top"] + tolerance
                and v["bottom"] >= h["top"] - tolerance
                and v["x0"] >= h["x0"] - tolerance
                and v["x0"] <= h["x1"] + tolerance
            ):
                point = (v["x0"], h["top"])
                vertex = vertices.get(point)
                if vertex is None:
                    vertex = vertices[point] = (set(), set())
                    first_edge[point] = vi
                vertex[0].add(_bbox(v))
                vertex[1].add(_bbox(h))
                union(vi, h_index)
                union(vi, first_edge[point])
    clusters: dict[int, dict[Point, Vertex]] = {}
    for point, vertex in vertices.items():
        clusters.setdefault(root(first_edge[point]), {})[point] = vertex
    return list(clusters.values())


def _vertices_to_cells(vertices: dict[Point, Vertex]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each point (in sorted order), the smallest cell
    it opens at its top left, from the points below and right of it that share an edge with it,
    and a bottom-right point that shares an edge with both. Points below and right are looked up
    by column and by row instead of in all the points after it."""
    points = sorted(vertices)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for pt in points:
        columns.setdefault(pt[0], []).append(pt)
        rows.setdefault(pt[1], []).append(pt)
    at_column = {pt: i for column in columns.values() for i, pt in enumerate(column)}
    at_row = {pt: i for row in rows.values() for i, pt in enumerate(row)}
    cells: list[Box] = []
    for pt in points:
        v_edges, h_edges = vertices[pt]
        below = columns[pt[0]][at_column[pt] + 1 :]
        right = rows[pt[1]][at_row[pt] + 1 :]
        cell = _smallest_cell(pt, v_edges, h_edges, below, right, vertices)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    v_edges: set[Box],
    h_edges: set[Box],
    below: Sequence[Point],
    right: Sequence[Point],
    vertices: dict[Point, Vertex],
) -> Box | None:
    for below_pt in below:
        below_v, below_h = vertices[below_pt]
        if v_edges.isdisjoint(below_v):
            continue
        for right_pt in right:
            right_v, right_h = vertices[right_pt]
            if h_edges.isdisjoint(right_h):
                continue
            corner = vertices.get((right_pt[0], below_pt[1]))
            if corner is not None and not corner[0].isdisjoint(right_v) and not corner[1].isdisjoint(below_h):
                return (pt[0], pt[1], right_pt[0], below_pt[1])
    return None


def _boundaries(values: Iterable[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(boundaries: Sequence[float], value: float, tolerance: float) -> int:
    """The index of the boundary nearest `value` (the first of two as near). `boundaries` rise
    strictly, so the nearest is one of the two around value's insertion point."""
    i = bisect.bisect_left(boundaries, value)
    if i == 0:
        return 0
    if i == len(boundaries):
        return i - 1
    return i - 1 if abs(boundaries[i - 1] - value) <= abs(boundaries[i] - value) else i


def _inside(word: Word, box: Box) -> bool:
    cx = (word.x0 + word.x1) / 2
    cy = word.middle
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


# words that open the next line of a cell after a whole word, never the tail of a broken one
_SHORT_WORDS = frozenset(
    [
        "op",
        "in",
        "van",
        "en",
        "de",
        "het",
        "een",
        "per",
        "voor",
        "tot",
        "met",
        "na",
        "bij",
        "aan",
        "uit",
        "om",
        "te",
        "of",
        "als",
        "dan",
        "is",
        "zijn",
        "naar",
        "over",
    ]
)


def _glue_broken_words(lines: list[list[Word]], cell_right: float, settings: TableSettings) -> list[str]:
    """Line texts of a cell, where a word too long for the cell, broken without a hyphen at the
    cell's edge ('Prioriteitengroe' / 'p 1'), is put together again."""
    texts: list[str] = []
    glue = False
    for line in lines:
        text = " ".join(w.text for w in line)
        if glue and texts and text[:1].islower() and line[0].text.lower() not in _SHORT_WORDS:
            texts[-1] += text
        else:
            texts.append(text)
        last = line[-1]
        near_edge = cell_right - last.x1 < settings.broken_word_ratio * last.size
        glue = len(line) == 1 and near_edge and last.text[-1:].isalpha()
        glue = glue and "-" not in last.text
    return texts


def _cell_text(
    words: list[Word], cell_right: float = float("inf"), settings: TableSettings = DEFAULT_TABLE_SETTINGS
) -> tuple[str, float, float, bool]:
    """Text of one cell (its lines joined, hyphenation repaired), the first line's left edge,
    the right end of its text, bold."""
    if not words:
        return "", 0.0, 0.0, False
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    lines: list[list[Word]] = []
    for w in ordered:
        if lines and abs(w.middle - lines[-1][0].middle) <= settings.cell_line_ratio * max(w.size, 1.0):
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    texts = _glue_broken_words(lines, cell_right, settings)
    first = lines[0][0]
    right = max(w.x1 for w in words)
    return collapse(join_lines(texts)), first.x0, right, all(w.bold for w in words)


def cells_to_grid(
    page: PageData, cells: Sequence[Box], settings: TableSettings = DEFAULT_TABLE_SETTINGS
) -> Grid | None:
    """Cell boxes of one table -> a Grid with the page's words placed in their cells."""
    tol = settings.snap_tolerance
    xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells], tol)
    ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    words_in = [w for w in page.words if _inside(w, bbox)]
    # the words by the height of their middle, so that each cell looks only at its own band
    middles = [w.middle for w in words_in]
    centres = [(w.x0 + w.x1) / 2 for w in words_in]
    by_middle = sorted(range(len(words_in)), key=middles.__getitem__)
    sorted_middles = [middles[i] for i in by_middle]
    slots: list[list[Slot | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    claimed: set[Word] = set()
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        c0, c1 = _index(xs, cell[0], tol), _index(xs, cell[2], tol)
        r0, r1 = _index(ys, cell[1], tol), _index(ys, cell[3], tol)
        if c1 <= c0 or r1 <= r0:
            continue
        band = by_middle[
            bisect.bisect_left(sorted_middles, cell[1]) : bisect.bisect_right(sorted_middles, cell[3])
        ]
        mine = [
            words_in[i]
            for i in sorted(band)  # page order, as a scan of all words would give
            if cell[0] <= centres[i] <= cell[2] and words_in[i] not in claimed
        ]
        claimed.update(mine)
        text, left, right, bold = _cell_text(mine, cell[2], settings)
        slots[r0][c0] = Slot(
            text=text,
            indent=max(0.0, left - cell[0]) if mine else 0.0,
            bold=bold,
            span=c1 - c0,
            right_gap=max(0.0, cell[2] - right) if mine else 0.0,
            width=cell[2] - cell[0],
        )
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0):
                    slots[r][c] = Slot(text="", covered=True)
    rows = tuple(tuple(s if s is not None else Slot(text="") for s in row) for row in slots)
    rows = tuple(r for r in rows if any(s.text for s in r))
    if not rows:
        return None
    return Grid(
        page=page.number, bbox=bbox, xs=tuple(xs), rows=rows, words=frozenset(words_in), method="lattice"
    )


def open_frame_ends(edges: Sequence[Edge], settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Edge]:
    """Rules that close a table's frame where a page break left it open: two vertical rules or
    more ending at one height where no horizontal rule meets any of them, joined by a rule that crosses them
    all elsewhere (the rule under the header, the frame's other end). Word, LibreOffice and
    reportlab leave the bottom of a table's part open at a page break, and the top of its
    continuation; its column rules still end there."""
    merged = merge_rulings(edges, settings)
    tol = settings.snap_tolerance
    vs = [e for e in merged if e.orientation == "v" and e.bottom - e.top >= settings.edge_min_length]
    hs = [e for e in merged if e.orientation == "h"]
    out: list[Edge] = []
    for end in ("top", "bottom"):
        ends = sorted(vs, key=lambda e: getattr(e, end))
        clusters: list[list[Edge]] = []
        for v in ends:
            if clusters and getattr(v, end) - getattr(clusters[-1][0], end) <= tol:
                clusters[-1].append(v)
            else:
                clusters.append([v])
        for cluster in clusters:
            if len(cluster) < 2:
                continue
            x0, x1 = min(v.x0 for v in cluster), max(v.x0 for v in cluster)
            y = getattr(cluster[0], end)
            # a rule at that height meeting any of them: they end on it (a header cell spanning
            # rows leaves a gap in that rule; that is no open frame)
            closed = any(
                abs(h.top - y) <= tol and h.x0 - tol <= v.x0 <= h.x1 + tol for h in hs for v in cluster
            )
            joined = any(
                h.x0 <= x0 + tol
                and h.x1 >= x1 - tol
                and abs(h.top - y) > tol
                and all(v.top - tol <= h.top <= v.bottom + tol for v in cluster)
                for h in hs
            )
            if joined and not closed:
                out.append(Edge("h", x0, x1, y, y))
    return out


def page_grids(page: PageData, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Grid]:
    """Every ruled table of one page, top to bottom. A grid of a single cell is a box, not a table.
    A frame left open at a page break is closed first (`open_frame_ends`)."""
    grids = []
    for cells in edges_to_cells([*page.edges, *open_frame_ends(page.edges, settings)], settings):
        grid = cells_to_grid(page, cells, settings)
        if (
            grid is not None
            and (grid.n_cols >= 2 or len(grid.rows) >= 2)
            and len(grid.rows) * grid.n_cols > 1
        ):
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))
