"""The settings of the reading stage: how characters become words, and what is refused."""

from __future__ import annotations

from typing import Final

import attrs

_positive = attrs.validators.gt(0.0)


@attrs.frozen(kw_only=True)
class ReadingSettings:
    """Tolerances of `pdf.reading` and `pdf.words` (distances in PDF points)."""

    word_x_tolerance: float = attrs.field(
        default=1.5,
        validator=_positive,
        metadata={"doc": "horizontal gap (points) below which two characters belong to one word"},
    )
    word_y_tolerance: float = attrs.field(
        default=3.0,
        validator=_positive,
        metadata={"doc": "vertical distance (points) within which characters share a line"},
    )
    max_pages: int = attrs.field(
        default=2000,
        validator=attrs.validators.gt(0),
        metadata={"doc": "a PDF with more pages than this is refused (TooLargeError)"},
    )


DEFAULT_READING_SETTINGS: Final = ReadingSettings()
