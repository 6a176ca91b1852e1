"""Records <-> contract JSON, with a cattrs converter kept apart from the classes.

`to_dict(doc)` gives exactly the contract's shape (tuples become lists, every required key present);
`from_dict(to_dict(doc)) == doc` holds for every document.
"""

from __future__ import annotations

import json
from typing import Any

import cattrs
import cattrs.gen
from cattrs.strategies import configure_union_passthrough

from .model import Answer, Cell, Document, Item, Source, Table

# JSON has arrays, not tuples: every tuple of the records (bbox included) becomes a list
converter = cattrs.Converter(unstruct_collection_overrides={tuple: list})
# numbers keep their JSON type (1069 stays an int, 8.8 a float) and anything else is refused
configure_union_passthrough(int | float | None, converter)


# The contract's optional fields are written only where they hold something, so that a document
# without them reads (and hashes) as it did before they existed. Required fields are always written.
OPTIONAL_FIELDS: dict[type, tuple[str, ...]] = {
    Source: ("page_range",),
    Item: ("pages",),
    Answer: ("date", "cosigners"),
    Cell: ("marks",),
    Table: ("label", "report"),
    Document: ("body", "annex", "documents", "bulletin"),
}


def _omit_defaults(cls: type, names: tuple[str, ...]) -> None:
    overrides = {name: cattrs.gen.override(omit_if_default=True) for name in names}
    converter.register_unstructure_hook(
        cls,
        cattrs.gen.make_dict_unstructure_fn(cls, converter, **overrides),  # type: ignore[arg-type]
    )


for _cls, _names in OPTIONAL_FIELDS.items():
    _omit_defaults(_cls, _names)


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as a plain dict in the JSON contract's shape."""
    out: dict[str, Any] = converter.unstructure(doc)
    return out


def from_dict(data: dict[str, Any]) -> Document:
    """A Document from its contract dict (the inverse of `to_dict`)."""
    return converter.structure(data, Document)


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """The document as contract JSON text (always encodable as UTF-8, see `json_text`)."""
    return json_text(to_dict(doc), indent=indent)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON text of `data` that encodes to UTF-8. A path that is not valid UTF-8 reaches Python as
    a string with lone surrogates (surrogateescape); such text is written with ASCII escapes
    (`"caf\\udce9.pdf"`), which `json.loads` reads back to the same string: `os.fsencode` of it
    gives the file name's bytes."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, indent=indent)
    return text


def from_json(text: str) -> Document:
    """A Document from contract JSON text."""
    return from_dict(json.loads(text))


def table_to_dict(table: Table) -> dict[str, Any]:
    """One table in the contract's shape."""
    out: dict[str, Any] = converter.unstructure(table)
    return out
