"""The settings of the sections stage."""

from __future__ import annotations

from typing import Final

import attrs

_positive = attrs.validators.gt(0.0)
_share = attrs.validators.and_(attrs.validators.gt(0.0), attrs.validators.lt(1.0))


@attrs.frozen(kw_only=True)
class SectionSettings:
    """Tolerances of `sections.captions` (the small print it reads is `LayoutSettings.small_print_ratio`)."""

    title_letter_share: float = attrs.field(
        default=0.7,
        validator=_share,
        metadata={
            "doc": "an unnumbered table title: at least this share of its visible characters are letters"
        },
    )
    title_word_gap_ratio: float = attrs.field(
        default=1.0,
        validator=_positive,
        metadata={
            "doc": "an unnumbered table title has no gap wider than this many font sizes between words "
            "(wider: cells of a header row)"
        },
    )


DEFAULT_SECTION_SETTINGS: Final = SectionSettings()
