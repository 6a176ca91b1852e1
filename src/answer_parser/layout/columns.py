"""Pages set in two columns (bulletins): the gutter, lines made column by column, and the flow in
reading order (what spans the columns above them, the left column, the right one, what spans
them below).

Only the bulletin path of the pipeline reads pages this way: a single answer is one column, and
a table with a blank band down its middle must not be cut in two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..pdf.records import Word
from .blocks import Block, TableAnchor
from .lines import Line, words_to_lines
from .paragraphs import line_pitch_ratio, lines_to_paragraphs
from .settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings

#: reading order of a line on a page: (page, rank, top); rank 0 spans the columns above them,
#: 1 the left column, 2 the right column, 3 spans them below
OrderKey = tuple[int, int, float]


def page_columns(
    words: Sequence[Word], width: float, settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> float | None:
    """The x of the gutter of a page set in two columns, or None for one column.

    The gutter is the middle of the widest run of x positions in the middle band of the page
    (`gutter_band_start` to `gutter_band_end`) that at most `gutter_max_crossings` words cross,
    at least `gutter_min_width` wide, with `column_min_words` words left and right of it.
    """
    if len(words) < 2 * settings.column_min_words:
        return None
    lo, hi = int(width * settings.gutter_band_start), int(width * settings.gutter_band_end)
    crossings = settings.gutter_max_crossings
    free = [sum(1 for w in words if w.x0 < x < w.x1) <= crossings for x in range(lo, hi)]
    best: tuple[int, int] | None = None
    start: int | None = None
    for k, ok in enumerate([*free, False]):
        if ok and start is None:
            start = k
        elif not ok and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if best is None or best[1] - best[0] < settings.gutter_min_width:
        return None
    gutter = lo + (best[0] + best[1]) / 2
    left = sum(1 for w in words if w.x1 <= gutter)
    right = sum(1 for w in words if w.x0 >= gutter)
    return gutter if min(left, right) >= settings.column_min_words else None


def spans_gutter(
    words: Sequence[Word], gutter: float, settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> bool:
    """Does a line (its words left to right) run across the gutter: a word crosses it, or the
    words either side of it stand closer than a gutter is wide ('- 2 -' centred)?"""
    if any(w.x0 < gutter < w.x1 for w in words):
        return True
    left = [w for w in words if w.x1 <= gutter]
    right = [w for w in words if w.x0 >= gutter]
    return bool(left and right) and right[0].x0 - left[-1].x1 < settings.gutter_min_width


def column_of(x0: float, x1: float, gutter: float | None) -> int:
    """0: across the gutter (or a one-column page), 1: left column, 2: right column."""
    if gutter is None or x0 < gutter < x1:
        return 0
    return 1 if x1 <= gutter else 2


def page_gutters(
    pages: Sequence[tuple[Sequence[Word], float]], settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> list[float | None]:
    """The gutter of each page (words, width), None for a page in one column.

    A page whose own gutter is not found (a last page with a short right column) takes the usual
    gutter of the document where its words leave that band free: a bulletin keeps its layout
    from page to page, and a cover in one column has words across the middle."""
    found = [page_columns(words, width, settings) for words, width in pages]
    known = sorted(g for g in found if g is not None)
    if not known:
        return found
    usual = known[len(known) // 2]
    half = settings.gutter_min_width / 2
    out: list[float | None] = []
    for (words, _), gutter in zip(pages, found, strict=True):
        if gutter is None:
            crossing = sum(1 for w in words if w.x0 < usual + half and w.x1 > usual - half)
            right = any(w.x0 >= usual for w in words)
            gutter = usual if right and crossing <= settings.gutter_max_crossings else None
        out.append(gutter)
    return out


def column_lines(
    words: Sequence[Word], page: int, gutter: float | None, settings: LayoutSettings = DEFAULT_LAYOUT_SETTINGS
) -> list[Line]:
    """A page's lines. On a page in two columns (`gutter` not None) a line that spans the gutter
    stays whole; the other words are made into lines column by column."""
    if gutter is None:
        return words_to_lines(words, page, settings)
    spanning: list[Line] = []
    sides: tuple[list[Word], list[Word]] = ([], [])
    for line in words_to_lines(words, page, settings):
        if spans_gutter(line.words, gutter, settings):
            spanning.append(line)
            continue
        for w in line.words:
            sides[0 if w.x1 <= gutter else 1].append(w)
    return spanning + [ln for side in sides for ln in words_to_lines(side, page, settings)]


def outermost_lines(pages: Sequence[Sequence[Line]]) -> set[tuple[int, float, str]]:
    """The furniture keys (page, top, text) of the first and the last line of each page."""
    out: set[tuple[int, float, str]] = set()
    for lines in pages:
        if lines:
            for ln in (min(lines, key=lambda x: x.top), max(lines, key=lambda x: x.top)):
                out.add((ln.page, ln.top, ln.text))
    return out


def _continues(prev: Line, line: Line) -> bool:
    """At a column break, as at a page break, the text visibly goes on: no closing punctuation,
    then a word in lower case."""
    return not prev.text.rstrip().endswith((".", "?", "!", ":")) and line.text[:1].islower()


def column_flow_to_blocks(
    lines: Sequence[Sequence[Line]],
    anchors: Sequence[TableAnchor],
    anchor_x: Mapping[int, tuple[float, float]],
    gutters: Mapping[int, float | None],
    settings: LayoutSettings,
) -> list[Block]:
    """`layout.blocks.flow_to_blocks` for pages in columns: lines and table anchors (`anchor_x`:
    the x0 and x1 of each table, by index) in column reading order; a column break ends a
    paragraph unless the text visibly goes on."""
    bodies: dict[int, float] = {}
    for page_lines in lines:
        for ln in page_lines:
            if column_of(ln.x0, ln.x1, gutters.get(ln.page)) != 0:
                bodies[ln.page] = min(bodies.get(ln.page, ln.top), ln.top)

    def key(page: int, top: float, x0: float, x1: float) -> OrderKey:
        column = column_of(x0, x1, gutters.get(page))
        if column == 0:
            column = 0 if page not in bodies or top < bodies[page] else 3
        return page, column, top

    keyed: list[tuple[OrderKey, Line | TableAnchor]] = [
        (key(ln.page, ln.top, ln.x0, ln.x1), ln) for ls in lines for ln in ls
    ]
    keyed += [(key(a.page, a.top, *anchor_x[a.index]), a) for a in anchors]
    keyed.sort(key=lambda pair: pair[0])
    pitch = line_pitch_ratio([item for _, item in keyed if isinstance(item, Line)], settings)
    blocks: list[Block] = []
    run: list[Line] = []
    previous: OrderKey | None = None
    for order, item in keyed:
        if isinstance(item, TableAnchor):
            blocks.extend(lines_to_paragraphs(run, settings, pitch))
            run = []
            blocks.append(item)
        else:
            broken = previous is not None and order[:2] != previous[:2]
            if run and broken and not _continues(run[-1], item):
                blocks.extend(lines_to_paragraphs(run, settings, pitch))
                run = []
            run.append(item)
        previous = order
    blocks.extend(lines_to_paragraphs(run, settings, pitch))
    return blocks
