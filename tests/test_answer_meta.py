"""The answer's own date and its co-signers (`answer.date`, `answer.cosigners`), as the Tweede Kamer
prints them in the answer's preamble: 'Antwoord van Minister X (office), mede namens de Minister van Y
(ontvangen 17 mei 2024)'.

The unit tests read strings; the corpus test reads the 21 Tweede Kamer answers in
../shared/corpus/nl/tweede_kamer_aanhangsel (hand-checked against their printed preambles) and is
skipped when that folder is absent.
"""

from __future__ import annotations

import pytest

from answer_parser.model import Minister
from answer_parser.sections.dialect import FLEMISH, TWEEDE_KAMER
from answer_parser.sections.read import read_cosigners
from conftest import CORPUS, corpus_run

FOLDER = CORPUS / "nl" / "tweede_kamer_aanhangsel"


def office(text: str) -> Minister:
    return Minister(name=text, raw=text, title=text)


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        (" ", ()),
        (
            ", mede namens de Minister van Justitie en Veiligheid ",
            (office("Minister van Justitie en Veiligheid"),),
        ),
        (
            ", mede namens de Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            (office("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),),
        ),
        (
            ", mede namens de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Justitie en "
            "Veiligheid ",
            (
                office("Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
                office("Staatssecretaris van Justitie en Veiligheid"),
            ),
        ),
        (
            " en van Minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking) ",
            (
                Minister(
                    name="Schreinemacher",
                    raw="Schreinemacher",
                    title="Minister (Buitenlandse Handel en Ontwikkelingssamenwerking)",
                ),
            ),
        ),
    ],
)
def test_cosigners_from_the_preamble(rest: str, expected: tuple[Minister, ...]) -> None:
    assert read_cosigners(rest, TWEEDE_KAMER) == expected


def test_a_dialect_without_cosigner_words_finds_none() -> None:
    assert read_cosigners(", mede namens de Minister van Justitie en Veiligheid", FLEMISH) == ()


# (file prefix, date received, co-signers' titles), read off each PDF's answer preamble
HAND_CHECKED = [
    ("00fe7edd", "2024-03-25", ()),
    ("01b2bcad", "2024-06-28", ("Minister (Buitenlandse Handel en Ontwikkelingssamenwerking)",)),
    ("1b0f0b98", "2024-05-21", ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",)),
    ("1b26915f", "2024-05-17", ("Minister van Justitie en Veiligheid",)),
    (
        "1b650dd7",
        "2024-04-11",
        (
            "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
            "Staatssecretaris van Justitie en Veiligheid",
        ),
    ),
    ("1bb0809b", "2024-06-11", ("Minister voor Rechtsbescherming",)),
    ("1c83f4f5", "2024-06-14", ("Minister van Sociale Zaken en Werkgelegenheid",)),
    ("1dac45ca", "2024-01-26", ()),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("prefix", "date", "titles"), HAND_CHECKED, ids=[h[0] for h in HAND_CHECKED])
def test_tweede_kamer_answer_date_and_cosigners(prefix: str, date: str, titles: tuple[str, ...]) -> None:
    paths = sorted(FOLDER.glob(f"{prefix}*.pdf")) if FOLDER.is_dir() else []
    if not paths:
        pytest.skip(f"{FOLDER} is absent")
    doc = corpus_run().document(paths[0])
    assert doc.answer is not None
    assert doc.answer.date == date
    assert tuple(c.title for c in doc.answer.cosigners) == titles
