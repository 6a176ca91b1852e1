"""The settings of the table stage, grouped by the method that reads them.

Distances are PDF points; `*_ratio` values are shares of the font size; `*_share` values shares
of a width or of a count.
"""

from __future__ import annotations

from typing import Final

import attrs

_positive = attrs.validators.gt(0.0)
_share = attrs.validators.and_(attrs.validators.gt(0.0), attrs.validators.lt(1.0))


@attrs.frozen(kw_only=True)
class TableSettings:
    """Tolerances of `tables.lattice`, `tables.rules`, `tables.aligned`, `tables.regions`,
    `tables.chains` and `tables.structure`."""

    # -- ruling lines (lattice, rules) -------------------------------------------------------------
    snap_tolerance: float = attrs.field(
        default=3.0,
        validator=_positive,
        metadata={"doc": "ruling lines closer than this are snapped together"},
    )
    join_tolerance: float = attrs.field(
        default=3.0,
        validator=_positive,
        metadata={"doc": "collinear ruling segments with gaps below this are joined"},
    )
    edge_min_length: float = attrs.field(
        default=3.0, validator=_positive, metadata={"doc": "ruling segments shorter than this are ignored"}
    )
    intersection_tolerance: float = attrs.field(
        default=3.0, validator=_positive, metadata={"doc": "ruling lines meet when they come within this"}
    )

    # -- cells of a ruled table (lattice) -------------------------------------------------------------
    cell_line_ratio: float = attrs.field(
        default=0.5,
        validator=_share,
        metadata={"doc": "cells: words whose middles lie within this share of the font size share a line"},
    )
    broken_word_ratio: float = attrs.field(
        default=0.8,
        validator=_positive,
        metadata={
            "doc": "cells: a lone word ending within this share of its size of the cell's right edge may "
            "be a word broken there, its rest on the next line"
        },
    )

    # -- tables without vertical rules (regions, aligned, rules) --------------------------------------
    column_gap_ratio: float = attrs.field(
        default=0.9,
        validator=_positive,
        metadata={"doc": "a gap wider than this share of the font size cuts a line into segments"},
    )
    row_gap_ratio: float = attrs.field(
        default=1.2,
        validator=_positive,
        metadata={"doc": "lines further apart than this share of the font size end a table"},
    )
    column_merge_tolerance: float = attrs.field(
        default=1.0,
        validator=_positive,
        metadata={"doc": "column extents closer than this are one column"},
    )
    header_overhang: float = attrs.field(
        default=2.0,
        validator=_positive,
        metadata={
            "doc": "a header segment reaching this far past a column's extent still heads that column alone"
        },
    )
    group_header_centring: float = attrs.field(
        default=0.1,
        validator=_share,
        metadata={
            "doc": "a group header is centred over a run of columns when its middle lies within this "
            "share of the run's width of the run's middle"
        },
    )
    header_width_share: float = attrs.field(
        default=0.75,
        validator=_share,
        metadata={
            "doc": "a one-segment line above the body wider than this share of the first body row is "
            "running text, not a header line"
        },
    )
    label_indent_tolerance: float = attrs.field(
        default=2.0,
        validator=_positive,
        metadata={
            "doc": "a label-only line within this of the label above stands at its indent (wraps it); "
            "one further right is nested under it"
        },
    )
    row_pitch_ratio: float = attrs.field(
        default=0.25,
        validator=_positive,
        metadata={
            "doc": "a line pitch wider than the tightest by more than this share of the font size breaks "
            "a row (cell padding, spacing after a cell)"
        },
    )
    row_rule_share: float = attrs.field(
        default=0.5,
        validator=_share,
        metadata={"doc": "a rule between rows spans at least this share of the table's width"},
    )
    row_rule_tolerance: float = attrs.field(
        default=1.0,
        validator=_positive,
        metadata={"doc": "a rule between two rows may reach this far into the lower row's line"},
    )
    rule_min_width: float = attrs.field(
        default=60.0,
        validator=_positive,
        metadata={"doc": "tables between rules: rules shorter than this are not table rules"},
    )
    rule_overhang: float = attrs.field(
        default=2.0,
        validator=_positive,
        metadata={"doc": "tables between rules: a line reaching further past the rules than this is outside"},
    )
    note_indent: float = attrs.field(
        default=5.0,
        validator=_positive,
        metadata={"doc": "tables between rules: a note mark this close to the rules' left end opens a note"},
    )
    prose_width_share: float = attrs.field(
        default=0.6,
        validator=_share,
        metadata={
            "doc": "tables between rules: a one-segment line wider than this share of the rules is prose"
        },
    )
    gutter_ratio: float = attrs.field(
        default=0.6,
        validator=_positive,
        metadata={
            "doc": "tables between rules: an empty strip at least this share of the font size wide down "
            "all body lines separates two columns"
        },
    )

    # -- labels and levels (structure) ---------------------------------------------------------------
    indent_tolerance: float = attrs.field(
        default=2.5,
        validator=_positive,
        metadata={"doc": "row labels whose indents differ by less than this are one level"},
    )
    right_aligned_share: float = attrs.field(
        default=0.3,
        validator=_share,
        metadata={
            "doc": "a label indented by more than this share of its cell's width and ending at its right "
            "edge is set flush right (a sub-item)"
        },
    )

    # -- across pages (chains) ----------------------------------------------------------------------
    column_match_tolerance: float = attrs.field(
        default=4.0,
        validator=_positive,
        metadata={"doc": "column boundaries of two parts of a table agree within this"},
    )


DEFAULT_TABLE_SETTINGS: Final = TableSettings()
