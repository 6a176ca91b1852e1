"""Stage 1, reading, on playa-pdf: the same `PdfData` as the pdfplumber reader, at about a third
of its cost.

playa interprets the content streams in compiled code and hands out text and paths lazily;
`pdf.playa_page` turns each page into exactly the character, line, rectangle and curve
dictionaries pdfplumber would have made (pdfminer's placement of glyphs, pdfplumber's
coordinates and colours), and the pdfplumber reader's own functions (`words.chars_to_words`,
`rulings.page_rulings`) make the records. So both readers share every decision after the raw
objects; only the interpretation of the PDF differs.

Pages can be read in parallel: `read_pdf(..., workers=2)` splits the pages of a large document
into ranges read by a process pool (each worker opens the same bytes), so a 200-page report parsed
alone keeps both cores busy. Inside a daemonic process (a batch worker) the pages are read in
order.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..errors import AnswerParserError, TooLargeError
from . import guards, rotation, streams
from .playa_fonts import miner_font
from .playa_page import PageObjects, collect, hyperlinks
from .reading import _classify, check_header, check_text, contents_broken, read_bytes
from .records import Link, PageData, PdfData, Source
from .rulings import page_rulings
from .settings import DEFAULT_READING_SETTINGS, ReadingSettings
from .words import chars_to_words

#: told (stage, done, total) as the pages are read, as `pipeline.Progress`
Progress = Callable[[str, int, int], None]
#: one page read: its records, its characters without a place, whether its /Contents is damaged
Read = tuple[PageData, int, bool]

# playa logs what it repairs (a truncated stream, a bad font) at WARNING: into the application's
# logging if it has any, never to standard error through logging's last resort
logging.getLogger("playa").addHandler(logging.NullHandler())

#: parallel reading: fewer pages than this per worker are read in this process (a pool costs
#: about 30 ms to start and pickling the records back about 1 ms a page)
MIN_PAGES_PER_WORKER = 8
#: parallel reading: each worker's share is cut into this many ranges, so that a slow range (a
#: page of dense tables) does not leave the other worker idle at the end
RANGES_PER_WORKER = 4


def read_pdf(
    source: Source,
    settings: ReadingSettings = DEFAULT_READING_SETTINGS,
    progress: Progress | None = None,
    *,
    workers: int = 1,
) -> PdfData:
    """Open a PDF once with playa and copy every page into plain records (`progress` is told of
    each page, or of each range of pages read in parallel).

    `workers` > 1 reads page ranges in that many processes (when the document has enough pages).
    Raises the same subclasses of AnswerParserError as the pdfplumber reader.
    """
    data, path = read_bytes(source, settings)
    start = check_header(data, path)
    sha256 = hashlib.sha256(data).hexdigest()
    data = data[start:] if start else data  # junk before %PDF- skipped, as pdfplumber's reader does
    try:
        with _open(data) as pdf:
            count = len(pdf.pages)
            if count > settings.max_pages:
                raise TooLargeError(f"{count} pages, more than {settings.max_pages}", path=path)
            producer = _producer(pdf)
            ranges = _ranges(count, workers)
            if len(ranges) > 1:
                read = _read_parallel(data, ranges, settings, min(workers, len(ranges)), progress)
            else:
                read = tuple(_read_pages(pdf.pages, count, settings, progress))
            pages = tuple(page for page, _, _ in read)
            unplaced = sum(n for _, n, _ in read)
            broken = [page.number for page, _, bad in read if bad]
    except AnswerParserError:
        raise
    except Exception as exc:  # playa raises many unrelated types for broken files
        raise _classify(exc, path) from exc
    check_text(pages, unplaced, broken, path)
    return PdfData(path=path, sha256=sha256, producer=producer, pages=pages)


# -- parallel pages -------------------------------------------------------------------------------


def _ranges(count: int, workers: int) -> list[range]:
    """Page ranges for `workers` processes: one range (this process) for small documents."""
    if workers <= 1 or multiprocessing.current_process().daemon:
        return [range(count)]
    workers = min(workers, count // MIN_PAGES_PER_WORKER)
    if workers <= 1:
        return [range(count)]
    size = math.ceil(count / (workers * RANGES_PER_WORKER))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


_worker_pdf: Any = None  # a worker's own playa document over the bytes: opened once, fonts loaded once


def _init_worker(data: bytes) -> None:
    global _worker_pdf
    _worker_pdf = _open(data)


def _read_range(pages: range, settings: ReadingSettings) -> tuple[Read, ...]:
    return tuple(_read_page(_worker_pdf.pages[i], settings) for i in pages)


def _read_parallel(
    data: bytes, ranges: list[range], settings: ReadingSettings, workers: int, progress: Progress | None
) -> tuple[Read, ...]:
    # fork: the workers inherit the bytes and the imported modules instead of unpickling them
    context = multiprocessing.get_context("fork")
    pages: list[Read] = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(data,)) as pool:
        for part in pool.map(_read_range, ranges, [settings] * len(ranges)):
            pages.extend(part)
            if progress is not None:
                progress("reading pages", len(pages), ranges[-1].stop)
    return tuple(pages)


def _read_pages(
    pages: Iterable[Any], count: int, settings: ReadingSettings, progress: Progress | None
) -> Iterator[Read]:
    for n, page in enumerate(pages, 1):
        yield _read_page(page, settings)
        if progress is not None:
            progress("reading pages", n, count)


# -- document ---------------------------------------------------------------------------------------


def _open(data: bytes) -> Any:
    """playa's document over `data`, its fonts measured as pdfminer measures them (`_miner_font`),
    its streams decoded under the stream bound (`_guarded_document`)."""
    pdf = _guarded_document()(data, space="page")
    pdf._ncpus = 1  # as playa.parse(data, max_workers=1): no playa worker pool
    load_font = pdf.get_font

    def get_font(objid: int = 0, spec: dict[str, Any] | None = None) -> Any:
        return miner_font(load_font(objid, spec))

    setattr(pdf, "get_font", get_font)  # noqa: B010 (mypy refuses assigning to a method)
    return pdf


@functools.cache
def _guarded_document() -> type[Any]:
    """playa's `Document`, every stream it fetches passed to `streams.predecode` (its LZW and
    RunLength filters decoded here, bounded) when a guarded parse runs. The cross-reference
    streams playa reads and the object streams it decodes while rebuilding a broken
    cross-reference table are not fetched: playa's constructors of those are wrapped (once per
    process, in `playa.document`, which looks them up there) to `streams.check` them first."""
    from playa import document  # imported here: keeps `import answer_parser` light for CLI startup
    from playa.parser import IndirectObjectParser
    from playa.pdftypes import ContentStream
    from playa.xref import FIND_INDOBJR, LITERAL_OBJSTM, XRefFallback, XRefStream

    def check_at(buffer: Any, pos: int, guard: guards.Guard, objstm_only: bool) -> None:
        try:
            _, obj = next(IndirectObjectParser(buffer, doc=None, pos=pos))
        except Exception:  # not an object: playa reports it as it does
            return
        stream = obj.obj
        if type(stream) is ContentStream and (not objstm_only or stream.get("Type") is LITERAL_OBJSTM):
            streams.check(stream, guard)

    def xref_stream(doc: Any = None, pos: int = 0, offset: int = 0) -> Any:
        guard = guards.current()
        if guard is not None and doc is not None:
            check_at(doc.buffer, pos, guard, objstm_only=False)
        return XRefStream(doc, pos=pos, offset=offset)

    def xref_fallback(doc: Any = None, pos: int = 0, offset: int = 0) -> Any:
        guard = guards.current()
        if guard is not None and doc is not None:
            for m in FIND_INDOBJR.finditer(doc.buffer):  # the objects XRefFallback parses
                check_at(doc.buffer, m.start(0), guard, objstm_only=True)
        return XRefFallback(doc, pos=pos, offset=offset)

    setattr(document, "XRefStream", xref_stream)  # noqa: B010
    setattr(document, "XRefFallback", xref_fallback)  # noqa: B010

    class GuardedDocument(document.Document):
        def __getitem__(self, objid: int) -> Any:
            obj = super().__getitem__(objid)
            # not isinstance: playa's compiled ContentStream shares the ABC registry of Mapping,
            # so every dict passes isinstance once a dict has passed isinstance(.., Mapping)
            if type(obj) is ContentStream:
                guard = guards.current()
                seen: set[int] = self.__dict__.setdefault("_answer_parser_decoded", set())
                if guard is not None and objid not in seen:
                    seen.add(objid)
                    streams.predecode(obj, guard)
            return obj

    return GuardedDocument


def _producer(pdf: Any) -> str | None:
    """/Producer as pdfplumber reads it: the /Info of every trailer merged, newest first, so that
    an older trailer's value wins (pdfplumber's `metadata.update` over pdfminer's list)."""
    from playa.pdftypes import resolve1

    metadata: dict[str, Any] = {}
    for xref in pdf.xrefs:
        info = resolve1(xref.trailer.get("Info"))
        if isinstance(info, dict):
            metadata.update(info)
    value = _decode(resolve1(metadata.get("Producer")))
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    return str(value) if value else None


def _decode(value: Any) -> Any:
    from playa.pdftypes import PSLiteral
    from playa.utils import decode_text

    if isinstance(value, PSLiteral):
        return decode_text(value.name.encode("latin-1", "replace"))
    if isinstance(value, bytes):
        return decode_text(value)
    return value


def _read_page(page: Any, settings: ReadingSettings) -> Read:
    """The page's records, its characters that have no place (singular transformation), and
    whether its /Contents is damaged (not a content stream)."""
    from playa.pdftypes import ContentStream, resolve1

    contents = [resolve1(c) for c in page._contents]
    broken = contents_broken(contents, lambda c: type(c) is ContentStream)
    target = PageObjects(page, settings.max_page_objects, settings.max_page_content_mb)
    for stream in contents:
        if type(stream) is ContentStream:
            target.take_content(stream)  # decoded here, bounded; playa reads the bytes
    collect(page, target)
    target.hyperlinks = list(hyperlinks(page, target))
    # sideways text turned back, as the pdfplumber reader does (text all left to right: nothing to do)
    view = rotation.upright_view(target) if target.turned else target
    chars = [c for c in view.chars if c.get("upright", True)]
    words = tuple(chars_to_words(chars, settings))
    edges, fills = page_rulings(view)
    links = tuple(
        Link(str(h["uri"]), float(h["x0"]), float(h["top"]), float(h["x1"]), float(h["bottom"]))
        for h in view.hyperlinks
        if h.get("uri")
    )
    unplaced = 0 if words else target.unplaced + rotation.unplaceable(target.chars)
    data = PageData(
        number=target.page_number,
        width=float(view.width),
        height=float(view.height),
        words=words,
        edges=edges,
        links=links,
        fills=fills,
        rotation=90 * int(getattr(view, "quarter", 0)),  # the quarter turns `rotation` applied
    )
    return data, unplaced, broken
