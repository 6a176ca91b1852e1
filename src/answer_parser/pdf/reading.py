"""Stage 1, reading: PDF bytes -> plain page records (words, ruling edges, links).

The only module that opens a PDF (pdfplumber, imported when the first PDF is read, so that
`import answer_parser` stays light). Pages are read one at a time and released as soon as
they are copied into the records of `pdf.records`; `pdf.words` groups their characters into
words and `pdf.rulings` finds their visible rules.

Input: a path, bytes or a binary file. Output: `PdfData`.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    TooLargeError,
    UnplaceableTextError,
)
from . import guards, rotation
from .records import Link, PageData, PdfData, Source
from .rulings import page_rulings
from .settings import DEFAULT_READING_SETTINGS, ReadingSettings
from .words import chars_to_words


def read_bytes(
    source: Source, settings: ReadingSettings = DEFAULT_READING_SETTINGS
) -> tuple[bytes, str | None]:
    """The input's bytes and, where it has one, its path (FIFOs, devices and files over the size
    bound refused before reading: see `pdf.guards.open_source`)."""
    limits = guards.limits_of(settings)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        path = None
    elif isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        return guards.open_source(path, limits), path
    else:
        data = source.read(limits.max_file_mb * guards.MIB + 1)
        name = getattr(source, "name", None)
        path = name if isinstance(name, str) else None
    if len(data) > limits.max_file_mb * guards.MIB:
        raise TooLargeError(f"more than {limits.max_file_mb} MiB", path=path)
    return bytes(data), path


def check_header(data: bytes, path: str | None) -> int:
    """Refuse what is not a PDF before pdfminer sees it; where the PDF starts (after any junk)."""
    if not data:
        raise EmptyFileError("the file is empty", path=path)
    start = guards.find_header(data)
    if start < 0:
        raise NotAPDFError("not a PDF (no %PDF- header)", path=path)
    return start


def read_pdf(
    source: Source,
    settings: ReadingSettings = DEFAULT_READING_SETTINGS,
    progress: Callable[[str, int, int], None] | None = None,
) -> PdfData:
    """Open a PDF once and copy every page into plain records (`progress` is told of each page).

    Raises a subclass of AnswerParserError for anything that cannot be read.
    """
    data, path = read_bytes(source, settings)
    start = check_header(data, path)
    sha256 = hashlib.sha256(data).hexdigest()
    import pdfplumber  # imported here: keeps `import answer_parser` light for CLI startup

    guards.install_pdfminer()

    unplaced = [0]  # characters under a singular transformation, on every page
    broken: list[int] = []  # pages whose /Contents is not a content stream
    try:
        # junk before %PDF- is skipped, so that the cross-reference offsets hold
        with pdfplumber.open(io.BytesIO(memoryview(data)[start:] if start else data)) as pdf:
            if len(pdf.pages) > settings.max_pages:
                raise TooLargeError(f"{len(pdf.pages)} pages, more than {settings.max_pages}", path=path)
            producer = _producer(pdf.metadata)
            pages = tuple(_read_pages(pdf.pages, settings, unplaced, broken, progress))
    except AnswerParserError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise _classify(exc, path) from exc
    check_text(pages, unplaced[0], broken, path)
    return PdfData(path=path, sha256=sha256, producer=producer, pages=pages)


def check_text(pages: Sequence[PageData], unplaced: int, broken: Sequence[int], path: str | None) -> None:
    """Refuse a PDF without any word, saying why: no pages (`damaged_pdf`), text drawn where it
    has no place (`unplaceable_text`), a page whose /Contents is not a content stream
    (`damaged_pdf`: not a scan), else no text layer (`no_text_layer`, a scan without OCR)."""
    if not pages:
        raise DamagedPDFError("the PDF has no pages", path=path)
    if any(p.words for p in pages):
        return
    if unplaced:
        raise UnplaceableTextError(
            f"{unplaced} characters, all drawn under a singular transformation: text that has no place",
            path=path,
        )
    if broken:
        raise DamagedPDFError(
            f"no text, and the /Contents of page {broken[0]} is not a content stream", path=path
        )
    raise NoTextLayerError("no page has a text layer (a scan without OCR?)", path=path)


def contents_broken(contents: Sequence[Any], is_stream: Callable[[Any], bool]) -> bool:
    """Whether a page's /Contents (the reader's resolved list) holds something that is not a
    content stream (a damaged file: the page reads as empty)."""
    return any(not is_stream(c) for c in contents)


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors: the first argument or the cause is the real one."""
    seen = 0
    while seen < 5:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
        if inner is None:
            break
        exc, seen = inner, seen + 1
    return exc


def _classify(outer: Exception, path: str | None) -> AnswerParserError:
    exc = _root_cause(outer)
    name = type(exc).__name__
    text = str(exc) or name
    if "Password" in name or "Encrypt" in name or "password" in text.lower():
        return EncryptedPDFError(f"the PDF is encrypted ({name})", path=path)
    if isinstance(exc, MemoryError):
        return TooLargeError(f"the PDF cannot be read within limits ({name})", path=path)
    if isinstance(exc, RecursionError):
        return DamagedPDFError(f"the PDF cannot be read within limits ({name})", path=path)
    return DamagedPDFError(f"the PDF is damaged: {name}: {text}"[:300], path=path)


def _producer(metadata: dict[str, Any]) -> str | None:
    value = metadata.get("Producer")
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    return str(value) if value else None


def _read_pages(
    pages: Sequence[Any],
    settings: ReadingSettings,
    unplaced: list[int],
    broken: list[int],
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[PageData]:
    from pdfminer.pdftypes import PDFStream, resolve1

    guard = guards.current()
    for n, page in enumerate(pages, 1):
        if guard is not None:
            guard.new_page()
        if contents_broken(page.page_obj.contents, lambda c: isinstance(resolve1(c), PDFStream)):
            broken.append(n)
        try:
            data = _read_page(rotation.upright_view(page), settings)  # sideways text turned back
            if not data.words:
                unplaced[0] += rotation.unplaceable(page.chars)
            yield data
        finally:
            close = getattr(page, "close", None)
            if close is not None:
                close()
        if progress is not None:
            progress("reading pages", n, len(pages))


def _read_page(page: Any, settings: ReadingSettings) -> PageData:
    edges, fills = page_rulings(page)
    links = tuple(
        Link(str(h["uri"]), float(h["x0"]), float(h["top"]), float(h["x1"]), float(h["bottom"]))
        for h in page.hyperlinks
        if h.get("uri")
    )
    width, height = float(page.width), float(page.height)
    # `rotation.upright_view` already turned a page whose text runs sideways or upside down
    rotation = 90 * int(getattr(page, "quarter", 0))
    chars = [c for c in page.chars if c.get("upright", True)]
    return PageData(
        number=int(page.page_number),
        width=width,
        height=height,
        words=tuple(chars_to_words(chars, settings)),
        edges=edges,
        links=links,
        fills=fills,
        rotation=rotation,
    )
