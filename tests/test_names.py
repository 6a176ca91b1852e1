"""Names printed in capitals into display form: `answer_parser.dutch.names`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answer_parser.dutch.names import PARTICLES, display_name, is_all_caps_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KATRIEN PARTYKA", "Katrien Partyka"),
        ("FREYA VAN DEN BOSSCHE", "Freya Van den Bossche"),
        ("JAN DE RIDDER", "Jan De Ridder"),
        ("BART SOMERS", "Bart Somers"),
        ("JEAN-MARIE DEDECKER", "Jean-Marie Dedecker"),
        ("ANNE-MARIE VAN DER STRAETEN", "Anne-Marie Van der Straeten"),
        ("BRECHT D'HAESELEER", "Brecht D'Haeseleer"),
        ("BRECHT D\u2019HAESELEER", "Brecht D\u2019Haeseleer"),
        ("CHRIS VANDENBROUCKE", "Chris Vandenbroucke"),
        ("ELS VAN HOOF", "Els Van Hoof"),
        ("KOEN DAENENS", "Koen Daenens"),
        ("LORIN PARYS", "Lorin Parys"),
        ("MARIE-CLAIRE VAN DE VELDE", "Marie-Claire Van de Velde"),
        ("KATRIEN VANDER STRAETEN", "Katrien Vander Straeten"),
        ("PETER IN 'T VELD", "Peter In 't Veld"),
        ("JOS TER BEEK", "Jos Ter Beek"),
        ("JAN PETER BALKENENDE", "Jan Peter Balkenende"),  # second given name: just capitalised
        ("LEONARDO DA VINCI", "Leonardo Da Vinci"),
        ("LIESBETH HOMANS-DE BOECK", "Liesbeth Homans-De Boeck"),
        ("ÉLODIE ÉTIENNE", "Élodie Étienne"),
        ("BART", "Bart"),
        ("JEF VAN IN", "Jef Van In"),  # the last token is a name even when it reads as a particle
    ],
)
def test_display_name(raw: str, expected: str) -> None:
    assert display_name(raw) == expected


def test_whitespace_is_collapsed() -> None:
    assert display_name("  FREYA \n VAN\u00a0DEN   BOSSCHE ") == "Freya Van den Bossche"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Katrien Partyka", "Katrien Partyka"),
        ("Freya Van den Bossche", "Freya Van den Bossche"),
        ("freya van den bossche", "freya van den bossche"),
        ("  Jan   De  Ridder ", "Jan De Ridder"),
        ("JAN De Ridder", "JAN De Ridder"),  # one lower-case letter is enough to leave it alone
    ],
)
def test_mixed_case_is_left_alone(raw: str, expected: str) -> None:
    assert display_name(raw) == expected


def test_particle_starting_the_surname_is_capitalised_and_later_ones_are_not() -> None:
    # 'DE' is a particle and the first after the given name: capitalised; 'VAN' after it: lower.
    assert display_name("JAN DE VAN DER BERG") == "Jan De van der Berg"


def test_first_token_is_never_a_particle() -> None:
    assert display_name("VAN DE VELDE") == "Van De Velde"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KATRIEN PARTYKA", True),
        ("FREYA VAN DEN BOSSCHE", True),
        ("BRECHT D'HAESELEER", True),
        ("BRECHT D\u2019HAESELEER", True),
        ("JEAN-MARIE DEDECKER", True),
        ("  KOEN   DAENENS ", True),
        ("A B C D E F", True),
        ("Katrien Partyka", False),
        ("ANTWOORD", False),  # one token
        ("A B C D E F G", False),  # seven tokens
        ("VRAAG 12", False),  # digits
        ("KATRIEN PARTYKA.", False),  # punctuation
        ("- -", False),  # no letters
        ("", False),
    ],
)
def test_is_all_caps_name(text: str, expected: bool) -> None:
    assert is_all_caps_name(text) is expected


def test_particle_list() -> None:
    assert {
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "vanden",
        "vander",
        "vande",
    } <= PARTICLES
    assert {"le", "la", "du", "des", "del", "della", "di", "da", "d'", "op", "in"} <= PARTICLES


caps_word = st.from_regex(r"\A[A-Z]{2,10}\Z")
caps_token = st.one_of(caps_word, st.builds(lambda a, b: f"{a}-{b}", caps_word, caps_word))
caps_names = st.lists(
    st.one_of(caps_token, st.sampled_from(["VAN", "DE", "DER", "DEN", "TER"])), min_size=1, max_size=5
)


@given(caps_token, caps_names)
def test_display_name_changes_case_only(given_name: str, rest: list[str]) -> None:
    raw = " ".join([given_name, *rest])
    shown = display_name(raw)
    assert shown.upper() == raw
    assert shown != raw  # every token gets some lower-case letter or is a lower-case particle
    assert display_name(shown) == shown  # the display form is mixed case: left alone
    tokens = shown.split(" ")
    assert all(part[0].isupper() and part[1:].islower() for part in tokens[0].split("-"))
    assert tokens[-1][0].isupper()  # the last token is part of the surname, never a lower-case particle
    assert is_all_caps_name(raw) == (len(raw.split(" ")) <= 6)


@given(caps_token, caps_names)
def test_only_particles_after_the_surname_start_are_lower_case(given_name: str, rest: list[str]) -> None:
    tokens = display_name(" ".join([given_name, *rest])).split(" ")
    lower = [i for i, token in enumerate(tokens) if token[0].islower()]
    assert len(tokens) - 1 not in lower
    first_particle = next((i for i in range(1, len(tokens)) if tokens[i].lower() in PARTICLES), None)
    if first_particle is None:
        assert lower == []
    else:
        assert tokens[first_particle][0].isupper()
        assert all(i > first_particle and tokens[i].lower() in PARTICLES for i in lower)
