"""The accounting of every word (answer_parser.accounting): what ends nowhere is named."""

from __future__ import annotations

from answer_parser.sections.accounting import (
    PageWord,
    document_strings,
    tokens,
    unplaced_warnings,
    unplaced_words,
)


def words(page: int, text: str) -> list[PageWord]:
    return [PageWord(page, w) for w in text.split()]


def test_tokens_leave_marks_soft_hyphens_and_glyph_codes_out() -> None:
    assert tokens("uit 2022⁴, de ICT-middelen") == ["uit", "2022", "de", "ict", "middelen"]
    assert tokens("Leeftijds\u00adcategorie (cid:127) x") == ["leeftijdscategorie", "x"]


def test_every_word_held_is_placed_and_a_missing_one_is_named() -> None:
    printed = words(1, "Het aantal steeg. De minister antwoordt.") + words(2, "Tabel 2: Overzicht")
    placed = ["Het aantal steeg.", "2", "Overzicht"]  # the table's number and caption
    lost = unplaced_words(placed, printed)
    assert [(w.page, w.text) for w in lost] == [(1, "De"), (1, "minister"), (1, "antwoordt.")]


def test_a_word_printed_twice_must_be_held_twice() -> None:
    lost = unplaced_words(["de gemeente"], words(1, "de gemeente en de gemeente"))
    assert [w.text for w in lost] == ["en", "de", "gemeente"]


def test_a_repeated_table_header_is_placed_by_the_table() -> None:
    printed = words(2, "Gemeente 2019 Aalst 12") + words(3, "Gemeente 2019 Lier 7")
    table = ["Gemeente", "2019", "Aalst", "12", "Lier", "7"]
    assert unplaced_words(table, printed, table) == []


def test_a_word_broken_over_two_lines_is_placed_by_the_joined_word() -> None:
    printed = words(2, "Leeftijds- geslaagd categorie") + words(2, "Prioriteitengroe p")
    assert unplaced_words(["Leeftijdscategorie geslaagd", "Prioriteitengroep"], printed) == []


def test_dates_numbers_and_structure_words_are_placed_by_the_metadata() -> None:
    held = list(document_strings({"question": {"number": 6, "date": "2020-09-30", "items": []}}))
    printed = words(1, "SCHRIFTELIJKE VRAAG nr. 6 datum: 30 september 2020") + words(2, "op 30/09/2020")
    assert unplaced_words(held, printed) == []


def test_one_warning_per_page_quoting_the_words() -> None:
    warnings = unplaced_warnings(words(1, "een twee") + words(3, "drie"))
    assert [(w.code, w.page) for w in warnings] == [("text_unplaced", 1), ("text_unplaced", 3)]
    assert "2 word(s) on page 1" in warnings[0].message and "'een twee'" in warnings[0].message
