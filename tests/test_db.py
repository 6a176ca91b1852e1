"""answer_parser.db: the fixtures batch-loaded into DuckDB answer SQL with the numbers the specs
and golden files hold; loads are idempotent and all-or-nothing; Parquet reads back equal."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

import answer_parser
from answer_parser.db import (
    Archive,
    load_jsonl,
    load_records,
    part_names,
    read_parquet,
    read_tables,
    rows_of,
    write_csvs,
    write_parquet,
)
from answer_parser.model import Bulletin, Document, Source
from conftest import FIXTURES, fixture_pdfs

SRC = Path(answer_parser.__file__).resolve().parent.parent


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def parsed() -> list[Any]:
    """Every committed fixture parsed, plus two inputs that give error records."""
    pdfs = fixture_pdfs()
    if not pdfs:
        pytest.skip("the fixtures are not built yet")
    docs: list[Any] = [answer_parser.parse(p) for p in pdfs]
    return docs


@pytest.fixture(scope="module")
def jsonl(parsed: list[Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch output of the fixtures: their records and two error records, as JSON Lines."""
    folder = tmp_path_factory.mktemp("batch")
    bad = folder / "tekst.pdf"
    bad.write_text("geen pdf")
    errors = []
    for path in (bad, folder / "weg.pdf"):
        try:
            answer_parser.parse(path)
        except answer_parser.AnswerParserError as exc:
            sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
            errors.append(answer_parser.ErrorRecord(str(path), sha, exc.code, exc.message))
    assert [e.code for e in errors] == ["not_a_pdf", "unreadable"]
    out = folder / "out.jsonl"
    lines = [answer_parser.to_dict(d) for d in parsed] + [e.to_dict() for e in errors]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def archive(jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    db = tmp_path_factory.mktemp("db") / "archive.duckdb"
    summary = load_jsonl(jsonl, db)
    assert (summary.documents, summary.errors) == (len(fixture_pdfs()), 2)
    with Archive(db) as a:
        yield a


def _sql(archive: Archive, query: str, *params: Any) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = archive.con.execute(query, list(params)).fetchall()
    return rows


def test_the_seed_table_1_value_for_april_2018_is_1627(archive: Archive) -> None:
    expected = next(t for t in _expected("seed_qa")["tables"] if t["number"] == 1)
    april = next(r for r in expected["rows"] if r["label"] == ["april"])
    column = [c["path"] for c in expected["columns"]].index(["2018"])
    assert april["cells"][column]["value"] == 1627
    found = _sql(
        archive,
        """SELECT c.value, c.raw, c.kind, t.caption
           FROM cells c JOIN tables t USING (doc_id, table_index) JOIN documents d USING (doc_id)
           WHERE d.path LIKE '%/seed_qa.pdf' AND t.number = 1
             AND c.row_label = ['april'] AND c.column_path = ['2018']""",
    )
    assert found == [(1627.0, april["cells"][column]["raw"], "integer", expected["caption"])]


def test_answer_items_per_minister_match_the_golden_files(archive: Archive) -> None:
    expected: Counter[str] = Counter()
    for pdf in fixture_pdfs():
        answer = _expected(pdf.stem)["answer"]
        if answer and answer["minister"]:
            expected[answer["minister"]["name"]] += len(answer["items"])
    found = _sql(
        archive,
        """SELECT d.minister, count(*) FROM items i JOIN documents d USING (doc_id)
           WHERE i.side = 'answer' AND d.minister IS NOT NULL GROUP BY d.minister""",
    )
    assert dict(found) == dict(expected)
    assert expected["Bart Somers"] == 5 * 3 + 2 + 3 * 2  # the seeds, var_labels_vraag, side by side


def test_every_document_row_matches_its_golden_file(archive: Archive) -> None:
    for pdf in fixture_pdfs():
        exp = _expected(pdf.stem)
        q = exp["question"] or {}
        (row,) = _sql(
            archive,
            """SELECT kind, number, CAST(date AS VARCHAR), session, title, table_count,
                      question_item_count, answer_item_count
               FROM documents WHERE path = ?""",
            str(pdf),
        )
        # an annex names its question in `annex.refers_to`, an answer in `answer.refers_to`
        ref = (exp["answer"] or {}).get("refers_to") or (exp.get("annex") or {}).get("refers_to") or {}
        assert row == (
            exp["kind"],
            q.get("number", ref.get("number")),
            q.get("date", ref.get("date")),
            q.get("session"),
            q.get("title", (exp.get("annex") or {}).get("title")),
            len(exp["tables"]),
            len(q.get("items", [])),
            len((exp["answer"] or {}).get("items", [])),
        ), pdf.name
        cells = sum(len(r["cells"]) for t in exp["tables"] for r in t["rows"])
        (count,) = _sql(
            archive, "SELECT count(*) FROM cells JOIN documents USING (doc_id) WHERE path = ?", str(pdf)
        )
        assert count == (cells,), pdf.name


def test_errors_are_a_table_of_their_own(archive: Archive, jsonl: Path) -> None:
    found = _sql(
        archive, "SELECT regexp_replace(path, '.*/', ''), code, sha256 IS NULL FROM errors ORDER BY 1"
    )
    assert found == [("tekst.pdf", "not_a_pdf", False), ("weg.pdf", "unreadable", True)]


def _contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Archive(db) as a:
        return {name: sorted(map(repr, t.to_pylist())) for name, t in read_tables(a.con).items()}  # type: ignore[misc]


def test_loading_twice_adds_nothing(jsonl: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    first = load_jsonl(jsonl, db)
    before = _contents(db)
    again = load_jsonl(jsonl, db)
    assert again.rows == first.rows  # written again, in place of themselves
    assert _contents(db) == before
    skipped = load_jsonl(jsonl, db, missing_only=True)
    assert (skipped.skipped, skipped.documents, skipped.errors) == (first.documents + first.errors, 0, 0)
    assert _contents(db) == before


def test_a_reparse_replaces_the_rows_of_its_sha256(parsed: list[Any], tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    seed = next(d for d in parsed if d.source.path.endswith("seed_qa.pdf"))
    load_records(parsed, db)
    with Archive(db) as a:
        counts = a.count()
        fewer = attrs.evolve(seed, tables=seed.tables[:1], warnings=())
        a.add(fewer)
        lost = sum(len(r.cells) for t in seed.tables[1:] for r in t.rows)
        assert a.count()["cells"] == counts["cells"] - lost
        assert a.count()["documents"] == counts["documents"]
        # the file changed at the same path: the old version's rows go
        changed = attrs.evolve(seed, source=attrs.evolve(seed.source, sha256="0" * 64))
        a.add(changed)
        assert _sql(a, "SELECT doc_id FROM documents WHERE path = ?", seed.source.path) == [("0" * 64,)]
        # now the file fails: the error replaces the document of its path
        a.add(answer_parser.ErrorRecord(seed.source.path, "1" * 64, "damaged_pdf", "kapot"))
        assert _sql(a, "SELECT count(*) FROM documents WHERE path = ?", seed.source.path) == [(0,)]
        assert _sql(a, "SELECT code FROM errors WHERE path = ?", seed.source.path) == [("damaged_pdf",)]
        # and parses again: the error goes
        a.add(seed)
        assert _sql(a, "SELECT count(*) FROM errors WHERE path = ?", seed.source.path) == [(0,)]
        assert a.count() == counts


_KILLED_LOAD = textwrap.dedent(
    """
    import sys, time
    import answer_parser
    from answer_parser.db import duck

    duck.CHUNK_RECORDS = 4  # inserts happen before the pause, inside the open transaction
    jsonl, db, pause_at, commit_every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

    def records():
        for i, record in enumerate(answer_parser.read_records(jsonl)):
            if i == pause_at:
                print("paused", flush=True)
                time.sleep(120)
            yield record

    duck.load_records(records(), db, commit_every=commit_every or None)
    """
)


def _kill_load_halfway(jsonl: Path, db: Path, pause_at: int, commit_every: int) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-c", _KILLED_LOAD, str(jsonl), str(db), str(pause_at), str(commit_every)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "paused\n"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(30) == -signal.SIGKILL


def _per_document(db: Path) -> dict[str, tuple[int, ...]]:
    with Archive(db) as a:
        rows = _sql(
            a,
            """SELECT d.doc_id,
                 (SELECT count(*) FROM items i WHERE i.doc_id = d.doc_id),
                 (SELECT count(*) FROM tables t WHERE t.doc_id = d.doc_id),
                 (SELECT count(*) FROM cells c WHERE c.doc_id = d.doc_id),
                 (SELECT count(*) FROM warnings w WHERE w.doc_id = d.doc_id)
               FROM documents d""",
        )
        orphans = _sql(
            a,
            """SELECT count(*) FROM (SELECT doc_id FROM items UNION SELECT doc_id FROM cells
               UNION SELECT doc_id FROM tables UNION SELECT doc_id FROM warnings)
               WHERE doc_id NOT IN (SELECT doc_id FROM documents)""",
        )
    assert orphans == [(0,)]
    return {r[0]: r[1:] for r in rows}


def _expected_per_document(parsed: list[Any]) -> dict[str, tuple[int, ...]]:
    rows = rows_of(parsed).tables
    out: dict[str, tuple[int, ...]] = {}
    for doc in rows["documents"]:
        out[doc["doc_id"]] = tuple(
            sum(r["doc_id"] == doc["doc_id"] for r in rows[name])
            for name in ("items", "tables", "cells", "warnings")
        )
    return out


@pytest.mark.slow
def test_a_killed_load_leaves_the_database_as_it_was(parsed: list[Any], jsonl: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    load_records(parsed[:5], db)
    before = _contents(db)
    _kill_load_halfway(jsonl, db, pause_at=len(parsed) // 2, commit_every=0)
    assert _contents(db) == before
    assert load_jsonl(jsonl, db).documents == len(parsed)  # and it loads after
    assert _per_document(db) == _expected_per_document(parsed)


@pytest.mark.slow
def test_a_killed_load_committing_per_document_holds_each_one_whole_or_not(
    parsed: list[Any], jsonl: Path, tmp_path: Path
) -> None:
    db = tmp_path / "a.duckdb"
    half = len(parsed) // 2
    _kill_load_halfway(jsonl, db, pause_at=half, commit_every=1)
    expected = _expected_per_document(parsed)
    found = _per_document(db)
    assert len(found) == half
    assert all(found[doc_id] == expected[doc_id] for doc_id in found)
    summary = load_jsonl(jsonl, db, missing_only=True)  # what a resumed batch does
    assert summary.skipped == half
    assert _per_document(db) == expected


def _bulletin(parsed: list[Any]) -> Document:
    first, second = (
        next(d for d in parsed if d.source.path.endswith(n)) for n in ("seed_qa.pdf", "var_labels_ad.pdf")
    )
    pages = first.source.pages + second.source.pages
    source = Source("archief/bulletin-12.pdf", "b" * 64, pages, "LibreOffice")
    parts = (
        attrs.evolve(first, source=attrs.evolve(source, page_range=(1, first.source.pages))),
        attrs.evolve(second, source=attrs.evolve(source, page_range=(first.source.pages + 1, pages))),
    )
    return Document(
        source=source,
        kind="bulletin",
        question=None,
        answer=None,
        tables=(),
        links=(),
        warnings=(),
        documents=parts,
        bulletin=Bulletin(12, "2020-2021", "2020-10-30"),
    )


def test_a_bulletin_gives_a_row_for_each_part(parsed: list[Any], tmp_path: Path) -> None:
    bulletin = _bulletin(parsed)
    db = tmp_path / "a.duckdb"
    with Archive(db) as a:
        a.add(answer_parser.to_dict(bulletin))  # as a JSON Lines record
        rows = _sql(
            a,
            """SELECT doc_id, part, kind, number, minister, first_page, last_page, bulletin_number,
                      CAST(bulletin_date AS VARCHAR), table_count
               FROM documents ORDER BY doc_id""",
        )
        last = bulletin.source.pages
        split = bulletin.documents[0].source.page_range[1]
        number = bulletin.documents[1].answer.refers_to.number
        assert rows == [
            ("b" * 64, None, "bulletin", None, None, 1, last, 12, "2020-10-30", 0),
            ("b" * 64 + "#1", 1, "question_and_answer", 6, "Bart Somers", 1, split, None, None, 5),
            ("b" * 64 + "#2", 2, "answer", number, "Jo Brouns", split + 1, last, None, None, 0),
        ]
        assert _sql(a, "SELECT doc_id, count(*) FROM cells GROUP BY doc_id") == [
            ("b" * 64 + "#1", sum(len(r.cells) for t in bulletin.documents[0].tables for r in t.rows))
        ]
        counts = a.count()
        a.add(bulletin)
        assert a.count() == counts


def test_parquet_parts_read_back_equal_to_the_duckdb_tables(
    parsed: list[Any], jsonl: Path, archive: Archive, tmp_path: Path
) -> None:
    records = list(answer_parser.read_records(jsonl))
    out = tmp_path / "parquet"
    write_parquet(records[:20], out, part="w0")
    write_parquet(records[20:], out, part="w1")
    assert part_names(out) == ["w0", "w1"]
    assert sorted(p.name for p in (out / "cells").iterdir()) == ["part-w0.parquet", "part-w1.parquet"]
    from_parquet = read_parquet(out, sort=True)
    from_duckdb = read_tables(archive.con)
    for name, table in from_duckdb.items():
        assert table.num_rows > 0 or name == "warnings"
        assert from_parquet[name].equals(table), name
    pd = pytest.importorskip("pandas")
    cells = pd.read_parquet(out / "cells")
    assert len(cells) == from_duckdb["cells"].num_rows


def test_an_unfinished_parquet_part_is_not_read(parsed: list[Any], tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    write_parquet(parsed[:2], out, part="0")
    files = write_parquet(parsed[2:4], out, part="1")
    files["documents"].unlink()  # killed before the part's last rename
    tables = read_parquet(out)
    assert part_names(out) == ["0"]
    assert tables["documents"].num_rows == 2
    assert set(tables["cells"].column("doc_id").to_pylist()) <= {d.source.sha256 for d in parsed[:2]}
    write_parquet(parsed[2:4], out, part="1")  # written again: complete
    assert read_parquet(out)["documents"].num_rows == 4


def test_documents_csv_and_tidy_cells_csv(jsonl: Path, parsed: list[Any], tmp_path: Path) -> None:
    n = write_csvs(answer_parser.read_records(jsonl), tmp_path / "documents.csv", tmp_path / "cells.csv")
    assert n == len(parsed) + 2
    with open(tmp_path / "documents.csv", encoding="utf-8", newline="") as f:
        documents = list(csv.DictReader(f))
    assert len(documents) == len(parsed)
    seed = next(d for d in documents if d["path"].endswith("seed_qa.pdf"))
    assert (seed["number"], seed["date"], seed["minister"], seed["table_count"]) == (
        "6",
        "2020-09-30",
        "Bart Somers",
        "5",
    )
    with open(tmp_path / "cells.csv", encoding="utf-8", newline="") as f:
        cells = list(csv.DictReader(f))
    assert len(cells) == sum(len(r.cells) for d in parsed for t in d.tables for r in t.rows)
    (april,) = [
        c
        for c in cells
        if c["path"].endswith("seed_qa.pdf")
        and c["table_number"] == "1"
        and c["row_label"] == "april"
        and c["column_path"] == "2018"
    ]
    caption = next(t for t in _expected("seed_qa")["tables"] if t["number"] == 1)["caption"]
    assert (april["raw"], april["value"], april["kind"], april["caption"], april["number"]) == (
        "1.627",
        "1627",
        "integer",
        caption,
        "6",
    )
    assert april["page"] == str(
        next(t for t in parsed if t.source.path.endswith("seed_qa.pdf")).tables[1].pages[0]
    )
    percent = next(c for c in cells if c["kind"] == "percent")
    assert percent["unit"] == "%" and float(percent["value"]) > 0


def test_the_load_command(jsonl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from answer_parser.cli import main

    db, out = tmp_path / "a.duckdb", tmp_path / "pq"
    assert main(["load", str(jsonl), "--db", str(db), "--parquet", str(out), "--part", "x"]) == 0
    err = capsys.readouterr().err
    assert f"{len(fixture_pdfs())} documents, 2 errors" in err
    with Archive(db) as a:
        assert {n: t.num_rows for n, t in read_parquet(out).items()} == a.count()
    assert main(["load", str(jsonl), "--db", str(db)]) == 0
    with Archive(db) as a:
        assert a.count()["documents"] == len(fixture_pdfs())
    assert main(["load", str(jsonl)]) == 2
    assert main(["load", str(tmp_path / "nothing.jsonl"), "--db", str(db)]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"answer-parser {answer_parser.__version__}\n"


def _doc_examples(text: str) -> list[tuple[str, str]]:
    """Each python block of a doc with the text block that follows it (its output)."""
    return re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", text, re.S)


def _cells_text(output: str) -> str:
    """What a DuckDB box shows, without the box, the column types, the widths or the wrapping."""
    if "│" not in output:
        return output.strip()
    lines = [line for line in output.splitlines() if line.startswith("│")]
    del lines[1:2]  # the column types
    return re.sub(r"[\s│]", "", "".join(lines))


@pytest.mark.slow
def test_the_archive_doc_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    examples = _doc_examples((SRC.parent / "docs" / "archive.md").read_text("utf-8"))
    assert len(examples) >= 7
    (tmp_path / "fixtures").symlink_to(FIXTURES)
    monkeypatch.chdir(tmp_path)
    for code, expected in examples:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])},
            check=True,
        ).stdout
        assert _cells_text(out) == _cells_text(expected), code


def test_the_archive_doc_lists_every_column_as_the_schema_declares_it() -> None:
    from answer_parser.db.schema import TABLES

    text = (SRC.parent / "docs" / "archive.md").read_text("utf-8")
    for spec in TABLES:
        section = text.split(f"### {spec.name}\n", 1)[1].split("\n#", 1)[0]
        rows = [
            f"| `{c.name}` | {c.type}{'' if c.nullable else ', not null'} | {c.doc} |" for c in spec.columns
        ]
        assert re.findall(r"^\| `.*$", section, re.M) == rows, spec.name
        assert f"key ({', '.join(spec.key)})" in section


def test_an_archive_of_another_shape_is_refused(jsonl: Path, tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, path VARCHAR)")
    with pytest.raises(ValueError, match="table documents has columns"):
        load_jsonl(jsonl, db)
    from answer_parser.cli import main

    assert main(["load", str(jsonl), "--db", str(db)]) == 2


def test_an_archive_from_before_the_parsing_report_gets_its_columns_and_keeps_its_rows(
    jsonl: Path, tmp_path: Path
) -> None:
    import duckdb

    db = tmp_path / "older.duckdb"
    load_jsonl(jsonl, db)
    with duckdb.connect(str(db)) as con:  # as an archive written before tables had a report
        con.execute("ALTER TABLE tables DROP COLUMN method")
        con.execute("ALTER TABLE tables DROP COLUMN confidence")
        con.execute("DELETE FROM tables WHERE table_index > 0")
        (kept,) = con.execute("SELECT count(*) FROM tables").fetchone() or (0,)
    with duckdb.connect(str(db), read_only=True) as con:  # read as it is: the new columns empty
        old = read_tables(con)["tables"]
        assert old.num_rows == kept
        assert set(old.column("confidence").to_pylist()) == {None}
    load_jsonl(jsonl, db, missing_only=True)  # nothing to load: every document is there
    with duckdb.connect(str(db)) as con:
        rows = con.execute("SELECT count(*), count(confidence) FROM tables").fetchone()
    assert rows == (kept, 0)  # the older rows stay, their report unknown
    load_jsonl(jsonl, db)  # read again: the report's columns filled
    with duckdb.connect(str(db)) as con:
        n, with_confidence, with_method = con.execute(
            "SELECT count(*), count(confidence), count(method) FROM tables"
        ).fetchone() or (0, 0, 0)
    assert n > kept and with_confidence == n and with_method == n


def test_importing_the_package_and_the_command_loads_neither_duckdb_nor_pyarrow() -> None:
    code = (
        "import sys, answer_parser, answer_parser.db, answer_parser.cli; "
        "print(sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout == "[]\n"


def test_an_archive_held_by_another_process_is_a_clear_error(jsonl: Path, tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    hold = (
        "import sys, time, duckdb; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
        "time.sleep(60)"
    )
    with subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "held\n"
        try:
            with pytest.raises(ValueError, match="cannot open the DuckDB file"):
                load_jsonl(jsonl, db)
        finally:
            proc.kill()
    (tmp_path / "text.duckdb").write_text("geen database")
    with pytest.raises(ValueError, match="cannot open the DuckDB file"):
        load_jsonl(jsonl, tmp_path / "text.duckdb")


def test_running_text_outside_the_items_is_a_body_item(parsed: list[Any], tmp_path: Path) -> None:
    from answer_parser.model import BodyParagraph

    unknown = next(d for d in parsed if d.source.path.endswith("var_unknown_genre.pdf"))
    doc = attrs.evolve(unknown, body=(BodyParagraph(1, "Eerste alinea."), BodyParagraph(2, "Tweede alinea.")))
    db = tmp_path / "a.duckdb"
    load_records([doc], db)
    with Archive(db) as a:
        assert _sql(a, "SELECT side, position, number, text, pages FROM items ORDER BY side, position") == [
            ("body", 0, None, "Eerste alinea.", [1]),
            ("body", 1, None, "Tweede alinea.", [2]),
        ]


def test_each_warning_has_its_severity(archive: Archive) -> None:
    found = _sql(archive, "SELECT code, severity FROM warnings ORDER BY code")
    assert found == [
        ("metadata_mismatch", "check"),
        ("minister_guess", "check"),
        ("table_rotated", "info"),
        ("total_mismatch", "check"),
        ("unknown_genre", "check"),
    ]
