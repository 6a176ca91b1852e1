"""The playa reader gives the pdfplumber reader's records: words, edges, fills, links, sizes, producer."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Any

import attrs
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from answer_parser.errors import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    TooLargeError,
    UnreadableFileError,
)
from answer_parser.pdf import playa_fonts, playa_page, playa_reader, reading, records
from answer_parser.pdf.settings import ReadingSettings
from answer_parser.settings import Settings
from conftest import FIXTURES, tiny_pdf

TOLERANCE = 1e-6  # points: the readers compute the same boxes in a different order of operations


def assert_same_records(a: records.PdfData, b: records.PdfData) -> None:
    assert (a.path, a.sha256, a.producer, len(a.pages)) == (b.path, b.sha256, b.producer, len(b.pages))
    for pa, pb in zip(a.pages, b.pages, strict=True):
        assert (pa.number, pa.width, pa.height, pa.rotation) == (pb.number, pb.width, pb.height, pb.rotation)
        for kind in ("words", "edges", "fills", "links"):
            left, right = getattr(pa, kind), getattr(pb, kind)
            assert len(left) == len(right), f"page {pa.number}: {len(left)} vs {len(right)} {kind}"
            for x, y in zip(left, right, strict=True):
                for name, u in attrs.asdict(x).items():
                    v = getattr(y, name)
                    if isinstance(u, float):
                        assert v == pytest.approx(u, abs=TOLERANCE), (kind, pa.number, name, x, y)
                    else:
                        assert u == v, (kind, pa.number, name, x, y)


@pytest.mark.parametrize(
    "name",
    [
        "seed_qa",  # LibreOffice: fonts with /Descent 0, where playa falls back to the bounding box
        "seed_reportlab",  # the standard 14 fonts
        "tbl_number_grammar_rl",  # the Euro sign, which Helvetica's metrics lack (width 0 in pdfminer)
        "var_lists_reportlab",  # a bullet without a Unicode mapping: (cid:127)
        "tbl_grid_paths_rl",  # rules drawn as polylines (curves)
        "tbl_shaded_header_grid",  # filled rectangles
        "tbl_white_rects",  # white rectangles that are no rules
        "tbl_rotated_rl",  # a table drawn turned a quarter: read upright, the turn recorded
    ],
)
def test_fixture_records_match_the_pdfplumber_reader(name: str) -> None:
    path = FIXTURES / f"{name}.pdf"
    assert_same_records(reading.read_pdf(path), playa_reader.read_pdf(path))


def test_word_boxes_use_pdfminer_descent() -> None:
    """seed_qa's fonts declare /Descent 0: the word's bottom is the baseline, as pdfminer has it,
    not the font's bounding box 0.303 of the size below (playa's own character boxes)."""
    page = playa_reader.read_pdf(FIXTURES / "seed_qa.pdf").pages[0]
    plumber = reading.read_pdf(FIXTURES / "seed_qa.pdf").pages[0]
    word, expected = page.words[0], plumber.words[0]
    assert (word.text, word.top, word.bottom) == (expected.text, expected.top, expected.bottom)
    assert word.bottom - word.top == pytest.approx(word.size)


def _raw_pdf(content: bytes, extra_page: str = "") -> bytes:
    """A one-page PDF around a content stream, Helvetica as /F1 (offsets computed, so a valid file)."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + extra_page.encode() + b">>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_character_spacing_is_placed_as_pdfminer_places_it() -> None:
    """pdfminer adds Tc between the glyphs of a string but not after its last one, nor before the
    first unless a TJ number precedes it; the words after each string stand where pdfminer puts
    them, until Td starts a new line."""
    content = (
        b"BT /F1 10 Tf 1.2 Tc 72 700 Td (Aan) Tj ( de) Tj [-250 (Kamer)] TJ ( nu) Tj "
        b"0 -20 Td (volgende) Tj ( regel) Tj ET "
        b"BT /F1 10 Tf 0 Tc 72 600 Td (geen) Tj ( spatiering) Tj ET"
    )
    data = _raw_pdf(content)
    words = playa_reader.read_pdf(data).pages[0].words
    expected = reading.read_pdf(data).pages[0].words
    assert [w.text for w in words] == ["Aan", "de", "Kamer", "nu", "volgende", "regel", "geen", "spatiering"]
    for got, want in zip(words, expected, strict=True):
        assert (got.text, got.x0, got.x1) == (want.text, pytest.approx(want.x0), pytest.approx(want.x1))


LINK = (
    "/Annots [<< /Type /Annot /Subtype /Link /Rect [100 690 200 712] "
    "/A << /S /URI /URI (https://www.vlaamsparlement.be/) >> >>]"
)


def test_links_are_read_with_their_box() -> None:
    data = _raw_pdf(b"BT /F1 12 Tf 100 700 Td (Vlaams Parlement) Tj ET", LINK)
    page = playa_reader.read_pdf(data).pages[0]
    assert page.links == reading.read_pdf(data).pages[0].links
    assert page.links[0] == records.Link("https://www.vlaamsparlement.be/", 100, 130, 200, 152)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_page_size_and_link_box_as_pdfplumber(rotate: int) -> None:
    import pdfplumber

    data = _raw_pdf(b"BT /F1 12 Tf 100 700 Td (Vlaams Parlement) Tj ET", f"{LINK} /Rotate {rotate}")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = pdf.pages[0]
        expected = (
            plumber.width,
            plumber.height,
            [(h["x0"], h["top"], h["x1"], h["bottom"]) for h in plumber.hyperlinks],
        )
    document = playa_reader._open(data)
    page = playa_page.PageObjects(document.pages[0])
    links = [
        (h["x0"], h["top"], h["x1"], h["bottom"]) for h in playa_page.hyperlinks(document.pages[0], page)
    ]
    assert (page.width, page.height, links) == expected


def test_producer_is_read_from_the_info_dictionary() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setProducer("Vlaams Parlement schrijfmachine")
    c.drawString(72, 760, "VRAAG nr. 5")
    c.save()
    assert playa_reader.read_pdf(buf.getvalue()).producer == "Vlaams Parlement schrijfmachine"


def _pages_pdf(count: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(count):
        c.drawString(72, 760, f"Bladzijde {i + 1} van het verslag")
        c.line(72, 700, 500, 700)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pages_read_in_parallel_are_the_pages_read_in_order() -> None:
    data = _pages_pdf(3 * playa_reader.MIN_PAGES_PER_WORKER)
    assert len(playa_reader._ranges(24, 2)) > 1  # this document is split over two workers
    told: list[tuple[str, int, int]] = []
    serial = playa_reader.read_pdf(data, progress=lambda *event: told.append(event))
    assert told == [("reading pages", n, 24) for n in range(1, 25)]
    told.clear()
    parallel = playa_reader.read_pdf(data, progress=lambda *event: told.append(event), workers=2)
    assert parallel == serial
    assert told[-1] == ("reading pages", 24, 24) and len(told) == len(playa_reader._ranges(24, 2))
    assert [p.words[0].text + p.words[1].text for p in parallel.pages][:2] == ["Bladzijde1", "Bladzijde2"]
    assert_same_records(reading.read_pdf(data), parallel)


def test_small_documents_stay_in_one_process() -> None:
    assert playa_reader._ranges(10, 2) == [range(10)]
    assert playa_reader._ranges(100, 1) == [range(100)]
    ranges = playa_reader._ranges(100, 2)
    assert [i for r in ranges for i in r] == list(range(100))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyFileError),
        (b"Dit is geen PDF maar platte tekst.\n", NotAPDFError),
        (b"%PDF-1.7\n%garbage\n1 0 obj\n<<", DamagedPDFError),
    ],
)
def test_bad_bytes_raise_the_same_typed_errors(data: bytes, error: type[AnswerParserError]) -> None:
    with pytest.raises(error):
        reading.read_pdf(data)
    with pytest.raises(error):
        playa_reader.read_pdf(data)


def test_truncated_encrypted_and_image_only_pdfs() -> None:
    data = (FIXTURES / "seed_qa.pdf").read_bytes()
    with pytest.raises(DamagedPDFError):
        playa_reader.read_pdf(data[: len(data) // 3])
    with pytest.raises(EncryptedPDFError):
        playa_reader.read_pdf(tiny_pdf(encrypt="geheim"))
    with pytest.raises(NoTextLayerError):
        playa_reader.read_pdf(tiny_pdf(text=False))


def test_too_many_pages_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TooLargeError):
        playa_reader.read_pdf(_pages_pdf(3), ReadingSettings(max_pages=2))
    with pytest.raises(UnreadableFileError) as info:
        playa_reader.read_pdf(tmp_path / "nergens.pdf")
    assert "nergens.pdf" in str(info.value)


def test_the_reader_setting_picks_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from answer_parser import parse, to_dict
    from answer_parser.pdf import readers
    from answer_parser.pdf.settings import READER_VARIABLE, default_reader

    used: list[int] = []

    def spy(source: Path, settings: ReadingSettings, progress: object, *, workers: int) -> records.PdfData:
        used.append(workers)
        return reading.read_pdf(source, settings)

    monkeypatch.setattr(playa_reader, "read_pdf", spy)
    path = FIXTURES / "seed_header.pdf"
    readers.read_pdf(path, ReadingSettings(reader="pdfplumber"))
    assert used == []
    readers.read_pdf(path, Settings(reader="playa", read_workers=2).reading)
    assert used == [2]
    monkeypatch.undo()
    by_playa = parse(path, settings=Settings(reader="playa"))
    assert to_dict(by_playa) == to_dict(parse(path, settings=Settings(reader="pdfplumber")))
    with pytest.raises(ValueError):
        ReadingSettings(reader="pdfminer")
    monkeypatch.setenv(READER_VARIABLE, "pdfplumber")
    assert default_reader() == "pdfplumber"
    monkeypatch.setenv(READER_VARIABLE, "")
    assert default_reader() == "playa"  # the default
    monkeypatch.delenv(READER_VARIABLE)
    assert default_reader() == "playa"


def test_codes_a_tounicode_map_lacks_are_cid_names_as_in_pdfminer() -> None:
    """A Type0 font over Identity-H whose /ToUnicode CMap maps nothing: pdfminer writes (cid:N),
    playa would give the character numbered as the code (here U+0017)."""
    from playa.cmapdb import ToUnicodeMap

    empty = ToUnicodeMap()
    empty.code_lengths, empty.code_space = [2], [(b"\x00\x00", b"\xff\xff")]
    assert list(playa_fonts._miner_decode(empty, b"\x00\x17\x00\x3c")) == ["", ""]
    assert list(empty.decode(b"\x00\x17")) == ["\x17"]  # playa's own decoding, which this replaces


def test_a_page_of_too_many_objects_is_refused() -> None:
    """The objects-per-page bound of the reading guards (`max_page_objects`) holds for playa's pages."""
    content = b"BT /F1 4 Tf 20 800 Td (" + b"x" * 400 + b") Tj ET"
    data = _raw_pdf(content)
    assert len(playa_reader.read_pdf(data, ReadingSettings(max_page_objects=500)).pages[0].words) == 1
    with pytest.raises(TooLargeError):
        playa_reader.read_pdf(data, ReadingSettings(max_page_objects=300))


@pytest.mark.parametrize("name", ["rotate_90", "rotate_180", "rotate_270", "sideways", "junk"])
def test_turned_pages_and_junk_read_as_the_pdfplumber_reader_reads_them(name: str) -> None:
    """Sideways and upside-down pages are turned back upright (`pdf.rotation`) from the playa
    reader's objects too; junk before %PDF- is skipped."""
    import hostile_files

    data = {
        "rotate_90": lambda: hostile_files.rotated(90),
        "rotate_180": lambda: hostile_files.rotated(180),
        "rotate_270": lambda: hostile_files.rotated(270),
        "sideways": hostile_files.sideways_text,
        "junk": hostile_files.junk_before_header,
    }[name]()
    assert_same_records(reading.read_pdf(data), playa_reader.read_pdf(data))
    assert playa_reader.read_pdf(data).pages[0].words[0].text == "ANTWOORD"


def test_text_without_a_place_is_unplaceable_not_a_scan() -> None:
    import hostile_files
    from answer_parser.errors import UnplaceableTextError

    with pytest.raises(UnplaceableTextError):
        playa_reader.read_pdf(hostile_files.singular_transform())


def _broken_catalog_row() -> bytes:
    """A good answer whose cross-reference row for the catalog holds a letter: playa refuses the
    table, pdfminer rebuilds it from the objects."""
    import hostile_files as hostile

    data = hostile.answer_pdf()
    at = data.index(b"xref")
    rows = data[at:].split(b"\n")
    rows[3] = b"00000x" + rows[3][6:]  # rows: xref, 0 6, object 0, object 1 (the catalog)
    return data[:at] + b"\n".join(rows)


def test_what_playa_cannot_read_pdfplumber_reads_again() -> None:
    from answer_parser import parse

    data = _broken_catalog_row()
    with pytest.raises(DamagedPDFError):
        parse(data, settings=Settings(reader="playa", fallback=False))
    assert parse(data, settings=Settings(reader="playa")).kind == "answer"
    playa = Settings(reader="playa")  # (whatever $ANSWER_PARSER_READER says)
    assert parse(io.BytesIO(data), settings=playa).kind == "answer"  # read again from its start
    stream = io.BytesIO(b"xx" + data)
    stream.read(2)
    assert parse(stream, settings=playa).kind == "answer"  # from where it stood, not from the start


def test_no_fallback_for_a_file_that_cannot_seek_back() -> None:
    from answer_parser import parse

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            return self.inner.readinto(b)

    with pytest.raises(DamagedPDFError):
        parse(Pipe(_broken_catalog_row()), settings=Settings(reader="playa"))
