"""Stage 3b, tables without vertical rules: lines -> column-aligned regions -> grids.

Tables drawn without ruling (or with horizontal rules only) are found from the alignment of their
words, the way a reader finds them: lines split into segments at wide gaps, numbers in the data
columns, runs of such lines, columns where no segment of any body line reaches.

    lines_to_segments   a line -> runs of words separated by gaps wider than a space
    lines_to_regions    lines -> runs of lines that line up in columns (with their header lines)
    region_to_grid      a region -> a `tables.Grid`, the same record the ruled tables give,
                        so headers, labels and cells are read by the same code

Input: `layout.Line`s of one page (furniture already removed). Output: `tables.Grid`s and the
lines they claimed.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import attrs

from .layout import Line
from .numbers import is_numeric, looks_like_label
from .reading import Edge, Word
from .settings import DEFAULT_SETTINGS, Settings
from .tables import Grid, Slot
from .text import collapse, join_lines


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


def line_to_segments(line: Line, settings: Settings = DEFAULT_SETTINGS) -> list[Segment]:
    """Split a line at gaps wider than `column_gap_ratio` times the font size."""
    groups: list[list[Word]] = []
    for w in line.words:
        if groups and w.x0 - groups[-1][-1].x1 <= settings.column_gap_ratio * max(w.size, 1.0):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [Segment(tuple(g)) for g in groups]


def _has_values(segments: Sequence[Segment]) -> bool:
    """A body row: some segment after the first states a number."""
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


def lines_to_regions(lines: Sequence[Line], settings: Settings = DEFAULT_SETTINGS) -> list[Region]:
    """Runs of lines (on one page) that line up as a table: at least two body rows with numbers
    in their data columns, lines between them that belong to rows, and the header lines above."""
    segs = [line_to_segments(ln, settings) for ln in lines]
    body = [_has_values(s) for s in segs]
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if not body[i]:
            i += 1
            continue
        j = i
        end = i
        while j + 1 < len(lines) and _close(lines[j], lines[j + 1], settings):
            if body[j + 1]:
                end = j + 1
            elif not _row_part(segs[j + 1], segs[end], lines[j + 1]):
                break
            j += 1
        body_rows = sum(body[i : end + 1])
        if body_rows >= 2:
            start = _header_start(lines, segs, i, settings)
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


def _close(a: Line, b: Line, settings: Settings) -> bool:
    size = max(a.size, b.size, 1.0)
    return a.page == b.page and (b.top - a.bottom) <= settings.row_gap_ratio * size


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


def _header_start(
    lines: Sequence[Line], segs: Sequence[Sequence[Segment]], first: int, settings: Settings
) -> int:
    """Header lines above the first body row: close, not a sentence ending in ':' or '.', not a
    caption, at most six."""
    start = first
    while start > 0 and first - start < 6:
        above = lines[start - 1]
        if not _close(above, lines[start], settings):
            break
        text = above.text.rstrip()
        if text.endswith((":", ".")) or text.lower().startswith("tabel"):
            break
        if len(segs[start - 1]) == 1 and above.x1 - above.x0 > 0.75 * (lines[first].x1 - lines[first].x0):
            break  # a full-width line of running text
        start -= 1
    return start


# -- region -> grid -------------------------------------------------------------------------------


def _columns(region: Region, settings: Settings) -> list[tuple[float, float]]:
    """Column extents: the x-ranges covered by body segments, merged where they overlap."""
    spans = sorted((s.x0, s.x1) for segs in region.segments[region.first_body :] for s in segs)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + settings.column_merge_tolerance:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _cover(seg: Segment, cols: Sequence[tuple[float, float]]) -> list[int]:
    """Columns a (header) segment stands over; at least the nearest one."""
    hits = [i for i, (c0, c1) in enumerate(cols) if _overlap(seg.x0, seg.x1, c0, c1) > 0]
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
    region: Region, page: int, settings: Settings = DEFAULT_SETTINGS, rules: Sequence[float] = ()
) -> Grid | None:
    """Read a region into rows of slots over the columns found from the body's alignment."""
    cols = _columns(region, settings)
    if len(cols) < 2:
        return None
    header = _header_rows(region.segments[: region.first_body], cols)
    body = _body_rows(region.lines[region.first_body :], region.segments[region.first_body :], cols, rules)
    rows = tuple(r for r in (*header, *body) if any(s.text for s in r))
    xs = [cols[0][0]] + [(a[1] + b[0]) / 2 for a, b in pairwise(cols)] + [cols[-1][1]]
    top = min(ln.top for ln in region.lines)
    bottom = max(ln.bottom for ln in region.lines)
    x0 = min(xs[0], *(ln.x0 for ln in region.lines))
    x1 = max(xs[-1], *(ln.x1 for ln in region.lines))
    words = frozenset(w for ln in region.lines for w in ln.words)
    rights = tuple(c[1] for c in cols)
    return Grid(page=page, bbox=(x0, top, x1, bottom), xs=tuple(xs), rows=rows, words=words, rights=rights)


def _header_rows(
    lines: Sequence[Sequence[Segment]], cols: Sequence[tuple[float, float]]
) -> list[tuple[Slot, ...]]:
    """Header lines -> header rows. Consecutive lines whose segments stand over the same columns
    are one wrapped header row; a line whose segments span other columns starts a new row."""
    rows: list[list[list[str]]] = []  # row -> column -> line texts
    spans_of_rows: list[list[tuple[int, int]]] = []
    wide = _extend_columns(lines, cols)
    for segs in lines:
        spans = [(c[0], c[-1]) for c in (_header_cover(s, wide, 2.0) for s in segs)]
        if rows and _same_structure(spans, spans_of_rows[-1]):
            for s, (c0, _c1) in zip(segs, spans, strict=True):
                rows[-1][c0].append(s.text)
            spans_of_rows[-1] = sorted(set(spans_of_rows[-1]) | set(spans))
        else:
            texts: list[list[str]] = [[] for _ in cols]
            for s, (c0, _c1) in zip(segs, spans, strict=True):
                texts[c0].append(s.text)
            rows.append(texts)
            spans_of_rows.append(sorted(spans))
    out: list[tuple[Slot, ...]] = []
    for texts, spans in zip(rows, spans_of_rows, strict=True):
        slots = [Slot(text=collapse(join_lines(t))) for t in texts]
        for c0, c1 in spans:
            if c1 > c0:
                slots[c0] = attrs.evolve(slots[c0], span=c1 - c0 + 1)
                for c in range(c0 + 1, c1 + 1):
                    slots[c] = Slot(text="", covered=True)
        out.append(tuple(slots))
    return out


def _same_structure(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    """Each span of the new line lies within a span of the row so far, and spans the same width."""
    return all(any(b0 <= a0 and a1 <= b1 and (a1 - a0) == (b1 - b0) for b0, b1 in b) for a0, a1 in a)


def _body_rows(
    lines: Sequence[Line],
    segments: Sequence[Sequence[Segment]],
    cols: Sequence[tuple[float, float]],
    rules: Sequence[float] = (),
) -> list[tuple[Slot, ...]]:
    """Body lines -> rows.

    Where horizontal rules separate the rows (`rules`: their y positions), the lines between two
    rules are one row, whatever wraps inside it. Otherwise each line is a row, except that a line
    with only a label starting in lower case continues the label of the row above.
    """
    rows: list[list[list[Segment]]] = []
    band_of_row: list[int] = []
    for k, (line, segs) in enumerate(zip(lines, segments, strict=True)):
        placed = _place(segs, cols)
        band = sum(1 for y in rules if y < line.top)
        if rules and rows and band_of_row[-1] == band:
            for c, more in enumerate(placed):
                rows[-1][c].extend(more)
            continue
        following = segments[k + 1] if k + 1 < len(segments) else None
        if not rules and rows and _continues_label(segs, placed, rows[-1], following):
            rows[-1][0].extend(placed[0])
            continue
        rows.append(placed)
        band_of_row.append(band)
    return [tuple(_slot(segs, cols[c]) for c, segs in enumerate(row)) for row in rows]


def _continues_label(
    segs: Sequence[Segment],
    placed: Sequence[Sequence[Segment]],
    above: Sequence[Sequence[Segment]],
    following: Sequence[Segment] | None,
) -> bool:
    """Is a line holding only a label the wrapped rest of the label above? Yes when it starts in
    lower case; or when it stands at the same indent as the label above, in the same weight, the
    row above has values, and the next line is not indented under it (then it would be a group)."""
    if len(segs) != 1 or not placed[0] or not above[0]:
        return False
    seg, prev = segs[0], above[0][-1]
    if seg.text[:1].islower():
        return True
    same_indent = abs(seg.x0 - above[0][0].x0) <= 2.0
    same_weight = all(w.bold for w in seg.words) == all(w.bold for w in prev.words)
    above_has_values = any(above[1:])
    nested_next = following is not None and following[0].x0 > seg.x0 + 2.0
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


def row_rules(region: Region, edges: Sequence[Edge]) -> list[float]:
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
            if e.orientation == "h" and top < e.top < bottom and _overlap(e.x0, e.x1, x0, x1) >= 0.5 * width
        }
    )
    gaps = sum(1 for a, b in pairwise(body) if any(a.bottom <= y <= b.top + 1 for y in ys))
    return ys if gaps * 2 >= len(body) - 1 and gaps > 0 else []


def page_stream_grids(
    lines: Sequence[Line], page: int, settings: Settings = DEFAULT_SETTINGS, edges: Sequence[Edge] = ()
) -> list[Grid]:
    """Every table without vertical rules on one page (`edges`: the page's ruling, for tables
    ruled between their rows)."""
    grids = []
    for region in lines_to_regions(lines, settings):
        grid = region_to_grid(region, page, settings, row_rules(region, edges))
        if grid is not None:
            grids.append(grid)
    return grids
