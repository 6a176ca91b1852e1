"""Which tables a page has: the ruled ones (`tables.lattice`) first; then, in the lines no
ruled table claimed, the tables between horizontal rules (`tables.rules`), which win over
the regions found by the alignment of numbers (`tables.aligned`) that they overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..layout.lines import Line, words_to_lines
from ..layout.settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings
from ..pdf.records import Edge, PageData
from ..sections.dialect import FLEMISH, Dialect
from .aligned import lines_to_regions, row_rules
from .grid import Grid
from .regions import Region, gap_breaks, region_to_grid
from .rules import extend_below, rules_to_regions
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def page_stream_grids(
    lines: Sequence[Line],
    page: int,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    edges: Sequence[Edge] = (),
    dialect: Dialect = FLEMISH,
) -> list[Grid]:
    """Every table without vertical rules on one page (`edges`: the page's ruling, for tables
    ruled between their rows).

    Tables between horizontal rules win over the regions they overlap: the rules say where the
    header ends and which lines form a row, and the empty strips down the body part columns
    closer than a word gap would. Elsewhere, the tables found from the alignment of their
    numbers."""
    regions = [
        (r, row_rules(r, edges, settings) or list(gap_breaks(r.lines[r.first_body :], settings)))
        for r in lines_to_regions(lines, settings, dialect)
    ]
    for ruled in rules_to_regions(lines, edges, settings, dialect):
        top, bottom = ruled.region.lines[0].top, ruled.region.lines[-1].bottom
        apart: list[tuple[Region, list[float]]] = []
        overlapped: list[tuple[Region, list[float]]] = []
        for r, b in regions:
            (apart if r.lines[-1].bottom < top or r.lines[0].top > bottom else overlapped).append((r, b))
        below = {ln for r, _ in overlapped for ln in r.lines[r.first_body :] if ln.top > bottom}
        if below:
            ruled = extend_below(ruled, sorted(below, key=lambda ln: ln.top), settings)
        regions = [*apart, (ruled.region, list(ruled.breaks))]
    grids = []
    for region, breaks in sorted(regions, key=lambda rb: rb[0].lines[0].top):
        grid = region_to_grid(region, page, settings, breaks)
        if grid is not None:
            grids.append(grid)
    return grids


def add_stream_grids(
    pages: Sequence[PageData],
    grids: list[list[Grid]],
    lines: list[list[Line]],
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    dialect: Dialect = FLEMISH,
) -> tuple[list[list[Grid]], list[list[Line]]]:
    """Tables without vertical rules, found in the lines no ruled table claimed."""
    out_grids, out_lines = [], []
    for page, page_grids_, page_lines in zip(pages, grids, lines, strict=True):
        found = page_stream_grids(page_lines, page.number, settings, page.edges, dialect)
        claimed = set().union(*(g.words for g in found)) if found else set()
        out_grids.append(sorted([*page_grids_, *found], key=lambda g: (g.bbox[1], g.bbox[0])))
        out_lines.append([ln for ln in page_lines if not claimed.intersection(ln.words)])
    return out_grids, out_lines


def free_lines(
    page: PageData, grids: Sequence[Grid], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> list[Line]:
    """The page's lines (`layout.lines`) made of words that no table claimed."""
    claimed = set().union(*(g.words for g in grids)) if grids else set()
    return words_to_lines((w for w in page.words if w not in claimed), page.number, settings)
