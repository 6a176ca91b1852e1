"""The settings of the layout stage: lines, paragraphs, furniture, footnotes, small print.

`*_ratio` values are shares of the font size (they scale with the document), `*_share` values
shares of a page or of a count of lines; distances are PDF points.
"""

from __future__ import annotations

from typing import Final

import attrs

_positive = attrs.validators.gt(0.0)
_share = attrs.validators.and_(attrs.validators.gt(0.0), attrs.validators.lt(1.0))


@attrs.frozen(kw_only=True)
class LayoutSettings:
    """Tolerances of `layout.lines`, `layout.paragraphs`, `layout.furniture`, `layout.footnotes`
    (and the small print that `sections.captions` reads as notes and titles)."""

    line_merge_ratio: float = attrs.field(
        default=0.5,
        validator=_share,
        metadata={"doc": "lines: words whose middles lie within this share of the font size share a line"},
    )
    paragraph_gap_ratio: float = attrs.field(
        default=0.45,
        validator=_positive,
        metadata={
            "doc": "paragraphs: a line pitch wider than the usual pitch by this share of the font size "
            "starts a new paragraph"
        },
    )
    font_change_ratio: float = attrs.field(
        default=0.15,
        validator=_share,
        metadata={"doc": "paragraphs: lines whose sizes differ by more than this share start a new one"},
    )
    pitch_sample_ratio: float = attrs.field(
        default=3.0,
        validator=_positive,
        metadata={
            "doc": "line pitch: only pitches below this many font sizes are measured (wider ones are "
            "paragraph or section gaps)"
        },
    )
    single_spacing: float = attrs.field(
        default=1.2,
        validator=_positive,
        metadata={
            "doc": "line pitch: the usual single spacing (font sizes), taken when too few lines show it"
        },
    )
    max_single_spacing: float = attrs.field(
        default=1.5,
        validator=_positive,
        metadata={
            "doc": "line pitch: with few lines, the smallest pitch counts only up to this many font sizes "
            "(wider: every line is a paragraph)"
        },
    )
    margin_band: float = attrs.field(
        default=0.12,
        validator=_share,
        metadata={
            "doc": "furniture: running headers and footers are looked for in this share of the page height"
        },
    )
    small_print_ratio: float = attrs.field(
        default=0.92,
        validator=_share,
        metadata={
            "doc": "text set below this share of the body font size is small print: footnotes, and a "
            "table's notes and unnumbered title"
        },
    )
    footnote_gap_ratio: float = attrs.field(
        default=2.2,
        validator=_positive,
        metadata={"doc": "footnotes: a line pitch of more than this many font sizes ends the footnote block"},
    )
    footnote_max_share: float = attrs.field(
        default=0.45,
        validator=_share,
        metadata={
            "doc": "footnotes: the block holds at most this share of the page's lines (or six lines, "
            "whichever is more)"
        },
    )


DEFAULT_LAYOUT_SETTINGS: Final = LayoutSettings()
