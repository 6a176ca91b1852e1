"""Golden-file tests for pytest: a folder of PDFs with their trusted parses, one test per PDF.

In a test module of your project (`tests/test_answers.py`):

    from answer_parser.testing import golden_tests

    test_answers = golden_tests("answers", ignore_bbox=True)

collects one test per `answers/NAME.pdf` (test id `test_answers[NAME]`), each comparing the parse
with `answers/NAME.expected.json`. A failure shows the differences, one readable line each, and the
command that accepts the new parse. See docs/regression-testing.md.

Needs pytest (imported when `golden_tests` is called); `assert_golden` works without it.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .regression import MAX_LINES, Case, Options, Result, check_case, find_cases, indent

__all__ = ["GoldenMismatch", "assert_golden", "failure_message", "golden_tests"]


class GoldenMismatch(AssertionError):
    """A PDF's parse does not match its golden file; the message lists the differences."""


def _shown(path: Path) -> str:
    """`path` relative to the current directory when it lies below it, for a command to copy."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def failure_message(
    result: Result, *, max_lines: int = MAX_LINES, flags: Iterable[str] = (), hint: str | None = None
) -> str:
    """What a failed golden test says: the differences and how to accept the new parse.

    `flags` are the `answer-parser check` flags of the run; they go into the suggested command.
    `hint`, when given, replaces that suggestion: a text with the fields {name}, {pdf}, {golden}.
    """
    golden = _shown(result.case.golden)
    command = shlex.join(["answer-parser", "check", _shown(result.case.pdf), "--update", *flags])
    if hint is not None:
        hint = hint.format(name=result.case.name, pdf=_shown(result.case.pdf), golden=golden)
    if result.status == "no_golden":
        return f"{result.case.pdf.name}: no golden file {golden}; " + (
            hint or f"to create it run\n    {command}"
        )
    if result.status == "error":
        return f"{golden}: {result.message}"
    count = len(result.lines)
    head = (
        f"{result.case.pdf.name} differs from {golden} "
        f"({result.options.describe()}): {count} difference{'s' * (count != 1)}"
    )
    tail = hint or f"if the new parse is right, accept it with\n    {command}"
    return "\n".join([head, *indent(result.lines, max_lines), tail])


def assert_golden(
    pdf: str | os.PathLike[str],
    *,
    subset: bool = False,
    ignore_bbox: bool = False,
    ignore_warnings: bool = False,
    numeric: float = 0.0,
    ignore_keys: Iterable[str] = (),
    max_lines: int = MAX_LINES,
    hint: str | None = None,
) -> None:
    """Raise GoldenMismatch unless the parse of `pdf` matches `NAME.expected.json` beside it.

    Strict by default; a `$compare` object in the golden file wins over these arguments. `hint`
    as for `golden_tests`.
    """
    path = Path(pdf)
    options = Options.of(
        subset=subset,
        ignore_bbox=ignore_bbox,
        ignore_warnings=ignore_warnings,
        numeric=numeric,
        ignore_keys=ignore_keys,
    )
    result = check_case(Case(path, path.stem), options)
    if not result.ok:
        raise GoldenMismatch(failure_message(result, max_lines=max_lines, flags=options.flags(), hint=hint))


def _resolve(folder: str | os.PathLike[str], base: Path | None) -> Path:
    """A relative folder beside the calling test file if it is there, else below the current directory."""
    path = Path(folder)
    if path.is_absolute() or base is None:
        return path
    if (base / path).exists():
        return base / path
    if path.exists():
        return path
    raise FileNotFoundError(
        f"golden_tests: no folder {str(folder)!r} beside the test file (in {base}) "
        f"nor below the current directory ({Path.cwd()})"
    )


def golden_tests(
    *folders: str | os.PathLike[str],
    subset: bool = False,
    ignore_bbox: bool = False,
    ignore_warnings: bool = False,
    numeric: float = 0.0,
    ignore_keys: Iterable[str] = (),
    recursive: bool = False,
    max_lines: int = MAX_LINES,
    hint: str | None = None,
) -> Callable[[Case], None]:
    """A pytest test function, parametrized with one case per PDF in `folders` (ids: the PDF stems).

    Assign it to a name starting with `test` in a test module. A relative folder is looked up
    beside the calling test file first, then below the current directory. Each test parses its
    PDF and compares it with `NAME.expected.json` beside it: strict by default, or with the given
    tolerances; a `$compare` object in a golden file wins over these arguments. A PDF without a
    golden file fails. A folder that does not exist fails the collection.

    A failure ends with the `answer-parser check ... --update` command that accepts the new parse;
    `hint` replaces it where golden files are not to be updated from a parse (a text with the
    fields {name}, {pdf}, {golden}).
    """
    import pytest

    if not folders:
        raise TypeError("golden_tests() needs at least one folder")
    caller = sys._getframe(1).f_globals.get("__file__")
    base = Path(caller).resolve().parent if isinstance(caller, str) else None
    paths = [_resolve(folder, base) for folder in folders]
    options = Options.of(
        subset=subset,
        ignore_bbox=ignore_bbox,
        ignore_warnings=ignore_warnings,
        numeric=numeric,
        ignore_keys=ignore_keys,
    )
    flags = options.flags()
    cases = find_cases(paths, recursive=recursive)

    @pytest.mark.parametrize("golden_case", cases, ids=[case.name for case in cases])
    def golden_test(golden_case: Case) -> None:
        result = check_case(golden_case, options)
        if not result.ok:
            message = failure_message(result, max_lines=max_lines, flags=flags, hint=hint)
            pytest.fail(message, pytrace=False)

    return golden_test
