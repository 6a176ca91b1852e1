"""The records: small frozen attrs classes mirroring the JSON contract.

The classes know nothing of JSON; `answer_parser.convert` turns them into the contract's
dicts and back. Field order follows the contract so that the JSON reads in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

SCHEMA_VERSION = 1

DocumentKind = Literal["question_and_answer", "question", "answer", "annex", "unknown", "bulletin"]
CellKind = Literal["integer", "decimal", "percent", "currency", "suppressed", "missing", "empty", "text"]
TableMethod = Literal["lattice", "rules", "aligned"]
Number = int | float


@attrs.frozen
class Source:
    """Where the document came from."""

    path: str | None
    sha256: str
    pages: int
    producer: str | None = None
    page_range: tuple[int, int] | None = None
    """First and last page (1-based, inclusive) of a part of a bulletin; None for a whole PDF."""


@attrs.frozen
class Person:
    """A person as printed (`raw`) and in display form (`name`)."""

    name: str
    raw: str


@attrs.frozen
class Minister:
    """A minister: the person and the office lines joined (`title`)."""

    name: str
    raw: str
    title: str | None = None


@attrs.frozen
class Item:
    """A numbered sub-question or answer. `tables` are indexes into `Document.tables`."""

    number: str | None
    text: str
    tables: tuple[int, ...] = ()
    pages: tuple[int, ...] = ()
    """The pages the item's text is printed on, first to last (empty where not known)."""


@attrs.frozen(kw_only=True)
class Question:
    number: int | None
    date: str | None
    session: str | None = None
    asker: Person | None
    addressee: Minister | None
    title: str | None
    intro: str
    items: tuple[Item, ...]

    def item(self, number: str) -> Item | None:
        """The sub-question printed with `number`, or None."""
        return next((it for it in self.items if it.number == number), None)


@attrs.frozen
class Reference:
    """What an answer's heading says it answers: 'op vraag nr. 6 van 30 september 2020 van NAME'."""

    number: int | None
    date: str | None
    asker: Person | None


@attrs.frozen
class Answer:
    minister: Minister | None
    refers_to: Reference | None
    intro: str
    items: tuple[Item, ...]
    date: str | None = None
    """The answer's own date (ISO) where the document prints it; `refers_to.date` is the question's."""
    cosigners: tuple[Minister, ...] = ()
    """Further ministers or state secretaries who sign the answer with `minister`."""

    def item_for(self, question_number: str) -> Item | None:
        """The answer item that answers sub-question `question_number`.

        An item numbered '2 en 3' (one answer to several questions) answers both 2 and 3; a
        question label naming several numbers ('3, 4 en 5') finds the item answering any of them.
        """
        wanted = set(_numbers_of(question_number))
        for it in self.items:
            if it.number is not None and wanted & set(_numbers_of(it.number)):
                return it
        return None


def _numbers_of(label: str) -> tuple[str, ...]:
    """The numbers (or letters) a label names: '3, 4 en 5' -> ('3', '4', '5'); 'a' -> ('a',)."""
    parts = label.replace(",", " ").replace("-", " ").split()
    return tuple(p for p in parts if p.isdigit() or (len(p) == 1 and p.isalpha()))


@attrs.frozen
class Cell:
    """One data cell: the text as printed and the value it states."""

    raw: str
    value: Number | None
    kind: CellKind
    unit: str | None = None
    marks: tuple[str, ...] = ()
    """Footnote marks printed with the cell ('5' after '2025', '*'), kept apart from the value."""


@attrs.frozen
class Column:
    """A data column: header texts from the top header row down."""

    path: tuple[str, ...]


@attrs.frozen
class Row:
    label: tuple[str, ...]
    level: int
    total: bool
    cells: tuple[Cell, ...]


@attrs.frozen(kw_only=True)
class TableReport:
    """How a table was read and how sure the reading is, as camelot's parsing report: the method
    that found it, the steps that fired, counts, and a confidence in [0, 1] computed from named
    evidence (`tables.report`, docs/tables.md "Parsing report")."""

    method: TableMethod
    """How the table (its first part) was found: ruled cells, between horizontal rules, or from
    the alignment of its numbers."""
    steps: tuple[str, ...] = ()
    """The reading steps that fired, in stage order ('header_cells_wrapped', 'chain_joined', ...)."""
    rows: int
    columns: int
    cells: int
    empty_cells: int
    typed_cells: int
    """Filled data cells typed as their column's kind (numbers in a column of numbers)."""
    marked_cells: int = 0
    """Cells printed with a footnote mark."""
    blob_cells: int = 0
    """Cells holding several numbers side by side (`table_cells_blob`), and header texts that do
    (a row of values read as a header)."""
    unplaced_words: int = 0
    """Words printed inside the table's box (on each page it stands on) that no cell holds."""
    confidence: float
    doubts: tuple[str, ...] = ()
    """The evidence that lowered `confidence`, the largest share first."""
    warnings: tuple[str, ...] = ()
    """The codes of the warnings about this table, each once."""


@attrs.frozen(kw_only=True)
class Table:
    index: int
    number: int | None
    caption: str | None
    pages: tuple[int, ...]
    bbox: tuple[float, float, float, float]
    stub_header: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    label: str | None = None
    """The table's number exactly as printed after 'Tabel' ('3', '2-1', '3.4'); `number` is set
    only where it is a plain integer."""
    report: TableReport | None = None
    """How the table was read and how sure the reading is (None for a table built by hand)."""

    def cell(self, row_label: str | tuple[str, ...], column: int) -> Cell:
        """The cell at the row whose label (or label path) is `row_label`, data column `column`."""
        path = (row_label,) if isinstance(row_label, str) else tuple(row_label)
        for row in self.rows:
            if row.label == path or (len(path) == 1 and row.label and row.label[-1] == path[0]):
                return row.cells[column]
        raise KeyError(row_label)

    def to_csv(self, *, values: bool = False) -> str:
        """The table as CSV (see `answer_parser.exports.to_csv`)."""
        from .exports import to_csv

        return to_csv(self, values=values)

    def to_pandas(self, *, values: bool = True) -> Any:
        """The table as a pandas DataFrame (needs the pandas extra; see `exports.to_pandas`)."""
        from .exports import to_pandas

        return to_pandas(self, values=values)

    def tidy(self) -> list[dict[str, Any]]:
        """One dict per data cell: table, row label path, column path, raw, value, kind, unit."""
        from .exports import tidy_dicts

        return tidy_dicts(self)

    def iter_cells(self) -> Iterator[tuple[Row, Column, Cell]]:
        """Every data cell with its row and column, row by row."""
        for row in self.rows:
            for column, cell in zip(self.columns, row.cells, strict=False):
                yield row, column, cell


@attrs.frozen
class Warning:
    """Something the parser could not read with certainty. `code` is stable and greppable: one of
    `codes.WarningCode` (a StrEnum), kept here as the plain string the JSON carries."""

    code: str = attrs.field(converter=str)
    message: str
    page: int | None = None
    table: int | None = None


@attrs.frozen
class BodyParagraph:
    """Running text that belongs to no question or answer item, with the page it is printed on."""

    page: int
    text: str


@attrs.frozen
class Annex:
    """What an annex says of itself: its title and the question it belongs to."""

    title: str | None
    refers_to: Reference | None = None


@attrs.frozen
class Bulletin:
    """A Bulletin van Vragen en Antwoorden: the issue's number, session and date as printed."""

    number: int | None
    session: str | None = None
    date: str | None = None


@attrs.frozen(kw_only=True)
class Document:
    """One parsed PDF (or, inside a bulletin's `documents`, one question with its answer)."""

    schema_version: int = SCHEMA_VERSION
    source: Source
    kind: DocumentKind
    question: Question | None
    answer: Answer | None
    tables: tuple[Table, ...]
    links: tuple[str, ...]
    warnings: tuple[Warning, ...]
    body: tuple[BodyParagraph, ...] = ()
    """Running text outside every item: all of it for kind 'unknown', an annex's title and prose."""
    annex: Annex | None = None
    documents: tuple[Document, ...] = ()
    """For kind 'bulletin': one complete document per question with its answer."""
    bulletin: Bulletin | None = None

    def pairs(self) -> list[tuple[Item, Item | None]]:
        """Each question item with the answer item that answers it (None where there is none)."""
        if self.question is None:
            return []
        return [
            (q, self.answer.item_for(q.number) if self.answer and q.number else None)
            for q in self.question.items
        ]
