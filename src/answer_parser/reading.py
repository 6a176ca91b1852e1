"""Stage 1, reading: PDF bytes -> plain page records (words, ruling edges, links).

The only module that touches pdfplumber's page objects. Every later stage works on the frozen
records defined here. Pages are read one at a time and released as soon as they are copied.

Input: bytes (with an optional path for messages). Output: `PdfData`.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from .errors import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    TooLargeError,
    UnreadableFileError,
)
from .settings import DEFAULT_SETTINGS, Settings

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


@attrs.frozen(cache_hash=True)  # words live in sets and frozensets: hash each once
class Word:
    """A run of characters without a space, with its box (pdfplumber coordinates, top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@attrs.frozen
class Edge:
    """A visible ruling segment: horizontal ('h', top == bottom) or vertical ('v', x0 == x1)."""

    orientation: str
    x0: float
    x1: float
    top: float
    bottom: float


@attrs.frozen
class Link:
    uri: str
    x0: float
    top: float
    x1: float
    bottom: float


@attrs.frozen
class Filled:
    """A filled, visible rectangle wider and taller than a rule (cell shading, a highlight)."""

    x0: float
    x1: float
    top: float
    bottom: float


@attrs.frozen
class PageData:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    edges: tuple[Edge, ...]
    links: tuple[Link, ...]
    fills: tuple[Filled, ...] = ()


@attrs.frozen
class PdfData:
    path: str | None
    sha256: str
    producer: str | None
    pages: tuple[PageData, ...]


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


def read_pdf(source: Source, settings: Settings = DEFAULT_SETTINGS) -> PdfData:
    """Open a PDF once and copy every page into plain records.

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
            pages = tuple(_read_pages(pdf.pages, settings))
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


def _read_pages(pages: Iterable[Any], settings: Settings) -> Iterator[PageData]:
    for page in pages:
        try:
            yield _read_page(page, settings)
        finally:
            close = getattr(page, "close", None)
            if close is not None:
                close()


def _read_page(page: Any, settings: Settings) -> PageData:
    chars = [c for c in page.chars if c.get("upright", True)]
    words = tuple(chars_to_words(chars, settings))
    edges, fills = _rulings(page)
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


_BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demi")
_bold_fonts: dict[str, bool] = {}  # font name -> bold: a document uses a handful of fonts


def _is_bold(fontname: str) -> bool:
    bold = _bold_fonts.get(fontname)
    if bold is None:
        lowered = fontname.lower()
        bold = any(mark in lowered for mark in _BOLD_MARKS)
        if len(_bold_fonts) < 10_000:
            _bold_fonts[fontname] = bold
    return bold


def chars_to_words(chars: list[dict[str, Any]], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Word]:
    """Group characters into words: same line, no space between, no gap wider than the tolerance.

    Lines are found by sorting on the character's middle; characters within `word_y_tolerance`
    of a line's first character join it. Duplicate characters drawn twice (fake bold) are dropped.
    """
    if not chars:
        return
    # Sorted on (middle rounded to 0.1, x0) as two stable sorts over plain floats: the same order,
    # without a key tuple per character (tuples are objects the garbage collector must visit).
    mids = [(c["top"] + c["bottom"]) / 2 for c in chars]
    x0s = [c["x0"] for c in chars]
    # round() with digits is slow; characters of one line share a handful of middles
    rounded_of = {m: round(m, 1) for m in set(mids)}
    rounded = [rounded_of[m] for m in mids]
    order = sorted(range(len(chars)), key=x0s.__getitem__)
    order.sort(key=rounded.__getitem__)
    tolerance = settings.word_y_tolerance
    line: list[int] = []
    line_mid = -1e9
    for i in order:
        mid = mids[i]
        if line and abs(mid - line_mid) <= tolerance:
            line.append(i)
        else:
            if line:
                line.sort(key=x0s.__getitem__)
                yield from _line_words([chars[j] for j in line], settings)
            line = [i]
            line_mid = mid
    line.sort(key=x0s.__getitem__)
    yield from _line_words([chars[j] for j in line], settings)


def _line_words(line: list[dict[str, Any]], settings: Settings) -> Iterator[Word]:
    """The words of one line of characters (in x order): a word's text, box, size and weight are
    gathered as its characters come, without a list per word."""
    x_tolerance = settings.word_x_tolerance
    bold_fonts = _bold_fonts
    last_text: str | None = None
    last_x0 = 0.0
    n = 0  # characters in the current word
    text = ""
    x0: Any = 0.0
    x1: Any = 0.0
    top: Any = 0.0
    bottom: Any = 0.0
    size = 0.0
    bold = 0
    for c in line:
        c_text = c["text"]
        c_x0 = c["x0"]
        if last_text is not None and c_text == last_text and abs(c_x0 - last_x0) < 0.5:
            continue  # the same glyph drawn twice
        last_text, last_x0 = c_text, c_x0
        if c_text.isspace():
            if n:
                yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)
            n = 0
            continue
        if n and c_x0 - x1 > x_tolerance:
            yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)
            n = 0
        c_top, c_bottom, c_size = c["top"], c["bottom"], float(c["size"])
        fontname = c.get("fontname", "")
        c_bold = bold_fonts.get(fontname) if type(fontname) is str else None
        if c_bold is None:
            c_bold = _is_bold(str(fontname))
        if n == 0:
            text, x0, top, bottom, size, bold = c_text, c_x0, c_top, c_bottom, c_size, c_bold
        else:
            text += c_text
            # min() and max() keep the first of equal values: so do these
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
            if c_size > size:
                size = c_size
            bold += c_bold
        x1 = c["x1"]
        n += 1
    if n:
        yield Word(text, float(x0), float(x1), float(top), float(bottom), size, bold * 2 >= n)


_RULE_THICKNESS = 2.5  # points: a filled rectangle thinner than this is drawn as a rule


def _visible(color: Any) -> bool:
    """False for white (or no) colour: invisible boxes must not split cells."""
    if color is None:
        return False
    values = color if isinstance(color, list | tuple) else (color,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return True
    if len(numbers) == 4:  # CMYK: white is all zero
        return any(v > 0.05 for v in numbers)
    return any(v < 0.95 for v in numbers)


def _rulings(page: Any) -> tuple[tuple[Edge, ...], tuple[Filled, ...]]:
    edges: list[Edge] = []
    fills: list[Filled] = []
    for line in page.lines:
        if not line.get("stroke", True) or not _visible(line.get("stroking_color", (0,))):
            continue
        x0, x1, top, bottom = (float(line[k]) for k in ("x0", "x1", "top", "bottom"))
        if abs(top - bottom) < 0.5:
            edges.append(Edge("h", x0, x1, top, top))
        elif abs(x0 - x1) < 0.5:
            edges.append(Edge("v", x0, x0, top, bottom))
    for rect in page.rects:
        x0, x1, top, bottom = (float(rect[k]) for k in ("x0", "x1", "top", "bottom"))
        width, height = x1 - x0, bottom - top
        filled = bool(rect.get("fill")) and _visible(rect.get("non_stroking_color"))
        stroked = bool(rect.get("stroke")) and _visible(rect.get("stroking_color"))
        if filled and height <= _RULE_THICKNESS and width > height:
            mid = (top + bottom) / 2
            edges.append(Edge("h", x0, x1, mid, mid))
        elif filled and width <= _RULE_THICKNESS and height > width:
            mid = (x0 + x1) / 2
            edges.append(Edge("v", mid, mid, top, bottom))
        else:
            if stroked:
                edges.extend(
                    (
                        Edge("h", x0, x1, top, top),
                        Edge("h", x0, x1, bottom, bottom),
                        Edge("v", x0, x0, top, bottom),
                        Edge("v", x1, x1, top, bottom),
                    )
                )
            if filled:
                fills.append(Filled(x0, x1, top, bottom))
    edges.extend(curves_to_edges(page.curves))
    return tuple(edges), tuple(fills)


def curves_to_edges(curves: Iterable[dict[str, Any]]) -> Iterator[Edge]:
    """Rules drawn as one stroked polyline (`m l l l` without closing into a rectangle).

    Some producers draw a table's borders as a single path; pdfminer reports it as a curve.
    Only paths made of straight segments count, and of those only the horizontal and vertical
    segments: a Bezier curve (a logo, a rounded box, a chart line) never becomes a rule.
    """
    for curve in curves:
        if not curve.get("stroke") or not _visible(curve.get("stroking_color", (0,))):
            continue
        path = curve.get("path") or ()
        if any(op[0] not in ("m", "l", "h") for op in path):
            continue
        for a, b in _path_segments(path):
            yield from _segment_to_edge(a, b)


def _path_segments(
    path: Iterable[tuple[Any, ...]],
) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path of `m`, `l` and `h` (close) operations."""
    start = here = None
    for op in path:
        if op[0] == "m":
            start = here = (float(op[1][0]), float(op[1][1]))
        elif op[0] == "l" and here is not None:
            there = (float(op[1][0]), float(op[1][1]))
            yield here, there
            here = there
        elif op[0] == "h" and here is not None and start is not None:
            yield here, start
            here = start


def _segment_to_edge(a: tuple[float, float], b: tuple[float, float]) -> Iterator[Edge]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.5 and abs(ax - bx) >= 1:
        y = (ay + by) / 2
        yield Edge("h", min(ax, bx), max(ax, bx), y, y)
    elif abs(ax - bx) < 0.5 and abs(ay - by) >= 1:
        x = (ax + bx) / 2
        yield Edge("v", x, x, min(ay, by), max(ay, by))
