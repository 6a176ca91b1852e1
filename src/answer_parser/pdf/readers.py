"""Stage 1's one entry point: the `reader` setting picks the reader that copies the PDF into records.

    playa        pdf.playa_reader.read_pdf (the default): playa-pdf interprets the pages, in
                 about a third of the time (pages in parallel with `read_workers`); a document
                 it finds damaged or without text is read again by pdfplumber's reader
                 (`fallback`): each library repairs damage the other cannot
    pdfplumber   pdf.reading.read_pdf: pdfminer interprets them (pdfplumber's page objects)

Both read under all the reading guards (`pdf.guards`, `pdf.streams`: time, memory, stream
bounds, objects per page) and turn sideways pages upright (`pdf.rotation`).

Both raise the same typed errors and give the same `PdfData` (benchmarks/reader_agreement.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..errors import DamagedPDFError, NoTextLayerError
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

        rewind = _rewind(source) if settings.fallback else None
        try:
            return playa_reader.read_pdf(source, settings, progress, workers=settings.read_workers)
        except (DamagedPDFError, NoTextLayerError):
            if rewind is None:
                raise
        rewind()
        return reading.read_pdf(source, settings, progress)  # its error, if it fails too
    return reading.read_pdf(source, settings, progress)


def _rewind(source: Source) -> Callable[[], None] | None:
    """How to read `source` again from where it starts now: nothing to do for a path or bytes,
    a seek for a file object; None for a file object that cannot seek back."""
    if isinstance(source, str | os.PathLike | bytes | bytearray | memoryview):
        return lambda: None
    try:
        if not source.seekable():
            return None
        start = source.tell()
    except (AttributeError, OSError, ValueError):
        return None

    def seek_back() -> None:
        source.seek(start)

    return seek_back
