"""Finding tables between horizontal rules (booktabs, a rule under every row): rules of one
width stacked down the page, the bands of lines between them, columns from the empty
strips (gutters) down the body, rows from the rules or from the gaps between lines.

    edges_to_rules    the page's horizontal edges merged, the wide ones
    rules_to_regions  lines and rules -> `RuledRegion`s: a region and where its rows break
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Final

import attrs

from ..layout.lines import Line
from ..pdf.records import Edge, Filled, Word
from ..sections.dialect import FLEMISH, Dialect
from .aligned import header_start, is_sentence
from .lattice import merge_rulings
from .regions import (
    BREAK_ABOVE,
    Region,
    Segment,
    gap_breaks,
    has_values,
    line_to_segments,
    lines_close,
    region_columns,
    states_value,
)
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def edges_to_rules(edges: Sequence[Edge], settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Edge]:
    """The horizontal rules a table between rules can have: the page's horizontal edges merged
    (`tables.merge_rulings`), those as wide as `rule_min_width` at least (not an underline or
    a tick), top to bottom."""
    merged = merge_rulings([e for e in edges if e.orientation == "h"], settings)
    return sorted((e for e in merged if e.x1 - e.x0 >= settings.rule_min_width), key=lambda e: (e.top, e.x0))


Segments = Mapping[Line, Sequence[Segment]]  # each line of a page cut at its wide gaps, once
#: bands ruled apart at the top of a table that are still its header (when no values stand in them)
MAX_HEADER_BANDS: Final = 3
#: a header above the first rule stands within this many row gaps (`row_gap_ratio`) of it
HEADER_GAP_ROWS: Final = 2
#: body lines in this many columns are a table even without a column of numbers
MIN_TEXT_COLUMNS: Final = 3
#: points: shaded cells of one band may stand this far apart (the white gap between them) and
#: still shade the band together
SHADE_GAP: Final = 3.0


def _is_prose(
    line: Line, segments: Segments, width: float, settings: TableSettings, dialect: Dialect
) -> bool:
    """A line of running text: one segment across most of the rules' width, or a caption."""
    wide = len(segments[line]) == 1 and line.x1 - line.x0 > settings.prose_width_share * width
    return wide or line.text.lower().startswith(dialect.caption_word)


@attrs.frozen
class RuledRegion:
    """A table found between horizontal rules: its region, and the y positions that separate its
    body rows (the rules between rows, or the wider gaps between lines when only the header
    and the table's end are ruled)."""

    region: Region
    breaks: tuple[float, ...]


def rules_to_regions(
    lines: Sequence[Line],
    edges: Sequence[Edge],
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    dialect: Dialect = FLEMISH,
    fills: Sequence[Filled] = (),
) -> list[RuledRegion]:
    """Tables whose rows lie between horizontal rules of one width (a rule above the header,
    one under it, one under the last row; or one under every row), whatever their cells hold:
    text columns too, which the alignment of numbers alone does not find.

    The rules of one width are taken in order; the bands between consecutive rules that hold
    lines and no running text form a run; a run of two bands or more whose body lines stand in
    two columns or more is a table: the first band its header, the rest its body. A shaded band
    over the rules' width whose foot is the top rule (`fills`: a header set on shading, often in
    white, without a rule above it) is the header band, and only it."""
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
    stacks = _join_partial_rules(stacks, settings)
    segments = {ln: line_to_segments(ln, settings) for ln in lines} if stacks else {}
    found: list[RuledRegion] = []
    for stack in stacks:
        shade = _shaded_band_on(stack[0], fills, settings)
        if shade is not None and not any(
            states_value(ln) for ln in lines if shade.top < (ln.top + ln.bottom) / 2 < stack[0].top
        ):  # a header states no values (a shaded total row on the first rule is no header)
            stack.insert(0, shade)
        else:
            shade = None
        for bands in _stack_to_runs(stack, lines, segments, settings, dialect):
            if shade is not None and bands and bands[0][0].top > stack[1].top:
                shade = None  # this run starts further down: its header is not the shaded band
            found += _bands_to_region(
                _with_header(bands, lines, segments, stack[0], settings, dialect),
                segments,
                settings,
                shaded_header=shade is not None,
            )
    return found


def _shaded_band_on(rule: Edge, fills: Sequence[Filled], settings: TableSettings) -> Edge | None:
    """The top of a shaded band standing on `rule` and as wide as it, as a rule: the shaded cells
    whose foot is the rule, side by side with at most `SHADE_GAP` between them, covering the
    rule from end to end, and the shaded rows stacked on them (a header of several shaded rows)."""
    tol = settings.snap_tolerance
    cells = sorted(
        (f for f in fills if abs(f.bottom - rule.top) <= tol and f.x1 > rule.x0 and f.x0 < rule.x1),
        key=lambda f: f.x0,
    )
    if not cells or cells[0].x0 > rule.x0 + tol or abs(cells[0].top - cells[-1].top) > tol:
        return None
    reach = cells[0].x1
    for f in cells[1:]:
        if f.x0 > reach + SHADE_GAP or abs(f.top - cells[0].top) > tol:
            return None
        reach = max(reach, f.x1)
    if reach < rule.x1 - tol:
        return None
    # shaded header rows stacked on the band (group headers over some columns) shade it too
    top = min(f.top for f in cells)
    while True:
        above = [
            f.top
            for f in fills
            if top - SHADE_GAP <= f.bottom <= top + tol
            and f.top < top - tol
            and f.x1 > rule.x0
            and f.x0 < rule.x1
        ]
        if not above:
            return Edge("h", rule.x0, rule.x1, top, top)
        top = min(above)


def _join_partial_rules(stacks: list[list[Edge]], settings: TableSettings) -> list[list[Edge]]:
    """A lone rule between the two rules of a wider stack (booktabs: above the table and under
    it), ending where they end but starting further right, is the rule under the header drawn
    over the data columns only: one of them."""
    tol = settings.snap_tolerance
    hosts = [s for s in stacks if len(s) == 2]  # booktabs: a rule above the table, one under it
    out = [s for s in stacks if len(s) > 1 or not any(_under_stack(s[0], h, tol) for h in hosts)]
    for stack in stacks:
        if len(stack) == 1 and stack not in out:
            host = next(h for h in hosts if _under_stack(stack[0], h, tol))
            host.append(stack[0])
            host.sort(key=lambda e: e.top)
    return out


def _under_stack(rule: Edge, stack: Sequence[Edge], tol: float) -> bool:
    return (
        abs(rule.x1 - stack[0].x1) <= tol
        and rule.x0 > stack[0].x0 + tol
        and stack[0].top < rule.top < stack[-1].top
    )


def _stack_to_runs(
    stack: Sequence[Edge],
    lines: Sequence[Line],
    segments: Segments,
    settings: TableSettings,
    dialect: Dialect,
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
        overhang = settings.rule_overhang
        loose = [
            ln.x0 < x0 - overhang
            or ln.x1 > x1 + overhang
            or _is_prose(ln, segments, x1 - x0, settings, dialect)
            or (ln.x0 <= x0 + settings.note_indent and bool(dialect.table_note.match(ln.text)))
            for ln in inside
        ]
        if inside and not any(loose):
            bands.append(inside)
            continue
        head = inside[: loose.index(True)] if any(loose) else []
        for k in range(1, len(head)):
            if not lines_close(head[k - 1], head[k], settings):
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
    settings: TableSettings,
) -> Region:
    """A region whose body lines are cut into cells at the gutters down the body."""
    gutters = body_gutters(body, settings)
    cut = [tuple(split_at_gutters(ln, gutters)) for ln in body]
    return Region(
        lines=(*header, *body),
        segments=(*(tuple(s) for s in header_segments), *cut),
        first_body=len(header),
    )


def extend_below(ruled: RuledRegion, more: Sequence[Line], settings: TableSettings) -> RuledRegion:
    """A ruled table with the rows that follow under its last rule (a table ruled only in part,
    its last row set off by a rule above it), each line stating values a row of its own."""
    region = ruled.region
    n = region.first_body
    body = [*region.lines[n:], *more]
    extended = _ruled_region(region.lines[:n], region.segments[:n], body, settings)
    if not ruled.breaks:
        return RuledRegion(extended, ())
    breaks = [more[0].top - BREAK_ABOVE] + [ln.top - BREAK_ABOVE for ln in more[1:] if states_value(ln)]
    return RuledRegion(extended, (*ruled.breaks, *breaks))


def _header_first(bands: Sequence[Sequence[Line]], shaded: bool = False) -> list[list[Line]]:
    """Header rows ruled apart from each other (a rule under every row, the header's too) are
    one header band: the bands before the first that states values, up to `MAX_HEADER_BANDS`;
    a `shaded` header band is the header alone (the shading ends where the header ends), and so
    is the first band of a table that states no values at all (text, dates, ratings)."""
    k = 1
    valued = any(states_value(ln) for band in bands for ln in band)
    while (
        not shaded
        and valued
        and k < min(MAX_HEADER_BANDS, len(bands) - 1)
        and not any(states_value(ln) for ln in bands[k])
    ):
        k += 1
    return [[ln for band in bands[:k] for ln in band], *(list(b) for b in bands[k:])]


def _value_rows(lines: Sequence[Line], segments: Segments) -> bool:
    """Lines that read as table rows: the first states values, and half of them do."""
    values = [has_values(segments[ln]) for ln in lines]
    return bool(values) and values[0] and sum(values) * 2 >= len(values)  # half of them or more


def _with_header(
    bands: list[list[Line]],
    lines: Sequence[Line],
    segments: Segments,
    rule: Edge,
    settings: TableSettings,
    dialect: Dialect,
) -> list[list[Line]]:
    """The bands with the header first. When the first band already holds a row of values, the
    rule on top closes the header rather than opening it (a shaded header without a rule
    above it): the header is then the lines right above the rule, as `header_start` finds
    them; with none there, the table has no header band."""
    if not bands or not any(has_values(segments[ln]) for ln in bands[0]):
        return bands
    first = bands[0][0]
    above = [ln for ln in lines if ln.bottom <= first.top and ln.x1 > rule.x0 and ln.x0 < rule.x1]
    if not above or first.top - above[-1].bottom > settings.row_gap_ratio * HEADER_GAP_ROWS * max(
        first.size, 1.0
    ):
        return [[], *bands]
    # the line right above the rule is the header's last line (the rule explains the wider gap
    # to the body), unless it reads as a caption or a sentence; the lines close above it join
    last = above[-1]
    if (
        is_sentence(last, segments[last])
        or last.text.lower().startswith(dialect.caption_word)
        or _is_prose(last, segments, rule.x1 - rule.x0, settings, dialect)
    ):
        return [[], *bands]
    start = header_start(above, [segments[ln] for ln in above], len(above) - 1, settings, dialect)
    overhang = settings.rule_overhang
    header = [ln for ln in above[start:] if rule.x0 - overhang <= ln.x0 and ln.x1 <= rule.x1 + overhang]
    return [header, *bands]


def _bands_to_region(
    bands: Sequence[Sequence[Line]], segments: Segments, settings: TableSettings, shaded_header: bool = False
) -> list[RuledRegion]:
    if len(bands) < 2 or (not bands[0] and len(bands) < 3):
        return []
    header, *body = _header_first(bands, shaded_header)
    region = _ruled_region(
        header, [segments[ln] for ln in header], [ln for band in body for ln in band], settings
    )
    if not _tabular(region, settings):
        return []
    if len(body) == 1:  # only the header and the end ruled: rows from the gaps between lines
        return [RuledRegion(region, gap_breaks(body[0], settings))]
    # rules between the rows: a band is a row (its label or text cells wrapped over its lines),
    # unless each of its lines states values (then each line is a row: a rule only above the
    # total, say) or its lines stand at two pitches (then the wider gaps part its rows)
    breaks: list[float] = []
    for k, band in enumerate(body):
        if k:
            breaks.append(band[0].top - BREAK_ABOVE)
        if len(band) > 1 and all(has_values(segments[ln]) for ln in band):
            breaks += [ln.top - BREAK_ABOVE for ln in band[1:]]
        else:
            breaks += gap_breaks(band, settings)
    return [RuledRegion(region, tuple(sorted(breaks)))]


def body_gutters(
    lines: Sequence[Line], settings: TableSettings = DEFAULT_TABLE_SETTINGS
) -> list[tuple[float, float]]:
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


def _tabular(region: Region, settings: TableSettings) -> bool:
    """Do the body lines stand in columns like a table's? Three columns or more; or two, one
    of them holding numbers. Two columns of words only are two columns of text (a bilingual
    page, a glossary), not a table of data."""
    cols = region_columns(region, settings)
    if len(cols) >= MIN_TEXT_COLUMNS:
        return True
    if len(cols) < 2:
        return False
    body = region.segments[region.first_body :]
    numeric = sum(1 for segs in body if any(s.numeric for s in segs[1:]))
    return numeric * 2 >= len(body)  # half the body lines or more
