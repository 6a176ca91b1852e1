"""Typed errors: everything `parse` refuses to read raises a subclass of AnswerParserError.

Each class carries a stable `code`, the same string a batch writes in its error records.
"""

from __future__ import annotations


class AnswerParserError(Exception):
    """Base of every error the library raises on bad input."""

    code = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnreadableFileError(AnswerParserError):
    """The input file cannot be opened or read (missing, a folder, no permission)."""

    code = "unreadable"


class NotAPDFError(AnswerParserError):
    """The input does not start like a PDF."""

    code = "not_a_pdf"


class EmptyFileError(AnswerParserError):
    """The input has no bytes."""

    code = "empty_file"


class DamagedPDFError(AnswerParserError):
    """The input looks like a PDF but cannot be read (truncated or corrupt)."""

    code = "damaged_pdf"


class EncryptedPDFError(AnswerParserError):
    """The PDF is encrypted or asks for a password."""

    code = "encrypted_pdf"


class NoTextLayerError(AnswerParserError):
    """The PDF has pages but no text on any of them (a scan without OCR)."""

    code = "no_text_layer"


class TooLargeError(AnswerParserError):
    """The PDF exceeds the configured page or byte limit."""

    code = "too_large"


class ParseTimeoutError(AnswerParserError):
    """Parsing took longer than the configured time limit."""

    code = "timeout"


ERROR_CODES: dict[str, type[AnswerParserError]] = {
    cls.code: cls
    for cls in (
        AnswerParserError,
        UnreadableFileError,
        NotAPDFError,
        EmptyFileError,
        DamagedPDFError,
        EncryptedPDFError,
        NoTextLayerError,
        TooLargeError,
        ParseTimeoutError,
    )
}
