"""The bulletin stages on their own: columns, the flow cut into parts, the cover, the contents."""

from __future__ import annotations

from answer_parser.layout.blocks import TableAnchor
from answer_parser.layout.columns import column_of, page_columns, spans_gutter
from answer_parser.layout.lines import Line
from answer_parser.layout.paragraphs import Paragraph
from answer_parser.pdf.records import Word
from answer_parser.sections.bulletin import (
    BULLETIN,
    check_contents,
    contents_entries,
    detect_bulletin,
    read_issue,
)
from answer_parser.sections.parts import split_bulletin

PAGE_WIDTH = 595.0


def word(text: str, x0: float, top: float, width: float | None = None, bold: bool = False) -> Word:
    return Word(text, x0, x0 + (width or 5.5 * len(text)), top, top + 10, 10.0, bold)


def line(text: str, page: int = 2, top: float = 100.0, x0: float = 70.0) -> Line:
    words, x = [], x0
    for t in text.split():
        words.append(word(t, x, top))
        x += 5.5 * len(t) + 3
    return Line(page, tuple(words))


def para(*texts: str, page: int = 2, top: float = 100.0) -> Paragraph:
    return Paragraph(tuple(line(t, page, top + 12 * k) for k, t in enumerate(texts)))


def two_columns(rows: int = 20) -> list[Word]:
    """Words of a page in two columns (x 70-280 and 310-525) under a centred running header."""
    words = [word("Vlaams", 200, 40), word("Parlement", 240, 40), word("-Vragen-", 285, 40, 40.0)]
    for r in range(rows):
        top = 80 + 12 * r
        words += [word("links", 70 + 40 * k, top, 30.0) for k in range(5)]
        words += [word("rechts", 310 + 42 * k, top, 30.0) for k in range(5)]
    return words


def test_a_gutter_is_found_between_two_columns_under_a_running_header() -> None:
    words = two_columns()
    gutter = page_columns(words, PAGE_WIDTH)
    assert gutter is not None and 280 < gutter < 310
    assert column_of(70, 100, gutter) == 1
    assert column_of(310, 340, gutter) == 2
    header = [w for w in words if w.top == 40]
    assert spans_gutter(header, gutter)


def test_one_column_text_has_no_gutter() -> None:
    words = [word("tekst", 70 + 36 * k, 80 + 12 * r, 30.0) for r in range(30) for k in range(13)]
    assert page_columns(words, PAGE_WIDTH) is None


def test_two_column_lines_side_by_side_do_not_span_the_gutter() -> None:
    gutter = 295.0
    pair = [word("einde", 240, 80, 30.0), word("begin", 310, 80, 30.0)]
    centred_number = [word("-", 285, 800, 4.0), word("2", 293, 800, 5.0), word("-", 301, 800, 4.0)]
    assert not spans_gutter(pair, gutter)
    assert spans_gutter(centred_number, gutter)


def test_the_cover_is_recognised_and_read() -> None:
    cover = [
        line("VLAAMS PARLEMENT", 1),
        line("VRAGEN EN ANTWOORDEN", 1),
        line("Zitting 2007-2008", 1),
        line("Nr. 4", 1),
        line("Januari 2008", 1),
        line("INHOUDSOPGAVE", 1),
        line("KRIS PEETERS ........................ 3", 1),
        line("HILDE CREVITS.......................12", 1),
    ]
    assert detect_bulletin(" ".join(ln.text for ln in cover)) is BULLETIN
    issue = read_issue(cover)
    assert (issue.number, issue.session, issue.date) == (4, "2007-2008", "Januari 2008")
    assert contents_entries(cover) == [("KRIS PEETERS", 3), ("HILDE CREVITS", 12)]


def test_a_single_answer_is_not_a_bulletin() -> None:
    text = "SCHRIFTELIJKE VRAAG nr. 6 van KATRIEN PARTYKA datum: 30 september 2020 aan BART SOMERS"
    assert detect_bulletin(text) is None


def test_the_contents_check_names_what_is_not_found() -> None:
    entries = [("KRIS PEETERS", 2), ("STEVEN VANACKERE", 3), ("HILDE CREVITS", 3)]
    assert check_contents(entries, [("KRIS PEETERS", 2), ("STEVEN VANACKERE", 3), ("HILDE CREVITS", 3)]) == []
    found = [("KRIS PEETERS", 2), ("STEVEN VANACKERE", 4), ("JO VANDEURZEN", 4)]
    messages = [w.message for w in check_contents(entries, found)]
    assert all(w.code == "bulletin_contents_mismatch" for w in check_contents(entries, found))
    assert messages == [
        "contents put 'STEVEN VANACKERE' on page 3, its heading is on page 4",
        "contents entry 'HILDE CREVITS' (page 3) not found in the body",
        "minister heading 'JO VANDEURZEN' is not in the contents",
    ]
    assert [w.code for w in check_contents([], found)] == ["bulletin_contents_missing"]


def test_the_flow_is_cut_into_one_part_per_question() -> None:
    blocks = [
        para("VRAGEN EN ANTWOORDEN", "Nr. 7", "April 2006", "INHOUDSTAFEL", page=1),
        para("YVES LETERME ............ 2", page=1, top=300),
        para("I. VRAGEN VAN DE VLAAMSE VOLKSVERTEGENWOORDIGERS", page=2, top=60),
        para("A. Vragen waarop werd geantwoord binnen", "de reglementaire termijn", page=2, top=90),
        para("YVES LETERME, MINISTER-PRESIDENT VAN DE VLAAMSE", "REGERING", page=2, top=130),
        para("Vraag nr. 42 van 8 maart 2006 van", "JAN LOONES", page=2, top=170),
        para("Berekening mestquota", page=2, top=200),
        para("1. Hoeveel hectare?", page=2, top=220),
        para("Antwoord", page=2, top=240),
        para("1. Zo veel.", page=2, top=260),
        TableAnchor(0, 2, 280),
        para("Vraag nr. 47 van 15 maart 2006 van JOS STASSEN", page=3, top=60),
        para("Plattelandsontwikkeling", page=3, top=80),
        para("Hoeveel projecten?", page=3, top=100),
    ]
    flow = split_bulletin(blocks, [(2, 3)], BULLETIN)
    assert [ln.text for ln in flow.cover][-1] == "YVES LETERME ............ 2"
    assert flow.ministers == (("YVES LETERME", 2),)
    first, second = flow.parts
    assert (first.number, first.date, first.asker and first.asker.raw) == (42, "2006-03-08", "JAN LOONES")
    assert first.minister is not None and first.minister.title == "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING"
    assert first.pages == (2, 3)  # its table runs onto page 3
    assert [b.text if isinstance(b, Paragraph) else b for b in first.blocks] == [
        "Berekening mestquota",
        "1. Hoeveel hectare?",
        "Antwoord",
        "1. Zo veel.",
        TableAnchor(0, 2, 280),
    ]
    assert (second.number, second.pages, second.minister) == (47, (3, 3), first.minister)


def test_a_page_without_its_own_gutter_takes_the_documents() -> None:
    """A last page with a short right column, and a cover with lines across the middle."""
    from answer_parser.layout.columns import page_gutters

    full = two_columns()
    short = [w for w in full if w.x1 <= 285 or w.top < 140]  # five rows left in the right column
    cover = [word("tekst", 70 + 36 * k, 80 + 12 * r, 34.0) for r in range(10) for k in range(13)]
    gutter = page_columns(full, PAGE_WIDTH)
    assert page_columns(short, PAGE_WIDTH) is None
    assert page_gutters([(cover, PAGE_WIDTH), (full, PAGE_WIDTH), (short, PAGE_WIDTH)]) == [
        None,
        gutter,
        gutter,
    ]


def test_headings_are_never_furniture_and_only_outer_lines_repeat_as_it() -> None:
    from answer_parser.layout.columns import outermost_lines

    assert BULLETIN.is_heading("Antwoord")
    assert BULLETIN.is_heading("Vraag nr. 42 van 8 maart 2006 van")
    assert BULLETIN.is_heading("KRIS PEETERS, VLAAMS MINISTER VAN")
    assert not BULLETIN.is_heading("Provincie Aantal")
    page = [
        line("Vlaams Parlement - Vragen en Antwoorden -2-", top=40),
        line("Antwoord", top=80),
        line("- 2 -", top=800),
    ]
    assert outermost_lines([page]) == {(2, 40, page[0].text), (2, 800, "- 2 -")}
