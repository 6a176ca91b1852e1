"""Ruled parts the lattice cannot read alone.

A ruled header over a body without rules (header cells boxed, or set apart by white rules on
their shading): the lattice finds the header alone, a grid without values, and the alignment the
body right under it. The header's cells are set over the body's columns.

    header_over_body  a ruled grid of header cells + the table right under it -> one grid
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

import attrs

from .doubt import is_data_value
from .grid import Grid, Slot
from .settings import DEFAULT_TABLE_SETTINGS, TableSettings

#: a body starts at most this many of its line heights under the ruled header it belongs to
HEADER_REACH: Final = 1.5


def header_over_body(head: Grid, body: Grid, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> Grid | None:
    """`head`, a ruled grid stating no value (header cells), over `body`, a table starting right
    under it within its width: one grid, the header's rows over the body's columns (each body
    column under the header cell whose column holds its middle). None where they do not fit so:
    a gap, a body reaching out of the header's width, a body column under no header column."""
    if any(is_data_value(s.text.strip()) for row in head.rows for s in row if not s.covered):
        return None
    size = max((w.size for w in body.words if w.top <= body.bbox[1] + 1.0), default=0.0)
    tol = settings.snap_tolerance
    gap = body.bbox[1] - head.bbox[3]
    if (
        not (-tol <= gap <= HEADER_REACH * size)
        or body.bbox[0] < head.bbox[0] - tol
        or body.bbox[2] > head.bbox[2] + tol
    ):
        return None
    middles = [(a + b) / 2 for a, b in pairwise(body.xs)]
    owner = [next((i for i in range(head.n_cols) if head.xs[i] <= m < head.xs[i + 1]), None) for m in middles]
    if any(o is None for o in owner):
        return None
    rows = []
    for row in head.rows:
        slots = [Slot(text="") for _ in range(body.n_cols)]
        for i, slot in enumerate(row):
            under = [j for j, o in enumerate(owner) if o is not None and i <= o < i + slot.span]
            if slot.covered or not under:
                continue
            slots[under[0]] = attrs.evolve(slot, span=len(under))
            for j in under[1:]:
                slots[j] = Slot(text="", covered=True)
        rows.append(tuple(slots))
    return attrs.evolve(
        body,
        bbox=(min(head.bbox[0], body.bbox[0]), head.bbox[1], max(head.bbox[2], body.bbox[2]), body.bbox[3]),
        rows=(*rows, *body.rows),
        words=head.words | body.words,
        header=len(rows) + (body.header or 0),
    )
