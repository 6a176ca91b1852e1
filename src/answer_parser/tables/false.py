"""Things found as tables that are not tables, and ruled grids that do not describe their cells.

is_contents     a table of contents: titles, outline numbers, dot leaders, page numbers
is_chart        a chart's tick labels, data labels and letters of sideways axis labels
figure_caption_for
                a table standing with a figure's caption ('Figuur 3-1: ...'), nothing but
                short lines between: the figure's own text
blob_slots      a ruled grid whose cells hold several numbers: its rules surround groups of
                columns or rows, not cells
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import regex

from ..dutch.numbers import parse_cell
from ..layout.lines import Line
from .doubt import is_blob, is_data_value
from .grid import Grid

_OUTLINE = regex.compile(r"(?:\d+\.)*\d+\.?|[IVX]+\.?|[A-Z]\.?")  # '1.3.1', 'IV.', 'B'
_PARTS = regex.compile(r"\d+(?:\.\d+)+\.?")  # '1.3', '1.3.1': an outline number with parts
_CONTENTS_HEADING = regex.compile(r"\bInhoud(?:stafel|sopgave)?\b")
_LEADER = regex.compile(r"(?:\.\s?){4,}|(?:…\s?){2,}|(?:·\s?){4,}|_{4,}")  # dot leaders
#: at least this share of a table of contents' rows ends in page numbers
CONTENTS_SHARE: Final = 0.8
#: of a chart's rows, at least this share fill at most two of their cells (scattered data labels)
CHART_SPARSE_SHARE: Final = 0.6
#: a chart read as a table spreads its data labels over this many columns at least (a two-column
#: table fills at most two cells a row by its nature)
CHART_MIN_COLUMNS: Final = 4
#: of a chart's text cells, at least this share are letters standing alone (axis labels set
#: sideways, drawn letter by letter), and at least this many: a few short labels are a table's
FRAGMENT_SHARE: Final = 0.5
FRAGMENT_MIN: Final = 6
_FRAGMENT = regex.compile(r"(?:[^\W\d_]\s?){1,2}")  # 'e', 't e'
FIGURE_CAPTION = regex.compile(r"^\s*(?:Figuur|Grafiek|Kaart|Schema)\s+\d+(?:[.\-–]\d+)*\s*[:.\-–]")
#: a table's own caption ('Tabel 5-1: ...') within this many line heights of it: a table
TABLE_CAPTION_REACH: Final = 3.0


def _texts(grid: Grid) -> list[list[str]]:
    return [[s.text.strip() for s in row if not s.covered] for row in grid.rows]


def is_contents(grid: Grid) -> bool:
    """A table of contents, not a table: its rows end in page numbers that never go down and hold
    nothing else but titles, outline numbers ('1.3.1') and dot leaders; and it shows itself as
    contents: dot leaders in half its rows, outline numbers with parts in a third, or a heading
    'Inhoud'. (A table of counts sorted upwards has none of these.)"""
    rows = [[t for t in row if t] for row in _texts(grid)]
    rows = [r for r in rows if r]
    if len(rows) < 2:
        return False
    pages: list[int] = []
    entries = len(rows)
    for k, row in enumerate(rows):
        *others, last_cell = row
        parts = _LEADER.split(last_cell)
        if len(parts) > 1:  # 'TITLE ........ 13': the page number after the leader, in one cell
            others, last_cell = [*others, parts[0]], parts[-1]
        last = _LEADER.sub(" ", last_cell).split()  # entries run together hold several page numbers
        others = [_LEADER.sub("", t).strip() for t in others]
        outline_only = not any(is_data_value(t) and not _OUTLINE.fullmatch(t) for t in others)
        if last and all(t.isdecimal() for t in last) and outline_only:
            pages += [int(t) for t in last]
        elif outline_only and k + 1 < len(rows) and not any(c.isdecimal() for c in last_cell):
            entries -= 1  # a title wrapped onto the next row, which holds its page number
    if len(pages) < CONTENTS_SHARE * entries or any(a > b for a, b in pairwise(pages)):
        return False
    leaders = sum(1 for row in rows if any(_LEADER.search(t) for t in row))
    outlines = sum(1 for row in rows if any(_PARTS.fullmatch(w) for t in row for w in t.split()))
    heading = any(_CONTENTS_HEADING.search(t) for row in rows for t in row)
    return leaders * 2 >= len(rows) or outlines * 3 >= len(rows) or heading


def is_chart(grid: Grid) -> bool:
    """A chart's axis, data labels and legend read as a table: the first column holds the axis
    ticks, counting in equal steps ('0, 500, 1 000'; a tick may be missing), and each row holds
    little else; or most of its text is letters standing alone (axis labels set sideways)."""
    rows = _texts(grid)
    texts = [t for row in rows for t in row if t and parse_cell(t).kind == "text"]
    fragments = sum(1 for t in texts if _FRAGMENT.fullmatch(t))
    if fragments >= FRAGMENT_MIN and fragments >= FRAGMENT_SHARE * len(texts):
        return True
    ticks: list[float] = []  # the first number in the first column, where it has one
    for row in grid.rows:
        first = row[0].text.split()[:1] if row else []
        q = parse_cell(first[0]) if first and is_data_value(first[0]) else None
        if q is not None and isinstance(q.value, int | float):
            ticks.append(float(q.value))
    if len(ticks) < 3 or len(rows) < 3:
        return False
    steps = [b - a for a, b in pairwise(ticks)]
    unit = min(abs(d) for d in steps)
    if unit == 0 or not all(d < 0 for d in steps):
        return False  # a value axis counts down the page (serial numbers count up)
    even = all(abs(d / unit - round(d / unit)) < 1e-6 for d in steps)
    sparse = sum(1 for row in rows if sum(1 for t in row if t) <= 2)
    return even and grid.n_cols >= CHART_MIN_COLUMNS and sparse >= CHART_SPARSE_SHARE * len(rows)


def is_false_table(grid: Grid) -> bool:
    """A table of contents or a chart, found as a table: not one."""
    return is_contents(grid) or is_chart(grid)


def blob_slots(grid: Grid) -> int:
    """The grid's cells that hold several numbers side by side."""
    return sum(1 for row in grid.rows for slot in row if not slot.covered and is_blob(slot.text))


def cells_around_groups(grid: Grid) -> bool:
    """A ruled grid that may have rules around groups of columns or rows, not around cells: one of
    its cells holds several numbers. The alignment of its words gets to read it too
    (`detect.restore_blobby` keeps the better reading)."""
    return blob_slots(grid) > 0


def single_numbers(grid: Grid) -> int:
    """The numbers a grid states one to a cell (a cell of several numbers counts none)."""
    return sum(
        1
        for row in grid.rows
        for slot in row
        if not slot.covered and is_data_value(slot.text.strip()) and not is_blob(slot.text)
    )


def figure_caption_for(
    grid: Grid, caption: Line, lines: Sequence[Line], prose: float, table_caption: regex.Pattern[str]
) -> bool:
    """`caption` is a figure's caption above or under the grid with only lines narrower than
    `prose` (more ticks, a legend) between them; not where a table caption (`table_caption`)
    stands right beside the grid."""
    if not FIGURE_CAPTION.match(caption.text):
        return False
    top, bottom = grid.bbox[1], grid.bbox[3]
    reach = TABLE_CAPTION_REACH * caption.size
    if any(
        table_caption.match(ln.text) and (0 <= ln.top - bottom <= reach or 0 <= top - ln.bottom <= reach)
        for ln in lines
    ):
        return False  # a table with its own caption beside it
    if caption.top >= bottom:
        between = [ln for ln in lines if bottom <= ln.top < caption.top]
    elif caption.bottom <= top:
        between = [ln for ln in lines if caption.bottom < ln.top and ln.bottom <= top]
    else:
        return False
    return all(ln.x1 - ln.x0 < prose for ln in between)
