"""`answer_parser.show`: parse a PDF and see what was found, as page images or one HTML view."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from ..model import Document
from ..settings import Settings
from .overlay import DEFAULT_RESOLUTION
from .progress import ProgressFn
from .trace import Trace

Input = str | os.PathLike[str] | bytes


def parse_pages(spec: str | Sequence[int] | None, count: int) -> tuple[int, ...]:
    """Page numbers from a selection such as '1,3-4' (1-based, inclusive ranges; None: all pages).

    Raises ValueError for a malformed selection or a page outside 1..count.
    """
    if spec is None:
        return tuple(range(1, count + 1))
    numbers: list[int] = []
    if isinstance(spec, str):
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            first, sep, last = part.partition("-")
            try:
                lo = int(first) if first.strip() else 1
                hi = (int(last) if last.strip() else count) if sep else lo
            except ValueError:
                raise ValueError(f"not a page selection: {spec!r} (expected e.g. 1,3-4)") from None
            if lo > hi:
                raise ValueError(f"empty page range {part!r}")
            numbers.extend(range(lo, hi + 1))
    else:
        numbers = [int(n) for n in spec]
    bad = [n for n in numbers if not 1 <= n <= count]
    if bad:
        raise ValueError(f"page {bad[0]} is outside 1-{count}")
    return tuple(sorted(set(numbers)))


@contextmanager
def open_pdf(source: Input) -> Iterator[Any]:
    """The PDF opened with pdfplumber (for page words and rendering)."""
    import pdfplumber

    handle = io.BytesIO(source) if isinstance(source, bytes) else os.fspath(source)
    with pdfplumber.open(handle) as pdf:
        yield pdf


def document_trace(doc: Document, pdf: Any, found: Trace | None = None) -> Trace:
    """The trace of a parsed document: what the stages `found` while parsing it (where given),
    the rest placed from the Document and the page words."""
    from .place import trace_from_document

    return trace_from_document(doc, pdf, found)


def parse_traced(
    source: Input, progress: ProgressFn | None = None, settings: Settings | None = None
) -> tuple[Document, Trace]:
    """Parse `source` and collect the boxes its stages found on the way."""
    from ..pipeline import parse
    from .trace import TraceBuilder

    builder = TraceBuilder()
    data = source if isinstance(source, bytes) else os.fspath(source)
    if settings is None:
        doc = parse(data, trace=builder, progress=progress)
    else:
        doc = parse(data, settings=settings, trace=builder, progress=progress)
    return doc, builder.build()


def page_images(
    pdf: Any,
    trace: Trace,
    pages: Sequence[int] | None = None,
    resolution: int = DEFAULT_RESOLUTION,
    progress: ProgressFn | None = None,
) -> dict[int, bytes]:
    """PNG bytes per page number, each page with its trace drawn over it."""
    from .overlay import png_bytes, render_pages

    wanted = list(pages) if pages is not None else [p.page_number for p in pdf.pages]
    out: dict[int, bytes] = {}
    for n, image in render_pages(pdf, trace, wanted, resolution):
        out[n] = png_bytes(image)
        if progress is not None:
            progress("rendering pages", len(out), len(wanted))
    return out


def document_view(
    doc: Document,
    pdf_source: Input | None,
    *,
    pages: str | Sequence[int] | None = None,
    resolution: int | None = None,
    back: str | None = None,
) -> str:
    """The HTML view of `doc`; with page images where its PDF (`pdf_source`) is given, the boxes
    placed from the document (no second parse). `back`: a link above the parse (the index)."""
    from .html import document_html

    if pdf_source is None:
        return document_html(doc, back=back)
    with open_pdf(pdf_source) as pdf:
        trace = document_trace(doc, pdf)
        wanted = parse_pages(pages, len(pdf.pages))
        images = page_images(pdf, trace, wanted, resolution or DEFAULT_RESOLUTION)
    return document_html(doc, images, trace=trace, back=back)


@attrs.frozen
class Shown:
    """What `show` made: the document, its trace, the PNG of each page shown, the files written."""

    document: Document
    trace: Trace
    images: dict[int, bytes]
    files: tuple[Path, ...] = ()
    html: str | None = None


def show(
    source: Input,
    output: str | os.PathLike[str] | None = None,
    *,
    pages: str | Sequence[int] | None = None,
    html: bool = False,
    resolution: int = DEFAULT_RESOLUTION,
    progress: ProgressFn | None = None,
) -> Shown:
    """Parse `source` (a path or bytes) and draw what was found over its pages.

    `pages` selects pages ('1,3-4' or a list; all by default). With `html`, one self-contained
    HTML view (page images beside the parse) is made, else one PNG per page. `output` is where it
    goes: the HTML file; or a folder for the PNGs (`<stem>.page<N>.png`), or a `.png` file name
    when one page is shown. Nothing is written when `output` is None; the images and the HTML
    are in the returned `Shown` either way. `progress` (stage, done, total) hears of each stage
    and page (`views.progress.terminal_bar` draws it).
    """
    from .html import document_html

    doc, found = parse_traced(source, progress)
    with open_pdf(source) as pdf:
        wanted = parse_pages(pages, len(pdf.pages))
        if progress is not None:
            progress("placing boxes", 0, 0)
        trace = document_trace(doc, pdf, found)
        images = page_images(pdf, trace, wanted, resolution, progress)
    text = document_html(doc, images, trace=trace) if html else None
    files: list[Path] = []
    if output is not None:
        out = Path(output)
        if text is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            files.append(out)
        elif out.suffix.lower() == ".png" and len(images) == 1:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(next(iter(images.values())))
            files.append(out)
        else:
            out.mkdir(parents=True, exist_ok=True)
            stem = Path(os.fspath(source)).stem if not isinstance(source, bytes) else "document"
            for n, png in images.items():
                target = out / f"{stem}.page{n}.png"
                target.write_bytes(png)
                files.append(target)
    return Shown(doc, trace, images, tuple(files), text)
