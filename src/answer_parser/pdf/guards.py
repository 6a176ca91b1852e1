"""Reading guards: no input may hang `parse()` or make it take gigabytes.

PDF libraries trust their input. A 700-byte file whose page /Contents is a reference cycle loops
pdfminer's `resolve1` for ever; a 1 MB Flate stream inflates to 2 GB; a page of a million 1-pt
characters builds a million layout objects. The guards put bounds around one parse, whichever
reader reads it:

- `guarded(limits)`: a context for one parse. Inside it

  * no stream decodes to more than `max_stream_mb` (`TooLargeError`): Flate inflation is bounded
    in zlib itself for both readers; LZW and RunLength are decoded in one bounded pass, before
    playa sees them and in place of pdfminer's decoders (`pdf.streams`);
  * pdfminer (the pdfplumber reader, hooked by `install_pdfminer`): an indirect reference that
    leads back to itself raises `DamagedPDFError` (`PDFObjRef.resolve` follows a chain of
    references with a seen-set), and no page adds more than `max_page_objects` layout objects
    (characters, rules, images): `TooLargeError` (the playa reader counts its own objects);
  * a watchdog thread ends the parse after `timeout` seconds (`ParseTimeoutError`, code
    `timeout`) or when the process's resident memory has grown by more than `max_memory_mb`
    (`TooLargeError`, code `too_large`): the same codes as the batch's limits;
  * pdfminer's, pdfplumber's and playa's log records go to the `answer_parser.pdf` logger at
    DEBUG level, formatted safely (they format deeply nested objects with `%r`, which raises
    RecursionError inside the logging call), instead of reaching standard error through
    logging's last resort or an application's handler.

- `open_source(path, limits)`: the bytes of a file, refusing FIFOs, devices and folders before
  anything is read (`NotARegularFileError`, code `unreadable`) and files larger than
  `max_file_mb` (`TooLargeError`).

- `find_header(data)`: where `%PDF-` starts, looked for in the first `HEADER_SEARCH_BYTES`.

The hooks are installed once, on first use, and do nothing outside `guarded` (another user of
pdfminer or zlib in the same process sees their own behaviour). The watchdog interrupts the
parsing thread with `PyThreadState_SetAsyncExc`, which works in any thread (unlike SIGALRM) and
never touches a signal handler the caller or the batch has installed. Like a signal handler it
acts between Python bytecodes: a long call in C (or in playa's compiled code) is interrupted when
it returns to Python; the stream bounds keep those calls short.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import logging
import os
import reprlib
import stat
import threading
from collections.abc import Iterator
from typing import Any, NoReturn

import attrs

from ..errors import (
    AnswerParserError,
    DamagedPDFError,
    NotARegularFileError,
    ParseTimeoutError,
    ReferenceCycleError,
    TooLargeError,
    UnreadableFileError,
)
from . import streams
from .settings import ReadingSettings
from .watchdog import Deadline, OverMemory, Watchdog

__all__ = [
    "HEADER_SEARCH_BYTES",
    "Guard",
    "Limits",
    "NotARegularFileError",
    "ReferenceCycleError",
    "current",
    "find_header",
    "guarded",
    "limits_of",
    "open_source",
]

MIB = 1 << 20

#: `%PDF-` is looked for in this many leading bytes. The PDF reference lets readers stop at 1024,
#: but archives hold files after mail, HTTP or printer preambles of several kilobytes and pdfminer
#: finds the objects wherever they are; the bound only spares a full scan of a non-PDF.
HEADER_SEARCH_BYTES = 1 * MIB


def _positive_or_none(_instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"{attribute.name} must be positive or None, got {value!r}")


def _positive(_instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


@attrs.frozen
class Limits:
    """The bounds of one parse (the guard group of `Settings`)."""

    #: seconds one `parse()` may take, None for none: the batch's default per-file limit
    timeout: float | None = attrs.field(default=300.0, validator=_positive_or_none)
    #: MiB the process's resident memory may grow by during one parse, None for none: the batch's
    #: default address-space bound per worker
    max_memory_mb: int | None = attrs.field(default=2048, validator=_positive_or_none)
    #: MiB one stream may inflate to: the largest content stream of an answer in the corpus is a
    #: few MB; a page image is not inflated by the reader at all
    max_stream_mb: int = attrs.field(default=64, validator=_positive)
    #: layout objects (characters, rules, images) one page may hold: the densest corpus page (a
    #: table of small print) holds about 25,000; four times that costs ~250 MB
    max_page_objects: int = attrs.field(default=100_000, validator=_positive)
    #: MiB of content (page and form streams, decoded) one page may hold: the densest corpus page
    #: holds 0.2 MB; a MiB of path operators costs ~50 MB and ~2 s to interpret
    max_page_content_mb: int = attrs.field(default=8, validator=_positive)
    #: MiB a file may have: parliament PDFs are at most tens of MB; the whole file is read to memory
    max_file_mb: int = attrs.field(default=512, validator=_positive)


DEFAULT_LIMITS = Limits()


def limits_of(settings: ReadingSettings) -> Limits:
    """The guard bounds of the reading settings (`Settings().reading`)."""
    return Limits(
        timeout=settings.timeout,
        max_memory_mb=settings.max_memory_mb,
        max_stream_mb=settings.max_stream_mb,
        max_page_objects=settings.max_page_objects,
        max_page_content_mb=settings.max_page_content_mb,
        max_file_mb=settings.max_file_mb,
    )


class _Tripped(BaseException):
    """Raised inside pdfminer when a guard trips. A BaseException, so that pdfminer's and
    pdfplumber's `except Exception` cannot swallow it; `guarded` turns it into its error."""

    def __init__(self, error: AnswerParserError) -> None:
        super().__init__(error.message)
        self.error = error

    def __reduce__(self) -> tuple[Any, ...]:  # raised in a worker reading pages in parallel
        return (_Tripped, (self.error,))


@attrs.define
class Guard:
    """The state of one guarded parse."""

    limits: Limits
    path: str | None = None
    page_objects: int = 0
    page_content: int = 0  # bytes of content streams interpreted on this page (pdfminer)
    tripped: AnswerParserError | None = None

    def trip(self, error: AnswerParserError) -> NoReturn:
        """Remember `error` (in case a library swallows what is raised) and unwind."""
        if self.tripped is None:
            self.tripped = error
        raise _Tripped(self.tripped)

    def new_page(self) -> None:
        """Start counting the objects and the content of the next page."""
        self.page_objects = 0
        self.page_content = 0

    def check(self) -> None:
        """Raise the error of a guard that tripped but whose exception a library swallowed."""
        if self.tripped is not None:
            raise self.tripped


_current: contextvars.ContextVar[Guard | None] = contextvars.ContextVar("answer_parser_guard", default=None)


def current() -> Guard | None:
    """The guard of the parse running in this thread, if any."""
    return _current.get()


# -- pdfminer hooks ------------------------------------------------------------------------------


_installed = False
_install_lock = threading.Lock()


def install_pdfminer() -> None:
    """Hook the guards into pdfminer (once per process; the pdfplumber reader calls it before it
    opens a PDF, so that a process reading with playa only never imports pdfminer's layout)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        from pdfminer import layout, pdfinterp, pdftypes

        original_resolve = pdftypes.PDFObjRef.resolve

        def resolve(self: pdftypes.PDFObjRef, default: object = None) -> Any:
            result = original_resolve(self, default)
            guard = _current.get()
            if guard is None or not isinstance(result, pdftypes.PDFObjRef):
                return result
            seen = {self.objid}
            while isinstance(result, pdftypes.PDFObjRef):  # a reference to a reference: follow it here
                if result.objid in seen:
                    guard.trip(
                        ReferenceCycleError(
                            f"the PDF is damaged: object {self.objid} refers to itself through a cycle of "
                            f"{len(seen)} references",
                            path=guard.path,
                        )
                    )
                seen.add(result.objid)
                result = original_resolve(result, default)
            return result

        original_decode = pdftypes.PDFStream.decode

        def decode(self: pdftypes.PDFStream) -> None:
            original_decode(self)
            guard = _current.get()
            if (
                guard is not None
                and self.data is not None
                and len(self.data) > guard.limits.max_stream_mb * MIB
            ):
                self.data = b""  # LZW or run-length output: give the memory back first
                streams.too_large(guard)

        def add(self: layout.LTContainer[Any], obj: Any) -> None:
            self._objs.append(obj)
            guard = _current.get()
            if guard is not None:
                guard.page_objects += 1
                if guard.page_objects > guard.limits.max_page_objects:
                    guard.trip(
                        TooLargeError(
                            f"a page holds more than {guard.limits.max_page_objects:,} objects",
                            path=guard.path,
                        )
                    )

        streams.hook_pdfminer(pdftypes)
        original_render = pdfinterp.PDFPageInterpreter.render_contents

        def render_contents(self: Any, resources: Any, contents: Any, *args: Any, **kwargs: Any) -> None:
            guard = _current.get()
            if guard is not None:  # a page's streams and each form it draws: charged before interpreting
                for stream in contents:
                    data = pdftypes.stream_value(stream).get_data()  # decoded once, kept by pdfminer
                    guard.page_content += len(data) if data is not None else 0
                if guard.page_content > guard.limits.max_page_content_mb * MIB:
                    guard.trip(
                        TooLargeError(
                            f"a page holds more than {guard.limits.max_page_content_mb} MiB of content",
                            path=guard.path,
                        )
                    )
            original_render(self, resources, contents, *args, **kwargs)

        setattr(pdfinterp.PDFPageInterpreter, "render_contents", render_contents)  # noqa: B010
        pdftypes.PDFObjRef.resolve = resolve  # type: ignore[method-assign]
        pdftypes.PDFStream.decode = decode  # type: ignore[method-assign]
        layout.LTLayoutContainer.add = add  # type: ignore[method-assign]
        _installed = True


# -- pdfminer's log ------------------------------------------------------------------------------

LOG = logging.getLogger("answer_parser.pdf")
_safe_repr = reprlib.Repr()
_safe_repr.maxlevel = 3
_safe_repr.maxstring = 80
_safe_repr.maxother = 80


class _Forward(logging.Handler):
    """pdfminer's records, re-logged on `answer_parser.pdf` at DEBUG with arguments shortened
    by reprlib (never formatted with a plain %r, which recurses without end on nested arrays)."""

    def emit(self, record: logging.LogRecord) -> None:
        guard = _current.get()
        if not LOG.isEnabledFor(logging.DEBUG):
            return
        try:
            args = record.args if isinstance(record.args, tuple) else (record.args,) if record.args else ()
            text = str(record.msg) % tuple(_safe_repr.repr(a) for a in args) if args else str(record.msg)
        except Exception:  # a malformed template: keep the template
            text = str(record.msg)
        where = f"{guard.path}: " if guard is not None and guard.path else ""
        source = record.name.split(".")[0]
        LOG.debug("%s%s %s: %s", where, source, record.levelname.lower(), text[:500])


#: the libraries whose log records a guarded parse re-logs (pdfplumber warns about metadata)
ROUTED_LOGGERS = ("pdfminer", "pdfplumber", "playa")
_forward = _Forward()
_routing = 0
_routing_lock = threading.Lock()
_saved_propagate: dict[str, bool] = {}


@contextlib.contextmanager
def _route_pdfminer_log() -> Iterator[None]:
    """While any guarded parse runs, pdfminer's and pdfplumber's records go through `_Forward` only."""
    global _routing
    with _routing_lock:
        if _routing == 0:
            for name in ROUTED_LOGGERS:
                logger = logging.getLogger(name)
                _saved_propagate[name] = logger.propagate
                logger.addHandler(_forward)
                logger.propagate = False
        _routing += 1
    try:
        yield
    finally:
        with _routing_lock:
            _routing -= 1
            if _routing == 0:
                for name in ROUTED_LOGGERS:
                    logger = logging.getLogger(name)
                    logger.removeHandler(_forward)
                    logger.propagate = _saved_propagate.get(name, True)


@contextlib.contextmanager
def guarded(limits: Limits = DEFAULT_LIMITS, path: str | None = None) -> Iterator[Guard]:
    """Run one parse under `limits`; every bound that trips ends in its `AnswerParserError`.

    Nested use (a parse inside a parse) keeps the outer guard.
    """
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    streams.install(current)
    guard = Guard(limits, path)
    token = _current.set(guard)
    watchdog = (
        Watchdog(limits.timeout, limits.max_memory_mb, threading.get_ident())
        if limits.timeout or limits.max_memory_mb
        else None
    )
    error: AnswerParserError | None = None
    try:
        try:
            with _route_pdfminer_log():
                if watchdog is not None:
                    watchdog.start()
                try:
                    yield guard
                finally:
                    if watchdog is not None:
                        watchdog.stop()
        # Each handler only names the error: it is raised below, once the exception (whose
        # traceback holds every frame of the parse, and so its memory) has been let go.
        except _Tripped as exc:
            error = exc.error
            if error.path is None:  # an error that crossed from a page-reading worker
                error.path = path
        except Deadline:
            error = ParseTimeoutError(f"parsing took longer than {limits.timeout:g} s", path=path)
        except OverMemory:
            error = TooLargeError(f"parsing needed more than {limits.max_memory_mb} MiB of memory", path=path)
        except MemoryError:
            error = TooLargeError("out of memory while parsing", path=path)
        except RecursionError:
            error = DamagedPDFError("the PDF is nested too deeply to be read (RecursionError)", path=path)
        except AnswerParserError as exc:
            if guard.tripped is None and not _caused_by_memory(exc):
                raise
            # a library wrapped or replaced our exception, or a MemoryError
            error = guard.tripped or TooLargeError(f"out of memory while parsing ({exc.message})", path=path)
        except Exception:
            guard.check()
            raise
        if error is None:
            guard.check()
    finally:
        _current.reset(token)
    if error is not None:
        gc.collect()  # the parse's objects are unreachable now: give their memory back first
        raise error


def _caused_by_memory(exc: BaseException) -> bool:
    """Whether a MemoryError lies in the chain of causes (pdfplumber wraps pdfminer's errors)."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False


# -- the input file ------------------------------------------------------------------------------


def open_source(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of the file at `path`. FIFOs, devices, sockets and folders are refused before
    anything is read (opened without blocking, checked on the open descriptor, so a file swapped
    for a FIFO in between is refused too); so is a file larger than `max_file_mb`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFileError(f"not a regular file ({_file_kind(info.st_mode)})", path=path)
        cap = limits.max_file_mb * MIB
        if info.st_size > cap:
            raise TooLargeError(
                f"{info.st_size / MIB:.0f} MiB, more than {limits.max_file_mb} MiB", path=path
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(cap + 1)
        if len(data) > cap:  # grew while we read it
            raise TooLargeError(f"more than {limits.max_file_mb} MiB", path=path)
        return data
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def find_header(data: bytes) -> int:
    """The offset of `%PDF-` in the first HEADER_SEARCH_BYTES bytes, or -1."""
    return data.find(b"%PDF-", 0, HEADER_SEARCH_BYTES + 5)
