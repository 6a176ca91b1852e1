"""Stage 1's one entry point: the `reader` setting picks the reader that copies the PDF into records.

    playa        pdf.playa_reader.read_pdf (the default): playa-pdf interprets the pages, in
                 about a third of the time (pages in parallel with `read_workers`)
    pdfplumber   pdf.reading.read_pdf: pdfminer interprets them (pdfplumber's page objects)

Both read under all the reading guards (`pdf.guards`, `pdf.streams`: time, memory, stream
bounds, objects per page) and turn sideways pages upright (`pdf.rotation`).

Both raise the same typed errors and give the same `PdfData` (benchmarks/reader_agreement.py).
"""

from __future__ import annotations

from collections.abc import Callable

from . import reading
from .records import PdfData, Source
from .settings import DEFAULT_READING_SETTINGS, ReadingSettings


def read_pdf(
    source: Source,
    settings: ReadingSettings = DEFAULT_READING_SETTINGS,
    progress: Callable[[str, int, int], None] | None = None,
) -> PdfData:
    """Open a PDF with the reader `settings.reader` names and copy every page into records
    (`progress` is told of the pages read)."""
    if settings.reader == "playa":
        from . import playa_reader  # imported here: playa loads only when it reads

        return playa_reader.read_pdf(source, settings, progress, workers=settings.read_workers)
    return reading.read_pdf(source, settings, progress)
