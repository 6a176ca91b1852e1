"""What a batch gives for each input: a `Document`, or an `ErrorRecord` saying why not.
`parse_one` turns every failure of one file into an error record; it never raises.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from pathlib import Path
from typing import Any

import attrs

from ..convert import to_dict
from ..errors import AnswerParserError
from ..model import Document
from ..pipeline import parse
from ..settings import DEFAULT_SETTINGS, Settings


@attrs.frozen
class ErrorRecord:
    """An input that gave no document: where it is, and why.

    `code` is an `AnswerParserError` code (`not_a_pdf`, `damaged_pdf`, `timeout`, ...) or one of the
    batch's own: `internal_error` (the parser raised something unexpected: a bug),
    `worker_crashed` (the worker process died). `sha256` is None when the file could not be read.
    """

    path: str
    sha256: str | None
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The error record of the JSON Lines output."""
        return {
            "error": {"code": self.code, "message": self.message},
            "source": {"path": self.path, "sha256": self.sha256},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ErrorRecord:
        return cls(
            path=data["source"]["path"],
            sha256=data["source"].get("sha256"),
            code=data["error"]["code"],
            message=data["error"].get("message", ""),
        )


Result = Document | ErrorRecord


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _caused_by_memory(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False


def where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"


def parse_one(path: str | os.PathLike[str], settings: Settings = DEFAULT_SETTINGS) -> Result:
    """`parse` one file, turning every failure into an ErrorRecord. Never raises an Exception."""
    name = os.fspath(path)
    try:
        return parse(name, settings=settings)
    except AnswerParserError as exc:
        if _caused_by_memory(exc):
            return ErrorRecord(name, file_sha256(name), "too_large", f"out of memory: {exc.message}")
        sha = None if exc.code == "unreadable" else file_sha256(name)
        return ErrorRecord(name, sha, exc.code, exc.message)
    except MemoryError:
        return ErrorRecord(name, file_sha256(name), "too_large", "out of memory while parsing")
    except Exception as exc:  # a bug in the parser: record it, go on
        message = f"{type(exc).__name__}: {exc}"[:500] + where(exc)
        return ErrorRecord(name, file_sha256(name), "internal_error", message)


def parse_to_record(path: str | os.PathLike[str], settings: Settings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """One line of the batch output as a dict: the document's contract dict or an error record."""
    result = parse_one(path, settings)
    return result.to_dict() if isinstance(result, ErrorRecord) else to_dict(result)
