"""Stage 3, tables: ruling edges and words -> grids -> tables with headers, label paths and typed cells.

Named like pdfplumber's table.py, one function per turn:

    edges_to_cells      ruling segments -> cell boxes (pdfplumber's merge/intersection functions)
    cells_to_grids      cell boxes -> `Grid`s: rows x columns of `Slot`s with spans, words placed
    grids_to_chains     grids continuing across a page break -> one chain
    chain_to_table      a chain -> `TableData`: header rows, stub, column paths, row labels, levels,
                        totals, typed cells

Input: `reading.PageData`. Output: `TableData` (not yet numbered or captioned; the sections
stage does that, since captions are text around the table).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import regex
from pdfplumber import table as plumber_table

from .dialect import TOTAL_LABEL
from .model import Cell, Column, Row
from .numbers import AMBIGUOUS_SEPARATOR, is_numeric, looks_like_label, parse_cell
from .reading import Edge, PageData, Word
from .settings import DEFAULT_SETTINGS, Settings
from .text import collapse, join_lines

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_MAX_LEVEL = 3


@attrs.frozen
class Slot:
    """One grid position. A cell spanning several positions fills the first; the others are `covered`."""

    text: str
    indent: float = 0.0  # from the cell's (or column's) left edge to the text
    bold: bool = False
    right_gap: float = 0.0  # from the text's right end to the cell's (or column's) right edge
    width: float = 0.0  # of the cell or column
    span: int = 1
    covered: bool = False


@attrs.frozen
class Grid:
    """A table found on one page: rows of slots over shared column boundaries."""

    page: int
    bbox: Box
    xs: tuple[float, ...]  # column boundaries, left to right (len = columns + 1)
    rows: tuple[tuple[Slot, ...], ...]
    words: frozenset[Word]
    #: where each column's content ends on the right: the cell border for a ruled table, the
    #: right edge of the aligned text for a table without rules (numbers align right)
    rights: tuple[float, ...] = ()

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@attrs.frozen
class TableData:
    """A table read from the grid, before it gets its place in the document."""

    pages: tuple[int, ...]
    bbox: Box
    stub_header: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    warnings: tuple[tuple[str, str], ...] = ()


# -- edges -> cells -------------------------------------------------------------------------------


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


def _merged_dicts(edges: Sequence[Edge], settings: Settings) -> list[dict[str, Any]]:
    """pdfplumber's merge_edges: segments within `snap_tolerance` of one position snapped to it,
    collinear segments closer than `join_tolerance` joined."""
    return list(
        plumber_table.merge_edges(
            [_edge_dict(e) for e in edges],
            snap_x_tolerance=settings.snap_tolerance,
            snap_y_tolerance=settings.snap_tolerance,
            join_x_tolerance=settings.join_tolerance,
            join_y_tolerance=settings.join_tolerance,
        )
    )


def merge_rulings(edges: Sequence[Edge], settings: Settings = DEFAULT_SETTINGS) -> list[Edge]:
    """Ruling segments snapped and joined: a rule drawn cell by cell (Word draws one border per
    cell) becomes one rule, the two strokes of a double line one."""
    return [
        Edge(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"])
        for e in _merged_dicts(edges, settings)
    ]


def edges_to_cells(edges: Sequence[Edge], settings: Settings = DEFAULT_SETTINGS) -> list[list[Box]]:
    """Ruling segments -> groups of cell boxes, one group per table (pdfplumber's lattice method)."""
    if len(edges) < 4:
        return []
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


# -- cells -> grids -------------------------------------------------------------------------------


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


def _glue_broken_words(lines: list[list[Word]], cell_right: float) -> list[str]:
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
        glue = len(line) == 1 and cell_right - last.x1 < 0.8 * last.size and last.text[-1:].isalpha()
        glue = glue and "-" not in last.text
    return texts


def _cell_text(words: list[Word], cell_right: float = float("inf")) -> tuple[str, float, float, bool]:
    """Text of one cell (its lines joined, hyphenation repaired), the first line's left edge,
    the right end of its text, bold."""
    if not words:
        return "", 0.0, 0.0, False
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    lines: list[list[Word]] = []
    for w in ordered:
        if lines and abs(w.middle - lines[-1][0].middle) <= 0.5 * max(w.size, 1.0):
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    texts = _glue_broken_words(lines, cell_right)
    first = lines[0][0]
    right = max(w.x1 for w in words)
    return collapse(join_lines(texts)), first.x0, right, all(w.bold for w in words)


def cells_to_grid(page: PageData, cells: Sequence[Box], settings: Settings = DEFAULT_SETTINGS) -> Grid | None:
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
        text, left, right, bold = _cell_text(mine, cell[2])
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
    return Grid(page=page.number, bbox=bbox, xs=tuple(xs), rows=rows, words=frozenset(words_in))


def page_grids(page: PageData, settings: Settings = DEFAULT_SETTINGS) -> list[Grid]:
    """Every ruled table of one page, top to bottom. A grid of a single cell is a box, not a table."""
    grids = []
    for cells in edges_to_cells(page.edges, settings):
        grid = cells_to_grid(page, cells, settings)
        if (
            grid is not None
            and (grid.n_cols >= 2 or len(grid.rows) >= 2)
            and len(grid.rows) * grid.n_cols > 1
        ):
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))


# -- grids across pages -> chains -----------------------------------------------------------------


def columns_match(a: Grid, b: Grid, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """True when two grids have the same columns: the same boundaries for ruled tables, the same
    right edges of the data columns for tables without rules (their label column's width
    depends on the longest label of each part)."""
    if a.n_cols != b.n_cols:
        return False
    tol = settings.column_match_tolerance
    if a.rights and b.rights:
        return all(abs(x - y) <= tol for x, y in zip(a.rights[1:], b.rights[1:], strict=True))
    return all(abs(x - y) <= tol for x, y in zip(a.xs, b.xs, strict=True))


def _texts(row: Sequence[Slot]) -> tuple[str, ...]:
    return tuple(s.text for s in row)


def join_chain(grids: Sequence[Grid]) -> tuple[tuple[Slot, ...], ...]:
    """Rows of a chain of grids; a header row repeated at the top of a continuation is dropped."""
    rows = list(grids[0].rows)
    header_count = len(header_rows(grids[0].rows, _stub_present(grids[0].rows)))
    head = [_texts(r) for r in grids[0].rows[:header_count]]
    for g in grids[1:]:
        more = list(g.rows)
        if head and [_texts(r) for r in more[: len(head)]] == head:
            more = more[len(head) :]
        rows.extend(more)
    return tuple(rows)


# -- chain -> table -------------------------------------------------------------------------------


def _is_data_value(text: str) -> bool:
    return bool(text) and is_numeric(text) and not looks_like_label(text)


def _stub_present(rows: Sequence[Sequence[Slot]]) -> bool:
    """The first column holds row labels when most of its filled body cells are not numbers."""
    firsts = [r[0].text for r in rows[1:] if r and r[0].text and not r[0].covered]
    if not firsts or len(rows[0]) < 2:
        return False
    numeric = sum(is_numeric(t) and not looks_like_label(t) for t in firsts)
    return numeric * 2 < len(firsts)


def header_rows(rows: Sequence[Sequence[Slot]], stub: bool) -> list[Sequence[Slot]]:
    """Leading rows without a data value in any data column (at most three).

    A table with no data value at all has its first row as header.
    """
    first_data = 1 if stub else 0
    heads: list[Sequence[Slot]] = []
    for row in rows:
        if len(heads) >= 3 or any(_is_data_value(s.text) for s in row[first_data:]):
            break
        if heads and stub and row[0].text and not any(s.text for s in row[first_data:]):
            break  # a label with nothing beside it: a group row of the body
        heads.append(row)
    if len(heads) == len(rows):
        return list(rows[:1])
    return heads


def _column_paths(heads: Sequence[Sequence[Slot]], n_cols: int, first_data: int) -> list[tuple[str, ...]]:
    """Each data column's header texts from the top row down; a spanning cell counts for every
    column it spans, a cell spanning header rows only once."""
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for row in heads:
        for c in range(first_data, n_cols):
            text = _owner_text(row, c)
            if text and (not paths[c] or paths[c][-1] != text):
                paths[c].append(text)
    return [tuple(p) for p in paths[first_data:]]


def _owner_text(row: Sequence[Slot], c: int) -> str:
    slot = row[c]
    if not slot.covered:
        return slot.text
    for start in range(c - 1, -1, -1):
        if not row[start].covered:
            return row[start].text if start + row[start].span > c else ""
    return ""


def _right_aligned(slot: Slot, settings: Settings) -> bool:
    """A label set flush right in its cell (budget tables put sub-items so)."""
    return slot.right_gap <= 2 * settings.indent_tolerance and slot.indent > 0.3 * slot.width > 0


def _levels(rows: Sequence[Sequence[Slot]], settings: Settings) -> list[int]:
    """Nesting level of each body row from its label's indentation, read like an outline: a
    deeper indent opens a level, a return to an earlier indent closes the levels opened since.
    A label set flush right sits one level below the last left-aligned label. Where all labels
    share one indent, bold labels followed by plain ones are groups (level 0) over them (level 1).
    """
    tol = settings.indent_tolerance
    levels: list[int] = []
    stack: list[float] = []  # indents of the open levels
    anchor = 0  # level of the last left-aligned label
    for row in rows:
        slot = row[0]
        if _right_aligned(slot, settings):
            levels.append(min(anchor + 1, _MAX_LEVEL))
            continue
        indent = slot.indent
        while stack and indent < stack[-1] - tol:
            stack.pop()
        if not stack or indent > stack[-1] + tol:
            stack.append(indent)
        level = min(len(stack) - 1, _MAX_LEVEL)
        levels.append(level)
        anchor = level
    if len(set(levels)) == 1:
        bold = [r[0].bold for r in rows]
        if any(bold) and not all(bold) and bold[0]:
            return _bold_group_levels(rows)
    return levels


def _bold_group_levels(rows: Sequence[Sequence[Slot]]) -> list[int]:
    """Bold labels open groups (level 0) over the plain labels after them (level 1). A subtotal
    closes the open group from inside it (level 1); a total or grand total stands at level 0."""
    levels = []
    open_group = False
    for row in rows:
        slot = row[0]
        match = TOTAL_LABEL.search(slot.text)
        if match and "sub" in match.group(0).lower():
            levels.append(1 if open_group else 0)
            open_group = False
        elif match:
            levels.append(0)
            open_group = False
        elif slot.bold:
            levels.append(0)
            open_group = True
        else:
            levels.append(1 if open_group else 0)
    return levels


def _label_paths(labels: Sequence[str], levels: Sequence[int]) -> list[tuple[str, ...]]:
    stack: list[str] = []
    out = []
    for label, level in zip(labels, levels, strict=True):
        stack = stack[: min(level, len(stack))]
        stack.append(label)
        out.append(tuple(stack))
    return out


def to_cell(raw: str, decimal_point: bool | None = None) -> Cell:
    """A grid text as a typed cell."""
    q = parse_cell(raw, decimal_point=decimal_point)
    return Cell(raw=raw, value=q.value, kind=q.kind, unit=q.unit)


_DUTCH_EVIDENCE = regex.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\.\d{3}\.\d{3}(?!\d)|\d\.\d{3},\d")


def type_column(raws: Sequence[str]) -> tuple[list[Cell], list[str]]:
    """Type the cells of one data column, deciding the separator convention from the column.

    A cell such as '1.5' or '12.75' can only be a decimal point, which Dutch tables do not use.
    Where the column's other cells show Dutch notation ('8,8', '1.234,56', '1.234.567'), such a
    cell is not guessed: it stays text (value null) and a warning says so. Where they do not, the
    column is read in English notation throughout ('1.500' -> 1.5). See docs/numbers.md.
    """
    quantities = [parse_cell(r) for r in raws]
    ambiguous = [r for r, q in zip(raws, quantities, strict=True) if AMBIGUOUS_SEPARATOR in q.flags]
    if not ambiguous:
        return [Cell(r, q.value, q.kind, q.unit) for r, q in zip(raws, quantities, strict=True)], []
    if any(_DUTCH_EVIDENCE.search(r) for r in raws):
        cells = [to_cell(r, decimal_point=False) if r in ambiguous else to_cell(r) for r in raws]
        problems = [f"{r!r} uses a decimal point in a column of Dutch numbers; not read" for r in ambiguous]
        return cells, problems
    return [to_cell(r, decimal_point=True) for r in raws], []


def chain_to_table(grids: Sequence[Grid], settings: Settings = DEFAULT_SETTINGS) -> TableData:
    """Read a chain of grids (one table, maybe over several pages) into header, labels and cells."""
    rows = join_chain(grids)
    stub = _stub_present(rows)
    first_data = 1 if stub else 0
    heads = header_rows(rows, stub)
    body = [r for r in rows[len(heads) :] if any(s.text for s in r)]
    n_cols = len(rows[0])
    paths = _column_paths(heads, n_cols, first_data)
    stub_header = collapse(" ".join(r[0].text for r in heads)) if stub and heads else ""
    if stub:
        levels = _levels(body, settings)
        labels = _label_paths([r[0].text for r in body], levels)
    else:
        levels = [0] * len(body)
        labels = [() for _ in body]
    columns_cells: list[list[Cell]] = []
    warnings: list[tuple[str, str]] = []
    for c in range(first_data, n_cols):
        cells, problems = type_column([row[c].text for row in body])
        columns_cells.append(cells)
        warnings += [("ambiguous_number", p) for p in problems]
    out_rows = tuple(
        Row(
            label=label,
            level=level,
            total=bool(label and TOTAL_LABEL.search(label[-1])),
            cells=tuple(col[i] for col in columns_cells),
        )
        for i, (label, level) in enumerate(zip(labels, levels, strict=True))
    )
    first = grids[0]
    return TableData(
        pages=tuple(dict.fromkeys(g.page for g in grids)),
        bbox=tuple(round(v, 2) for v in first.bbox),  # type: ignore[arg-type]
        stub_header=stub_header or None,
        columns=tuple(Column(path) for path in paths),
        rows=out_rows,
        warnings=tuple(warnings),
    )
