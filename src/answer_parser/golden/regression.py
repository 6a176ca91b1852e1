"""Regression checks against golden files: `NAME.pdf` beside `NAME.expected.json`.

A golden file holds the parse someone trusts, in the JSON contract (`answer_parser.to_json`). It
may carry a top-level `"$compare"` object that says how to compare it, for instance
`{"subset": true, "ignore_bbox": true}`: its keys win over the options of the run (command line
flags, `golden_tests(...)` arguments), key by key. A PDF the library refuses to read is stored as
`{"$error": "not_a_pdf"}` (the error's `code`).

`source.path` is stored as the PDF's file name, so that a folder of golden files can move.

    >>> from answer_parser.golden.regression import Options, find_cases, check_case
    >>> for case in find_cases(["tests/answers"]):
    ...     result = check_case(case, Options(tolerance=Tolerance(ignore_bbox=True)))
    ...     print(result.report())

`answer-parser check DIR` (`golden.command.run_check`) and `answer_parser.testing.golden_tests`
(`golden.testing`) are built on these functions. Comparison itself is `golden.compare`.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from ..convert import to_dict
from ..errors import AnswerParserError
from ..pipeline import parse
from .compare import STRICT, Tolerance, diff, merge

GOLDEN_SUFFIX = ".expected.json"
COMPARE_KEY = "$compare"
ERROR_KEY = "$error"
#: a golden file's list of warning codes the parse must give (a fixture made to trip a check)
EXPECT_WARNINGS_KEY = "$expect_warnings"
#: the keys a `$compare` object may hold
COMPARE_OPTIONS = ("subset", "ignore_bbox", "ignore_warnings", "numeric", "ignore_keys")
#: diff lines shown per document before "... N more"
MAX_LINES = 40
Json = dict[str, Any]
Status = Literal["ok", "differ", "no_golden", "error"]


class GoldenFileError(ValueError):
    """A golden file that cannot be used: not JSON, not an object, or a bad `$compare`."""


@attrs.frozen
class Options:
    """How to compare: `subset` (only the fields the golden file has) and a `Tolerance`."""

    subset: bool = False
    tolerance: Tolerance = STRICT

    @classmethod
    def of(
        cls,
        *,
        subset: bool = False,
        ignore_bbox: bool = False,
        ignore_warnings: bool = False,
        numeric: float = 0.0,
        ignore_keys: Iterable[str] = (),
    ) -> Options:
        tolerance = Tolerance(
            ignore_bbox=ignore_bbox,
            ignore_warnings=ignore_warnings,
            numeric=numeric,
            ignore_keys=frozenset(ignore_keys),
        )
        return cls(subset=subset, tolerance=tolerance)

    def overridden_by(self, compare: Mapping[str, Any]) -> Options:
        """These options with a golden file's `$compare` object applied: the file wins, key by key."""
        if not isinstance(compare, Mapping):
            raise GoldenFileError(f"{COMPARE_KEY} must be an object, not {type(compare).__name__}")
        values: dict[str, Any] = {
            "subset": self.subset,
            "ignore_bbox": self.tolerance.ignore_bbox,
            "ignore_warnings": self.tolerance.ignore_warnings,
            "numeric": self.tolerance.numeric,
            "ignore_keys": self.tolerance.ignore_keys,
        }
        for key, value in compare.items():
            if key not in COMPARE_OPTIONS:
                known = ", ".join(COMPARE_OPTIONS)
                raise GoldenFileError(f"unknown {COMPARE_KEY} option {key!r} (known: {known})")
            if key == "numeric":
                if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                    raise GoldenFileError(f"{COMPARE_KEY}.numeric must be a number >= 0, not {value!r}")
                if math.isinf(value):
                    raise GoldenFileError(f"{COMPARE_KEY}.numeric must be finite")
            elif key == "ignore_keys":
                if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                    raise GoldenFileError(f"{COMPARE_KEY}.ignore_keys must be a list of strings")
                value = frozenset(value)
            elif not isinstance(value, bool):
                raise GoldenFileError(f"{COMPARE_KEY}.{key} must be true or false, not {value!r}")
            values[key] = value
        return Options.of(**values)

    def flags(self) -> list[str]:
        """The `answer-parser check` flags that give these options."""
        out = ["--subset"] if self.subset else []
        if self.tolerance.ignore_bbox:
            out.append("--ignore-bbox")
        if self.tolerance.ignore_warnings:
            out.append("--ignore-warnings")
        if self.tolerance.numeric:
            out += ["--numeric", repr(self.tolerance.numeric)]
        for key in sorted(self.tolerance.ignore_keys):
            out += ["--ignore-key", key]
        return out

    def describe(self) -> str:
        """'strict', or what is forgiven: 'subset, ignore bbox, numeric 0.5'."""
        parts = ["subset"] if self.subset else []
        if self.tolerance.ignore_bbox:
            parts.append("ignore bbox")
        if self.tolerance.ignore_warnings:
            parts.append("ignore warnings")
        if self.tolerance.numeric:
            parts.append(f"numeric {self.tolerance.numeric:g}")
        if self.tolerance.ignore_keys:
            parts.append("ignore " + ", ".join(sorted(self.tolerance.ignore_keys)))
        return ", ".join(parts) or "strict"


def golden_path(pdf: str | os.PathLike[str]) -> Path:
    """Where the golden file of `pdf` lives: `NAME.pdf` -> `NAME.expected.json` beside it."""
    path = Path(pdf)
    return path.with_name(path.stem + GOLDEN_SUFFIX)


@attrs.frozen
class Case:
    """One PDF to check. `name` is its path below the folder it was found in, without `.pdf`."""

    pdf: Path
    name: str

    @property
    def golden(self) -> Path:
        return golden_path(self.pdf)


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf" and path.is_file()


def find_cases(paths: Iterable[str | os.PathLike[str]], *, recursive: bool = False) -> list[Case]:
    """The PDFs in `paths` (folders, or PDF files), sorted per folder.

    Raises FileNotFoundError for a path that does not exist and ValueError for a file that is
    not a `.pdf`.
    """
    cases: list[Case] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            pdfs = sorted(p for p in found if _is_pdf(p))
            cases += [Case(p, p.relative_to(path).with_suffix("").as_posix()) for p in pdfs]
        elif path.is_file():
            if path.suffix.lower() != ".pdf":
                raise ValueError(f"{path}: not a .pdf file or a folder")
            cases.append(Case(path, path.stem))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return cases


def find_orphans(paths: Iterable[str | os.PathLike[str]], *, recursive: bool = False) -> list[Path]:
    """Golden files in the folders among `paths` with no PDF beside them."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            pattern = "*" + GOLDEN_SUFFIX
            for golden in sorted(path.rglob(pattern) if recursive else path.glob(pattern)):
                stem = golden.name[: -len(GOLDEN_SUFFIX)]
                if not any(_is_pdf(golden.with_name(stem + ext)) for ext in (".pdf", ".PDF", ".Pdf")):
                    out.append(golden)
    return out


def parse_for_golden(pdf: str | os.PathLike[str]) -> tuple[Json, str | None]:
    """The PDF as a golden file holds it, and the error message when the library refused it.

    A parsed document: its contract dict with `source.path` reduced to the file name. A refused
    PDF: `{"$error": code}`.
    """
    path = Path(pdf)
    try:
        doc = parse(path)
    except AnswerParserError as exc:
        return {ERROR_KEY: exc.code}, exc.message
    data = to_dict(doc)
    data["source"]["path"] = path.name
    return data, None


def read_golden(path: str | os.PathLike[str]) -> tuple[Json, Json | None]:
    """A golden file's data (without `$compare`) and its `$compare` object (None when absent)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldenFileError(f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldenFileError(f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldenFileError(f"must hold a JSON object, not {type(data).__name__}")
    compare = data.pop(COMPARE_KEY, None)
    if compare is not None and not isinstance(compare, dict):
        raise GoldenFileError(f"{COMPARE_KEY} must be an object, not {type(compare).__name__}")
    return data, compare


def golden_text(data: Mapping[str, Any], compare: Mapping[str, Any] | None = None) -> str:
    """A golden file's text: `$compare` first when there is one, two-space indent, final newline."""
    out: Json = {COMPARE_KEY: dict(compare)} if compare is not None else {}
    out.update(data)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def write_golden(
    path: str | os.PathLike[str], data: Mapping[str, Any], compare: Mapping[str, Any] | None = None
) -> None:
    """Write a golden file in one step (a temporary file beside it, then renamed over it)."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(golden_text(data, compare), encoding="utf-8")
    temporary.replace(target)


@attrs.frozen
class Result:
    """The check of one PDF against its golden file."""

    case: Case
    status: Status
    options: Options
    #: the differences, one readable line each (empty when the document matches)
    lines: tuple[str, ...] = ()
    #: why the check could not run (status "error")
    message: str = ""
    #: the golden file's data without `$compare`, and its `$compare` object
    expected: Json | None = None
    compare: Json | None = None
    #: the PDF as a golden file would hold it
    actual: Json | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def updated(self) -> Json | None:
        """The golden file's data brought up to date (without `$compare`); None when there is nothing
        to write (the document matches) or nothing can be written (status "error")."""
        if self.actual is None or self.status in ("ok", "error"):
            return None
        if self.expected is None or ERROR_KEY in self.expected or ERROR_KEY in self.actual:
            return self.actual
        updated: Json = merge(
            self.expected, self.actual, subset=self.options.subset, tolerance=self.options.tolerance
        )
        return updated

    def changes(self) -> list[str]:
        """What an update would change in the golden file, one readable line each."""
        new = self.updated()
        if new is None:
            return []
        if self.expected is None:
            return [f"new golden file: {_summary(new)}"]
        return diff(self.expected, new) or ["(formatting only)"]

    def report(self, *, max_lines: int = MAX_LINES) -> str:
        """A few readable lines: what is wrong and where."""
        name = self.case.pdf.name
        if self.status == "ok":
            return f"ok   {self.case.name}"
        if self.status == "no_golden":
            return (
                f"NEW  {self.case.name}: no golden file; run with --update to create {self.case.golden.name}"
            )
        if self.status == "error":
            return f"ERROR {self.case.name}: {self.case.golden.name}: {self.message}"
        count = len(self.lines)
        head = (
            f"FAIL {self.case.name}: {count} difference{'s' if count != 1 else ''} "
            f"between {self.case.golden.name} and the parse of {name} ({self.options.describe()})"
        )
        return "\n".join([head, *indent(self.lines, max_lines)])


def indent(lines: Sequence[str], max_lines: int = MAX_LINES, prefix: str = "    ") -> list[str]:
    """`lines` indented, cut after `max_lines` (0: never) with a line saying how many were left out."""
    if max_lines <= 0 or len(lines) <= max_lines:
        return [prefix + line for line in lines]
    rest = len(lines) - max_lines
    return [prefix + line for line in lines[:max_lines]] + [
        f"{prefix}... {rest} more line{'s' * (rest != 1)}"
    ]


def _summary(data: Mapping[str, Any]) -> str:
    if ERROR_KEY in data:
        return f"error {data[ERROR_KEY]}"
    parts = [f"kind {data.get('kind')}"]
    for key in ("tables", "warnings"):
        if isinstance(data.get(key), list):
            parts.append(f"{len(data[key])} {key}")
    return ", ".join(parts)


def _compare(expected: Json, actual: Json, error: str | None, options: Options) -> list[str]:
    if (ERROR_KEY in expected) != (ERROR_KEY in actual):
        if ERROR_KEY in actual:
            return [f"(document): expected a parsed document, got error {actual[ERROR_KEY]}: {error}"]
        return [
            f"(document): expected error {expected[ERROR_KEY]}, got a parsed document ({_summary(actual)})"
        ]
    wanted = expected.get(EXPECT_WARNINGS_KEY, [])
    if wanted:
        expected = {k: v for k, v in expected.items() if k != EXPECT_WARNINGS_KEY}
    lines = diff(expected, actual, subset=options.subset, tolerance=options.tolerance)
    found = {w.get("code") for w in actual.get("warnings", []) if isinstance(w, dict)}
    lines += [
        f"warnings: expected a {code!r} warning, got {sorted(map(str, found))}"
        for code in wanted
        if code not in found
    ]
    return lines


def check_case(case: Case, options: Options = Options()) -> Result:
    """Parse the PDF and compare it with its golden file, under `options` and the file's `$compare`."""
    actual, error = parse_for_golden(case.pdf)
    if not case.golden.exists():
        return Result(case, "no_golden", options, actual=actual)
    try:
        expected, compare = read_golden(case.golden)
        effective = options.overridden_by(compare) if compare is not None else options
    except GoldenFileError as exc:
        return Result(case, "error", options, message=str(exc), actual=actual)
    lines = _compare(expected, actual, error, effective)
    status: Status = "differ" if lines else "ok"
    return Result(case, status, effective, tuple(lines), expected=expected, compare=compare, actual=actual)


def check(
    paths: Iterable[str | os.PathLike[str]], options: Options = Options(), *, recursive: bool = False
) -> Iterator[Result]:
    """Check every PDF in `paths` (folders or PDF files), one result at a time."""
    for case in find_cases(paths, recursive=recursive):
        yield check_case(case, options)


def update(result: Result) -> bool:
    """Write the result's golden file brought up to date, keeping its `$compare`.

    False when there is nothing to write (the document matches, or its golden file is unreadable).
    """
    new = result.updated()
    if new is None:
        return False
    write_golden(result.case.golden, new, result.compare)
    return True
