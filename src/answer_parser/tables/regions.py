"""Tables without vertical rules, the shared part of both finding methods (`tables.aligned`,
`tables.rules`): lines cut into `Segment`s at wide gaps, a `Region` (header lines and body
lines of one table), and `region_to_grid`, which reads a region into the same `Grid` the
ruled tables give, so that headers, labels and cells are read by the same code.

    line_to_segments  a line -> runs of words separated by gaps wider than a space
    region_to_grid    a region -> a `Grid`: columns from the body's alignment, header rows
                      with their spans, body rows (by rules, by gaps or line by line)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise
from typing import Final

import attrs

from ..dutch.numbers import is_numeric, looks_like_label
from ..dutch.text import collapse, join_lines
from ..layout.lines import Line
from ..pdf.records import Word
from .doubt import is_numbering
from .grid import Grid, Slot
from .report import region_steps
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings

#: points: a row break is placed this far above the top of the row's first line
BREAK_ABOVE: Final = 0.5
#: a column holds numbers when at least this share of its filled cells are numeric
NUMERIC_COLUMN_SHARE: Final = Fraction(2, 3)


@attrs.frozen
class Segment:
    """Words of one line standing together, apart from the rest by a wide gap."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def numeric(self) -> bool:
        return is_numeric(self.text)


def line_to_segments(line: Line, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Segment]:
    """Split a line at gaps wider than `column_gap_ratio` times the font size."""
    groups: list[list[Word]] = []
    for w in line.words:
        if groups and w.x0 - groups[-1][-1].x1 <= settings.column_gap_ratio * max(w.size, 1.0):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [Segment(tuple(g)) for g in groups]


def has_values(segments: Sequence[Segment]) -> bool:
    """A body row: some segment after the first states a number. A line numbering the columns
    ('1 2 3' under 'Categorie', with no label) is a header line."""
    if is_numbering([s.text for s in segments]):
        return False
    return any(s.numeric and not looks_like_label(s.text) for s in segments[1:]) or (
        len(segments) >= 2
        and all(s.numeric for s in segments)
        and not all(looks_like_label(s.text) for s in segments)
    )


@attrs.frozen
class Region:
    """Lines that form one table: header lines first, then body lines."""

    lines: tuple[Line, ...]
    segments: tuple[tuple[Segment, ...], ...]
    first_body: int


def lines_close(a: Line, b: Line, settings: TableSettings) -> bool:
    size = max(a.size, b.size, 1.0)
    return a.page == b.page and (b.top - a.bottom) <= settings.row_gap_ratio * size


def states_value(line: Line) -> bool:
    """A word after the first is a number, and not one that labels (a year). Unlike
    `has_values`, it needs no segments: in a ruled table a number can stand closer to the
    text beside it than the gap that cuts a line into segments."""
    if is_numbering([w.text for w in line.words]):
        return False
    return any(is_numeric(w.text) and not looks_like_label(w.text) for w in line.words[1:])


def gap_breaks(lines: Sequence[Line], settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> tuple[float, ...]:
    """Where rows break in a run of lines whose rows are not ruled: at the gaps clearly wider
    than the tightest line pitch (cell padding, paragraph spacing after a cell), provided that
    leaves at most one line of values in each row (a row whose label wraps, its numbers on one
    line). Otherwise none: each line is then a row of its own (see `_body_rows`)."""
    if len(lines) < 2:
        return ()
    pitches = [b.top - a.top for a, b in pairwise(lines)]
    tight = min(pitches)
    size = max(ln.size for ln in lines)
    wide = [p > tight + settings.row_pitch_ratio * size for p in pitches]
    if not any(wide) or all(wide):
        return ()
    values_in_row = int(states_value(lines[0]))
    for line, starts_row in zip(lines[1:], wide, strict=True):
        values_in_row = (0 if starts_row else values_in_row) + int(states_value(line))
        if values_in_row > 1:
            return ()
    return tuple(b.top - BREAK_ABOVE for (a, b), w in zip(pairwise(lines), wide, strict=True) if w)


def region_columns(region: Region, settings: TableSettings) -> list[tuple[float, float]]:
    """Column extents: the x-ranges covered by body segments, merged where they overlap."""
    spans = sorted((s.x0, s.x1) for segs in region.segments[region.first_body :] for s in segs)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + settings.column_merge_tolerance:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _cover(seg: Segment, cols: Sequence[tuple[float, float]]) -> list[int]:
    """Columns a (header) segment stands over; at least the nearest one."""
    hits = [i for i, (c0, c1) in enumerate(cols) if overlap(seg.x0, seg.x1, c0, c1) > 0]
    if hits:
        return list(range(hits[0], hits[-1] + 1))
    mid = (seg.x0 + seg.x1) / 2
    return [min(range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - mid))]


def _header_cover(seg: Segment, cols: Sequence[tuple[float, float]], tolerance: float) -> list[int]:
    """Columns a header segment heads.

    Inside one column's extent: that column. Otherwise, of the runs of columns i..j that the
    segment reaches (it starts before column i ends and runs past the end of column j-1, without
    reaching into the columns beside the run), the one whose middle lies nearest the segment's:
    a centred group header over two columns heads both, even when it overlaps only one.
    """
    for i, (c0, c1) in enumerate(cols):
        if c0 - tolerance <= seg.x0 and seg.x1 <= c1 + tolerance:
            return [i]
    mid = (seg.x0 + seg.x1) / 2
    best: tuple[float, int, int, int] | None = None
    n = len(cols)
    for i in range(n):
        if seg.x0 > cols[i][1] + tolerance or (i > 0 and seg.x0 < cols[i - 1][1] - tolerance):
            continue  # does not start in column i (or the gap before it)
        for j in range(i, n):
            if j > i and seg.x1 <= cols[j - 1][1] + tolerance:
                break  # does not reach past column j-1
            if j + 1 < n and seg.x1 > cols[j + 1][0] + tolerance:
                continue  # reaches into column j+1
            score = (abs((cols[i][0] + cols[j][1]) / 2 - mid), j - i, i, j)
            if best is None or score < best:
                best = score
    if best is None:
        return _cover(seg, cols)
    return list(range(best[2], best[3] + 1))


def _extend_columns(
    lines: Sequence[Sequence[Segment]], cols: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Column extents widened by the leaf header segments that stand over one column only
    ('mannen' over a column of numbers is wider than the numbers)."""
    out = [list(c) for c in cols]
    for segs in lines[-1:]:  # the header row right above the body: the leaf headers
        for seg in segs:
            hit = _cover(seg, cols)
            if len(hit) == 1:
                out[hit[0]][0] = min(out[hit[0]][0], seg.x0)
                out[hit[0]][1] = max(out[hit[0]][1], seg.x1)
    return [(a, b) for a, b in out]


def _place(segs: Sequence[Segment], cols: Sequence[tuple[float, float]]) -> list[list[Segment]]:
    row: list[list[Segment]] = [[] for _ in cols]
    for s in segs:
        row[_cover(s, cols)[0]].append(s)
    return row


def region_to_grid(
    region: Region,
    page: int,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    rules: Sequence[float] = (),
    columns: Sequence[tuple[float, float]] | None = None,
) -> Grid | None:
    """Read a region into rows of slots over the columns found from the body's alignment (or over
    `columns` given, a frame's)."""
    cols = list(columns) if columns is not None else region_columns(region, settings)
    if len(cols) < 2:
        return None
    header = _header_rows(region.segments[: region.first_body], cols, settings)
    body = _body_rows(
        region.lines[region.first_body :], region.segments[region.first_body :], cols, settings, rules
    )
    header = [r for r in header if any(s.text for s in r)]
    rows = tuple(r for r in (*header, *body) if any(s.text for s in r))
    xs = [cols[0][0]] + [(a[1] + b[0]) / 2 for a, b in pairwise(cols)] + [cols[-1][1]]
    top = min(ln.top for ln in region.lines)
    bottom = max(ln.bottom for ln in region.lines)
    x0 = min(xs[0], *(ln.x0 for ln in region.lines))
    x1 = max(xs[-1], *(ln.x1 for ln in region.lines))
    words = frozenset(w for ln in region.lines for w in ln.words)
    rights = tuple(c[1] for c in cols)
    steps = region_steps(region, len(header), len(body), rules)
    return Grid(
        page=page,
        bbox=(x0, top, x1, bottom),
        xs=tuple(xs),
        rows=rows,
        words=words,
        rights=rights,
        steps=steps,
        header=len(header) if header else None,
    )


def _header_rows(
    lines: Sequence[Sequence[Segment]], cols: Sequence[tuple[float, float]], settings: TableSettings
) -> list[tuple[Slot, ...]]:
    """Header lines -> header rows, decided column by column from the geometry.

    A segment spanning several columns (a group header, `_group_span`) is a header level of its
    own over those columns, the lines of a group header wrapped over the same columns one text;
    the texts under it start the next level. Lines of text within one column's extent are one
    cell wrapped over lines ('Aantal' / 'aanvragen', 'goedge-' / 'keurd' -> 'goedgekeurd'),
    however many lines the cells beside it take: a column under no group keeps its text in the
    top row.
    """
    wide = _extend_columns(lines, cols)
    covers = [[_header_cover(s, wide, settings.header_overhang) for s in segs] for segs in lines]
    n = len(cols)
    entries: list[tuple[int, int, int, list[str]]] = []  # (level, first column, last column, lines)
    last: list[int | None] = [None] * n  # per column, the entry it got last
    for k, segs in enumerate(lines):
        headed_below = {c for line_covers in covers[k + 1 :] for cover in line_covers for c in cover}
        spans = [_group_span(seg, i, covers[k], headed_below, wide, settings) for i, seg in enumerate(segs)]
        # the stub header first standing on the last header line, under text over the data
        # columns: that line is a level of its own (top-aligned cells start on one line)
        fresh = k > 0 and k == len(lines) - 1 and last[0] is None and any(c0 == 0 for c0, _ in spans)
        level = max((e[0] for e in entries), default=-1) + 1
        for seg, (c0, c1) in zip(segs, spans, strict=True):
            if fresh:
                entries.append((level, c0, c1, [seg.text]))
                continue
            prev = last[c0]
            if (
                prev is not None
                and entries[prev][1:3] == (c0, c1)
                and all(last[c] == prev for c in range(c0, c1 + 1))
            ):
                entries[prev][3].append(seg.text)  # the same cell, wrapped onto this line
                continue
            below = [entries[e][0] + 1 for e in (last[c] for c in range(c0, c1 + 1)) if e is not None]
            entries.append((max(below, default=0), c0, c1, [seg.text]))
            for c in range(c0, c1 + 1):
                last[c] = len(entries) - 1
    depth = max((e[0] for e in entries), default=-1) + 1
    grid: list[list[Slot]] = [[Slot(text="") for _ in range(n)] for _ in range(depth)]
    for level, c0, c1, texts in entries:
        grid[level][c0] = Slot(text=collapse(join_lines(texts)), span=c1 - c0 + 1)
        for c in range(c0 + 1, c1 + 1):
            grid[level][c] = Slot(text="", covered=True)
    return [tuple(row) for row in grid]


def _group_span(
    seg: Segment,
    index: int,
    line_covers: Sequence[Sequence[int]],
    below: set[int],
    cols: Sequence[tuple[float, float]],
    settings: TableSettings,
) -> tuple[int, int]:
    """The columns a header segment heads, as (first, last). A segment that stands centred
    over a run of columns whose own headers all sit on lower lines (none on this line) is a
    group header over that run, the longest such: 'Vlaams Gewest' over 'mannen' and
    'vrouwen', even where it fits inside one of them or reaches only two of three. `index`:
    the segment's place among the covers of its line."""
    first, last = line_covers[index][0], line_covers[index][-1]
    if not all(c in below for c in range(first, last + 1)):
        return first, last
    taken = {c for i, other in enumerate(line_covers) if i != index for c in other}
    lo, hi = first, last
    while lo - 1 >= 1 and lo - 1 in below and lo - 1 not in taken:
        lo -= 1
    while hi + 1 < len(cols) and hi + 1 in below and hi + 1 not in taken:
        hi += 1
    mid = (seg.x0 + seg.x1) / 2
    best = (first, last)
    for i in range(lo, first + 1):
        for j in range(last, hi + 1):
            width = cols[j][1] - cols[i][0]
            centred = abs((cols[i][0] + cols[j][1]) / 2 - mid) <= settings.group_header_centring * width
            if centred and j - i > best[1] - best[0]:
                best = (i, j)
    return best


def _body_rows(
    lines: Sequence[Line],
    segments: Sequence[Sequence[Segment]],
    cols: Sequence[tuple[float, float]],
    settings: TableSettings,
    rules: Sequence[float] = (),
) -> list[tuple[Slot, ...]]:
    """Body lines -> rows.

    Where horizontal rules separate the rows (`rules`: their y positions), the lines between two
    rules are one row, whatever wraps inside it. Otherwise each line is a row, except that a line
    with only a label starting in lower case continues the label of the row above.
    """
    rows: list[list[list[Segment]]] = []
    band_of_row: list[int] = []
    all_placed = [_place(segs, cols) for segs in segments]
    numeric = _numeric_columns(all_placed)
    for k, (line, segs) in enumerate(zip(lines, segments, strict=True)):
        placed = all_placed[k]
        band = sum(1 for y in rules if y < line.top)
        if rules and rows and band_of_row[-1] == band:
            for c, more in enumerate(placed):
                rows[-1][c].extend(more)
            continue
        following = segments[k + 1] if k + 1 < len(segments) else None
        if (
            not rules
            and rows
            and _continues_label(segs, placed, rows[-1], following, settings.label_indent_tolerance)
        ):
            rows[-1][0].extend(placed[0])
            continue
        if not rules and rows and _continues_cells(placed, all_placed[k - 1], numeric):
            for c, more in enumerate(placed):
                rows[-1][c].extend(more)
            continue
        rows.append(placed)
        band_of_row.append(band)
    return [tuple(_slot(segs, cols[c]) for c, segs in enumerate(row)) for row in rows]


def _numeric_columns(placed: Sequence[Sequence[Sequence[Segment]]]) -> list[bool]:
    """Which columns hold numbers: two thirds of their filled cells or more are numeric."""
    out = []
    for c in range(len(placed[0]) if placed else 0):
        cells = [row[c] for row in placed if row[c]]
        numeric = sum(1 for segs in cells if all(s.numeric for s in segs))
        out.append(bool(cells) and numeric >= NUMERIC_COLUMN_SHARE * len(cells))
    return out


def _continues_cells(
    placed: Sequence[Sequence[Segment]], above: Sequence[Sequence[Segment]], numeric: Sequence[bool]
) -> bool:
    """Is a line the wrapped rest of the text cells of the line above (cells top-aligned, as in
    Word)? Yes when it states no number in a column of numbers, reaches beyond the label
    column, and every cell it fills was filled on the line above."""
    filled = [c for c, segs in enumerate(placed) if segs]
    if not any(c > 0 for c in filled) or any(numeric[c] for c in filled if c > 0):
        return False
    return all(above[c] for c in filled)


def _continues_label(
    segs: Sequence[Segment],
    placed: Sequence[Sequence[Segment]],
    above: Sequence[Sequence[Segment]],
    following: Sequence[Segment] | None,
    tolerance: float,
) -> bool:
    """Is a line holding only a label the wrapped rest of the label above? Yes when it starts in
    lower case; or when it stands at the same indent (within `tolerance`) as the label above, in
    the same weight, the row above has values, and the next line is not indented under it (then it
    would be a group)."""
    if len(segs) != 1 or not placed[0] or not above[0]:
        return False
    seg, prev = segs[0], above[0][-1]
    if seg.text[:1].islower():
        return True
    same_indent = abs(seg.x0 - above[0][0].x0) <= tolerance
    same_weight = all(w.bold for w in seg.words) == all(w.bold for w in prev.words)
    above_has_values = any(above[1:])
    nested_next = following is not None and following[0].x0 > seg.x0 + tolerance
    return same_indent and same_weight and above_has_values and not nested_next


def _slot(segs: Sequence[Segment], col: tuple[float, float]) -> Slot:
    if not segs:
        return Slot(text="")
    return Slot(
        text=collapse(join_lines(s.text for s in segs)),
        indent=max(0.0, segs[0].x0 - col[0]),
        bold=all(w.bold for s in segs for w in s.words),
        right_gap=max(0.0, col[1] - max(s.x1 for s in segs)),
        width=col[1] - col[0],
    )
