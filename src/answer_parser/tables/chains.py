"""Tables across page breaks: a table that ends a page and the one that opens the next page
are one chain when their columns match and no text stands between them. A continuation whose
rows leave the last columns empty (fewer columns found) joins when its columns meet the first
part's (`column_map`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from ..layout.blocks import TableAnchor
from ..layout.lines import Line
from ..pdf.records import PageData
from .grid import Grid, Slot
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings


def columns_match(a: Grid, b: Grid, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> bool:
    """True when two grids have the same columns: the same boundaries for ruled tables, the same
    right edges of the data columns for tables without rules (their label column's width
    depends on the longest label of each part)."""
    if a.n_cols != b.n_cols:
        return False
    tol = settings.column_match_tolerance
    if a.rights and b.rights:
        return all(abs(x - y) <= tol for x, y in zip(a.rights[1:], b.rights[1:], strict=True))
    return all(abs(x - y) <= tol for x, y in zip(a.xs, b.xs, strict=True))


#: a line of this many digits at most is a page number
_PAGE_NUMBER_DIGITS: Final = 4


def column_map(a: Grid, b: Grid, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[int] | None:
    """Where each column of `b` (a table opening a page) stands among the columns of `a` (the
    table that ended the page before): the same columns (`columns_match`), or, for tables
    without rules, data columns whose right edges each meet one of `a`'s in order (a
    continuation whose rows leave the last columns empty finds fewer columns); else None."""
    if columns_match(a, b, settings):
        return list(range(b.n_cols))
    if not (a.rights and b.rights) or b.n_cols > a.n_cols or b.n_cols < 2:
        return None
    tol = settings.column_match_tolerance
    out = [0]
    for right in b.rights[1:]:
        hits = [j for j in range(max(out) + 1, a.n_cols) if abs(a.rights[j] - right) <= tol]
        if not hits:
            return None
        out.append(hits[0])
    return out


def _page_number(line: Line) -> bool:
    """A line that is only a number: a page number the furniture search missed (a reprinted
    report keeps its own page numbers, set a little higher or lower on each page)."""
    return line.text.strip().isdigit() and len(line.text.strip()) <= _PAGE_NUMBER_DIGITS


def _remapped(g: Grid, onto: Grid, mapping: Sequence[int]) -> Grid:
    """`g`'s rows over the columns of `onto` (cells of columns `g` lacks left empty)."""
    rows = []
    for row in g.rows:
        slots = [Slot(text="") for _ in range(onto.n_cols)]
        for j, slot in enumerate(row):
            slots[mapping[j]] = (
                attrs.evolve(slot, span=1, covered=False) if slot.covered or slot.span > 1 else slot
            )
        rows.append(tuple(slots))
    return attrs.evolve(
        g, xs=onto.xs, rights=onto.rights, rows=tuple(rows), steps=(*g.steps, "continuation_remapped")
    )


def grids_to_chains(
    grids: Sequence[Sequence[Grid]],
    lines: Sequence[Sequence[Line]],
    pages: Sequence[PageData],
    settings: TableSettings,
) -> list[list[Grid]]:
    """Join a table that ends a page to the one that opens the next page when their columns match
    and no text stands between them."""
    chains: list[list[Grid]] = []
    for page_index, page_grids_ in enumerate(grids):
        for g in page_grids_:
            prev = chains[-1][-1] if chains else None
            if (
                prev is not None
                and prev.page == g.page - 1
                and g is page_grids_[0]
                and prev is grids[page_index - 1][-1]
                and (mapping := column_map(prev, g, settings)) is not None
                and not any(ln.top > prev.bbox[3] and not _page_number(ln) for ln in lines[page_index - 1])
                and not any(ln.bottom < g.bbox[1] and not _page_number(ln) for ln in lines[page_index])
            ):
                chains[-1].append(g if columns_match(prev, g, settings) else _remapped(g, prev, mapping))
            else:
                chains.append([g])
    return chains


def anchors_of(chains: Sequence[Sequence[Grid]]) -> list[TableAnchor]:
    """Where each table stands in the text flow: the page and top of its first part, the page and
    bottom of its last."""
    return [
        TableAnchor(i, chain[0].page, chain[0].bbox[1], chain[-1].page, chain[-1].bbox[3])
        for i, chain in enumerate(chains)
    ]
