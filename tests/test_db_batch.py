"""answer_parser.db beside a batch: the DuckDB archive and the Parquet parts follow the JSON Lines
record by record; a batch killed at any point and resumed leaves them equal to a fresh load."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import answer_parser
from answer_parser.db import Archive, load_jsonl, part_names, read_parquet, read_tables, write_parquet
from answer_parser.db.parquet import sync_parquet
from answer_parser.db.sinks import BatchOutputs
from conftest import FIXTURES

SRC = Path(answer_parser.__file__).resolve().parent.parent
NAMES = [
    "seed_qa",
    "seed_header",
    "tbl_total_mismatch",
    "tbl_footnotes_source_notes",
    "var_labels_ad",
    "annex_tables_only",
    "var_unknown_genre",
    "tbl_indented_three_levels",
]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """JSON Lines of a batch over a few fixtures and one bad input."""
    out = []
    for name in NAMES:
        pdf = FIXTURES / f"{name}.pdf"
        if not pdf.is_file():
            pytest.skip("the fixtures are not built yet")
        out.append(json.dumps(answer_parser.to_dict(answer_parser.parse(pdf)), ensure_ascii=False))
    error = answer_parser.ErrorRecord("archief/tekst.pdf", "a" * 64, "not_a_pdf", "not a PDF")
    out.insert(3, json.dumps(error.to_dict()))
    return out


def _fresh(jsonl: Path, tmp_path: Path) -> dict[str, Any]:
    db = tmp_path / "fresh.duckdb"
    db.unlink(missing_ok=True)
    load_jsonl(jsonl, db)
    with Archive(db) as a:
        return read_tables(a.con)


def _assert_mirrors(jsonl: Path, db: Path, parquet: Path, tmp_path: Path) -> None:
    """The archive and the Parquet folder hold exactly what a fresh load of the JSON Lines gives."""
    expected = _fresh(jsonl, tmp_path)
    with Archive(db) as a:
        found = read_tables(a.con)
    from_parquet = read_parquet(parquet, sort=True)
    for name, table in expected.items():
        assert found[name].equals(table), name
        assert from_parquet[name].equals(table), name


def _run(
    lines: list[str], out: Path, db: Path, parquet: Path, *, resume: bool, csv_dir: Path | None = None
) -> None:
    outputs = BatchOutputs(out, db=db, parquet=parquet, csv_dir=csv_dir, resume=resume)
    outputs.start()
    mode = "a" if resume else "w"
    with open(out, mode, encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
            f.flush()
            outputs.add(line)
    outputs.finish()


def test_the_outputs_follow_the_json_lines(lines: list[str], tmp_path: Path) -> None:
    out, db, parquet, csv_dir = (
        tmp_path / "out.jsonl",
        tmp_path / "a.duckdb",
        tmp_path / "pq",
        tmp_path / "csv",
    )
    _run(lines, out, db, parquet, resume=False, csv_dir=csv_dir)
    _assert_mirrors(out, db, parquet, tmp_path)
    documents = (csv_dir / "documents.csv").read_text("utf-8")
    assert documents.count("\n") >= len(NAMES) + 1
    assert "1.627,1627,integer" in (csv_dir / "cells.csv").read_text("utf-8")
    # a second run without --resume replaces the JSON Lines, and the Parquet parts with them
    _run(lines[:2], out, db, parquet, resume=False)
    assert read_parquet(parquet)["documents"].num_rows == 2


_KILLED_BATCH = textwrap.dedent(
    """
    import sys, time
    from answer_parser.db import sinks

    sinks.PARQUET_PART_RECORDS = 2
    sinks.DB_FLUSH_RECORDS = 3
    sinks.DB_FLUSH_SECONDS = 1e9
    out, db, parquet, stop = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    lines = open(sys.argv[5], encoding="utf-8").read().splitlines()
    outputs = sinks.BatchOutputs(out, db=db, parquet=parquet)
    outputs.start()
    with open(out, "w", encoding="utf-8") as f:
        for i, line in enumerate(lines):
            f.write(line + "\\n")
            f.flush()
            if i == stop:  # written to the JSON Lines, not yet given to the archive
                print("written", flush=True)
                time.sleep(120)
            outputs.add(line)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [2, 5])
def test_a_killed_batch_resumed_duplicates_nothing(lines: list[str], tmp_path: Path, stop: int) -> None:
    out, db, parquet = tmp_path / "out.jsonl", tmp_path / "a.duckdb", tmp_path / "pq"
    all_lines = tmp_path / "lines.txt"
    all_lines.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-c", _KILLED_BATCH, str(out), str(db), str(parquet), str(stop), str(all_lines)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "written\n"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(30) == -signal.SIGKILL
    with Archive(db) as a:
        loaded = a.count()["documents"] + a.count()["errors"]
    assert loaded == 3 * (stop // 3)  # what was flushed before the kill; the rest was pending
    assert len(part_names(parquet)) == stop // 2
    # --resume: the inputs already in the JSON Lines are skipped; the rest is parsed and written
    _run(lines[stop + 1 :], out, db, parquet, resume=True)
    assert len(out.read_text("utf-8").splitlines()) == len(lines)
    _assert_mirrors(out, db, parquet, tmp_path)


def test_parquet_sync_drops_what_the_json_lines_no_longer_hold(lines: list[str], tmp_path: Path) -> None:
    out, parquet = tmp_path / "out.jsonl", tmp_path / "pq"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [json.loads(line) for line in lines]
    write_parquet(records[:4], parquet, part="a")
    write_parquet(records[2:6], parquet, part="b")  # a worker's part written twice (a kill, a retry)
    changed = json.loads(lines[7])
    changed["source"]["sha256"] = "f" * 64  # the file at this path was parsed before it changed
    write_parquet([changed], parquet, part="c")
    summary = sync_parquet(out, parquet, part="d")
    assert (summary.dropped, summary.added, summary.rewritten) == (3, len(lines) - 6, 2)
    assert part_names(parquet) == ["a", "b", "d"]
    _assert_mirrors(out, _db_of(out, tmp_path), parquet, tmp_path)
    assert sync_parquet(out, parquet).rewritten == 0


def _db_of(jsonl: Path, tmp_path: Path) -> Path:
    db = tmp_path / "mirror.duckdb"
    load_jsonl(jsonl, db)
    return db


# -- the real batch: answer-parser batch --db --parquet --tables-csv, killed and resumed --------------


BATCH_FIXTURES = [*NAMES, "tbl_side_by_side_lo", "var_labels_letters", "tbl_white_rects", "var_question_only"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in BATCH_FIXTURES:
        shutil.copyfile(FIXTURES / f"{name}.pdf", folder / f"{name}.pdf")  # the batch skips symlinks
    (folder / "tekst.pdf").write_text("geen pdf")
    return folder


@pytest.mark.slow
def test_a_killed_batch_with_an_archive_resumes_without_duplicates(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out, db, parquet, csv_dir = (
        tmp_path / "out.jsonl",
        tmp_path / "a.duckdb",
        tmp_path / "pq",
        tmp_path / "csv",
    )
    args = ["batch", str(folder), "-o", str(out), "--db", str(db), "--parquet", str(parquet)]
    cmd = [sys.executable, "-m", "answer_parser.cli", *args, "--tables-csv", str(csv_dir)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([*cmd, "--workers", "1"], stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 300
        while not (out.exists() and out.read_bytes().count(b"\n") >= 3):
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    done_before = out.read_bytes().count(b"\n")
    assert done_before < len(BATCH_FIXTURES) + 1
    run = subprocess.run(
        [*cmd, "--workers", "1", "--resume"], capture_output=True, text=True, env=env, timeout=600
    )
    assert run.returncode == 1, run.stderr  # tekst.pdf is not a PDF
    assert f"{done_before} skipped" in run.stderr
    assert out.read_bytes().count(b"\n") == len(BATCH_FIXTURES) + 1
    _assert_mirrors(out, db, parquet, tmp_path)
    with Archive(db) as a:
        assert a.count()["documents"] == len(BATCH_FIXTURES)
        assert a.con.execute("SELECT code FROM errors").fetchall() == [("not_a_pdf",)]
    documents = (csv_dir / "documents.csv").read_text("utf-8")
    assert all(f"{name}.pdf" in documents for name in BATCH_FIXTURES)
    assert (csv_dir / "cells.csv").read_text("utf-8").count("\n") > 100
    assert (csv_dir / "seed_qa.table1.csv").is_file()  # the per-table CSVs as before


def test_a_batch_whose_archive_cannot_be_opened_stops_before_touching_its_output(tmp_path: Path) -> None:
    from answer_parser.cli import main

    out, bad = tmp_path / "out.jsonl", tmp_path / "text.duckdb"
    out.write_text('{"error": {"code": "x", "message": "y"}, "source": {"path": "a.pdf", "sha256": null}}\n')
    before = out.read_bytes()
    bad.write_text("geen database")
    assert main(["batch", str(FIXTURES / "seed_qa.pdf"), "-o", str(out), "--db", str(bad)]) == 2
    assert out.read_bytes() == before
