"""pdf.streams: the bounded decoders give the libraries' bytes, and stop at the stream bound."""

from __future__ import annotations

import binascii
import logging
import zlib

import pytest
from playa.lzw import lzwdecode as playa_lzw
from playa.pdftypes import LIT, ContentStream
from playa.runlength import rldecode as playa_rl

import hostile_files as hostile
from answer_parser.errors import DamagedPDFError, TooLargeError
from answer_parser.pdf import guards, streams
from answer_parser.pdf.guards import Limits

MIB = 1 << 20
#: the bounds of these tests: 1 MiB a stream, no timer, no memory watch
LIMITS = Limits(timeout=None, max_memory_mb=None, max_stream_mb=1)

#: LZW codes: runs of 1 to 42 spaces, a clear, three letters, an end of data
CODES = [256, 32, *range(258, 300), 256, 65, 66, 67, 257]
#: RunLength: a literal run of 3, a repeat of 5, a literal run of 1, end of data
RUNS = b"\x02abc" + b"\xfcx" + b"\x00z" + b"\x80"


def test_zlib_is_zlib_outside_a_guarded_parse() -> None:
    big = zlib.compress(b" " * (3 * MIB))
    with guards.guarded(LIMITS):
        assert zlib.decompress(zlib.compress(b"klein")) == b"klein"
    assert zlib.decompress(big) == b" " * (3 * MIB)  # the bound is the parse's only
    d = zlib.decompressobj()
    assert d.decompress(big) == b" " * (3 * MIB)


def test_a_guarded_parse_turns_the_bound_into_too_large() -> None:
    with pytest.raises(TooLargeError, match="more than 1 MiB"), guards.guarded(LIMITS):
        zlib.decompress(zlib.compress(b" " * (2 * MIB)))


def test_inflate_keeps_zlibs_errors() -> None:
    data = zlib.compress(b"woorden " * 1000)
    with guards.guarded(LIMITS):
        with pytest.raises(zlib.error, match="truncated"):
            zlib.decompress(data[:-20])
        with pytest.raises(zlib.error):
            zlib.decompress(b"geen deflate")
        assert zlib.decompress(data + b"rest") == b"woorden " * 1000  # trailing bytes ignored, as zlib


def test_decompressor_flush_stays_bounded() -> None:
    big = zlib.compress(b" " * (3 * MIB))
    with pytest.raises(TooLargeError), guards.guarded(LIMITS):
        d = zlib.decompressobj()
        d.decompress(big, 100)  # the rest waits in unconsumed_tail
        d.flush()


def test_lzw_gives_the_libraries_bytes() -> None:
    from pdfminer.lzw import lzwdecode as pdfminer_lzw

    data = hostile.lzw_pack(CODES)
    expected = b"".join(b" " * n for n in range(1, 44)) + b"ABC"
    assert playa_lzw(data) == pdfminer_lzw(data) == expected
    with guards.guarded(LIMITS) as guard:
        assert streams.lzw(data, guard) == expected
        assert streams.lzw(data, guard, library="pdfminer") == expected


def test_lzw_stops_at_the_bound_and_at_an_unaddressable_table() -> None:
    segment = [256, 32, *range(258, 4096)]  # 7 MB of spaces
    with pytest.raises(TooLargeError), guards.guarded(LIMITS) as guard:
        streams.lzw(hostile.lzw_pack(segment), guard)
    never_clears = hostile.lzw_pack([256, *b"a" * 5000])
    with guards.guarded(LIMITS) as guard:
        assert streams.lzw(never_clears, guard) == b"a" * 5000  # read, in one pass
    with pytest.raises(DamagedPDFError, match="4096"), guards.guarded(LIMITS) as guard:
        streams.lzw(never_clears, guard, streams.LZW_TABLE_ENTRIES)


def test_runlength_gives_the_libraries_bytes() -> None:
    from pdfminer.runlength import rldecode as pdfminer_rl

    assert playa_rl(RUNS) == pdfminer_rl(RUNS) == b"abcxxxxxz"
    with guards.guarded(LIMITS) as guard:
        assert streams.runlength(RUNS, guard) == b"abcxxxxxz"
        assert streams.runlength(RUNS + b"ignored", guard) == b"abcxxxxxz"
        with pytest.raises(streams.Damaged) as info:
            streams.runlength(b"\x02abc\x05de", guard)
        assert info.value.partial == b"abcde"
    with pytest.raises(TooLargeError), guards.guarded(LIMITS) as guard:
        streams.runlength(b"\x81 " * (MIB // 64), guard)


def _stream(data: bytes, filters: list[str]) -> ContentStream:
    return ContentStream({"Filter": [LIT(f) for f in filters], "Length": len(data)}, data)


def test_predecode_takes_off_the_filters_it_decoded() -> None:
    text = b"BT /F1 11 Tf (antwoord) Tj ET " * 50
    raw = binascii.hexlify(hostile.lzw_pack([256, *zlib.compress(text)])) + b">"
    stream = _stream(raw, ["ASCIIHexDecode", "LZWDecode", "FlateDecode"])
    assert stream.buffer == text  # playa's own decoding
    with guards.guarded(LIMITS) as guard:
        streams.predecode(stream, guard)
    assert stream.attrs["Filter"] == [LIT("FlateDecode")] and stream.attrs["DecodeParms"] == [{}]
    assert stream.rawdata == zlib.compress(text)
    assert stream.buffer == text
    plain = _stream(zlib.compress(text), ["FlateDecode"])
    with guards.guarded(LIMITS) as guard:
        streams.predecode(plain, guard)  # Flate alone: left to playa (zlib is bounded)
    assert plain.rawdata == zlib.compress(text) and plain.attrs["Filter"] == [LIT("FlateDecode")]


def test_predecode_keeps_what_decoded_before_damage(caplog: pytest.LogCaptureFixture) -> None:
    stream = _stream(b"\x02abc\x05de", ["RunLengthDecode"])
    with caplog.at_level(logging.WARNING, "answer_parser.pdf"), guards.guarded(LIMITS) as guard:
        streams.predecode(stream, guard)
    assert stream.buffer == b"abcde" and "Filter" not in stream.attrs
    assert "cut short" in caplog.text


def test_content_is_decoded_once_and_bounded() -> None:
    text = b"BT /F1 11 Tf (antwoord) Tj ET " * 50
    stream = _stream(zlib.compress(text), ["FlateDecode"])
    assert streams.content(stream, MIB) == len(text)
    assert stream.rawdata == text and "Filter" not in stream.attrs  # playa reads it as it is
    assert streams.content(stream, MIB) == len(text)  # a form drawn twice: counted twice
    assert streams.content(_stream(zlib.compress(text), ["FlateDecode"]), 100) == 101
    with pytest.raises(TooLargeError, match="stream inflates"), guards.guarded(LIMITS):
        streams.content(_stream(zlib.compress(b" " * (2 * MIB)), ["FlateDecode"]), 8 * MIB)
