"""Where `answer_parser.stream` used to live: tables without vertical rules are found in
`answer_parser.tables.aligned` (aligned numbers) and `tables.rules` (between rules), share
`tables.regions`, and `tables.detect` chooses among them."""

from __future__ import annotations

from .tables.aligned import lines_to_regions, row_rules
from .tables.detect import page_stream_grids
from .tables.regions import Region, Segment, line_to_segments, region_to_grid
from .tables.rules import RuledRegion, body_gutters, edges_to_rules, rules_to_regions, split_at_gutters

__all__ = [
    "Region",
    "RuledRegion",
    "Segment",
    "body_gutters",
    "edges_to_rules",
    "line_to_segments",
    "lines_to_regions",
    "page_stream_grids",
    "region_to_grid",
    "row_rules",
    "rules_to_regions",
    "split_at_gutters",
]
