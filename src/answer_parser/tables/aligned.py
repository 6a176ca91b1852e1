"""Finding tables by the alignment of their numbers (tables without any rules): runs of
lines with numbers in their data columns, the lines between them that belong to rows, and
the header lines above.

    lines_to_regions  lines -> runs of lines that line up in columns (with their header)
    row_rules         the horizontal rules between a region's rows, when most rows have one
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from ..layout.lines import Line
from ..pdf.records import Edge
from ..sections.dialect import FLEMISH, Dialect
from .regions import Region, Segment, has_values, line_to_segments, lines_close, overlap
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings

#: a run of lines is a table with at least this many body rows (lines stating numbers)
MIN_BODY_ROWS: Final = 2
#: header lines looked for above the first body row, at most
MAX_HEADER_LINES: Final = 6


def lines_to_regions(
    lines: Sequence[Line], settings: TableSettings = DEFAULT_TABLE_SETTINGS, dialect: Dialect = FLEMISH
) -> list[Region]:
    """Runs of lines (on one page) that line up as a table: at least two body rows with numbers
    in their data columns, lines between them that belong to rows, and the header lines above."""
    segs = [line_to_segments(ln, settings) for ln in lines]
    body = [has_values(s) for s in segs]
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if not body[i]:
            i += 1
            continue
        j = i
        end = i
        while j + 1 < len(lines) and lines_close(lines[j], lines[j + 1], settings):
            if body[j + 1]:
                end = j + 1
            elif not _row_part(segs[j + 1], segs[end], lines[j + 1]):
                break
            j += 1
        body_rows = sum(body[i : end + 1])
        if body_rows >= MIN_BODY_ROWS:
            start = header_start(lines, segs, i, settings, dialect)
            first = _group_rows_above_body(segs, start, i)
            regions.append(
                Region(
                    lines=tuple(lines[start : end + 1]),
                    segments=tuple(tuple(s) for s in segs[start : end + 1]),
                    first_body=first - start,
                )
            )
            i = end + 1
        else:
            i += 1
    return regions


def _row_part(segs: Sequence[Segment], body_segs: Sequence[Segment], line: Line) -> bool:
    """A line without numbers inside a table: a group label or a wrapped label, short and in the
    label column (it ends before the first data value of the body)."""
    values = list(body_segs[1:])
    if not values:
        return False
    return len(segs) == 1 and line.x1 < values[0].x0 and not line.text.rstrip().endswith(":")


def _group_rows_above_body(segs: Sequence[Sequence[Segment]], start: int, first: int) -> int:
    """Lines between the header and the first row with numbers that hold only a label in the label
    column ('Arrondissement Mechelen' over its municipalities) open the body: they are group rows.
    Only where a header line spanning columns stands above them."""
    last_multi = max((k for k in range(start, first) if len(segs[k]) > 1), default=None)
    if last_multi is None:
        return first
    label_end = min(s.x0 for s in segs[first][1:]) if len(segs[first]) > 1 else float("inf")
    k = first
    while k - 1 > last_multi and len(segs[k - 1]) == 1 and segs[k - 1][0].x1 < label_end:
        k -= 1
    return k


def header_start(
    lines: Sequence[Line],
    segs: Sequence[Sequence[Segment]],
    first: int,
    settings: TableSettings,
    dialect: Dialect = FLEMISH,
) -> int:
    """Header lines above the first body row: close, not a sentence ending in ':' or '.', not a
    caption (`dialect.caption_word`), not running text, at most `MAX_HEADER_LINES`."""
    start = first
    while start > 0 and first - start < MAX_HEADER_LINES:
        above = lines[start - 1]
        if not lines_close(above, lines[start], settings):
            break
        text = above.text.rstrip()
        if text.endswith((":", ".")) or text.lower().startswith(dialect.caption_word):
            break
        width = lines[first].x1 - lines[first].x0
        if len(segs[start - 1]) == 1 and above.x1 - above.x0 > settings.header_width_share * width:
            break  # a full-width line of running text
        start -= 1
    return start


def row_rules(
    region: Region, edges: Sequence[Edge], settings: TableSettings = DEFAULT_TABLE_SETTINGS
) -> list[float]:
    """The y positions of horizontal rules that separate the body rows of a region, when rules
    stand between most of its rows (a table ruled row by row); else none."""
    body = region.lines[region.first_body :]
    if len(body) < 2:
        return []
    x0 = min(ln.x0 for ln in region.lines)
    x1 = max(ln.x1 for ln in region.lines)
    width = x1 - x0
    top, bottom = body[0].top, body[-1].bottom
    ys = sorted(
        {
            round(e.top, 1)
            for e in edges
            if e.orientation == "h"
            and top < e.top < bottom
            and overlap(e.x0, e.x1, x0, x1) >= settings.row_rule_share * width
        }
    )
    reach = settings.row_rule_tolerance
    gaps = sum(1 for a, b in pairwise(body) if any(a.bottom <= y <= b.top + reach for y in ys))
    return ys if gaps * 2 >= len(body) - 1 and gaps > 0 else []  # rules between half the rows
