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
#: header lines in two pieces or more (cells standing over several columns), at most: three
#: levels, wrapped over three lines each (Tabel 34 of vl_eval_bo2026: years, then six lines of
#: 'Verande-' / 'ring' / ... / 'saldo')
MAX_COLUMN_HEADER_LINES: Final = 9


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
            elif not (
                _row_part(segs[j + 1], segs[end], lines[j + 1])
                or _between_rows(lines, segs, body, j + 1, end, settings, dialect)
            ):
                break
            j += 1
        body_rows = sum(body[i : end + 1])
        end = _wrapped_last_label(lines, segs, i, end, settings.label_indent_tolerance)
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


def _wrapped_last_label(
    lines: Sequence[Line], segs: Sequence[Sequence[Segment]], first: int, end: int, tol: float
) -> int:
    """The last body row's label wrapped onto the lines under it ('Vlaamse' / 'Milieumaatschappij',
    the values beside its first line): a label-only line at the labels' indent and size, no
    farther from the last row than the body rows stand from each other, with a wider gap (or
    nothing) after it, as at the end of a table. `tol`: the label indent tolerance, in points, for
    the indent and for the pitch."""
    rows = [lines[r] for r in range(first, end + 1) if has_values(segs[r])]
    row_pitch = min((b.top - a.top for a, b in pairwise(rows)), default=0.0)
    k = end
    while k + 1 < len(lines) and end > first and _row_part(segs[k + 1], segs[end], lines[k + 1]):
        line, above = lines[k + 1], lines[k]
        same_look = abs(line.x0 - lines[end].x0) <= tol and abs(line.size - lines[end].size) < SAME_SIZE
        if not (same_look and 0 < line.top - above.top <= row_pitch + tol):
            break
        k += 1
    apart = k + 1 >= len(lines) or lines[k + 1].top - lines[k].top > row_pitch + tol
    return k if k > end and apart else end


#: points: font sizes closer than this are one size (a note under a table is set smaller)
SAME_SIZE: Final = 0.5


def _row_part(segs: Sequence[Segment], body_segs: Sequence[Segment], line: Line) -> bool:
    """A line without numbers inside a table: a group label or a wrapped label, short and in the
    label column (it ends before the first data value of the body)."""
    values = list(body_segs[1:])
    if not values:
        return False
    return len(segs) == 1 and line.x1 < values[0].x0 and not line.text.rstrip().endswith(":")


def _between_rows(
    lines: Sequence[Line],
    segs: Sequence[Sequence[Segment]],
    body: Sequence[bool],
    k: int,
    end: int,
    settings: TableSettings,
    dialect: Dialect,
) -> bool:
    """A line without numbers right between two body rows, close to both, right of the label
    column and within the row above's extent: text of a cell wrapped onto a line of its own
    (cells set top- or bottom-aligned, a long address in a middle column), not a sentence or a
    caption. (A line starting in the label column is a label, a heading or a group row.)"""
    line = lines[k]
    if k + 1 >= len(lines) or not body[k + 1] or not lines_close(line, lines[k + 1], settings):
        return False
    row = lines[end]
    tol = settings.label_indent_tolerance
    return (
        segs[end][0].x1 < line.x0
        and line.x1 <= row.x1 + tol
        and not is_sentence(line, segs[k])
        and not line.text.lower().startswith(dialect.caption_word)
    )


def _group_rows_above_body(segs: Sequence[Sequence[Segment]], start: int, first: int) -> int:
    """Lines between the header and the first row with numbers that hold only a label in the label
    column ('Arrondissement Mechelen' over its municipalities) open the body: they are group rows.
    Only where a header line spanning columns stands above them."""
    last_multi = max((k for k in range(start, first) if len(segs[k]) > 1), default=None)
    if last_multi is None:
        return first
    # where the values of the first body row begin (its label may stand on a line of its own)
    label_end = min((s.x0 for s in segs[first] if s.numeric), default=float("inf"))
    k = first
    while k - 1 > last_multi and len(segs[k - 1]) == 1 and segs[k - 1][0].x1 < label_end:
        k -= 1
    return k


#: a line ending in ':' or '.' with this many words or more is a sentence, not a header cell
#: ('Gem.', 'cum.' stand over their columns)
SENTENCE_WORDS: Final = 3


def is_sentence(line: Line, segments: Sequence[Segment]) -> bool:
    """A line of running text ending a sentence or announcing something (':'), in one piece."""
    text = line.text.rstrip()
    return text.endswith((":", ".")) and len(segments) == 1 and len(line.words) >= SENTENCE_WORDS


def header_start(
    lines: Sequence[Line],
    segs: Sequence[Sequence[Segment]],
    first: int,
    settings: TableSettings,
    dialect: Dialect = FLEMISH,
) -> int:
    """Header lines above the first body row: close, not a sentence, not a caption
    (`dialect.caption_word`), not running text, not a row of values, at most `MAX_HEADER_LINES`
    (`MAX_COLUMN_HEADER_LINES` where the lines beyond stand in several pieces)."""
    start = first
    # where the first body row's values begin: a line ending before it, right under a line of
    # header cells, is a cell of the label column ('Primaire ESR-uitgaven (excl.' over its row's
    # values), not the sentence that introduces the table
    label_end = min((s.x0 for s in segs[first][1:] if s.numeric), default=float("inf"))
    while start > 0 and first - start < MAX_COLUMN_HEADER_LINES:
        above = lines[start - 1]
        if first - start >= MAX_HEADER_LINES and len(segs[start - 1]) < 2:
            break  # a long header goes on only with lines of cells over several columns
        if not lines_close(above, lines[start], settings):
            break
        under_header = (
            start == first  # right above the first row of values
            and start >= 2
            and above.x1 < label_end
            and len(segs[start - 2]) >= 2
            and lines_close(lines[start - 2], above, settings)
        )
        sentence = is_sentence(above, segs[start - 1]) and not under_header
        if sentence or above.text.lower().startswith(dialect.caption_word):
            break
        if has_values(segs[start - 1]):
            break  # a row of values (a table's lone row above a wrapped cell) is no header line
        width = lines[first].x1 - lines[first].x0
        wide = len(segs[start - 1]) == 1 and above.x1 - above.x0 > settings.header_width_share * width
        if wide and not under_header:
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
