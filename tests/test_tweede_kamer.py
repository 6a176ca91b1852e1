"""The Dutch House of Representatives' written questions with the government's answers
(../shared/corpus/nl/tweede_kamer_aanhangsel, 21 PDFs): a second dialect through the same pipeline.

Skipped when the corpus folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
import regex

import answer_parser
from answer_parser.model import Document
from answer_parser.sections.dialect import FLEMISH, TWEEDE_KAMER, detect_dialect
from conftest import CORPUS, assert_valid, corpus_run

FOLDER = CORPUS / "nl" / "tweede_kamer_aanhangsel"
PDFS = sorted(FOLDER.glob("*.pdf")) if FOLDER.is_dir() else []
needs_corpus = pytest.mark.skipif(not PDFS, reason=f"{FOLDER} is absent")
pytestmark = pytest.mark.corpus


def _id(path: Path) -> str:
    return path.stem[:8]


def parsed(path: Path) -> Document:
    """The corpus run's document (the corpus is parsed once per session: conftest.corpus_run)."""
    return corpus_run().document(path)


def item_texts(doc: Document) -> list[str]:
    out: list[str] = []
    for part in (doc.question, doc.answer):
        if part is None:
            continue
        out.append(part.intro)
        out.extend(it.text for it in part.items)
    if doc.question is not None and doc.question.title:
        out.append(doc.question.title)
    return out


@needs_corpus
def test_all_21_are_there() -> None:
    assert len(PDFS) == 21


@needs_corpus
@pytest.mark.parametrize("path", PDFS, ids=_id)
def test_parses_as_question_and_answer_with_paired_items(path: Path) -> None:
    doc = parsed(path)
    assert_valid(answer_parser.to_dict(doc))
    assert doc.kind == "question_and_answer"
    assert doc.question is not None and doc.answer is not None
    assert doc.question.items and doc.answer.items
    assert doc.question.date is not None and doc.question.session == "2023-2024"
    assert doc.question.asker is not None and doc.answer.minister is not None
    assert doc.question.number is not None
    if doc.answer.items[0].number is None:  # a 'Mededeling' answers all at once
        return
    for item in doc.question.items:
        assert item.number is not None
        for number in item.number.replace(",", " ").replace(" en ", " ").split():
            assert doc.answer.item_for(number) is not None, f"question {number} has no answer"


def _furniture_and_footnotes(path: Path) -> list[str]:
    """Read independently with pdfplumber: the running footers, the first page's colophon and the
    footnotes (small print under the body text, opening with a note number). A footnote gives its
    first line without the number (source and date: unlike the text) and its whole text; its
    other lines alone may quote a title that the question quotes too."""
    found: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines()
            footer = page.height * 0.88
            body = max(
                (ln["bottom"] for ln in lines if ln["chars"][0]["size"] > 8 and ln["top"] < footer), default=0
            )
            notes: list[list[str]] = []
            for ln in lines:
                text, size = ln["text"], ln["chars"][0]["size"]
                if ln["top"] > footer:
                    found.append(text)  # footer and colophon
                elif size < 7.5 and ln["top"] > body and regex.match(r"^\d{1,2} \S", text):
                    notes.append([regex.sub(r"^\d{1,2} ", "", text)])
                elif notes and size < 7.5 and ln["top"] > body:
                    notes[-1].append(text)
            for note in notes:
                found.append(note[0])
                if len(note) > 1:
                    found.append(" ".join(note))
    # without the last word (which may be hyphenated); short lines could be anywhere
    return [t.rsplit(" ", 1)[0] for t in found if len(t.split()) >= 4]


@needs_corpus
@pytest.mark.parametrize("path", PDFS, ids=_id)
def test_no_furniture_or_footnote_survives_in_item_text(path: Path) -> None:
    doc = parsed(path)
    texts = item_texts(doc)
    for text in texts:
        for leftover in (
            "Tweede Kamer, vergaderjaar",
            "ah-tk-",
            "ISSN 0921",
            "’s-Gravenhage 2024",
            "Aanhangsel van de",
        ):
            assert leftover not in text, f"{leftover!r} in {text[:80]!r}"
    pieces = _furniture_and_footnotes(path)
    assert pieces, "the independent reading found no footers"
    flat = " ".join(t.replace("\n", " ") for t in texts)
    for piece in pieces:
        assert piece not in flat, f"furniture or footnote {piece[:60]!r} in an item"
    assert any(w.code == "footnotes_removed" for w in doc.warnings) == any(
        not regex.search(r"Aanhangsel|ISSN|ah-tk-", p) for p in pieces
    )


@needs_corpus
@pytest.mark.parametrize("path", PDFS, ids=_id)
def test_the_dialect_is_detected(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0].extract_text()
    assert detect_dialect(first) is TWEEDE_KAMER


# Item labels counted by eye in pdfplumber's extract_text() of each PDF ('Vraag N' / 'Antwoord N'
# lines; 'Mededeling' is an answer without a number).
HAND_CHECKED = {
    "00fe7edd": (["1", "2", "3, 4 en 5", "6"], ["1", "2", "3, 4 en 5", "6"]),
    "01bf9f06": (["1", "2", "3"], [None]),
    "1a2d8959": ([str(n) for n in range(1, 14)], [str(n) for n in range(1, 14)]),
    "1b0f0b98": (
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10 en 11", "12", "13", "14", "15"],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10 en 11", "12", "13", "14", "15"],
    ),
    "1b2d2126": (
        ["1", "2", "3, 4, 5 en 6", "7, 8, 9, 10 en 11", "12"],
        ["1", "2", "3, 4, 5 en 6", "7, 8, 9, 10 en 11", "12"],
    ),
    "1b650dd7": (["1", "2", "3", "4", "5", "6"], ["1", "2", "3", "4", "5 en 6"]),
    "1bb0809b": (["1", "2 en 3", "4", "5"], ["1", "2 en 3", "4", "5"]),
}


@needs_corpus
@pytest.mark.parametrize("key", sorted(HAND_CHECKED))
def test_item_counts_hand_checked(key: str) -> None:
    path = next(p for p in PDFS if p.stem.startswith(key))
    doc = parsed(path)
    assert doc.question is not None and doc.answer is not None
    questions, answers = HAND_CHECKED[key]
    assert [it.number for it in doc.question.items] == questions
    assert [it.number for it in doc.answer.items] == answers


@needs_corpus
def test_metadata_of_one_document() -> None:
    doc = parsed(next(p for p in PDFS if p.stem.startswith("1a2d8959")))
    q, a = doc.question, doc.answer
    assert q is not None and a is not None
    assert (q.number, q.date, q.session) == (2210, "2024-07-02", "2023-2024")
    assert q.asker is not None and (q.asker.name, q.asker.raw) == ("Erkens", "Erkens (VVD)")
    assert q.addressee is not None and q.addressee.raw == "Minister van Klimaat en Groene Groei"
    assert q.title == "de voortgang en procedure Delta Rhine Corridor"
    assert a.minister is not None
    assert (a.minister.name, a.minister.title) == ("Hermans", "Minister (Klimaat en Groene Groei)")
    assert a.refers_to is None
    # subscripts stay in their word, hyphenation is repaired, footnote markers go
    three = a.item_for("3")
    assert (
        three is not None and "Voor CO2 zijn er ook alternatieve bewezen vervoersmogelijkheden" in three.text
    )
    six = a.item_for("6")
    assert six is not None and "Het HyRegions rapport geeft" in six.text


@needs_corpus
def test_several_askers_keep_the_first() -> None:
    doc = parsed(next(p for p in PDFS if p.stem.startswith("00fe7edd")))
    assert doc.question is not None and doc.question.asker is not None
    assert doc.question.asker.name == "Mutluer"
    assert doc.question.asker.raw == "Mutluer (GroenLinks-PvdA) en Kostić (PvdD)"
    assert "several_askers" in [w.code for w in doc.warnings]
    one = doc.question.item("1")
    assert one is not None and one.text.endswith("regenboogbeleid»?")
    # the footnotes' links are kept, whole
    assert (
        "https://nos.nl/artikel/2510977-kritiek-op-besluit-provincie-friesland-tegen-actief-regenboogbeleid"
        in doc.links
    )
    assert any(link.endswith("%202022.pdf") for link in doc.links)


@needs_corpus
def test_the_dialect_can_be_forced() -> None:
    path = next(p for p in PDFS if p.stem.startswith("1bb0809b"))
    forced = answer_parser.parse(path, dialect=TWEEDE_KAMER)
    assert forced == parsed(path)
    wrong = answer_parser.parse(path, dialect=FLEMISH)
    assert wrong.kind != "question_and_answer" or wrong.answer != forced.answer
