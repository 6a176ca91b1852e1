"""Small generators of hostile input (issue 17): each builds its file on the spot, cheaply.

Nothing here is committed as a file: a decompression bomb of 2^30 bytes is about a megabyte of
deflate made from one compressed mebibyte repeated (with its checksum computed, not inflated), so
the generators themselves never hold more than a few megabytes.

`pdf(objects)` writes a minimal PDF (a correct cross-reference table) from numbered object bodies;
the rest build on it or on the file system (odd file names, symlinks, FIFOs, read-only folders).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

#: the text of a one-page answer, enough for `parse` to find its kind and number
ANSWER_LINES = (
    "ANTWOORD",
    "op vraag nr. 17 van 2 oktober 2024",
    "van JAN PEETERS",
    "De minister antwoordt dat alle dossiers binnen de termijn behandeld zijn.",
)

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf(objects: Mapping[int, bytes], root: int = 1, prefix: bytes = b"", info: int | None = None) -> bytes:
    """A PDF of the given objects (`n 0 obj <body> endobj`), `root` its catalog, `info` its
    document information dictionary, after `prefix`."""
    out = bytearray(prefix + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    trailer = b"/Size %d /Root %d 0 R" % (size, root) + (b" /Info %d 0 R" % info if info else b"")
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", filters: int = 0) -> bytes:
    """A stream object's body: `data` as is (filters=0) or already deflated `filters` times."""
    names = b" ".join([b"/FlateDecode"] * filters)
    head = b"<< /Length %d" % len(data)
    if filters == 1:
        head += b" /Filter /FlateDecode"
    elif filters > 1:
        head += b" /Filter [" + names + b"]"
    return head + extra + b" >>\nstream\n" + data + b"\nendstream"


def text_ops(lines: Sequence[str] = ANSWER_LINES, x: float = 72, top: float = 760) -> bytes:
    """A content stream writing `lines` in 11 pt Helvetica, one under the other."""
    body = [b"BT /F1 11 Tf 14 TL %g %g Td" % (x, top)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        body.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
    body.append(b"ET")
    return b"\n".join(body)


def page_pdf(
    content: bytes,
    *,
    page_extra: bytes = b"",
    font: bytes = _FONT,
    more: Mapping[int, bytes] | None = None,
    contents_ref: bytes = b"4 0 R",
    prefix: bytes = b"",
    filters: int = 0,
) -> bytes:
    """A one-page A4 PDF: catalog 1, pages 2, page 3, contents 4, font 5, and `more` objects."""
    objects = page_objects(stream(content, filters=filters), page_extra, font, contents_ref)
    objects.update(more or {})
    return pdf(objects, prefix=prefix)


def page_objects(
    contents: bytes, page_extra: bytes = b"", font: bytes = _FONT, contents_ref: bytes = b"4 0 R"
) -> dict[int, bytes]:
    """The objects of a one-page A4 PDF: catalog 1, pages 2, page 3, `contents` 4, font 5."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents " + contents_ref + page_extra + b" >>",
        4: contents,
        5: font,
    }


def looping_metadata() -> bytes:
    """A good answer whose document information dictionary is its page tree: pdfplumber resolves
    the metadata recursively (Kids -> page -> Parent -> Kids ...) and logs a warning."""
    return pdf(page_objects(stream(text_ops())), info=2)


def answer_pdf() -> bytes:
    """A good one-page answer: the baseline every hostile variant starts from."""
    return page_pdf(text_ops())


# -- decompression bombs -------------------------------------------------------------------------

_ADLER_BASE = 65521


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """zlib's adler32_combine: the checksum of A+B from those of A and B and B's length."""
    rem = len2 % _ADLER_BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (adler2 & 0xFFFF) + _ADLER_BASE - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + _ADLER_BASE - rem
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


def _adler32_repeated(chunk: bytes, times: int) -> int:
    """The adler32 of `chunk * times` by doubling, without building it."""
    result, have = 1, 0  # adler32 of b"" is 1
    power, power_len = zlib.adler32(chunk), len(chunk)
    while times:
        if times & 1:
            result = _adler32_combine(result, power, power_len) if have else power
            have += power_len
        times >>= 1
        if times:
            power = _adler32_combine(power, power, power_len)
            power_len *= 2
    return result


def deflate_repeated(byte: bytes, size: int) -> bytes:
    """zlib data that inflates to `byte * size` (size a multiple of 1 MiB), built from one
    compressed mebibyte repeated: blocks after a full flush compress alike."""
    mib = 1 << 20
    if size % mib or size <= 0:
        raise ValueError("size must be a positive multiple of 1 MiB")
    chunk = byte * mib
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()  # the last block and the checksum of two chunks: replaced below
    checksum = _adler32_repeated(chunk, size // mib)
    return first + middle * (size // mib - 1) + end[:-4] + checksum.to_bytes(4, "big")


def flate_bomb(size: int = 1 << 30) -> bytes:
    """A page whose content stream inflates to `size` spaces (default 1 GiB from ~1 MB)."""
    return page_pdf(deflate_repeated(b" ", size), filters=1)


def double_flate_bomb(size: int = 1 << 32) -> bytes:
    """A page whose content stream is deflated twice: ~4 KB that inflate to ~4 MB, then `size`."""
    return page_pdf(zlib.compress(deflate_repeated(b" ", size), 9), filters=2)


def cmap_bomb(size: int = 1 << 30) -> bytes:
    """A font whose /ToUnicode CMap inflates to `size` spaces; the page text is ordinary."""
    font = _FONT[:-2] + b" /ToUnicode 6 0 R >>"
    return page_pdf(text_ops(), font=font, more={6: stream(deflate_repeated(b" ", size), filters=1)})


def tiny_characters(count: int = 10**6) -> bytes:
    """A page of `count` 1 pt characters: `count / 10` shows of a ten-letter string, deflated
    (7 bytes of operators per show; the file is tens of kilobytes)."""
    shows = b"(abcdefghij) Tj\n" * (count // 10)
    content = b"BT /F1 1 Tf 10 800 Td\n" + shows + b"ET\n" + text_ops()
    return page_pdf(zlib.compress(content, 9), filters=1)


def _filtered_stream(data: bytes, filters: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body with the given /Filter (already applied to `data`)."""
    return b"<< /Length %d /Filter %s%s >>\nstream\n" % (len(data), filters, extra) + data + b"\nendstream"


def _filtered_page(content: bytes, filters: bytes) -> bytes:
    return page_pdf(text_ops(), more={4: _filtered_stream(content, filters)})


def lzw_pack(codes: Sequence[int]) -> bytes:
    """LZW codes packed as PDF's LZWDecode reads them: 9 bits after a clear (256), one more bit
    as the code table reaches 511, 1023 and 2047 entries (early change)."""
    out = bytearray()
    acc = bits = 0
    width, table, first = 9, 258, True
    for code in codes:
        acc = (acc << width) | code
        bits += width
        while bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
        acc &= (1 << bits) - 1
        if code == 256:
            width, table, first = 9, 258, True
        elif code != 257 and first:
            first = False
        elif code != 257:
            table += 1
            width = {511: 10, 1023: 11, 2047: 12}.get(table, width)
    if bits:
        out.append((acc << (8 - bits)) & 0xFF)
    return bytes(out)


def lzw_bomb(size: int = 1 << 30) -> bytes:
    """A page whose content stream is LZW that decodes to about `size` spaces: each table of
    4,096 entries spells runs of 1 to 3,838 spaces (7 MB from 5.7 KB of codes), then a clear."""
    segment = [256, 32, *range(258, 4096)]
    per_segment = 3838 * 3839 // 2
    return _filtered_page(lzw_pack(segment * (size // per_segment + 1)), b"/LZWDecode")


def lzw_unbounded_table(spaces: int = 600_000) -> bytes:
    """A good answer whose LZW content stream is one byte a code after `spaces` spaces and never
    clears its table, which so grows past the 4,096 entries 12-bit codes can address (a
    decoder that copies its table for every code takes hours)."""
    content = b" " * spaces + text_ops()
    return _filtered_page(lzw_pack([256, *content]), b"/LZWDecode")


def runlength_bomb(size: int = 1 << 30) -> bytes:
    """A page whose content stream is Flate, then RunLength: 16 KB that inflate to 16 MB of runs
    of 128 spaces, `size` bytes in all."""
    runs = zlib.compress(b"\x81 " * (size // 128) + b"\x80", 9)
    return _filtered_page(runs, b"[/FlateDecode /RunLengthDecode]")


def one_string(count: int = 2 * 10**6) -> bytes:
    """A page of one text string of `count` 1 pt characters (a few kilobytes deflated)."""
    content = b"BT /F1 1 Tf 10 800 Td (" + b"a" * count + b") Tj ET\n" + text_ops()
    return page_pdf(zlib.compress(content, 9), filters=1)


def long_path(segments: int = 5 * 10**6, form: bool = False) -> bytes:
    """A page that strokes one path of `segments` line segments (60 MB of operators from 120 KB
    of deflate), on the page itself or in a form XObject it draws."""
    path = b"1 w " + b"0 0 m 1 1 l " * (segments // 2) + b"S\n"
    if not form:
        return page_pdf(zlib.compress(path + text_ops(), 9), filters=1)
    xobject = b" /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >> >>"
    )
    return page_pdf(
        zlib.compress(b"/X1 Do\n" + text_ops(), 9),
        filters=1,
        more={3: page, 6: stream(zlib.compress(path, 9), extra=xobject, filters=1)},
    )


def self_drawing_form() -> bytes:
    """A good answer whose page draws a form XObject that draws itself (a cycle of `Do`)."""
    xobject = b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >>"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >> >>"
    )
    form = stream(b"0 0 m 1 1 l S /X1 Do", extra=xobject)
    return page_pdf(b"/X1 Do\n" + text_ops(), more={3: page, 6: form})


def _runlength_literal(data: bytes) -> bytes:
    return b"".join(bytes([len(c) - 1]) + c for c in (data[i : i + 128] for i in range(0, len(data), 128)))


def xref_stream_bomb(size: int = 1 << 30) -> bytes:
    """A good answer whose cross-reference stream (Flate, then RunLength) holds its rows, then
    `size` bytes of zeros."""
    head = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in page_objects(stream(text_ops())).items():
        offsets.append(len(head))
        head += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(head)
    rows = b"\x00" + b"\x00" * 4 + b"\xff\xff"
    rows += b"".join(b"\x01" + o.to_bytes(4, "big") + b"\x00\x00" for o in [*offsets, xref])
    data = zlib.compress(_runlength_literal(rows) + b"\x81\x00" * (size // 128) + b"\x80", 9)
    extra = b" /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R"
    head += b"6 0 obj\n" + _filtered_stream(data, b"[/FlateDecode /RunLengthDecode]", extra) + b"\nendobj\n"
    return bytes(head + b"startxref\n%d\n%%%%EOF\n" % xref)


def objstm_bomb_without_xref(size: int = 1 << 30) -> bytes:
    """A good answer without a cross-reference table (a reader rebuilds it from the objects),
    beside an object stream (Flate, then RunLength) of `size` bytes."""
    data = zlib.compress(_runlength_literal(b"7 0 42 ") + b"\x81 " * (size // 128) + b"\x80", 9)
    extra = b" /Type /ObjStm /N 1 /First 5"
    whole = page_pdf(text_ops(), more={6: _filtered_stream(data, b"[/FlateDecode /RunLengthDecode]", extra)})
    return whole[: whole.index(b"\nxref\n") + 1] + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


# -- structure -----------------------------------------------------------------------------------


def contents_cycle() -> bytes:
    """A page whose /Contents is an indirect reference cycle (6 -> 7 -> 6): ~600 bytes."""
    return page_pdf(text_ops(), contents_ref=b"6 0 R", more={6: b"7 0 R", 7: b"6 0 R"})


def nested_array(depth: int = 1000) -> bytes:
    """An ordinary answer, then a string show (Tj) of an array nested `depth` deep: pdfminer warns
    about the odd operand and formats it with %r, which recurses `depth` levels."""
    return page_pdf(text_ops() + b"\nBT /F1 11 Tf " + b"[" * depth + b"]" * depth + b" Tj ET\n")


def junk_before_header(junk: int = 4000) -> bytes:
    """A good answer after `junk` bytes of something else (a mail header, a printer's preamble)."""
    line = b"X-Archive-Note: scanned batch 2024, ignore this preamble line.\r\n"
    prefix = (line * (junk // len(line) + 1))[:junk]
    return page_pdf(text_ops(), prefix=prefix)


def rotated(rotate: int) -> bytes:
    """A good answer on a page with /Rotate `rotate` (text drawn upright in the unrotated page)."""
    return page_pdf(text_ops(), page_extra=b" /Rotate %d" % rotate)


def sideways_text() -> bytes:
    """A landscape table drawn turned a quarter on an unrotated portrait page (text runs upwards)."""
    return page_pdf(b"q 0 1 -1 0 595 0 cm\n" + text_ops(top=520) + b"\nQ")


def singular_transform(matrix: tuple[float, ...] = (1, 0, 0, 0, 0, 0)) -> bytes:
    """The answer's text drawn under a singular transformation matrix (it has no area)."""
    cm = b" ".join(b"%g" % v for v in matrix) + b" cm\n"
    return page_pdf(b"q " + cm + text_ops() + b"\nQ")


def image_only() -> bytes:
    """A page of one filled box and no text at all: the one true `no_text_layer`."""
    return page_pdf(b"0.5 g 72 400 300 300 re f")


# -- the file system -----------------------------------------------------------------------------


def non_utf8_name(folder: Path, data: bytes | None = None) -> str:
    """Write a good answer under the byte name `caf\\xe9.pdf` (Latin-1, not UTF-8); its path as
    Python sees it (a lone surrogate from surrogateescape)."""
    path = os.path.join(os.fsencode(folder), b"caf\xe9.pdf")
    with open(path, "wb") as f:
        f.write(answer_pdf() if data is None else data)
    return os.fsdecode(path)


def symlink_out(folder: Path, target: Path) -> Path:
    """A symlink `folder/outside.pdf` to `target`, a file outside the folder."""
    link = folder / "outside.pdf"
    link.symlink_to(target)
    return link


def fifo(folder: Path) -> Path:
    """A named pipe called like a PDF (opening it for reading blocks until a writer comes)."""
    path = folder / "pipe.pdf"
    os.mkfifo(path)
    return path


def read_only_folder(folder: Path) -> Path:
    """`folder` made read-only (mode 0555); root ignores the mode, so tests drop to nobody."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o555)
    return folder


HOSTILE: dict[str, bytes] = {}
"""Filled lazily by `all_hostile()`: name -> bytes of every in-memory hostile file."""


def all_hostile() -> dict[str, bytes]:
    """Every hostile file that is only bytes (the file-system ones need a folder)."""
    if not HOSTILE:
        HOSTILE.update(
            contents_cycle=contents_cycle(),
            flate_bomb=flate_bomb(),
            double_flate_bomb=double_flate_bomb(),
            cmap_bomb=cmap_bomb(),
            tiny_characters=tiny_characters(),
            rotate_90=rotated(90),
            rotate_180=rotated(180),
            rotate_270=rotated(270),
            sideways_text=sideways_text(),
            singular_transform=singular_transform(),
            junk_before_header=junk_before_header(),
            nested_array=nested_array(),
            image_only=image_only(),
            lzw_bomb=lzw_bomb(),
            lzw_unbounded_table=lzw_unbounded_table(),
            runlength_bomb=runlength_bomb(),
            one_string=one_string(),
            xref_stream_bomb=xref_stream_bomb(),
            objstm_bomb_without_xref=objstm_bomb_without_xref(),
            long_path=long_path(),
            long_path_in_form=long_path(form=True),
            self_drawing_form=self_drawing_form(),
        )
    return HOSTILE
