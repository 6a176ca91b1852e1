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
from pathlib import Path
from typing import Any

from ..errors import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    TooLargeError,
    UnreadableFileError,
)
from .records import Link, PageData, PdfData, Source
from .rulings import page_rulings
from .settings import DEFAULT_READING_SETTINGS, ReadingSettings
from .words import chars_to_words


def read_bytes(source: Source) -> tuple[bytes, str | None]:
    """The input's bytes and, where it has one, its path."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            return Path(path).read_bytes(), path
        except OSError as exc:
            raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    data = source.read()
    name = getattr(source, "name", None)
    return bytes(data), name if isinstance(name, str) else None


def check_header(data: bytes, path: str | None) -> None:
    """Refuse what is not a PDF before pdfminer sees it."""
    if not data:
        raise EmptyFileError("the file is empty", path=path)
    if b"%PDF-" not in data[:1024]:
        raise NotAPDFError("not a PDF (no %PDF- header)", path=path)


def read_pdf(
    source: Source,
    settings: ReadingSettings = DEFAULT_READING_SETTINGS,
    progress: Callable[[str, int, int], None] | None = None,
) -> PdfData:
    """Open a PDF once and copy every page into plain records (`progress` is told of each page).

    Raises a subclass of AnswerParserError for anything that cannot be read.
    """
    data, path = read_bytes(source)
    check_header(data, path)
    sha256 = hashlib.sha256(data).hexdigest()
    import pdfplumber  # imported here: keeps `import answer_parser` light for CLI startup

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > settings.max_pages:
                raise TooLargeError(f"{len(pdf.pages)} pages, more than {settings.max_pages}", path=path)
            producer = _producer(pdf.metadata)
            pages = tuple(_read_pages(pdf.pages, settings, progress))
    except AnswerParserError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise _classify(exc, path) from exc
    if not pages:
        raise DamagedPDFError("the PDF has no pages", path=path)
    if not any(p.words for p in pages):
        raise NoTextLayerError("no page has a text layer (a scan without OCR?)", path=path)
    return PdfData(path=path, sha256=sha256, producer=producer, pages=pages)


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
    if isinstance(exc, MemoryError | RecursionError):
        return DamagedPDFError(f"the PDF cannot be read within limits ({name})", path=path)
    return DamagedPDFError(f"the PDF is damaged: {name}: {text}"[:300], path=path)


def _producer(metadata: dict[str, Any]) -> str | None:
    value = metadata.get("Producer")
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    return str(value) if value else None


def _read_pages(
    pages: Sequence[Any], settings: ReadingSettings, progress: Callable[[str, int, int], None] | None = None
) -> Iterator[PageData]:
    for n, page in enumerate(pages, 1):
        try:
            yield _read_page(page, settings)
        finally:
            close = getattr(page, "close", None)
            if close is not None:
                close()
        if progress is not None:
            progress("reading pages", n, len(pages))


def _read_page(page: Any, settings: ReadingSettings) -> PageData:
    chars = [c for c in page.chars if c.get("upright", True)]
    words = tuple(chars_to_words(chars, settings))
    edges, fills = page_rulings(page)
    links = tuple(
        Link(str(h["uri"]), float(h["x0"]), float(h["top"]), float(h["x1"]), float(h["bottom"]))
        for h in page.hyperlinks
        if h.get("uri")
    )
    return PageData(
        number=int(page.page_number),
        width=float(page.width),
        height=float(page.height),
        words=words,
        edges=edges,
        links=links,
        fills=fills,
    )
