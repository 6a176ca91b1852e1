"""Every tolerance of the pipeline in one validated settings class.

Distances are PDF points unless the name says otherwise; `*_ratio` values are shares of the
body font size (so they scale with the document). `Settings()` holds the defaults; pass a changed
copy (`attrs.evolve(Settings(), ...)`) to `parse` to tune them.
"""

from __future__ import annotations

from typing import Any

import attrs


def _positive(_instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


def _share(_instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0 < value < 1:
        raise ValueError(f"{attribute.name} must lie between 0 and 1, got {value!r}")


@attrs.frozen
class Settings:
    # -- reading ---------------------------------------------------------------------------------
    #: words: horizontal gap (points) below which two characters belong to one word
    word_x_tolerance: float = attrs.field(default=1.5, validator=_positive)
    #: words: vertical distance (points) within which characters share a line
    word_y_tolerance: float = attrs.field(default=3.0, validator=_positive)
    #: a PDF with more pages than this is refused (TooLargeError)
    max_pages: int = attrs.field(default=2000, validator=_positive)

    # -- layout ----------------------------------------------------------------------------------
    #: lines: words whose middles lie within this share of the font size share a line
    line_merge_ratio: float = attrs.field(default=0.5, validator=_share)
    #: paragraphs: a vertical gap larger than this share of the line height above the usual
    #: line pitch starts a new paragraph
    paragraph_gap_ratio: float = attrs.field(default=0.45, validator=_positive)
    #: running headers/footers are looked for in this share of the page height at top and bottom
    margin_band: float = attrs.field(default=0.12, validator=_share)

    # -- tables ----------------------------------------------------------------------------------
    #: ruling lines closer than this (points) are snapped together
    snap_tolerance: float = attrs.field(default=3.0, validator=_positive)
    #: collinear ruling segments with gaps below this (points) are joined
    join_tolerance: float = attrs.field(default=3.0, validator=_positive)
    #: ruling segments shorter than this (points) are ignored
    edge_min_length: float = attrs.field(default=3.0, validator=_positive)
    #: ruling lines meet when they come within this distance (points)
    intersection_tolerance: float = attrs.field(default=3.0, validator=_positive)
    #: tables without rules: a gap wider than this share of the font size separates columns
    column_gap_ratio: float = attrs.field(default=0.9, validator=_positive)
    #: tables between horizontal rules: rules shorter than this (points) are not table rules
    rule_min_width: float = attrs.field(default=60.0, validator=_positive)
    #: tables between horizontal rules: an empty strip at least this share of the font size wide
    #: down all body lines separates two columns
    gutter_ratio: float = attrs.field(default=0.6, validator=_positive)
    #: tables without rules: lines further apart than this share of the font size end a table
    row_gap_ratio: float = attrs.field(default=1.2, validator=_positive)
    #: tables without rules: column extents closer than this (points) are one column
    column_merge_tolerance: float = attrs.field(default=1.0, validator=_positive)
    #: label indents differing by less than this (points) are one level
    indent_tolerance: float = attrs.field(default=2.5, validator=_positive)
    #: a table ending within this share of the page height of the bottom may continue
    continuation_band: float = attrs.field(default=0.25, validator=_share)
    #: column boundaries of two table parts agree within this distance (points)
    column_match_tolerance: float = attrs.field(default=4.0, validator=_positive)
    #: a caption lies at most this many line heights above or below its table
    caption_distance_ratio: float = attrs.field(default=3.0, validator=_positive)


DEFAULT_SETTINGS = Settings()
