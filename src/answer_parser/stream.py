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

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise

import attrs

from .dialect import TABLE_NOTE
from .layout import Line
from .numbers import is_numeric, looks_like_label
from .reading import Edge, Word
from .settings import DEFAULT_SETTINGS, Settings
from .tables import Grid, Slot, merge_rulings
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
    covers = [[_header_cover(s, wide, 2.0) for s in segs] for segs in lines]  # line -> segment -> columns
    for k, segs in enumerate(lines):
        headed_below = {c for line_covers in covers[k + 1 :] for cover in line_covers for c in cover}
        spans = [_group_span(s, i, covers[k], headed_below, wide) for i, s in enumerate(segs)]
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


def _group_span(
    seg: Segment,
    index: int,
    line_covers: Sequence[Sequence[int]],
    below: set[int],
    cols: Sequence[tuple[float, float]],
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
            centred = abs((cols[i][0] + cols[j][1]) / 2 - mid) <= 0.1 * width
            if centred and j - i > best[1] - best[0]:
                best = (i, j)
    return best


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
        if not rules and rows and _continues_label(segs, placed, rows[-1], following):
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
        out.append(bool(cells) and numeric * 3 >= 2 * len(cells))
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


# -- tables between horizontal rules ---------------------------------------------------------------


def edges_to_rules(edges: Sequence[Edge], settings: Settings = DEFAULT_SETTINGS) -> list[Edge]:
    """The horizontal rules a table between rules can have: the page's horizontal edges merged
    (`tables.merge_rulings`), those as wide as `rule_min_width` at least (not an underline or
    a tick), top to bottom."""
    merged = merge_rulings([e for e in edges if e.orientation == "h"], settings)
    return sorted((e for e in merged if e.x1 - e.x0 >= settings.rule_min_width), key=lambda e: (e.top, e.x0))


Segments = Mapping[Line, Sequence[Segment]]  # each line of a page cut at its wide gaps, once


def _is_prose(line: Line, segments: Segments, width: float) -> bool:
    """A line of running text: one segment across most of the rules' width, or a caption."""
    return (len(segments[line]) == 1 and line.x1 - line.x0 > 0.6 * width) or line.text.lower().startswith(
        "tabel"
    )


@attrs.frozen
class RuledRegion:
    """A table found between horizontal rules: its region, and the y positions that separate its
    body rows (the rules between rows, or the wider gaps between lines when only the header
    and the table's end are ruled)."""

    region: Region
    breaks: tuple[float, ...]


def rules_to_regions(
    lines: Sequence[Line], edges: Sequence[Edge], settings: Settings = DEFAULT_SETTINGS
) -> list[RuledRegion]:
    """Tables whose rows lie between horizontal rules of one width (a rule above the header,
    one under it, one under the last row; or one under every row), whatever their cells hold:
    text columns too, which the alignment of numbers alone does not find.

    The rules of one width are taken in order; the bands between consecutive rules that hold
    lines and no running text form a run; a run of two bands or more whose body lines stand in
    two columns or more is a table: the first band its header, the rest its body."""
    stacks: list[list[Edge]] = []
    for r in edges_to_rules(edges, settings):
        for stack in stacks:
            if (
                abs(stack[0].x0 - r.x0) <= settings.snap_tolerance
                and abs(stack[0].x1 - r.x1) <= settings.snap_tolerance
            ):
                stack.append(r)
                break
        else:
            stacks.append([r])
    segments = {ln: line_to_segments(ln, settings) for ln in lines} if stacks else {}
    found: list[RuledRegion] = []
    for stack in stacks:
        for bands in _stack_to_runs(stack, lines, segments, settings):
            found += _bands_to_region(
                _with_header(bands, lines, segments, stack[0], settings), segments, settings
            )
    return found


def _stack_to_runs(
    stack: Sequence[Edge], lines: Sequence[Line], segments: Segments, settings: Settings
) -> Iterator[list[list[Line]]]:
    """The runs of bands between consecutive rules of one width that hold table lines. A band
    with running text, a note or a line reaching past the rules ends a run; its first lines
    still join the run when they read as rows (the last rows, unruled, above a note)."""
    x0, x1 = stack[0].x0, stack[0].x1
    bands: list[list[Line]] = []
    for upper, lower in pairwise(stack):
        inside = [
            ln
            for ln in lines
            if upper.top < (ln.top + ln.bottom) / 2 < lower.top and ln.x1 > x0 and ln.x0 < x1
        ]
        loose = [
            ln.x0 < x0 - 2
            or ln.x1 > x1 + 2
            or _is_prose(ln, segments, x1 - x0)
            or (ln.x0 <= x0 + 5 and bool(TABLE_NOTE.match(ln.text)))
            for ln in inside
        ]
        if inside and not any(loose):
            bands.append(inside)
            continue
        head = inside[: loose.index(True)] if any(loose) else []
        for k in range(1, len(head)):
            if not _close(head[k - 1], head[k], settings):
                head = head[:k]  # a note under the table, set apart
                break
        if bands and _value_rows(head, segments):
            bands.append(head)
        yield bands
        bands = []
    yield bands


def _ruled_region(
    header: Sequence[Line],
    header_segments: Sequence[Sequence[Segment]],
    body: Sequence[Line],
    settings: Settings,
) -> Region:
    """A region whose body lines are cut into cells at the gutters down the body."""
    gutters = body_gutters(body, settings)
    cut = [tuple(split_at_gutters(ln, gutters)) for ln in body]
    return Region(
        lines=(*header, *body),
        segments=(*(tuple(s) for s in header_segments), *cut),
        first_body=len(header),
    )


def _extend_below(ruled: RuledRegion, more: Sequence[Line], settings: Settings) -> RuledRegion:
    """A ruled table with the rows that follow under its last rule (a table ruled only in part,
    its last row set off by a rule above it), each line stating values a row of its own."""
    region = ruled.region
    n = region.first_body
    body = [*region.lines[n:], *more]
    extended = _ruled_region(region.lines[:n], region.segments[:n], body, settings)
    if not ruled.breaks:
        return RuledRegion(extended, ())
    breaks = [more[0].top - 0.5] + [ln.top - 0.5 for ln in more[1:] if _states_value(ln)]
    return RuledRegion(extended, (*ruled.breaks, *breaks))


def _header_first(bands: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Header rows ruled apart from each other (a rule under every row, the header's too) are
    one header band: the bands before the first that states values, up to three."""
    k = 1
    while k < min(3, len(bands) - 1) and not any(_states_value(ln) for ln in bands[k]):
        k += 1
    return [[ln for band in bands[:k] for ln in band], *(list(b) for b in bands[k:])]


def _states_value(line: Line) -> bool:
    """A word after the first is a number, and not one that labels (a year). Unlike
    `_has_values`, it needs no segments: in a ruled table a number can stand closer to the
    text beside it than the gap that cuts a line into segments."""
    return any(is_numeric(w.text) and not looks_like_label(w.text) for w in line.words[1:])


def _value_rows(lines: Sequence[Line], segments: Segments) -> bool:
    """Lines that read as table rows: the first states values, and half of them do."""
    values = [_has_values(segments[ln]) for ln in lines]
    return bool(values) and values[0] and sum(values) * 2 >= len(values)


def _with_header(
    bands: list[list[Line]], lines: Sequence[Line], segments: Segments, rule: Edge, settings: Settings
) -> list[list[Line]]:
    """The bands with the header first. When the first band already holds a row of values, the
    rule on top closes the header rather than opening it (a shaded header without a rule
    above it): the header is then the lines right above the rule, as `_header_start` finds
    them; with none there, the table has no header band."""
    if not bands or not any(_has_values(segments[ln]) for ln in bands[0]):
        return bands
    first = bands[0][0]
    above = [ln for ln in lines if ln.bottom <= first.top and ln.x1 > rule.x0 and ln.x0 < rule.x1]
    if not above or first.top - above[-1].bottom > settings.row_gap_ratio * 2 * max(first.size, 1.0):
        return [[], *bands]
    run = [*above, first]
    start = _header_start(run, [segments[ln] for ln in run], len(run) - 1, settings)
    header = [ln for ln in run[start:-1] if rule.x0 - 2 <= ln.x0 and ln.x1 <= rule.x1 + 2]
    return [header, *bands]


def _bands_to_region(
    bands: Sequence[Sequence[Line]], segments: Segments, settings: Settings
) -> list[RuledRegion]:
    if len(bands) < 2 or (not bands[0] and len(bands) < 3):
        return []
    header, *body = _header_first(bands)
    region = _ruled_region(
        header, [segments[ln] for ln in header], [ln for band in body for ln in band], settings
    )
    if not _tabular(region, settings):
        return []
    if len(body) == 1:  # only the header and the end ruled: rows from the gaps between lines
        return [RuledRegion(region, _gap_breaks(body[0]))]
    # rules between the rows: a band is a row (its label or text cells wrapped over its lines),
    # unless each of its lines states values (then each line is a row: a rule only above the
    # total, say) or its lines stand at two pitches (then the wider gaps part its rows)
    breaks: list[float] = []
    for k, band in enumerate(body):
        if k:
            breaks.append(band[0].top - 0.5)
        if len(band) > 1 and all(_has_values(segments[ln]) for ln in band):
            breaks += [ln.top - 0.5 for ln in band[1:]]
        else:
            breaks += _gap_breaks(band)
    return [RuledRegion(region, tuple(sorted(breaks)))]


def body_gutters(lines: Sequence[Line], settings: Settings = DEFAULT_SETTINGS) -> list[tuple[float, float]]:
    """The gaps between columns: vertical strips at least `gutter_ratio` of the font size wide
    that no word of any of the lines crosses. Across the lines of a text column the words cover
    it; only the space between columns stays empty."""
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    if not spans:
        return []
    size = max(ln.size for ln in lines)
    gutters: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= settings.gutter_ratio * size:
            gutters.append((reach, x0))
        reach = max(reach, x1)
    return gutters


def split_at_gutters(line: Line, gutters: Sequence[tuple[float, float]]) -> list[Segment]:
    """A line's words in runs, cut wherever a gutter lies between two neighbouring words."""
    groups: list[list[Word]] = []
    for w in line.words:
        if groups and not any(groups[-1][-1].x1 <= g0 and g1 <= w.x0 for g0, g1 in gutters):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [Segment(tuple(g)) for g in groups]


def _tabular(region: Region, settings: Settings) -> bool:
    """Do the body lines stand in columns like a table's? Three columns or more; or two, one
    of them holding numbers. Two columns of words only are two columns of text (a bilingual
    page, a glossary), not a table of data."""
    cols = _columns(region, settings)
    if len(cols) >= 3:
        return True
    if len(cols) < 2:
        return False
    body = region.segments[region.first_body :]
    numeric = sum(1 for segs in body if any(s.numeric for s in segs[1:]))
    return numeric * 2 >= len(body)


def _gap_breaks(lines: Sequence[Line]) -> tuple[float, ...]:
    """Where rows break in a run of lines whose rows are not ruled: at the gaps clearly wider
    than the tightest line pitch (cell padding, paragraph spacing after a cell), provided that
    leaves at most one line of values in each row (a row whose label wraps, its numbers on one
    line). Otherwise none: each line is then a row of its own (see `_body_rows`)."""
    if len(lines) < 2:
        return ()
    pitches = [b.top - a.top for a, b in pairwise(lines)]
    tight = min(pitches)
    size = max(ln.size for ln in lines)
    wide = [p > tight + 0.25 * size for p in pitches]
    if not any(wide) or all(wide):
        return ()
    values_in_row = int(_states_value(lines[0]))
    for line, starts_row in zip(lines[1:], wide, strict=True):
        values_in_row = (0 if starts_row else values_in_row) + int(_states_value(line))
        if values_in_row > 1:
            return ()
    return tuple(b.top - 0.5 for (a, b), w in zip(pairwise(lines), wide, strict=True) if w)


def page_stream_grids(
    lines: Sequence[Line], page: int, settings: Settings = DEFAULT_SETTINGS, edges: Sequence[Edge] = ()
) -> list[Grid]:
    """Every table without vertical rules on one page (`edges`: the page's ruling, for tables
    ruled between their rows).

    Tables between horizontal rules win over the regions they overlap: the rules say where the
    header ends and which lines form a row, and the empty strips down the body part columns
    closer than a word gap would. Elsewhere, the tables found from the alignment of their
    numbers."""
    regions = [
        (r, row_rules(r, edges) or list(_gap_breaks(r.lines[r.first_body :])))
        for r in lines_to_regions(lines, settings)
    ]
    for ruled in rules_to_regions(lines, edges, settings):
        top, bottom = ruled.region.lines[0].top, ruled.region.lines[-1].bottom
        apart: list[tuple[Region, list[float]]] = []
        overlapped: list[tuple[Region, list[float]]] = []
        for r, b in regions:
            (apart if r.lines[-1].bottom < top or r.lines[0].top > bottom else overlapped).append((r, b))
        below = {ln for r, _ in overlapped for ln in r.lines[r.first_body :] if ln.top > bottom}
        if below:
            ruled = _extend_below(ruled, sorted(below, key=lambda ln: ln.top), settings)
        regions = [*apart, (ruled.region, list(ruled.breaks))]
    grids = []
    for region, breaks in sorted(regions, key=lambda rb: rb[0].lines[0].top):
        grid = region_to_grid(region, page, settings, breaks)
        if grid is not None:
            grids.append(grid)
    return grids
