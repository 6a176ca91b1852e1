"""answer_parser: written questions of the Flemish Parliament and the ministers' answers, from PDF
into typed records.

    >>> import answer_parser
    >>> doc = answer_parser.parse("answer.pdf")
    >>> doc.question.number, doc.tables[0].rows[0].cells[0].value
    >>> answer_parser.to_json(doc)
"""

from __future__ import annotations

from .batch import ErrorRecord, parse_many, read_records
from .convert import from_dict, from_json, to_dict, to_json
from .errors import (
    AnswerParserError,
    DamagedPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    NoTextLayerError,
    ParseTimeoutError,
    TooLargeError,
    UnreadableFileError,
)
from .model import (
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
from .pipeline import parse
from .settings import Settings
from .views.show import show

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "AnswerParserError",
    "Cell",
    "Column",
    "DamagedPDFError",
    "Document",
    "EmptyFileError",
    "EncryptedPDFError",
    "ErrorRecord",
    "Item",
    "Minister",
    "NoTextLayerError",
    "NotAPDFError",
    "ParseTimeoutError",
    "Person",
    "Question",
    "Reference",
    "Row",
    "Settings",
    "Source",
    "Table",
    "TooLargeError",
    "UnreadableFileError",
    "Warning",
    "__version__",
    "from_dict",
    "from_json",
    "parse",
    "parse_many",
    "read_records",
    "show",
    "to_dict",
    "to_json",
]
