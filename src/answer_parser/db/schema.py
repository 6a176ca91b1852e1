"""The relational shape of parsed documents: six tables, each column's type declared once.

DuckDB (`answer_parser.db.duck`) and Parquet (`answer_parser.db.parquet`) both build their
tables from `TABLES`, so the two always agree. Types are named in a small vocabulary of our own
(`ColumnType`) and translated for each back end here; pyarrow is imported only when an Arrow
schema is asked for.

Keys that join: every table but `errors` carries `doc_id`. A document parsed from a whole PDF has
`doc_id` = its `sha256`; a part of a bulletin (kind 'bulletin', one question with its answer in
`Document.documents`) has `doc_id` = `<sha256>#<part>` with `part` its 1-based place in the
bulletin, beside a row for the bulletin itself (`doc_id` = sha256, `part` null).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

ColumnType = Literal["text", "int", "double", "bool", "date", "int[]", "text[]"]

DUCKDB_TYPES: dict[ColumnType, str] = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "int[]": "INTEGER[]",
    "text[]": "VARCHAR[]",
}

#: separator of a `doc_id`'s sha256 and a bulletin part's number
PART_SEPARATOR = "#"


@attrs.frozen
class Column:
    """One column: its name, its type and what it holds."""

    name: str
    type: ColumnType
    doc: str
    nullable: bool = True


@attrs.frozen
class TableSpec:
    """One table: its columns in order and the columns that identify a row."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def duckdb_ddl(self) -> str:
        """`CREATE TABLE IF NOT EXISTS` for DuckDB, with the key as primary key."""
        lines = [
            f"    {c.name} {DUCKDB_TYPES[c.type]}{'' if c.nullable else ' NOT NULL'}" for c in self.columns
        ]
        lines.append(f"    PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n" + ",\n".join(lines) + "\n)"

    def arrow_schema(self) -> pa.Schema:
        """The pyarrow schema of the table (needs pyarrow)."""
        import pyarrow as pa

        types: dict[ColumnType, pa.DataType] = {
            "text": pa.string(),
            "int": pa.int32(),
            "double": pa.float64(),
            "bool": pa.bool_(),
            "date": pa.date32(),
            "int[]": pa.list_(pa.int32()),
            "text[]": pa.list_(pa.string()),
        }
        return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in self.columns])


def _c(name: str, type_: ColumnType, doc: str, nullable: bool = True) -> Column:
    return Column(name, type_, doc, nullable)


DOC_ID = _c("doc_id", "text", "sha256, or `<sha256>#<part>` for a part of a bulletin", nullable=False)

DOCUMENTS = TableSpec(
    "documents",
    "one row per parsed PDF, and one per part of a bulletin",
    (
        DOC_ID,
        _c("sha256", "text", "SHA-256 of the PDF's bytes", nullable=False),
        _c("part", "int", "1-based place of a part in its bulletin; null for a whole PDF"),
        _c("path", "text", "the input path as the batch was given it"),
        _c("kind", "text", "question_and_answer, question, answer, annex, unknown, bulletin", nullable=False),
        _c("number", "int", "the question's number (header block, answer heading or annex)"),
        _c("date", "date", "the question's date"),
        _c("answer_date", "date", "the answer's own date where printed"),
        _c("session", "text", "parliamentary year, e.g. 2020-2021"),
        _c("asker", "text", "who asked (display form)"),
        _c("addressee", "text", "the minister the question was addressed to"),
        _c("addressee_office", "text", "the addressee's office lines"),
        _c("minister", "text", "the minister who answered"),
        _c("minister_office", "text", "the answering minister's office lines"),
        _c("cosigners", "text[]", "further ministers who sign the answer"),
        _c("title", "text", "the question's title (or an annex's)"),
        _c("question_intro", "text", "the question's text before its first item"),
        _c("answer_intro", "text", "the answer's text before its first item"),
        _c("bulletin_number", "int", "the bulletin's issue number"),
        _c("bulletin_date", "date", "the bulletin's date"),
        _c("pages", "int", "pages of the PDF", nullable=False),
        _c("first_page", "int", "first page of a bulletin's part (1-based); 1 for a whole PDF"),
        _c("last_page", "int", "last page of a bulletin's part; `pages` for a whole PDF"),
        _c("producer", "text", "the PDF's producer"),
        _c("question_item_count", "int", "numbered sub-questions", nullable=False),
        _c("answer_item_count", "int", "answer items", nullable=False),
        _c("table_count", "int", "tables in the document", nullable=False),
        _c("warning_count", "int", "warnings of the document", nullable=False),
        _c("links", "text[]", "links in the document"),
    ),
    ("doc_id",),
)

ITEMS = TableSpec(
    "items",
    "each sub-question and answer item, and each paragraph of running text outside them",
    (
        DOC_ID,
        _c("side", "text", "'question', 'answer', or 'body': text outside every item", nullable=False),
        _c("position", "int", "0-based place among the side's items", nullable=False),
        _c("number", "text", "the label without punctuation ('1', 'a', '2 en 3'); null: unnumbered"),
        _c("text", "text", "the item's text", nullable=False),
        _c("pages", "int[]", "pages the text is printed on"),
        _c("tables", "int[]", "indexes of the tables standing in the item"),
    ),
    ("doc_id", "side", "position"),
)

TABLES_ = TableSpec(
    "tables",
    "each table of a document",
    (
        DOC_ID,
        _c("table_index", "int", "the table's index in the document", nullable=False),
        _c("number", "int", "the number of its caption 'Tabel N'"),
        _c("label", "text", "the number as printed ('2-1', '3.4')"),
        _c("caption", "text", "the caption's text"),
        _c("pages", "int[]", "every page the table stands on"),
        _c("first_page", "int", "the first of them"),
        _c("stub_header", "text", "header of the row-label column"),
        _c("column_count", "int", "data columns", nullable=False),
        _c("row_count", "int", "rows", nullable=False),
        _c("method", "text", "how the table was found: lattice, rules or aligned (its parsing report)"),
        _c("confidence", "double", "how sure its reading is, 0 to 1 (docs/tables.md, Parsing report)"),
        _c("notes", "text[]", "notes printed under the table (Bron: ...)"),
        _c("item_side", "text", "side of the item the table stands in, if any"),
        _c("item_number", "text", "number of that item"),
    ),
    ("doc_id", "table_index"),
)

CELLS = TableSpec(
    "cells",
    "every data cell of every table, in long form",
    (
        DOC_ID,
        _c("table_index", "int", "the table's index", nullable=False),
        _c("row_index", "int", "0-based row", nullable=False),
        _c("column_index", "int", "0-based data column", nullable=False),
        _c("row_label", "text[]", "the row's label path, outermost group first"),
        _c("column_path", "text[]", "the column's header path, top row first"),
        _c("level", "int", "the row's indentation level"),
        _c("total", "bool", "the row is a total or subtotal", nullable=False),
        _c("raw", "text", "the cell as printed", nullable=False),
        _c("value", "double", "the number it states (null for text, missing, suppressed)"),
        _c(
            "kind",
            "text",
            "integer, decimal, percent, currency, suppressed, missing, empty or text",
            nullable=False,
        ),
        _c("unit", "text", "% or EUR"),
        _c("marks", "text[]", "footnote marks printed with the cell"),
    ),
    ("doc_id", "table_index", "row_index", "column_index"),
)

WARNINGS = TableSpec(
    "warnings",
    "what the parser could not read with certainty",
    (
        DOC_ID,
        _c("position", "int", "0-based place among the document's warnings", nullable=False),
        _c("code", "text", "stable code (footnotes_removed, total_mismatch, ...)", nullable=False),
        _c("severity", "text", "'check': look at it; 'info': routine (docs/warnings.md)", nullable=False),
        _c("message", "text", "for people", nullable=False),
        _c("page", "int", "the page it concerns"),
        _c("table_index", "int", "the table it concerns"),
    ),
    ("doc_id", "position"),
)

ERRORS = TableSpec(
    "errors",
    "inputs that gave no document",
    (
        _c("path", "text", "the input path", nullable=False),
        _c("sha256", "text", "SHA-256 of the file; null when it could not be read"),
        _c("code", "text", "stable error code (not_a_pdf, timeout, ...)", nullable=False),
        _c("message", "text", "what went wrong", nullable=False),
    ),
    ("path",),
)

#: every table, parents before children
TABLES: tuple[TableSpec, ...] = (DOCUMENTS, ITEMS, TABLES_, CELLS, WARNINGS, ERRORS)
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}


_ARROW_SCHEMAS: dict[str, pa.Schema] = {}


def arrow_schema(name: str) -> pa.Schema:
    """The pyarrow schema of table `name`, made once (needs pyarrow)."""
    schema = _ARROW_SCHEMAS.get(name)
    if schema is None:
        schema = _ARROW_SCHEMAS[name] = BY_NAME[name].arrow_schema()
    return schema
