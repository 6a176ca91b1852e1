"""Issue 11 on hand-made lines: captions and notes that end where their type changes, the caption
between two tables, lists followed by text at the margin, dash lists, item pages, the body of
annexes and unknown documents, and answer_missing."""

from __future__ import annotations

from answer_parser.dutch.text import join_text_lines
from answer_parser.layout.blocks import Block, TableAnchor
from answer_parser.layout.footnotes import split_footnotes
from answer_parser.layout.lines import Line
from answer_parser.layout.paragraphs import Paragraph, lines_to_paragraphs
from answer_parser.model import Annex, BodyParagraph, Reference
from answer_parser.pdf.records import Word
from answer_parser.sections.captions import attach_captions
from answer_parser.sections.dialect import FLEMISH
from answer_parser.sections.read import read_sections


def line(
    text: str, *, page: int = 1, top: float = 100.0, x0: float = 70.0, size: float = 10.0, bold: bool = False
) -> Line:
    """A line of words 5 points wide per character, 3 points apart."""
    words = []
    x = x0
    for w in text.split():
        width = 5.0 * len(w)
        words.append(Word(w, x, x + width, top, top + size, size, bold))
        x += width + 3.0
    return Line(page, tuple(words))


HEADING: list[Block] = [
    Paragraph((line("BART SOMERS"),)),
    Paragraph((line("VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING", top=112),)),
    Paragraph(
        (
            line("ANTWOORD", top=140),
            line("op vraag nr. 6 van 30 september 2020", top=152),
            line("van KATRIEN PARTYKA", top=164),
        )
    ),
]


def test_a_bold_caption_below_a_table_ends_where_the_next_item_opens() -> None:
    caption = Paragraph(
        (
            line("Tabel 1: Incidenten per provincie", top=300, bold=True),
            line("2. Sinds november gelden strengere regels.", top=312),
        )
    )
    blocks: list[Block] = [
        *HEADING,
        Paragraph((line("1. Het aantal daalde.", top=200),)),
        TableAnchor(0, 1, 220, 1, 290),
        caption,
    ]
    kept, captions = attach_captions(blocks, FLEMISH)
    assert captions.numbers == {0: 1} and captions.texts == {0: "Incidenten per provincie"}
    sections = read_sections(kept, 1, FLEMISH)
    assert sections.answer is not None
    assert [(it.number, it.text, it.tables) for it in sections.answer.items] == [
        ("1", "Het aantal daalde.", (0,)),
        ("2", "Sinds november gelden strengere regels.", ()),
    ]


def test_a_note_ends_where_the_text_goes_back_to_body_type() -> None:
    note = Paragraph(
        (
            line("Bron: Agentschap Binnenlands Bestuur", top=300, size=8.0),
            line("Deze cijfers zijn voorlopig.", top=309, size=10.0),
        )
    )
    kept, captions = attach_captions([TableAnchor(0, 1, 220, 1, 290), note], FLEMISH)
    assert captions.notes == {0: ("Bron: Agentschap Binnenlands Bestuur",)}
    assert [b.text for b in kept if isinstance(b, Paragraph)] == ["Deze cijfers zijn voorlopig."]


def test_a_caption_between_two_tables_belongs_to_the_one_below() -> None:
    blocks: list[Block] = [
        TableAnchor(0, 1, 100, 1, 200),
        Paragraph((line("Tabel 2: Boetes per jaar", top=204),)),
        TableAnchor(1, 1, 220, 1, 300),
    ]
    _, captions = attach_captions(blocks, FLEMISH)
    assert captions.numbers == {1: 2}


def test_a_caption_clearly_closer_to_the_table_above_stays_with_it() -> None:
    blocks: list[Block] = [
        TableAnchor(0, 1, 100, 1, 200),
        Paragraph((line("Tabel 1: Incidenten", top=203),)),
        TableAnchor(1, 1, 240, 1, 300),
    ]
    _, captions = attach_captions(blocks, FLEMISH)
    assert captions.numbers == {0: 1}


def test_text_back_at_the_margin_after_a_list_is_a_paragraph_of_its_own() -> None:
    lines = [
        line("De controles richten zich op:", top=100),
        line("- de verkooppunten", top=112, x0=87),
        line("- de opslag bij particulieren", top=124, x0=87),
        line("Daarnaast werkt de inspectie samen met de politie.", top=136),
    ]
    paragraphs = lines_to_paragraphs(lines, pitch=1.2)
    assert [p.text for p in paragraphs] == [
        "De controles richten zich op:\n- de verkooppunten\n- de opslag bij particulieren",
        "Daarnaast werkt de inspectie samen met de politie.",
    ]


def test_dash_entries_at_one_indent_are_a_list_without_closing_punctuation() -> None:
    texts = ["- de verkooppunten", "- de opslag bij particulieren", "- de verkoop online"]
    assert join_text_lines(texts, [87.0, 87.0, 87.0]) == "\n".join(texts)
    # a dash in running text after a line that goes on stays text
    assert join_text_lines(["het aantal", "- zoals gezegd - daalt"], [70.0, 70.0]) == (
        "het aantal - zoals gezegd - daalt"
    )


def test_items_know_their_pages() -> None:
    blocks: list[Block] = [
        *HEADING,
        Paragraph((line("1. Het aantal daalde", top=700), line("over het hele jaar.", page=2, top=80))),
        Paragraph((line("2. Een evaluatie volgt.", page=2, top=100),)),
    ]
    sections = read_sections(blocks, 0, FLEMISH)
    assert sections.answer is not None
    assert [it.pages for it in sections.answer.items] == [(1, 2), (2,)]


def test_an_annex_keeps_its_title_and_text_in_the_body() -> None:
    blocks: list[Block] = [
        Paragraph((line("Bijlage bij het antwoord op vraag nr. 318", bold=True),)),
        Paragraph((line("Het overzicht per provincie.", top=130),)),
        TableAnchor(0, 1, 150, 1, 400),
    ]
    sections = read_sections(blocks, 1, FLEMISH)
    assert sections.kind == "annex"
    assert sections.annex == Annex("Bijlage bij het antwoord op vraag nr. 318", Reference(318, None, None))
    assert sections.body == (
        BodyParagraph(1, "Bijlage bij het antwoord op vraag nr. 318"),
        BodyParagraph(1, "Het overzicht per provincie."),
    )


def test_an_unknown_document_keeps_all_its_running_text() -> None:
    texts = ["Persbericht", "Vanaf vandaag kan iedereen een aanvraag indienen.", "Meer info op de website."]
    blocks: list[Block] = [Paragraph((line(t, top=100 + 30 * i),)) for i, t in enumerate(texts)]
    sections = read_sections(blocks, 0, FLEMISH)
    assert sections.kind == "unknown" and sections.annex is None
    assert [b.text for b in sections.body] == texts


def test_a_list_goes_on_over_a_page_break() -> None:
    lines = [
        line("De maatregelen:", top=700),
        line("- de verkooppunten", top=712, x0=87),
        line("- de opslag", page=2, top=80, x0=87),
        line("Daarna volgt een evaluatie.", page=2, top=92),
    ]
    assert [p.text for p in lines_to_paragraphs(lines, pitch=1.2)] == [
        "De maatregelen:\n- de verkooppunten\n- de opslag",
        "Daarna volgt een evaluatie.",
    ]


def test_table_rows_in_small_print_at_the_page_bottom_are_no_footnotes() -> None:
    body = [line(f"Tekst van de pagina, regel {i}.", top=100 + 12 * i) for i in range(20)]
    rows = [
        Line(
            1, (*line("18 - 29 jaar", top=700, size=9).words, *line("52,8 %", top=700, x0=250, size=9).words)
        ),
        Line(
            1, (*line("30 - 39 jaar", top=711, size=9).words, *line("16,5 %", top=711, x0=250, size=9).words)
        ),
    ]
    kept, notes = split_footnotes([[*body, *rows]])
    assert notes == [] and kept == [[*body, *rows]]


def test_an_unnumbered_title_between_two_tables_is_the_caption_of_the_one_below() -> None:
    note = Paragraph(
        (
            line("Bron: Agentschap Binnenlands Bestuur", top=300, size=8.0),
            line("Overzicht van de boetes per jaar", top=309, size=8.0, bold=True),
        )
    )
    blocks: list[Block] = [TableAnchor(0, 1, 220, 1, 290), note, TableAnchor(1, 1, 330, 1, 400)]
    kept, captions = attach_captions(blocks, FLEMISH)
    assert captions.notes == {0: ("Bron: Agentschap Binnenlands Bestuur",)}
    assert captions.texts == {1: "Overzicht van de boetes per jaar"} and 1 not in captions.numbers
    assert [b for b in kept if isinstance(b, Paragraph)] == []
    # in body type, right under a table, too
    title = Paragraph((line("Overzicht van de boetes per jaar", top=300, bold=True),))
    _, captions = attach_captions(
        [TableAnchor(0, 1, 220, 1, 290), title, TableAnchor(1, 1, 320, 1, 400)], FLEMISH
    )
    assert captions.texts == {1: "Overzicht van de boetes per jaar"}


def test_a_caption_below_a_table_ends_where_a_list_begins() -> None:
    for bullet in ("-", "•"):
        caption = Paragraph(
            (
                line("Tabel 1: Verdeling van de middelen", top=300),
                line(f"{bullet} de erkende sportfederaties", top=312, x0=87),
                line(f"{bullet} de centra voor volwassenenonderwijs", top=324, x0=87),
            )
        )
        kept, captions = attach_captions([TableAnchor(0, 1, 220, 1, 290), caption], FLEMISH)
        assert captions.texts == {0: "Verdeling van de middelen"}
        assert [b.text for b in kept if isinstance(b, Paragraph)] == [
            f"{bullet} de erkende sportfederaties\n{bullet} de centra voor volwassenenonderwijs"
        ]
