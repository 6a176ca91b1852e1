"""What a batch gives for each input: a `Document`, or an `ErrorRecord` saying why not.
`parse_one` turns every failure of one file into an error record; it never raises.
"""

from __future__ import annotations

import gc
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
    # Each handler only notes the failure; the file is hashed after it, once the exception (whose
    # traceback holds the parse's frames and their memory) is gone: hashing inside the handler of a
    # MemoryError runs out of memory again.
    failure: tuple[str, str] | None = None
    try:
        return parse(name, settings=settings)
    except AnswerParserError as exc:
        if exc.code == "unreadable":
            return ErrorRecord(name, None, exc.code, exc.message)
        if _caused_by_memory(exc):
            failure = ("too_large", f"out of memory: {exc.message}")
        else:
            failure = (exc.code, exc.message)
    except MemoryError:
        failure = ("too_large", "out of memory while parsing")
    except RecursionError:  # as parse() itself says it (pdf/guards.py): the same on every route
        failure = ("damaged_pdf", "the PDF is nested too deeply to be read (RecursionError)")
    except Exception as exc:  # a bug in the parser: record it, go on
        failure = ("internal_error", f"{type(exc).__name__}: {exc}"[:500] + where(exc))
    gc.collect()
    return ErrorRecord(name, file_sha256(name), *failure)


def parse_to_record(path: str | os.PathLike[str], settings: Settings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """One line of the batch output as a dict: the document's contract dict or an error record."""
    result = parse_one(path, settings)
    return result.to_dict() if isinstance(result, ErrorRecord) else to_dict(result)
