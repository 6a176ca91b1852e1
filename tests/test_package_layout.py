"""The package layout (docs/architecture.md): old import paths keep working, `import answer_parser`
stays light, no module grows past 500 lines."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import answer_parser

PACKAGE = Path(answer_parser.__file__).parent

#: old module -> (new home, names that must be the very same objects)
OLD_PATHS = {
    "answer_parser.batch": ("answer_parser.batch.pool", ["parse_many", "DEFAULT_TIMEOUT"]),
    "answer_parser.compare": ("answer_parser.golden.compare", ["diff", "Tolerance", "merge"]),
    "answer_parser.dialect": (
        "answer_parser.sections.dialect",
        ["FLEMISH", "TWEEDE_KAMER", "detect_dialect"],
    ),
    "answer_parser.numbers": ("answer_parser.dutch.numbers", ["parse_cell", "format_dutch", "is_numeric"]),
    "answer_parser.regression": ("answer_parser.golden.regression", ["find_cases", "check_case", "Options"]),
    "answer_parser.testing": ("answer_parser.golden.testing", ["golden_tests", "assert_golden"]),
    "answer_parser.exports": ("answer_parser.exports", ["to_csv", "tidy_dicts"]),
    "answer_parser.layout": ("answer_parser.layout.lines", ["Line", "words_to_lines", "body_size"]),
    "answer_parser.sections": ("answer_parser.sections.read", ["Sections", "read_sections"]),
    "answer_parser.tables": ("answer_parser.tables.structure", ["chain_to_table", "header_rows"]),
    "answer_parser.reading": ("answer_parser.pdf.reading", ["read_pdf", "read_bytes"]),
    "answer_parser.stream": ("answer_parser.tables.detect", ["page_stream_grids"]),
    "answer_parser.text": ("answer_parser.dutch.text", ["collapse", "join_lines", "join_text_lines"]),
    "answer_parser.dates": ("answer_parser.dutch.dates", ["parse_dutch_date", "find_dutch_date"]),
    "answer_parser.names": ("answer_parser.dutch.names", ["display_name", "PARTICLES"]),
    "answer_parser.checks": ("answer_parser.tables.checks", ["check_totals"]),
}


@pytest.mark.parametrize("old", sorted(OLD_PATHS))
def test_old_import_paths_still_work(old: str) -> None:
    new, names = OLD_PATHS[old]
    old_module, new_module = importlib.import_module(old), importlib.import_module(new)
    for name in names:
        assert getattr(old_module, name) is getattr(new_module, name), name


def test_old_batch_names() -> None:
    from answer_parser.batch import ErrorRecord, file_sha256, parse_one, read_records, run_batch

    assert ErrorRecord is answer_parser.ErrorRecord
    assert read_records is answer_parser.read_records
    assert callable(run_batch) and callable(parse_one) and callable(file_sha256)


def test_old_dask_path() -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    import answer_parser.batch.dask
    import answer_parser.dask

    assert answer_parser.dask.write_jsonl is answer_parser.batch.dask.write_jsonl
    assert answer_parser.dask.parse_bag is answer_parser.batch.dask.parse_bag


def test_import_does_not_load_pdfplumber() -> None:
    """pdfplumber (and pdfminer under it) load when the first PDF is read, not with the package."""
    code = (
        "import sys, answer_parser\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pdfplumber', 'pdfminer'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_module_over_500_lines() -> None:
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text("utf-8").splitlines()) for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 500} == {}


def test_architecture_names_every_module() -> None:
    """docs/architecture.md is the map: every module of every stage package is on it."""
    text = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text("utf-8")
    missing = [
        f"{package.name}/{module.name}"
        for package in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
        for module in sorted(package.glob("*.py"))
        if module.stem != "__init__"
        and f"`{module.name}`" not in text
        and f"`{package.name}.{module.stem}" not in text
    ]
    assert missing == []
