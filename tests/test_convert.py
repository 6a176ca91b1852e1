"""Records <-> contract JSON: round trips and the contract's shape."""

from __future__ import annotations

import json

import answer_parser
from answer_parser import (
    Answer,
    Cell,
    Column,
    Document,
    Item,
    Minister,
    Person,
    Question,
    Reference,
    Row,
    Source,
    Table,
    Warning,
)
from conftest import assert_valid


def _doc() -> Document:
    asker = Person(name="Katrien Partyka", raw="KATRIEN PARTYKA")
    minister = Minister(name="Bart Somers", raw="BART SOMERS", title="VLAAMS MINISTER")
    table = Table(
        index=0,
        number=1,
        caption="Aantal",
        pages=(1, 2),
        bbox=(70.5, 100.0, 500.25, 300.0),
        stub_header=None,
        columns=(Column(("2019",)), Column(("2020",))),
        rows=(
            Row(("Jan",), 0, False, (Cell("1.254", 1254, "integer"), Cell("8,8%", 8.8, "percent", "%"))),
            Row(("Jan", "geslaagd"), 1, False, (Cell("", None, "empty"), Cell("<5", None, "suppressed"))),
        ),
        notes=("Bron: Agentschap",),
    )
    return Document(
        source=Source(path="x.pdf", sha256="a" * 64, pages=2, producer="LibreOffice"),
        kind="question_and_answer",
        question=Question(
            number=6,
            date="2020-09-30",
            session="2020-2021",
            asker=asker,
            addressee=minister,
            title="Titel",
            intro="",
            items=(Item("1", "Vraag?"),),
        ),
        answer=Answer(
            minister=minister,
            refers_to=Reference(6, "2020-09-30", asker),
            intro="",
            items=(Item("1", "Antwoord.", (0,)),),
        ),
        tables=(table,),
        links=("http://www.vlaanderen.be",),
        warnings=(Warning("total_mismatch", "x", page=1, table=0),),
    )


def test_round_trip_is_exact() -> None:
    doc = _doc()
    assert answer_parser.from_dict(answer_parser.to_dict(doc)) == doc
    assert answer_parser.from_json(answer_parser.to_json(doc)) == doc


def test_dict_follows_the_contract() -> None:
    data = answer_parser.to_dict(_doc())
    assert_valid(data)
    assert list(data)[:3] == ["schema_version", "source", "kind"]
    cell = data["tables"][0]["rows"][0]["cells"][0]
    assert cell == {"raw": "1.254", "value": 1254, "kind": "integer", "unit": None}
    assert isinstance(cell["value"], int)
    assert data["tables"][0]["rows"][0]["cells"][1]["value"] == 8.8
    assert data["tables"][0]["bbox"] == [70.5, 100.0, 500.25, 300.0]


def test_json_keeps_integers_integral() -> None:
    text = answer_parser.to_json(_doc(), indent=None)
    assert '"value": 1254,' in text
    back = json.loads(text)
    assert back["question"]["session"] == "2020-2021"


def test_pairing_view() -> None:
    doc = _doc()
    assert doc.answer is not None
    assert doc.answer.item_for("1") == Item("1", "Antwoord.", (0,))
    assert doc.pairs() == [(Item("1", "Vraag?"), Item("1", "Antwoord.", (0,)))]
    several = Answer(minister=None, refers_to=None, intro="", items=(Item("2 en 3", "Samen."),))
    assert several.item_for("3") == Item("2 en 3", "Samen.")
    assert several.item_for("4") is None


def test_table_lookup() -> None:
    table = _doc().tables[0]
    assert table.cell("Jan", 0).value == 1254
    assert table.cell(("Jan", "geslaagd"), 1).kind == "suppressed"
    assert [c.raw for _, _, c in table.iter_cells()] == ["1.254", "8,8%", "", "<5"]


def test_question_label_with_several_numbers_finds_its_answer() -> None:
    answer = Answer(
        minister=None,
        refers_to=None,
        intro="",
        items=(Item("1", "Eerst."), Item("3, 4 en 5", "Samen."), Item("a", "Letter.")),
    )
    assert answer.item_for("3, 4 en 5") == Item("3, 4 en 5", "Samen.")
    assert answer.item_for("4") == Item("3, 4 en 5", "Samen.")
    assert answer.item_for("a") == Item("a", "Letter.")
    assert answer.item_for("2") is None
