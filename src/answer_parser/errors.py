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


class NotARegularFileError(UnreadableFileError):
    """The path names a FIFO, a device, a socket or a folder: refused before anything is read."""


class ReferenceCycleError(DamagedPDFError):
    """An indirect object reference leads back to itself (a reader that follows it loops for ever)."""


class UnplaceableTextError(AnswerParserError):
    """The PDF has text, but all of it is drawn under a singular transformation (no place, no
    size): not a scan, and nothing that can be laid out."""

    code = "unplaceable_text"


class OutputError(AnswerParserError):
    """The output (a batch's JSON Lines, the JSON of `answer-parser parse -o`) cannot be written:
    a read-only folder, a full disk. Not a property of any input."""

    code = "output_unwritable"


class OutputLockedError(OutputError):
    """Another batch is writing the same output file."""

    code = "output_locked"


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
        UnplaceableTextError,
        OutputError,
        OutputLockedError,
    )
}
