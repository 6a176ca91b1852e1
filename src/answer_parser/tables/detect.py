"""Which tables a page has: the ruled ones (`tables.lattice`) first; then, in the lines no
ruled table claimed, the tables between horizontal rules (`tables.rules`), which win over
the regions found by the alignment of numbers (`tables.aligned`) that they overlap.

A ruled grid whose cells hold several numbers each (`false.cells_around_groups`) does not take its
words: the alignment reads them, and the grid comes back only where nothing else was found.
Tables of contents, charts and the text of figures (`tables.false`) are no tables: their words
stay in the flow.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..layout.lines import Line, words_to_lines
from ..layout.settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings
from ..pdf.records import Edge, Filled, PageData
from ..sections.dialect import FLEMISH, Dialect
from .aligned import lines_to_regions, row_rules
from .false import blob_slots, cells_around_groups, figure_caption_for, is_false_table, single_numbers
from .framed import framed_grid, header_over_body
from .grid import Box, Grid
from .regions import Region, gap_breaks, region_to_grid
from .report import with_step
from .rules import extend_below, rules_to_regions
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def page_stream_grids(
    lines: Sequence[Line],
    page: int,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    edges: Sequence[Edge] = (),
    dialect: Dialect = FLEMISH,
    fills: Sequence[Filled] = (),
) -> list[Grid]:
    """Every table without vertical rules on one page (`edges`: the page's ruling, for tables
    ruled between their rows; `fills`: its shaded boxes, for a header band shaded instead of ruled).

    Tables between horizontal rules win over the regions they overlap: the rules say where the
    header ends and which lines form a row, and the empty strips down the body part columns
    closer than a word gap would. Elsewhere, the tables found from the alignment of their
    numbers."""
    regions = [
        (r, row_rules(r, edges, settings) or list(gap_breaks(r.lines[r.first_body :], settings)))
        for r in lines_to_regions(lines, settings, dialect)
    ]
    ruled_regions: list[Region] = []
    for ruled in rules_to_regions(lines, edges, settings, dialect, fills):
        top, bottom = ruled.region.lines[0].top, ruled.region.lines[-1].bottom
        apart: list[tuple[Region, list[float]]] = []
        overlapped: list[tuple[Region, list[float]]] = []
        for r, b in regions:
            (apart if r.lines[-1].bottom < top or r.lines[0].top > bottom else overlapped).append((r, b))
        below = {ln for r, _ in overlapped for ln in r.lines[r.first_body :] if ln.top > bottom}
        if below:
            ruled = extend_below(ruled, sorted(below, key=lambda ln: ln.top), settings)
        regions = [*apart, (ruled.region, list(ruled.breaks))]
        ruled_regions.append(ruled.region)
    grids = []
    for region, breaks in sorted(regions, key=lambda rb: rb[0].lines[0].top):
        grid = region_to_grid(region, page, settings, breaks)
        if grid is not None:
            grids.append(
                attrs.evolve(grid, method="rules") if any(region is r for r in ruled_regions) else grid
            )
    return grids


def add_stream_grids(
    pages: Sequence[PageData],
    grids: list[list[Grid]],
    lines: list[list[Line]],
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    dialect: Dialect = FLEMISH,
) -> tuple[list[list[Grid]], list[list[Line]]]:
    """Tables without vertical rules, found in the lines no ruled table claimed. A ruled grid of
    header cells right above one of them is its header (`framed.header_over_body`)."""
    out_grids, out_lines = [], []
    for page, page_grids_, page_lines in zip(pages, grids, lines, strict=True):
        found = [
            g
            for g in page_stream_grids(page_lines, page.number, settings, page.edges, dialect, page.fills)
            if not is_false_table(g)
        ]
        claimed = set().union(*(g.words for g in found)) if found else set()
        ruled = list(page_grids_)
        for k, body in enumerate(found):
            for head in ruled:
                joined = header_over_body(head, body, settings)
                if joined is not None:
                    found[k] = joined
                    ruled.remove(head)
                    break
        out_grids.append(sorted([*ruled, *found], key=lambda g: (g.bbox[1], g.bbox[0])))
        out_lines.append([ln for ln in page_lines if not claimed.intersection(ln.words)])
    return out_grids, out_lines


def free_lines(
    page: PageData, grids: Sequence[Grid], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> list[Line]:
    """The page's lines (`layout.lines`) made of words that no table claimed."""
    claimed = set().union(*(g.words for g in grids)) if grids else set()
    return words_to_lines((w for w in page.words if w not in claimed), page.number, settings)


def split_ruled(grids: Sequence[Grid]) -> tuple[list[Grid], list[Grid]]:
    """Ruled grids -> (grids that describe their cells, grids whose cells hold several numbers),
    tables of contents and charts left out."""
    kept = [g for g in grids if not is_false_table(g)]
    return [g for g in kept if not cells_around_groups(g)], [g for g in kept if cells_around_groups(g)]


def restore_blobby(
    grids: list[list[Grid]],
    blobby: list[list[Grid]],
    lines: list[list[Line]],
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    layout: LayoutSettings = DEFAULT_LAYOUT_SETTINGS,
) -> tuple[list[list[Grid]], list[list[Line]]]:
    """A ruled grid with cells of several numbers against what the alignment found in its place:
    the reading that states more numbers, each in a cell of its own, wins. First the frame read
    line by line over its own columns (`framed.framed_grid`: rules between the columns only),
    where that puts every number in a cell of its own; else the grid comes back where nothing
    else was found there, or where the tables found there state fewer numbers one to a cell
    than it does (read as it is; `table_cells_blob` says so)."""
    out_grids, out_lines = [], []
    for page_grids_, page_blobby, page_lines in zip(grids, blobby, lines, strict=True):
        kept = list(page_grids_)
        back: list[Grid] = []
        for b in page_blobby:
            rivals = [g for g in kept if _overlaps(b.bbox, g.bbox)]
            numbers = sum(single_numbers(g) for g in rivals)
            framed = framed_grid(b, settings, layout)
            if framed is not None and not blob_slots(framed) and _reads_better(framed, rivals, numbers):
                kept = [g for g in kept if g not in rivals]
                back.append(framed)
            elif numbers < single_numbers(b):
                kept = [g for g in kept if g not in rivals]
                back.append(with_step(b, "ruled_blobs_kept"))
            else:
                kept = [with_step(g, "ruled_blobs_split") if g in rivals else g for g in kept]
        out_grids.append(sorted([*kept, *back], key=lambda g: (g.bbox[1], g.bbox[0])))
        out_lines.append(_free_lines(page_grids_, page_lines, [*kept, *back], layout))
    return out_grids, out_lines


def _reads_better(framed: Grid, rivals: Sequence[Grid], numbers: int) -> bool:
    """The frame read by its lines wins over the tables the alignment found in its place where it
    states more numbers one to a cell, or as many and every word of theirs (their labels beside
    the frame stay with them otherwise)."""
    mine = single_numbers(framed)
    held = set().union(*(g.words for g in rivals)) <= framed.words if rivals else True
    return mine > numbers or (mine == numbers and mine >= 1 and held)


def _free_lines(
    before: Sequence[Grid], lines: Sequence[Line], after: Sequence[Grid], layout: LayoutSettings
) -> list[Line]:
    """The page's lines no table of `after` holds a word of, and the words of the tables `before`
    that no table of `after` holds (a table the frame's reading replaced, beyond the frame) as
    lines of their own: every word of the page stays in exactly one place."""
    held = set().union(*(g.words for g in after)) if after else set()
    free = [ln for ln in lines if not held.intersection(ln.words)]
    placed = held.union(*(ln.words for ln in free))
    left = set().union(*(g.words for g in before), *(ln.words for ln in lines)) - placed
    if not left:
        return free
    page = (before or after)[0].page
    more = words_to_lines(sorted(left, key=lambda w: (w.top, w.x0)), page, layout)
    return sorted([*free, *more], key=lambda ln: (ln.top, ln.x0))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def drop_figures(
    grids: list[list[Grid]],
    lines: list[list[Line]],
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    layout: LayoutSettings = DEFAULT_LAYOUT_SETTINGS,
    dialect: Dialect = FLEMISH,
) -> tuple[list[list[Grid]], list[list[Line]]]:
    """Tables in a figure are its tick labels, data labels and legend (`false.figure_caption_for`):
    their words go back to the page's lines."""
    out_grids, out_lines = [], []
    for page_grids_, page_lines in zip(grids, lines, strict=True):
        prose = settings.prose_width_share * max((ln.x1 - ln.x0 for ln in page_lines), default=0.0)
        keep: list[Grid] = []
        back: list[Line] = []
        for g in page_grids_:
            if any(figure_caption_for(g, ln, page_lines, prose, dialect.caption) for ln in page_lines):
                back += words_to_lines(sorted(g.words, key=lambda w: (w.top, w.x0)), g.page, layout)
            else:
                keep.append(g)
        out_grids.append(keep)
        out_lines.append(sorted([*page_lines, *back], key=lambda ln: (ln.top, ln.x0)))
    return out_grids, out_lines
