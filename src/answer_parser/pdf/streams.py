"""Stream bounds for both readers: no stream of a guarded parse decodes past `max_stream_mb`,
and none costs more than a pass over its bytes.

Three filters can make much from little: Flate (a megabyte of deflate holds a gigabyte of
spaces), LZW (each 12-bit code can stand for up to 4,096 bytes) and RunLength (64 times).

- **Flate**, for both readers, wherever a stream is decoded (content, fonts, CMaps, object and
  cross-reference streams): `install` puts bounded functions in place of `zlib.decompress` and
  `zlib.decompressobj` *in the zlib module itself*. pdfminer looks them up there, and so does
  playa's code, which is compiled (mypyc) and cannot be hooked any other way. Outside a guarded
  parse (another thread, another library, after `parse()` returns) they are zlib's own
  functions called straight through; inside one, inflation stops at `max_stream_mb` + 1 bytes
  and the guard trips (`TooLargeError`).
- **LZW and RunLength** in playa: its decoders are compiled and cannot be replaced, and its LZW
  decoder copies its code table for every code it reads (an argument of a debug log line), which
  makes a stream of a million codes take many minutes inside compiled code, where no timeout
  can interrupt it. So `predecode` decodes the LZW and RunLength filters of a stream itself,
  bounded and in one pass, and hands playa the result with those filters taken off the stream
  (`pdf.playa_reader` calls it for every stream playa fetches). The cross-reference and object
  streams playa decodes while it rebuilds a broken cross-reference table never pass through a
  fetch: `check` decodes them once under the same bounds before playa does, and refuses an LZW
  code table that grows past the 4,096 entries its 12-bit codes can address (playa's cost is
  quadratic in that table).
- **pdfminer's LZW and RunLength** (the pdfplumber reader) are the same algorithms in pure
  Python, with the same per-code table copy: `hook_pdfminer` puts the same bounded decoders in
  their place inside a guarded parse.

A damaged LZW or RunLength stream keeps what decoded before the damage (a warning on the
`answer_parser.pdf` logger), as playa keeps what inflates of a damaged Flate stream.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import threading
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from ..errors import DamagedPDFError, TooLargeError

if TYPE_CHECKING:
    from .guards import Guard

MIB = 1 << 20
_T = TypeVar("_T")

#: the codes of an LZW stream can address 4,096 table entries (12 bits); a conforming encoder
#: clears the table before it fills. Past this size playa's decoder slows quadratically.
LZW_TABLE_ENTRIES = 4096

LOG = logging.getLogger("answer_parser.pdf")

# zlib's own functions, kept before `install` replaces them in the module
_zlib_decompress = zlib.decompress
_zlib_decompressobj = zlib.decompressobj

_current: Callable[[], Guard | None] = lambda: None  # noqa: E731 (set by `install`)
_installed = False
_install_lock = threading.Lock()


def install(current: Callable[[], Guard | None]) -> None:
    """Bound Flate inflation in every guarded parse (once per process): `current` gives the guard
    of the parse running in the calling thread, or None."""
    global _current, _installed
    with _install_lock:
        if _installed:
            return
        _current = current
        setattr(zlib, "decompress", decompress)  # noqa: B010 (the module playa's compiled code calls)
        setattr(zlib, "decompressobj", decompressobj)  # noqa: B010
        _installed = True


def too_large(guard: Guard) -> NoReturn:
    """Trip `guard`: a stream decodes to more than its bound."""
    guard.trip(
        TooLargeError(f"a stream inflates to more than {guard.limits.max_stream_mb} MiB", path=guard.path)
    )


def _cap(guard: Guard) -> int:
    return guard.limits.max_stream_mb * MIB


# -- Flate ----------------------------------------------------------------------------------------


def decompress(data: Any, /, *args: Any, **kwargs: Any) -> bytes:
    """`zlib.decompress`, bounded inside a guarded parse (the one-argument call readers make)."""
    guard = _current()
    if guard is None or args or kwargs:
        return _zlib_decompress(data, *args, **kwargs)
    return inflate(data, guard)


def inflate(data: Any, guard: Guard) -> bytes:
    """`data` inflated, at most the guard's stream bound: what `zlib.decompress(data)` gives,
    the same errors for damaged or truncated data."""
    return _bounded(guard, _inflate, data, _cap(guard))


class Over(Exception):
    """A stream decodes to more than the cap it was given."""


class Unaddressable(Exception):
    """An LZW code table grows past what 12-bit codes can address."""


def _bounded(guard: Guard, decode: Callable[..., _T], *args: Any) -> _T:
    """`decode(*args)`, its bounds turned into the guard's errors."""
    try:
        return decode(*args)
    except Over:
        too_large(guard)
    except Unaddressable as exc:
        guard.trip(DamagedPDFError(str(exc), path=guard.path))


def _inflate(data: Any, cap: int) -> bytes:
    d = _zlib_decompressobj()
    out: bytes = d.decompress(data, cap + 1)
    if len(out) > cap:
        raise Over
    if not d.eof:  # as zlib.decompress: the reader then tries its salvage path
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def decompressobj(*args: Any, **kwargs: Any) -> Any:
    """`zlib.decompressobj`, its total output bounded inside a guarded parse."""
    inner = _zlib_decompressobj(*args, **kwargs)
    guard = _current()
    return inner if guard is None else BoundedDecompressor(inner, guard)


class BoundedDecompressor:
    """A zlib decompressor that trips its guard when its total output passes the stream bound
    (the readers' salvage paths feed it a few kilobytes at a time)."""

    def __init__(self, inner: Any, guard: Guard) -> None:
        self.inner = inner
        self.guard = guard
        self.total = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def decompress(self, data: Any, max_length: int = 0) -> bytes:
        room = _cap(self.guard) + 1 - self.total
        out: bytes = self.inner.decompress(data, room if max_length <= 0 else min(max_length, room))
        self.total += len(out)
        if self.total > _cap(self.guard):
            too_large(self.guard)
        return out

    def flush(self, *args: Any) -> bytes:
        """What is left, the input a `max_length` held back included, under the same bound."""
        out = b""
        while self.inner.unconsumed_tail and not self.inner.eof:
            out += self.decompress(self.inner.unconsumed_tail)
        rest: bytes = self.inner.flush(*args)
        self.total += len(rest)
        if self.total > _cap(self.guard):
            too_large(self.guard)
        return out + rest


# -- LZW and RunLength ----------------------------------------------------------------------------


class Damaged(Exception):
    """A stream that stops decoding part way: `partial` is what decoded before."""

    def __init__(self, reason: str, partial: bytes) -> None:
        super().__init__(reason)
        self.partial = partial


def lzw(data: bytes, guard: Guard, table_entries: int | None = None, library: str = "playa") -> bytes:
    """The LZW decoding of `library` (playa or pdfminer: its own `feed` and `readbits`, so the
    same bytes), without the copy of the code table its `run` makes per code, under the stream
    bound. `table_entries`: refuse a table that grows past it (`DamagedPDFError`)."""
    return _bounded(guard, _lzw, data, _cap(guard), table_entries, library)


def _lzw(data: bytes, cap: int, table_entries: int | None = None, library: str = "playa") -> bytes:
    module = importlib.import_module(f"{library}.lzw")
    corrupt = module.CorruptDataError
    decoder = module.LZWDecoder(io.BytesIO(data))
    readbits, feed = decoder.readbits, decoder.feed
    parts: list[bytes] = []
    total = 0
    while True:
        try:
            code = readbits(decoder.nbits)
        except EOFError:
            break
        try:
            x = feed(code)
        except corrupt:
            break
        except (IndexError, TypeError) as exc:  # a code before the first clear, or a reserved one
            raise Damaged(f"LZW code {code} has no entry ({type(exc).__name__})", b"".join(parts)) from exc
        total += len(x)
        if total > cap:
            raise Over
        parts.append(x)
        if table_entries is not None and len(decoder.table) > table_entries:
            raise Unaddressable(f"an LZW stream whose code table grows past {table_entries} entries")
    return b"".join(parts)


def runlength(data: bytes, guard: Guard) -> bytes:
    """RunLength decoding (PDF reference 7.4.5), as playa's `rldecode` gives it, under the stream
    bound (playa builds a list of one Python int per output byte: 8 bytes each)."""
    return _bounded(guard, _runlength, data, _cap(guard))


def _runlength(data: bytes, cap: int) -> bytes:
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:  # end of data
            break
        if length < 128:
            chunk = data[i + 1 : i + length + 2]
            out += chunk
            if len(chunk) < length + 1:
                raise Damaged("a RunLength literal run cut short", bytes(out))
            i += length + 2
        else:
            if i + 1 >= n:
                raise Damaged("a RunLength repeat without its byte", bytes(out))
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) > cap:
            raise Over
    return bytes(out)


def hook_pdfminer(pdftypes: Any) -> None:
    """pdfminer's LZW and RunLength decoders (`pdfminer.pdftypes` calls them by these names)
    replaced by the bounded ones inside a guarded parse, pdfminer's own outside one. A damaged
    stream keeps what decoded before the damage, as in the playa reader."""
    original_lzw, original_rl = pdftypes.lzwdecode, pdftypes.rldecode

    def lzwdecode(data: bytes) -> bytes:
        guard = _current()
        return original_lzw(data) if guard is None else _partial(lzw, data, guard, None, "pdfminer")

    def rldecode(data: bytes) -> bytes:
        guard = _current()
        return original_rl(data) if guard is None else _partial(runlength, data, guard)

    pdftypes.lzwdecode = lzwdecode
    pdftypes.rldecode = rldecode


def _partial(decode: Callable[..., bytes], data: bytes, guard: Guard, *args: Any) -> bytes:
    try:
        return decode(data, guard, *args)
    except Damaged as exc:
        LOG.warning("%s; %d bytes kept", exc, len(exc.partial))
        return exc.partial


# -- playa's streams ------------------------------------------------------------------------------


def _risky(stream: Any) -> tuple[list[tuple[Any, dict[str, Any]]], int]:
    """The stream's filters and the index of its last LZW or RunLength filter (-1: none)."""
    from playa.pdftypes import LITERALS_LZW_DECODE, LITERALS_RUNLENGTH_DECODE

    filters: list[tuple[Any, dict[str, Any]]] = stream.get_filters()
    last = -1
    for i, (f, _params) in enumerate(filters):
        if f in LITERALS_LZW_DECODE or f in LITERALS_RUNLENGTH_DECODE:
            last = i
    return filters, last


def _decode_prefix(
    stream: Any, filters: list[tuple[Any, dict[str, Any]]], last: int, cap: int, table: int | None
) -> bytes | None:
    """The stream decoded through filter `last` as playa's `ContentStream.decode` would (each
    filter, then its predictor), every step at most `cap` bytes (`Over`); None when a filter up to
    `last` is one playa refuses or leaves to others (CCITT, Crypt, unknown)."""
    from playa import pdftypes as t

    data: bytes = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for f, params in filters[: last + 1]:
        if f in t.LITERALS_FLATE_DECODE:
            try:
                data = _inflate(data, cap)
            except zlib.error:
                data = t.decompress_corrupted(data)  # bounded in a guarded parse: zlib is ours
                if len(data) > cap:
                    raise Over from None
        elif f in t.LITERALS_LZW_DECODE:
            data = _lzw(data, cap, table)
        elif f in t.LITERALS_RUNLENGTH_DECODE:
            data = _runlength(data, cap)
        elif f in t.LITERALS_ASCII85_DECODE:
            from playa.ascii85 import ascii85decode

            data = ascii85decode(data)
        elif f in t.LITERALS_ASCIIHEX_DECODE:
            from playa.ascii85 import asciihexdecode

            data = asciihexdecode(data)
        elif f in t.LITERALS_DCT_DECODE or f in t.LITERALS_JBIG2_DECODE or f in t.LITERALS_JPX_DECODE:
            pass  # playa passes image data through
        else:  # CCITT, Crypt, unknown: not before an LZW in any real file
            return None
        data = _predict(data, params)
    return data


def _predict(data: bytes, params: dict[str, Any]) -> bytes:
    """The predictor of one filter, as playa applies it."""
    if not params or "Predictor" not in params:
        return data
    from playa.pdftypes import int_value
    from playa.utils import apply_png_predictor, apply_tiff_predictor

    pred = int_value(params["Predictor"])
    if pred == 1:
        return data
    if 2 < pred < 10 or pred < 1:  # playa raises NotImplementedError after decoding
        raise Damaged(f"unsupported predictor {pred}", b"")
    colors = int_value(params.get("Colors", 1))
    columns = int_value(params.get("Columns", 1))
    bits = int_value(params.get("BitsPerComponent", 8))
    if pred == 2:
        return apply_tiff_predictor(colors, columns, bits, data)
    return apply_png_predictor(pred, colors, columns, bits, data)


def _substitute(stream: Any, filters: list[tuple[Any, dict[str, Any]]], last: int, data: bytes) -> None:
    """The stream's raw data becomes `data`, its filters through `last` taken off."""
    rest = filters[last + 1 :]
    attrs = stream.attrs
    for key in ("F", "Filter", "DP", "DecodeParms", "FDecodeParms"):
        attrs.pop(key, None)
    if rest:
        attrs["Filter"] = [f for f, _ in rest]
        attrs["DecodeParms"] = [params for _, params in rest]
    stream.rawdata = data
    stream.decipher = None


def _decode_kept(stream: Any, filters: list[tuple[Any, dict[str, Any]]], last: int, cap: int) -> bytes | None:
    """`_decode_prefix`, a damaged LZW or RunLength stream kept up to its damage (a warning)."""
    try:
        return _decode_prefix(stream, filters, last, cap, None)
    except Damaged as exc:
        LOG.warning("stream %s: %s; %d bytes kept", stream.objid, exc, len(exc.partial))
        return exc.partial


def predecode(stream: Any, guard: Guard) -> None:
    """Decode the stream's filters up to its last LZW or RunLength one here, bounded, and leave
    playa the rest: the stream's raw data becomes that output and those filters are taken off
    (nothing to do for a stream without LZW or RunLength, or an image, which is never decoded)."""
    from playa.pdftypes import LITERAL_IMAGE

    filters, last = _risky(stream)
    if last < 0 or stream.get("Subtype") is LITERAL_IMAGE:
        return
    data = _bounded(guard, _decode_kept, stream, filters, last, _cap(guard))
    if data is not None:
        _substitute(stream, filters, last, data)


def content(stream: Any, cap: int) -> int:
    """Decode a content stream (a page's or a form's) whole, at most `cap` bytes, and hand
    playa the decoded bytes (its filters taken off: playa reads them without decoding again).
    Its decoded size, or `cap` + 1 when it decodes to more; in a guarded parse the stream bound
    holds too, when it is the smaller."""
    filters: list[tuple[Any, dict[str, Any]]] = stream.get_filters()
    guard = _current()
    limit = cap if guard is None else min(cap, _cap(guard))
    try:
        data = _decode_kept(stream, filters, len(filters) - 1, limit)
    except Over:
        if guard is not None and limit < cap:
            too_large(guard)
        return cap + 1
    if data is None:  # a filter left to playa: measured by decoding it as playa does
        return len(stream.buffer)
    _substitute(stream, filters, len(filters) - 1, data)
    return len(data)


def check(stream: Any, guard: Guard) -> None:
    """Decode a stream playa is about to decode without fetching it, once, under the bounds
    (a cross-reference or object stream of a broken file): a stream past the stream bound, or an
    LZW table past LZW_TABLE_ENTRIES, trips the guard before playa decodes it."""
    filters, last = _risky(stream)
    if last < 0:
        return
    with contextlib.suppress(Damaged):  # playa decodes it and fails as it does
        _bounded(guard, _decode_prefix, stream, filters, last, _cap(guard), LZW_TABLE_ENTRIES)
