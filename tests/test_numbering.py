"""Numbering consistency (answer_parser.numbering): a question without its answer is named."""

from __future__ import annotations

from answer_parser.model import Answer, Column, Item, Question, Row, Table
from answer_parser.sections.numbering import answer_missing_warnings, missing_answers


def question(*numbers: str) -> Question:
    items = tuple(Item(n, f"vraag {n}?") for n in numbers)
    return Question(number=1, date=None, asker=None, addressee=None, title=None, intro="", items=items)


def answer(*numbers: str | None) -> Answer:
    return Answer(minister=None, refers_to=None, intro="", items=tuple(Item(n, "tekst") for n in numbers))


def table(index: int, caption: str | None = None, notes: tuple[str, ...] = ()) -> Table:
    return Table(
        index=index,
        number=None,
        caption=caption,
        pages=(1,),
        bbox=(0, 0, 1, 1),
        stub_header=None,
        columns=(Column(("a",)),),
        rows=(Row(("x",), 0, False, ()),),
        notes=notes,
    )


def test_combined_answers_answer_each_of_their_numbers() -> None:
    assert missing_answers(question("1", "2", "3", "4"), answer("1", "2 en 3", "4")) == []
    assert missing_answers(question("1", "2", "3", "4", "5"), answer("1", "2, 3 en 4")) == ["5"]


def test_one_unnumbered_answer_misses_nothing() -> None:
    assert missing_answers(question("1", "2"), answer(None)) == []


def test_a_missing_answer_names_the_note_its_label_ran_into() -> None:
    tables = [table(0, "Overzicht", ("Bron: Agentschap. 3) In 2022 waren er 12 dossiers.",))]
    warnings = answer_missing_warnings(question("1", "2", "3", "4"), answer("1", "2", "4"), tables)
    assert [(w.code, w.table) for w in warnings] == [("answer_missing", 0)]
    assert warnings[0].message == "question 3 has no answer item; its label stands in the notes of table 0"


def test_a_missing_answer_found_nowhere_is_still_named() -> None:
    warnings = answer_missing_warnings(
        question("a", "b", "c"), answer("a", "c"), [table(0, "Tabel 1 per jaar")]
    )
    assert [w.message for w in warnings] == ["question b has no answer item"]
