"""The settings of the reading stage: how characters become words, and what is refused."""

from __future__ import annotations

import os
from typing import Any, Final

import attrs

_positive = attrs.validators.gt(0.0)

#: the readers of stage 1 (`pdf.readers`): pdfplumber's, and playa's, which gives the same records
#: at about a third of the cost
READERS: Final = ("pdfplumber", "playa")
#: the environment variable that picks the default reader (CI runs the golden suite under each)
READER_VARIABLE: Final = "ANSWER_PARSER_READER"


def default_reader() -> str:
    """The reader when none is named: $ANSWER_PARSER_READER, else playa's (the same parse as
    pdfplumber's at about a third of the cost, under the same guards: docs/performance.md)."""
    return os.environ.get(READER_VARIABLE) or "playa"


def _positive_or_none(_instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"{attribute.name} must be positive or None, got {value!r}")


@attrs.frozen(kw_only=True)
class ReadingSettings:
    """Tolerances of `pdf.reading` and `pdf.words` (distances in PDF points), and the reader."""

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
    # -- the guards of one parse (pdf/guards.py, docs/robustness.md)
    timeout: float | None = attrs.field(
        default=300.0,
        validator=_positive_or_none,
        metadata={
            "doc": "seconds one `parse()` may take, None for none (`timeout`): the batch's per-file limit"
        },
    )
    max_memory_mb: int | None = attrs.field(
        default=2048,
        validator=_positive_or_none,
        metadata={
            "doc": "MiB the resident memory may grow by in one `parse()`, None for none (`too_large`): "
            "the batch's bound per worker"
        },
    )
    max_stream_mb: int = attrs.field(
        default=64,
        validator=attrs.validators.gt(0),
        metadata={
            "doc": "MiB one PDF stream may decode to, through Flate, LZW or RunLength (`too_large`): "
            "an answer's largest content stream is a few MB, page images are not decoded"
        },
    )
    max_page_objects: int = attrs.field(
        default=100_000,
        validator=attrs.validators.gt(0),
        metadata={
            "doc": "characters, rules and images one page may hold (`too_large`): the densest "
            "corpus page holds about 25,000"
        },
    )
    max_page_content_mb: int = attrs.field(
        default=8,
        validator=attrs.validators.gt(0),
        metadata={
            "doc": "MiB of drawing operators one page may hold, its forms included, decoded "
            "(`too_large`): the densest corpus page holds 0.2 MB, a page at `max_page_objects` "
            "1 to 4 MB, and each MiB of path operators costs the readers about 50 MB and 2 s"
        },
    )
    max_file_mb: int = attrs.field(
        default=512,
        validator=attrs.validators.gt(0),
        metadata={
            "doc": "MiB an input file may have (`too_large`): parliament PDFs are at most tens of MB, "
            "and the file is read to memory whole"
        },
    )
    # -- the reader (pdf/readers.py, docs/performance.md)
    reader: str = attrs.field(
        default=default_reader(),  # read when the module is imported: set the variable before
        validator=attrs.validators.in_(READERS),
        metadata={
            "doc": "the reader that interprets the PDF: 'playa' (a third of the cost) or 'pdfplumber' "
            "(the same records, benchmarks/reader_agreement.py); $ANSWER_PARSER_READER sets the default"
        },
    )
    read_workers: int = attrs.field(
        default=1,
        validator=attrs.validators.gt(0),
        metadata={
            "doc": "playa reader: processes that read the pages of one document of 16 pages or more "
            "(2: a long report parsed alone uses two cores; in a batch worker pages are read in order)"
        },
    )
    fallback: bool = attrs.field(
        default=True,
        metadata={
            "doc": "playa reader: a document it finds damaged or without any text is read again by "
            "pdfplumber's reader, which repairs other damage (of 240 broken fixture mutants, playa "
            "alone reads 26 that pdfminer cannot, pdfminer 13 that playa cannot)"
        },
    )


DEFAULT_READING_SETTINGS: Final = ReadingSettings()
