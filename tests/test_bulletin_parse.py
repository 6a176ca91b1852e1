"""Bulletins end to end: every bulletin fixture parses to its spec, the contents are checked,
and a batch writes one record per question."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import answer_parser
from answer_parser.batch import run_batch
from answer_parser.compare import diff
from answer_parser.convert import to_dict
from answer_parser.testing import golden_tests
from conftest import FIXTURES, ROOT, assert_valid

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BULLETINS = FIXTURES / "bulletins"

test_bulletin_matches_its_expected_json = golden_tests(
    BULLETINS,
    subset=True,
    hint="{golden} is built from fixtures/bulletins/specs/{name}.json: fix the parser "
    "(or the spec, then run: python -m fixtures.builder {name})",
)


def _parse(path: Path) -> dict[str, Any]:
    return to_dict(answer_parser.parse(path))


@pytest.mark.slow
def test_every_bulletin_is_read_without_warnings_and_validates() -> None:
    """The fixtures' contents match their bodies and every part is read cleanly."""
    for pdf in sorted(BULLETINS.glob("*.pdf")):
        doc = _parse(pdf)
        assert_valid(doc)
        assert doc["warnings"] == [], pdf.name
        assert [d["warnings"] for d in doc["documents"]] == [[]] * len(doc["documents"]), pdf.name
        for part in doc["documents"]:
            assert part["source"]["path"] == doc["source"]["path"]
            assert part["source"]["sha256"] == doc["source"]["sha256"]
            assert part["source"]["pages"] == doc["source"]["pages"]


def test_a_contents_line_that_does_not_match_the_body_is_named(tmp_path: Path) -> None:
    from fixtures.builder import bulletin_reportlab
    from fixtures.builder.bulletin import bulletin_spec_path, load_bulletin

    spec = load_bulletin(bulletin_spec_path("bulletin_1986_old_style_rl"))
    first = spec.sections[0]
    wrong = attrs.evolve(first.ministers[1], contents_page=7)
    spec = attrs.evolve(
        spec,
        sections=(
            attrs.evolve(first, ministers=(first.ministers[0], wrong, *first.ministers[2:])),
            *spec.sections[1:],
        ),
    )
    pdf = tmp_path / "wrong_contents.pdf"
    bulletin_reportlab.produce(spec, pdf)
    doc = _parse(pdf)
    assert [(w["code"], w["message"]) for w in doc["warnings"]] == [
        ("bulletin_contents_mismatch", "contents put 'JAN LENSSENS' on page 7, its heading is on page 2")
    ]


@pytest.mark.slow
def test_a_batch_writes_one_record_per_question(tmp_path: Path) -> None:
    folder = tmp_path / "archief"
    folder.mkdir()
    singles = ["seed_qa", "var_answer_only"]
    bulletins = ["bulletin_2006_one_column_lo", "bulletin_1986_old_style_rl"]
    for name in singles:
        shutil.copy(FIXTURES / f"{name}.pdf", folder)
    for name in bulletins:
        shutil.copy(BULLETINS / f"{name}.pdf", folder)
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(p) for p in sorted(folder.iterdir())], out, workers=1, log=io.StringIO())
    assert summary.parsed == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        assert_valid(record)
        assert record["kind"] != "bulletin"
        by_file.setdefault(Path(record["source"]["path"]).stem, []).append(record)
    assert {name: len(rs) for name, rs in by_file.items()} == {
        "seed_qa": 1,
        "var_answer_only": 1,
        "bulletin_2006_one_column_lo": 5,
        "bulletin_1986_old_style_rl": 4,
    }
    for name in bulletins:
        expected = json.loads((BULLETINS / f"{name}.expected.json").read_text(encoding="utf-8"))
        problems = diff(expected["documents"], by_file[name], subset=True)
        assert not problems, "\n".join(problems)
    for name in singles:
        (record,) = by_file[name]
        assert "page_range" not in record["source"]


@pytest.mark.slow
def test_a_resumed_batch_keeps_every_part_of_a_bulletin(tmp_path: Path) -> None:
    folder = tmp_path / "archief"
    folder.mkdir()
    shutil.copy(FIXTURES / "seed_qa.pdf", folder)
    shutil.copy(BULLETINS / "bulletin_1986_old_style_rl.pdf", folder)
    inputs = [str(p) for p in sorted(folder.iterdir())]
    out = tmp_path / "out.jsonl"
    run_batch(inputs, out, workers=1, log=io.StringIO())
    first = out.read_text(encoding="utf-8")
    assert len(first.splitlines()) == 1 + 4
    summary = run_batch(inputs, out, workers=1, resume=True, log=io.StringIO())
    assert (summary.skipped, summary.parsed) == (2, 0)
    assert out.read_text(encoding="utf-8") == first
    tables = tmp_path / "tables"
    run_batch(inputs[:1], tmp_path / "b.jsonl", workers=1, tables_dir=tables, log=io.StringIO())
    names = sorted(p.name for p in tables.iterdir() if ".table" in p.name)
    assert names == ["bulletin_1986_old_style_rl.q12.p2.table0.csv"]


@pytest.mark.slow
def test_the_archive_gets_a_row_per_question(tmp_path: Path) -> None:
    """The JSON Lines hold the parts; the DuckDB archive gets the bulletin and a row per part."""
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "archief"
    folder.mkdir()
    shutil.copy(FIXTURES / "seed_qa.pdf", folder)
    shutil.copy(BULLETINS / "bulletin_2006_one_column_lo.pdf", folder)
    db = tmp_path / "archief.duckdb"
    inputs = [str(p) for p in sorted(folder.iterdir())]
    run_batch(inputs, tmp_path / "out.jsonl", workers=1, db=db, log=io.StringIO())
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT kind, coalesce(part, 0) FROM documents").fetchall()
    from answer_parser.db.duck import load_jsonl

    loaded = tmp_path / "geladen.duckdb"
    load_jsonl(tmp_path / "out.jsonl", loaded)  # the parts of the JSON Lines, put together again
    again = duckdb.connect(str(loaded), read_only=True)
    assert sorted(again.execute("SELECT kind, coalesce(part, 0) FROM documents").fetchall()) == sorted(rows)
    issue = again.execute("SELECT DISTINCT bulletin_number FROM documents WHERE part IS NOT NULL").fetchall()
    assert (
        issue
        == con.execute("SELECT DISTINCT bulletin_number FROM documents WHERE part IS NOT NULL").fetchall()
    )
    assert sorted(rows) == sorted(
        [("question_and_answer", 0), ("bulletin", 0)]
        + [("question_and_answer", k) for k in (1, 2, 3, 4)]
        + [("question", 5)]
    )


@pytest.mark.slow
def test_random_bulletins_parse_to_their_specs(tmp_path: Path) -> None:
    """Two bulletins of the fuzzer (benchmarks/bulletin_fuzz.py), one in one column and one in
    two, built, their pages read back from the PDF, parsed and compared with their specs."""
    import random

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bulletin_fuzz
    from fixtures.builder.bulletin import build_bulletin_expected

    for seed, columns in ((1, 1), (7, 2)):
        data = bulletin_fuzz.random_spec(random.Random(seed), seed, "reportlab")
        spec, pdf = bulletin_fuzz.build(data, tmp_path)
        assert spec.columns == columns
        problems = diff(build_bulletin_expected(spec), _parse(pdf), subset=True)
        assert not problems, "\n".join(problems)
