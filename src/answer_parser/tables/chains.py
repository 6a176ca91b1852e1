"""Tables across page breaks: a table that ends a page and the one that opens the next page
are one chain when their columns match and no text stands between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..layout.blocks import TableAnchor
from ..layout.lines import Line
from ..pdf.records import PageData
from .grid import Grid
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
                and columns_match(prev, g, settings)
                and not any(ln.top > prev.bbox[3] for ln in lines[page_index - 1])
                and not any(ln.bottom < g.bbox[1] for ln in lines[page_index])
            ):
                chains[-1].append(g)
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
