"""Sections and layout on hand-made lines: numbering styles, headings, metadata, kinds, furniture,
footnotes and dialects (no PDF needed)."""

from __future__ import annotations

import datetime

import attrs
import pytest

from answer_parser.layout.blocks import Block, TableAnchor
from answer_parser.layout.footnotes import split_footnotes
from answer_parser.layout.furniture import find_furniture
from answer_parser.layout.lines import Line
from answer_parser.layout.paragraphs import Paragraph
from answer_parser.model import Answer, Item
from answer_parser.pdf.records import Word
from answer_parser.sections.captions import attach_captions
from answer_parser.sections.dialect import FLEMISH, TWEEDE_KAMER, detect_dialect, third_tuesday_of_september
from answer_parser.sections.header import read_answer_heading, read_header_block, split_askers
from answer_parser.sections.items import normal_label
from answer_parser.sections.read import Sections, read_sections


def line(text: str, *, page: int = 1, top: float = 100.0, x0: float = 70.0, size: float = 10.0) -> Line:
    """A line of words 5 points wide per character, 3 points apart."""
    words = []
    x = x0
    for w in text.split():
        width = 5.0 * len(w)
        words.append(Word(w, x, x + width, top, top + size, size, False))
        x += width + 3.0
    return Line(page, tuple(words))


def para(*texts: str, page: int = 1, top: float = 100.0, x0: float = 70.0) -> Paragraph:
    return Paragraph(tuple(line(t, page=page, top=top + 12 * i, x0=x0) for i, t in enumerate(texts)))


HEADING = [
    para("BART SOMERS"),
    para("VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING"),
    para("ANTWOORD", "op vraag nr. 6 van 30 september 2020", "van KATRIEN PARTYKA"),
]


def answer_of(*body: Block, heading: list[Block] | None = None) -> Sections:
    return read_sections([*(HEADING if heading is None else heading), *body], 0, FLEMISH)


def numbers(sections: Sections) -> list[str | None]:
    assert sections.answer is not None
    return [it.number for it in sections.answer.items]


def texts(sections: Sections) -> list[str]:
    assert sections.answer is not None
    return [it.text for it in sections.answer.items]


# -- numbering styles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "labels"),
    [
        ("1. Eerste antwoord.", "2. Tweede antwoord.", ["1", "2"]),
        ("1) Eerste antwoord.", "2) Tweede antwoord.", ["1", "2"]),
        ("a) Eerste antwoord.", "b) Tweede antwoord.", ["a", "b"]),
        ("Vraag 1: Eerste antwoord.", "Vraag 2: Tweede antwoord.", ["1", "2"]),
        ("Antwoord op vraag 1 Eerste antwoord.", "Antwoord op vraag 2 Tweede antwoord.", ["1", "2"]),
        ("Ad 1. Eerste antwoord.", "Ad 2. Tweede antwoord.", ["1", "2"]),
        ("Antwoord 1: Eerste antwoord.", "Antwoord 2: Tweede antwoord.", ["1", "2"]),
        ("1. Eerste antwoord.", "2 en 3. Tweede antwoord.", ["1", "2 en 3"]),
        ("1. Eerste antwoord.", "Antwoord op vraag 2 en 3: Tweede antwoord.", ["1", "2 en 3"]),
        (
            "Antwoord op de vragen 1 en 2 Eerste antwoord.",
            "Vraag 3 tot en met 5: Tweede antwoord.",
            ["1 en 2", "3, 4 en 5"],
        ),
    ],
)
def test_numbering_styles(first: str, second: str, labels: list[str]) -> None:
    sections = answer_of(para(first), para(second, top=200))
    assert numbers(sections) == labels
    assert texts(sections) == ["Eerste antwoord.", "Tweede antwoord."]


def test_label_on_a_line_of_its_own() -> None:
    sections = answer_of(para("Vraag 1", "Eerste antwoord."), para("Vraag 2", "Tweede antwoord.", top=200))
    assert numbers(sections) == ["1", "2"]
    assert texts(sections) == ["Eerste antwoord.", "Tweede antwoord."]


def test_items_inside_one_paragraph_split_after_a_sentence() -> None:
    sections = answer_of(para("1. Eerste antwoord.", "2. Tweede antwoord dat", "doorloopt."))
    assert numbers(sections) == ["1", "2"]
    assert texts(sections) == ["Eerste antwoord.", "Tweede antwoord dat doorloopt."]


def test_a_number_mid_sentence_never_opens_an_item() -> None:
    sections = answer_of(
        para("1. Eerste antwoord."),
        para("2. Zoals aangegeven in", "1. is de uitval beperkt. Ook", "3. in de tekst telt niet.", top=200),
    )
    assert numbers(sections) == ["1", "2"]
    assert texts(sections)[1] == "Zoals aangegeven in 1. is de uitval beperkt. Ook 3. in de tekst telt niet."


def test_a_sub_list_out_of_sequence_stays_in_the_item() -> None:
    sections = answer_of(
        para("1. Eerste antwoord."),
        para("2. Drie stappen:", "1. aanvragen;", "2. beoordelen.", top=200),
        para("3. Derde antwoord.", top=300),
    )
    assert numbers(sections) == ["1", "2", "3"]
    assert texts(sections)[1] == "Drie stappen:\n1. aanvragen;\n2. beoordelen."


def test_after_labels_with_words_a_bare_number_is_a_sub_list_entry() -> None:
    sections = answer_of(
        para("Ad 1. Eerste antwoord."),
        para("Ad 2. Drie stappen:", top=200),
        para("1. aanvragen;", top=220),
        para("2. beoordelen;", top=240),
        para("3. uitbetalen.", top=260),
        para("Ad 3. Derde antwoord.", top=300),
    )
    assert numbers(sections) == ["1", "2", "3"]
    assert texts(sections)[1] == "Drie stappen:\n\n1. aanvragen;\n\n2. beoordelen;\n\n3. uitbetalen."


def test_lettered_sub_items_under_a_number_stay_in_the_item() -> None:
    sections = answer_of(para("1. Twee delen:", "a) het eerste;", "b) het tweede."), para("2. Ja.", top=200))
    assert numbers(sections) == ["1", "2"]
    assert texts(sections)[0] == "Twee delen:\na) het eerste;\nb) het tweede."


def test_an_unnumbered_answer_is_one_item() -> None:
    sections = answer_of(para("Het antwoord is kort."), para("Het loopt over twee alinea's.", top=200))
    assert numbers(sections) == [None]
    assert texts(sections) == ["Het antwoord is kort.\n\nHet loopt over twee alinea's."]
    assert sections.kind == "answer"


def test_intro_before_the_first_item_and_tables_in_their_item() -> None:
    sections = answer_of(
        para("Vooraf een opmerking."),
        para("1. Zie de tabel.", top=200),
        TableAnchor(0, 1, 250),
        para("2. Nee.", top=400),
    )
    assert sections.answer is not None
    assert sections.answer.intro == "Vooraf een opmerking."
    assert [it.tables for it in sections.answer.items] == [(0,), ()]


def test_one_answer_to_several_questions_is_found_for_each() -> None:
    answer = Answer(minister=None, refers_to=None, intro="", items=(Item("1", "a"), Item("2 en 3", "b")))
    assert answer.item_for("2") is answer.item_for("3") is answer.items[1]
    answer = Answer(minister=None, refers_to=None, intro="", items=(Item("3, 4 en 5", "c"),))
    assert all(answer.item_for(n) is answer.items[0] for n in ("3", "4", "5"))


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("1", "1"),
        ("2 en 3", "2 en 3"),
        ("3, 4 en 5", "3, 4 en 5"),
        ("7, 8, 9 10 en 11", "7, 8, 9, 10 en 11"),
        ("3 tot en met 5", "3, 4 en 5"),
        ("3-5", "3, 4 en 5"),
        ("A", "a"),
        ("2 & 3", "2 en 3"),
    ],
)
def test_normal_labels(printed: str, label: str) -> None:
    assert normal_label(printed) == label


# -- headings and metadata --------------------------------------------------------------------------


def test_header_block_with_number_on_the_first_line_and_a_numeric_date() -> None:
    header = read_header_block(
        [
            "SCHRIFTELIJKE VRAAG nr. 6",
            "van FREYA VAN DEN BOSSCHE",
            "datum: 30/09/2020",
            "aan BART SOMERS",
            "VICEMINISTER-PRESIDENT",
            "Titel",
        ]
    )
    assert header is not None
    assert (header.number, header.date, header.lines_used) == (6, "2020-09-30", 5)
    assert header.asker is not None and header.asker.name == "Freya Van den Bossche"
    assert header.addressee is not None and header.addressee.title == "VICEMINISTER-PRESIDENT"


@pytest.mark.parametrize(
    "heading",
    [
        "ANTWOORD op vraag nr. 6 van 30 september 2020 van KATRIEN PARTYKA",
        "Antwoord op vraag nr. 6 van 30/09/2020 van KATRIEN PARTYKA",
        "ANTWOORD op schriftelijke vraag nr. 6 van dinsdag 30 september 2020 van KATRIEN PARTYKA",
        "ANTWOORD op vraag nr. 6 van 30-09-2020 van mevrouw KATRIEN PARTYKA",
    ],
)
def test_answer_heading_variants(heading: str) -> None:
    ref = read_answer_heading(heading)
    assert ref is not None
    assert (ref.number, ref.date) == (6, "2020-09-30")
    assert ref.asker is not None and ref.asker.name == "Katrien Partyka"


def test_heading_on_one_line_followed_by_the_text_in_the_same_paragraph() -> None:
    heading: list[Block] = [
        para("BART SOMERS", "VLAAMS MINISTER VAN INBURGERING"),
        para(
            "ANTWOORD op vraag nr. 6 van 30 september 2020 van KATRIEN PARTYKA",
            "1. Eerste antwoord.",
            top=150,
        ),
    ]
    sections = answer_of(para("2. Tweede.", top=300), heading=heading)
    assert numbers(sections) == ["1", "2"]
    assert sections.answer is not None and sections.answer.refers_to is not None
    assert sections.answer.refers_to.number == 6
    assert (
        sections.answer.minister is not None
        and sections.answer.minister.title == "VLAAMS MINISTER VAN INBURGERING"
    )
    assert sections.warnings == ()


def test_a_body_line_starting_with_van_is_not_the_asker() -> None:
    heading: list[Block] = [
        para("BART SOMERS"),
        para("ANTWOORD", "op vraag nr. 6 van 30 september 2020", top=150),
    ]
    sections = answer_of(para("Van de 5402 inburgeraars slaagden er 4000.", top=300), heading=heading)
    assert sections.answer is not None and sections.answer.refers_to is not None
    assert sections.answer.refers_to.asker is None
    assert texts(sections) == ["Van de 5402 inburgeraars slaagden er 4000."]


def test_minister_in_mixed_case_is_read_with_a_warning() -> None:
    heading: list[Block] = [
        para("Bart Somers"),
        para("Vlaams minister van Binnenlands Bestuur", top=120),
        para("ANTWOORD", "op vraag nr. 6 van 30 september 2020", "van KATRIEN PARTYKA", top=150),
    ]
    sections = answer_of(para("1. Ja.", top=300), heading=heading)
    assert sections.answer is not None and sections.answer.minister is not None
    assert sections.answer.minister.name == "Bart Somers"
    assert sections.answer.minister.title == "Vlaams minister van Binnenlands Bestuur"
    assert [w.code for w in sections.warnings] == ["minister_guess"]
    assert sections.kind == "answer"


def test_a_letterhead_above_the_answer_is_not_a_question() -> None:
    heading: list[Block] = [para("Kabinet van de minister"), *HEADING]
    sections = answer_of(para("1. Ja.", top=300), heading=heading)
    assert sections.kind == "answer"
    assert sections.question is None
    assert [w.code for w in sections.warnings] == ["text_before_answer"]


QUESTION = [
    para(
        "SCHRIFTELIJKE VRAAG",
        "nr. 6",
        "van KATRIEN PARTYKA",
        "datum: 30 september 2020",
        "aan BART SOMERS",
        "VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING",
    ),
    para("Inburgeringstraject - Digitaal verloop", top=200),
    para("Een inleiding.", top=220),
    para("1. Eerste vraag?", top=240),
    para("2. Tweede vraag?", top=260),
    para("3. Derde vraag?", top=280),
]


def test_question_and_answer_reconciled_and_paired() -> None:
    sections = read_sections(
        [
            *QUESTION,
            *[para(*(ln.text for ln in p.lines), page=2) for p in HEADING if isinstance(p, Paragraph)],
            para("1. Ja.", page=2, top=300),
            para("2 en 3. Nee.", page=2, top=320),
        ],
        0,
    )
    assert sections.kind == "question_and_answer"
    assert sections.question is not None and sections.answer is not None
    q = sections.question
    assert (q.number, q.date, q.session, q.title, q.intro) == (
        6,
        "2020-09-30",
        "2020-2021",
        "Inburgeringstraject - Digitaal verloop",
        "Een inleiding.",
    )
    assert [it.number for it in q.items] == ["1", "2", "3"]
    assert [sections.answer.item_for(it.number or "") for it in q.items] == [
        sections.answer.items[0],
        sections.answer.items[1],
        sections.answer.items[1],
    ]
    assert sections.warnings == ()


def test_question_alone() -> None:
    sections = read_sections(QUESTION, 0)
    assert sections.kind == "question"
    assert sections.answer is None
    assert sections.question is not None and sections.question.asker is not None
    assert sections.question.asker.raw == "KATRIEN PARTYKA"


def test_disagreeing_number_and_minister_are_warned_about() -> None:
    heading: list[Block] = [
        para("HILDE CREVITS", page=2),
        para("ANTWOORD", "op vraag nr. 7 van 30 september 2020", "van KATRIEN PARTYKA", page=2, top=150),
    ]
    sections = read_sections([*QUESTION, *heading, para("1. Ja.", page=2, top=300)], 0)
    assert sections.question is not None and sections.question.number == 6  # the header block wins
    assert sorted(w.code for w in sections.warnings) == ["metadata_mismatch", "minister_differs"]


def test_numbered_paragraphs_alone_are_no_question() -> None:
    report = read_sections(
        [para("Begroting 2026"), para("1. Inleiding.", top=200), para("2. Ramingen.", top=300)], 0
    )
    assert (report.kind, report.question) == ("unknown", None)


def test_captions_and_notes_go_onto_their_tables() -> None:
    small_note = Paragraph((line("Aantallen kleiner dan 5 worden niet getoond.", top=330, size=8.0),))
    blocks: list[Block] = [
        para("Tabel 1: Vlaams Gewest Tabel 2: Brussels Hoofdstedelijk Gewest"),
        TableAnchor(0, 1, 120),
        TableAnchor(1, 1, 120),
        Paragraph(
            (
                line("* voorlopige cijfers", top=300, size=8.0),
                line("Bron: Departement Onderwijs", top=309, size=8.0),
            )
        ),
        para("Gewone tekst na de tabellen.", top=400),
        TableAnchor(2, 1, 500),
        small_note,
        para("Tekst.", top=700),
    ]
    kept, captions = attach_captions(blocks)
    assert captions.numbers == {0: 1, 1: 2}
    assert captions.texts == {0: "Vlaams Gewest", 1: "Brussels Hoofdstedelijk Gewest"}
    assert captions.notes == {
        1: ("* voorlopige cijfers", "Bron: Departement Onderwijs"),
        2: ("Aantallen kleiner dan 5 worden niet getoond.",),
    }
    assert [b.text for b in kept if isinstance(b, Paragraph)] == ["Gewone tekst na de tabellen.", "Tekst."]


def _bold(text: str, *, top: float, size: float = 8.0) -> Paragraph:
    plain = line(text, top=top, size=size)
    first = attrs.evolve(plain.words[0], bold=True)
    return Paragraph((Line(plain.page, (first, *plain.words[1:])),))


def test_a_bold_title_in_small_print_above_a_table_is_its_caption_not_a_note_above() -> None:
    blocks: list[Block] = [
        para(
            "De cijfers over de meldingen komen van de antidiscriminatievoorzieningen in de provincie",
            "en van de politie, die de meldingen en aangiftes van de afgelopen drie jaar telde en",
            "daarbij ook beledigende uitingen tegenover politieagenten heeft meegenomen.",
        ),
        para("Bijgaande cijfers:", top=130),
        _bold("Meldingen Tumba, kenniscentrum discriminatie en diversiteit", top=150),
        TableAnchor(0, 1, 160),
        _bold("Meldingen bij de politie Fryslân", top=300),
        TableAnchor(1, 1, 310),
        # small print that reads like a header row or a total, not like a title
        _bold("Totaal uitgaven", top=500),
        TableAnchor(2, 1, 510),
        Paragraph((line("2025 2026 2027", top=600, size=8.0),)),
        TableAnchor(3, 1, 610),
    ]
    kept, captions = attach_captions(blocks)
    assert captions.texts == {
        0: "Meldingen Tumba, kenniscentrum discriminatie en diversiteit",
        1: "Meldingen bij de politie Fryslân",
    }
    assert captions.numbers == {} and captions.notes == {}
    assert [b.text for b in kept if isinstance(b, Paragraph)][1:] == [
        "Bijgaande cijfers:",
        "Totaal uitgaven",
        "2025 2026 2027",
    ]


def test_annex_and_unknown() -> None:
    annex = read_sections([para("Bijlage 1"), TableAnchor(0, 1, 200), TableAnchor(1, 1, 400)], 2)
    assert (annex.kind, annex.question, annex.answer) == ("annex", None, None)
    unknown = read_sections([para("Persbericht"), para("Een tekst van een ander genre.", top=200)], 0)
    assert (unknown.kind, unknown.question, unknown.answer) == ("unknown", None, None)
    assert [w.code for w in unknown.warnings] == ["unknown_genre"]
    assert read_sections([], 0).kind == "unknown"


# -- the interleaved layout (Tweede Kamer) ------------------------------------------------------------

TK_PREAMBLE = [
    para("Tweede Kamer der Staten-Generaal"),
    para("Vergaderjaar 2023–2024 Aanhangsel van de Handelingen", top=120),
    para("1314", top=150),
    para(
        "Vragen van de leden Mutluer (GroenLinks-PvdA) en Kostic´ (PvdD) aan de",
        "Minister van Onderwijs, Cultuur en Wetenschap over het bericht «Kritiek op",
        "besluit» (ingezonden 6 maart 2024).",
        top=170,
    ),
    para(
        "Antwoord van Minister Dijkgraaf (Onderwijs, Cultuur en Wetenschap)",
        "(ontvangen 25 maart 2024).",
        top=220,
    ),
]


def test_interleaved_questions_and_answers() -> None:
    body = [
        para("Vraag 1", "Heeft u kennisgenomen van het artikel?", top=300),
        para("Antwoord 1", "Ja.", top=330),
        para("Vraag 2", "Zijn de voorwaarden vastgelegd?", top=360),
        para("Vraag 3", "Waarom niet?", top=390),
        para("Antwoord 2 en 3", "Nee.", top=420),
    ]
    sections = read_sections([*TK_PREAMBLE, *body], 0, TWEEDE_KAMER)
    assert sections.kind == "question_and_answer"
    q, a = sections.question, sections.answer
    assert q is not None and a is not None
    assert (q.number, q.date, q.session) == (1314, "2024-03-06", "2023-2024")
    assert q.asker is not None and (q.asker.name, q.asker.raw) == (
        "Mutluer",
        "Mutluer (GroenLinks-PvdA) en Kostić (PvdD)",
    )
    assert q.addressee is not None and q.addressee.raw == "Minister van Onderwijs, Cultuur en Wetenschap"
    assert q.title == "het bericht «Kritiek op besluit»"
    assert a.minister is not None
    assert (a.minister.name, a.minister.title) == ("Dijkgraaf", "Minister (Onderwijs, Cultuur en Wetenschap)")
    assert [it.number for it in q.items] == ["1", "2", "3"]
    assert [it.number for it in a.items] == ["1", "2 en 3"]
    assert [a.item_for(it.number or "") for it in q.items] == [a.items[0], a.items[1], a.items[1]]
    assert [w.code for w in sections.warnings] == ["several_askers"]


def test_interleaved_without_preamble_warns() -> None:
    sections = read_sections(
        [para("Vraag 1", "Waarom?"), para("Antwoord 1", "Daarom.", top=200)], 0, TWEEDE_KAMER
    )
    assert sections.kind == "question_and_answer"
    assert [w.code for w in sections.warnings] == ["preamble_unread", "preamble_unread"]


def test_interleaved_number_jump_is_warned_about() -> None:
    sections = read_sections(
        [*TK_PREAMBLE, para("Vraag 1", "Waarom?", top=300), para("Vraag 4", "Hoe?", top=330)], 0, TWEEDE_KAMER
    )
    assert "item_number_jump" in [w.code for w in sections.warnings]


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("Erkens (VVD)", ["Erkens"]),
        ("Mutluer (GroenLinks-PvdA) en Kostić (PvdD)", ["Mutluer", "Kostić"]),
        ("Sneller (D66), Chakor (GroenLinks-PvdA) en Van Nispen (SP)", ["Sneller", "Chakor", "Van Nispen"]),
        ("Van Eijk en Aartsen (beiden VVD)", ["Van Eijk", "Aartsen"]),
        ("Bushoff en Patijn(beiden GroenLinks-PvdA)", ["Bushoff", "Patijn"]),
    ],
)
def test_askers_split(phrase: str, names: list[str]) -> None:
    assert split_askers(phrase) == names


# -- dialects and sessions ---------------------------------------------------------------------------


def test_dialect_detection() -> None:
    assert detect_dialect("SCHRIFTELIJKE VRAAG nr. 6 van KATRIEN PARTYKA datum: 30 september 2020") is FLEMISH
    assert detect_dialect("BART SOMERS ANTWOORD op vraag nr. 6 van 30 september 2020") is FLEMISH
    tk = "Tweede Kamer der Staten-Generaal Vragen van het lid Erkens (VVD) (ingezonden 2 juli 2024)."
    assert detect_dialect(tk) is TWEEDE_KAMER
    assert detect_dialect("Een begroting zonder kenmerken.") is FLEMISH


def test_sessions() -> None:
    # the Flemish parliamentary year opens on the fourth Monday of September
    assert FLEMISH.session_for(datetime.date(2020, 9, 27)) == "2019-2020"
    assert FLEMISH.session_for(datetime.date(2020, 9, 28)) == "2020-2021"
    # the States General's year opens on the third Tuesday of September (Prinsjesdag)
    assert third_tuesday_of_september(2023) == datetime.date(2023, 9, 19)
    assert TWEEDE_KAMER.session_for(datetime.date(2023, 9, 18)) == "2022-2023"
    assert TWEEDE_KAMER.session_for(datetime.date(2023, 9, 19)) == "2023-2024"


# -- furniture and footnotes ------------------------------------------------------------------------


def test_furniture_numbers_must_follow_the_pages() -> None:
    pages = []
    for page in (1, 2, 3):
        lines = [
            line(f"Antwoord {2 * page}", page=page, top=50),  # an item label opening each page
            line("Gewone tekst op de pagina.", page=page, top=300),
            line(f"Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel {page}", page=page, top=780),
            line(f"Pagina {page} van 3", page=page, top=800),
        ]
        pages.append((842.0, lines))
    dropped = {text for _page, _top, text in find_furniture(pages)}
    assert dropped == {
        *(f"Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel {p}" for p in (1, 2, 3)),
        *(f"Pagina {p} van 3" for p in (1, 2, 3)),
    }


def test_furniture_patterns_work_on_a_single_page() -> None:
    lines = [line("ah-tk-20232024-1999", top=755), line("ISSN 0921 - 7398", top=761), line("Tekst", top=300)]
    dropped = {text for _p, _t, text in find_furniture([(842.0, lines)], patterns=TWEEDE_KAMER.furniture)}
    assert dropped == {"ah-tk-20232024-1999", "ISSN 0921 - 7398"}
    assert find_furniture([(842.0, lines)]) == set()


def small(text: str, top: float, x0: float = 70.0) -> Line:
    return line(text, top=top, x0=x0, size=7.0)


def test_footnotes_leave_the_text_and_their_markers_go() -> None:
    body = [line(f"Regel {i} van de tekst over het rapport.", top=100 + 12 * i) for i in range(10)]
    body.append(line("Kent u het rapport1 en het bericht «Kritiek»?2", top=220))
    notes = [
        small("1 NOS, d.d. 1 maart 2024, «Kritiek op besluit»,", 700),
        small("https://nos.nl/artikel/2510977-kritiek", 709, x0=76),
        small("2 Kamerstuk 32 813, nr. 1061", 718),
    ]
    pages, footnotes = split_footnotes([[*body, *notes]])
    assert [ln.text for ln in pages[0]][-1] == "Kent u het rapport en het bericht «Kritiek»?"
    assert len(pages[0]) == len(body)
    assert [(n.number, n.text) for n in footnotes] == [
        (1, "NOS, d.d. 1 maart 2024, «Kritiek op besluit», https://nos.nl/artikel/2510977-kritiek"),
        (2, "Kamerstuk 32 813, nr. 1061"),
    ]


def test_small_text_without_a_note_number_is_not_a_footnote() -> None:
    body = [line(f"Regel {i} van de tekst.", top=100 + 12 * i) for i in range(10)]
    notes = [small("Bron: Departement Cultuur", 700), small("CO2 2019 12", 709)]
    pages, footnotes = split_footnotes([[*body, *notes]])
    assert footnotes == [] and len(pages[0]) == 12
