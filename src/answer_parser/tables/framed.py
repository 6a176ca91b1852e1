"""Ruled parts the lattice cannot read alone.

A ruled frame whose rules stand between columns only (no rule between rows): each of its cells
holds a whole column of lines, so that the lattice reads one row of blobs. Its rows are its
lines, read over the frame's columns as a table without rules is read (`regions.region_to_grid`):
header lines above the first line of values, wrapped labels joined, rows by the wider gaps.

A ruled header over a body without rules (header cells boxed, or set apart by white rules on
their shading): the lattice finds the header alone, a grid without values, and the alignment the
body right under it. The header's cells are set over the body's columns.

    framed_grid       a ruled grid with cells of several numbers -> its lines over its columns
    header_over_body  a ruled grid of header cells + the table right under it -> one grid
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

import attrs

from ..layout.lines import Line, words_to_lines
from ..layout.settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings
from ..pdf.records import Word
from .doubt import is_data_value
from .grid import Grid, Slot
from .regions import Region, Segment, gap_breaks, has_values, region_to_grid
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def _column_segments(line: Line, xs: tuple[float, ...]) -> list[Segment]:
    """A line's words in runs, one run per frame column (by each word's centre)."""
    groups: list[list[Word]] = []
    columns: list[int] = []
    for w in line.words:
        centre = (w.x0 + w.x1) / 2
        c = next((i for i in range(len(xs) - 1) if centre < xs[i + 1]), len(xs) - 2)
        if groups and columns[-1] == c:
            groups[-1].append(w)
        else:
            groups.append([w])
            columns.append(c)
    return [Segment(tuple(g)) for g in groups]


def framed_grid(
    grid: Grid,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    layout: LayoutSettings = DEFAULT_LAYOUT_SETTINGS,
) -> Grid | None:
    """The ruled `grid` read line by line over its columns: None where no line states values or
    the frame has fewer than two columns. The lines above the first line of values are the
    header (a frame continued from the page before opens with its body)."""
    if grid.n_cols < 2:
        return None
    lines = words_to_lines(sorted(grid.words, key=lambda w: (w.top, w.x0)), grid.page, layout)
    segments = [_column_segments(ln, grid.xs) for ln in lines]
    first = next((k for k, segs in enumerate(segments) if has_values(segs)), None)
    if first is None:
        return None
    region = Region(lines=tuple(lines), segments=tuple(tuple(s) for s in segments), first_body=first)
    columns = [(grid.xs[i], grid.xs[i + 1]) for i in range(grid.n_cols)]
    read = region_to_grid(region, grid.page, settings, gap_breaks(lines[first:], settings), columns)
    if read is None:
        return None
    # the frame's own box and columns, so that its parts on the next pages match it; found by its
    # rules (the lattice's method), read by its lines (the steps of both)
    return Grid(
        page=grid.page,
        bbox=grid.bbox,
        xs=grid.xs,
        rows=read.rows,
        words=grid.words,
        header=read.header,
        method=grid.method,
        steps=(*grid.steps, "frame_read_by_lines", *read.steps),
    )


#: a body starts at most this many of its line heights under the ruled header it belongs to
HEADER_REACH: Final = 1.5


def header_over_body(head: Grid, body: Grid, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> Grid | None:
    """`head`, a ruled grid stating no value (header cells), over `body`, a table starting right
    under it within its width: one grid, the header's rows over the body's columns (each body
    column under the header cell whose column holds its middle). None where they do not fit so:
    a gap, a body reaching out of the header's width, a body column under no header column."""
    if any(is_data_value(s.text.strip()) for row in head.rows for s in row if not s.covered):
        return None
    size = max((w.size for w in body.words if w.top <= body.bbox[1] + 1.0), default=0.0)
    tol = settings.snap_tolerance
    gap = body.bbox[1] - head.bbox[3]
    if (
        not (-tol <= gap <= HEADER_REACH * size)
        or body.bbox[0] < head.bbox[0] - tol
        or body.bbox[2] > head.bbox[2] + tol
    ):
        return None
    middles = [(a + b) / 2 for a, b in pairwise(body.xs)]
    owner = [next((i for i in range(head.n_cols) if head.xs[i] <= m < head.xs[i + 1]), None) for m in middles]
    if any(o is None for o in owner):
        return None
    rows = []
    for row in head.rows:
        slots = [Slot(text="") for _ in range(body.n_cols)]
        for i, slot in enumerate(row):
            under = [j for j, o in enumerate(owner) if o is not None and i <= o < i + slot.span]
            if slot.covered or not under:
                continue
            slots[under[0]] = attrs.evolve(slot, span=len(under))
            for j in under[1:]:
                slots[j] = Slot(text="", covered=True)
        rows.append(tuple(slots))
    return attrs.evolve(
        body,
        bbox=(min(head.bbox[0], body.bbox[0]), head.bbox[1], max(head.bbox[2], body.bbox[2]), body.bbox[3]),
        rows=(*rows, *body.rows),
        words=head.words | body.words,
        header=len(rows) + (body.header or 0),
        steps=(*body.steps, "ruled_header_over_body"),
    )
