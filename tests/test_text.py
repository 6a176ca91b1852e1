"""Clean text: line joining, hyphenation repair, links, lists, spacing accents (answer_parser.dutch.text)."""

from __future__ import annotations

import pytest

from answer_parser.dutch.text import (
    collapse,
    find_urls,
    fix_spacing_accents,
    join_lines,
    join_paragraphs,
    join_text_lines,
    normalize_url,
)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # the word processor's hyphenation: the hyphen goes
        (["Leeftijds-", "categorie"], "Leeftijdscategorie"),
        (["de regen-", "boogprovincie"], "de regenboogprovincie"),
        (["soft\u00ad", "hyphen"], "softhyphen"),
        # a hyphen after a capital or a digit is real
        (["het beschikken over de nodige ICT-", "middelen"], "het beschikken over de nodige ICT-middelen"),
        (["voor 18-", "jarigen"], "voor 18-jarigen"),
        (["in 2019-", "2020"], "in 2019-2020"),
        # before a capital: a real hyphen ('Noord-Holland')
        (["Noord-", "Holland"], "Noord-Holland"),
        # a Dutch elision keeps hyphen and space
        (["zorg-", "en welzijnsbeleid"], "zorg- en welzijnsbeleid"),
        (["Oost-", "en Zuid-Nederland"], "Oost- en Zuid-Nederland"),
        # the same vowel on both sides: the compound's own hyphen
        (["de zee-", "egel"], "de zee-egel"),
        (["auto-", "onderdelen"], "auto-onderdelen"),
        # a dash with a space before it is no hyphenation
        (["Inburgeringstraject -", "Digitaal verloop"], "Inburgeringstraject - Digitaal verloop"),
        # plain wrapping
        (["een  lange", " regel "], "een lange regel"),
        (["maatregelen/", "projecten"], "maatregelen/projecten"),
        (["en/", "of"], "en/of"),
    ],
)
def test_join_lines_repairs_hyphenation(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # not inside URLs
        (
            ["op de website www.integratie-", "inburgering.be."],
            "op de website www.integratie-inburgering.be.",
        ),
        (
            ["zie https://nos.nl/artikel/2510977-kritiek-op-", "besluit-provincie"],
            "zie https://nos.nl/artikel/2510977-kritiek-op-besluit-provincie",
        ),
        # nor inside e-mail addresses
        (["mail naar jan.peeters-", "de.smet@vlaanderen.be"], "mail naar jan.peeters-de.smet@vlaanderen.be"),
        (["mail naar info@", "vlaanderen.be"], "mail naar info@vlaanderen.be"),
        # a URL broken after its scheme or at a '/', and one broken anywhere before a '%...'
        (
            [
                "Movisie, https://",
                "www.movisie.nl/sites/movisie.nl/files/2022-03/220315_%20Regenboogbeleid",
                "%202022.pdf",
            ],
            "Movisie, https://www.movisie.nl/sites/movisie.nl/files/2022-03/220315_%20Regenboogbeleid%202022.pdf",
        ),
        # a URL that ends the line and a sentence that goes on: a space
        (["zie www.vlaanderen.be/", "voor meer uitleg"], "zie www.vlaanderen.be/ voor meer uitleg"),
        (["zie www.vlaanderen.be.", "Daar staat"], "zie www.vlaanderen.be. Daar staat"),
    ],
)
def test_join_lines_leaves_links_whole(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_urls_in_text_are_found_and_normalised() -> None:
    text = "De cijfers staan op www.integratie-inburgering.be. Zie ook (https://example.org/a?b=1), «https://x.be/y»."
    assert find_urls(text) == [
        "http://www.integratie-inburgering.be",
        "https://example.org/a?b=1",
        "https://x.be/y",
    ]
    assert normalize_url("www.x.be,") == "http://www.x.be"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Kostic´", "Kostić"),
        ("Yes¸ilgöz-Zegerius", "Yeşilgöz-Zegerius"),
        ("Franc¸ois", "François"),
        ("Dus\u02c7an", "Dušan"),
        ("zo´n", "zo´n"),  # an acute after a vowel may be an apostrophe: left alone
        ("gewone tekst", "gewone tekst"),
    ],
)
def test_spacing_accents_go_on_their_letter(raw: str, fixed: str) -> None:
    assert fix_spacing_accents(raw) == fixed
    assert collapse(f"  {raw}\u00a0 ") == fixed


def test_bullets_keep_a_line_each() -> None:
    lines = [
        "Er zijn drie redenen:",
        "• de instroom daalde, vooral in de",
        "grootsteden;",
        "• de lessen werden digitaal;",
        "• de examens werden uitge-",
        "steld.",
        "Dat blijkt uit de cijfers.",
    ]
    indents = [70.0, 70.0, 80.0, 70.0, 70.0, 80.0, 70.0]
    assert join_text_lines(lines, indents) == (
        "Er zijn drie redenen:\n"
        "• de instroom daalde, vooral in de grootsteden;\n"
        "• de lessen werden digitaal;\n"
        "• de examens werden uitgesteld. Dat blijkt uit de cijfers."
    )


def test_text_back_at_the_margin_after_a_list_is_a_new_line() -> None:
    lines = ["Twee punten:", "• het eerste;", "• het tweede.", "Dat blijkt uit de cijfers."]
    indents = [70.0, 80.0, 80.0, 70.0]
    assert join_text_lines(lines, indents) == (
        "Twee punten:\n• het eerste;\n• het tweede.\nDat blijkt uit de cijfers."
    )


def test_nested_bullets_are_indented_two_spaces_per_level() -> None:
    lines = ["De maatregelen:", "• opleiding:", "○ online;", "○ klassikaal;", "• begeleiding."]
    indents = [70.0, 80.0, 100.0, 100.0, 80.0]
    assert join_text_lines(lines, indents) == (
        "De maatregelen:\n• opleiding:\n  ○ online;\n  ○ klassikaal;\n• begeleiding."
    )


def test_bullet_glyphs_kept_and_unnamed_ones_normalised() -> None:
    lines = ["Lijst:", "\uf0b7 Symbol-bullet", "(cid:127) onbekende glyph", "▪ vierkant", "➢ pijl"]
    assert join_text_lines(lines) == "Lijst:\n• Symbol-bullet\n• onbekende glyph\n▪ vierkant\n➢ pijl"
    assert join_text_lines(["•zonder spatie", "•tweede"]) == "• zonder spatie\n• tweede"


def test_dashes_open_entries_only_after_a_clause() -> None:
    # after a colon: a list
    assert join_text_lines(["Twee maatregelen:", "- de eerste;", "– de tweede."]) == (
        "Twee maatregelen:\n- de eerste;\n– de tweede."
    )
    # mid-sentence: a parenthetical dash, joined
    assert join_text_lines(["de minister", "– zo blijkt – heeft beslist"]) == (
        "de minister – zo blijkt – heeft beslist"
    )


def test_enumerators_open_entries_only_after_a_clause() -> None:
    assert join_text_lines(["Drie stappen:", "1) aanvragen;", "2) beoordelen;", "3) uitbetalen."]) == (
        "Drie stappen:\n1) aanvragen;\n2) beoordelen;\n3) uitbetalen."
    )
    assert join_text_lines(["Zoals aangegeven in", "1. is de uitval beperkt."]) == (
        "Zoals aangegeven in 1. is de uitval beperkt."
    )


def test_without_lists_running_text_is_one_line() -> None:
    lines = ["In het eerste kwartaal van 2020 ondertekenden 5402 inburgeraars een", "inburgeringscontract."]
    assert join_text_lines(lines) == join_lines(lines)


def test_paragraphs_are_joined_by_a_blank_line() -> None:
    assert join_paragraphs(["Een.", "", "Twee."]) == "Een.\n\nTwee."
