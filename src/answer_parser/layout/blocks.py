"""Lines and tables in reading order -> `Block`s: paragraphs, and an anchor where each table
stands. A table always ends the paragraph before it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .lines import Line
from .paragraphs import Paragraph, line_pitch_ratio, lines_to_paragraphs
from .settings import LayoutSettings


@attrs.frozen
class TableAnchor:
    """Where a table stands in the text flow."""

    index: int
    page: int
    top: float
    #: where the table ends: its last page and its bottom there (None where not known)
    end_page: int | None = None
    bottom: float | None = None


Block = Paragraph | TableAnchor


def flow_to_blocks(
    lines: Sequence[Sequence[Line]], anchors: Sequence[TableAnchor], settings: LayoutSettings
) -> list[Block]:
    """Lines and table anchors in reading order, lines grouped into paragraphs; a table always
    ends the paragraph before it."""
    all_lines = [ln for ls in lines for ln in ls]
    pitch = line_pitch_ratio(all_lines, settings)
    flow: list[Line | TableAnchor] = sorted([*all_lines, *anchors], key=lambda x: (x.page, x.top))
    blocks: list[Block] = []
    run: list[Line] = []
    for item in flow:
        if isinstance(item, TableAnchor):
            blocks.extend(lines_to_paragraphs(run, settings, pitch))
            run = []
            blocks.append(item)
        else:
            run.append(item)
    blocks.extend(lines_to_paragraphs(run, settings, pitch))
    return blocks
