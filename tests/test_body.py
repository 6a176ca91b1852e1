"""Annex titles and body paragraphs (answer_parser.body)."""

from __future__ import annotations

from answer_parser.model import Annex, BodyParagraph, Person, Reference
from answer_parser.sections.body import body_paragraphs, is_annex_title, read_annex_title


def test_an_annex_title_names_its_question() -> None:
    assert read_annex_title("Bijlage bij het antwoord op vraag nr. 318") == Annex(
        "Bijlage bij het antwoord op vraag nr. 318", Reference(318, None, None)
    )


def test_date_and_asker_where_printed() -> None:
    annex = read_annex_title("Bijlage 1 bij vraag nr. 412 van 14 maart 2023 van FREYA VAN DEN BOSSCHE")
    assert annex.refers_to == Reference(
        412, "2023-03-14", Person("Freya Van den Bossche", "FREYA VAN DEN BOSSCHE")
    )
    assert read_annex_title("Bijlage 1 bij vraag nr. 153 van 30/01/2021").refers_to == Reference(
        153, "2021-01-30", None
    )


def test_a_title_without_a_question_keeps_its_text() -> None:
    assert read_annex_title("Bijlage 2: overzicht  per gemeente") == Annex(
        "Bijlage 2: overzicht per gemeente", None
    )
    assert is_annex_title("BIJLAGE 2") and not is_annex_title("De bijlage bevat de cijfers.")


def test_body_keeps_pages_and_drops_empty_paragraphs() -> None:
    assert body_paragraphs([(1, "Persbericht"), (1, " "), (2, "Vanaf vandaag ...")]) == (
        BodyParagraph(1, "Persbericht"),
        BodyParagraph(2, "Vanaf vandaag ..."),
    )
