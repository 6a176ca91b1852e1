"""Batch parsing: one record per input whatever the input, bounded workers, resumable output."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import answer_parser
from answer_parser import batch
from answer_parser.batch import ErrorRecord, expand_inputs, parse_many, run_batch
from answer_parser.batch import pool as batch_pool
from answer_parser.batch import records as batch_records
from answer_parser.batch.pool import imap
from answer_parser.golden.compare import diff
from conftest import FIXTURES, CorpusRun, assert_valid, tiny_pdf

SEEDS = ["seed_qa", "seed_header", "seed_reportlab"]


def _seed(name: str) -> Path:
    path = FIXTURES / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is not built yet")
    return path


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return data


BAD = {
    "leeg.pdf": "empty_file",
    "tekst.pdf": "not_a_pdf",
    "afgebroken.pdf": "damaged_pdf",
    "versleuteld.pdf": "encrypted_pdf",
    "scan.pdf": "no_text_layer",
}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with the good seed fixtures and one bad file of each kind."""
    folder = tmp_path / "archief"
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(_seed(name), folder / f"{name}.pdf")
    (folder / "leeg.pdf").write_bytes(b"")
    (folder / "tekst.pdf").write_text("Dit is geen PDF maar platte tekst.\n", encoding="utf-8")
    qa = (FIXTURES / "seed_qa.pdf").read_bytes()
    (folder / "afgebroken.pdf").write_bytes(qa[: len(qa) // 3])
    (folder / "versleuteld.pdf").write_bytes(tiny_pdf(encrypt="geheim"))
    (folder / "scan.pdf").write_bytes(tiny_pdf(text=False))
    return folder


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def _check_mixed(records: list[dict[str, Any]], folder: Path) -> None:
    by_name = {Path(r["source"]["path"]).name: r for r in records}
    assert len(records) == len(by_name) == len(SEEDS) + len(BAD), [r["source"]["path"] for r in records]
    for name, code in BAD.items():
        record = by_name[name]
        assert record["error"]["code"] == code, record
        assert record["error"]["message"]
        assert record["source"]["path"] == str(folder / name)
        assert set(record) == {"error", "source"}
    for name in SEEDS:
        record = by_name[f"{name}.pdf"]
        assert "error" not in record
        assert_valid(record)
        problems = diff(_expected(name), record, subset=True)
        assert not problems, "\n".join(problems)


# -- parse_many ----------------------------------------------------------------------------------


def test_parse_many_mixed_folder_in_order(mixed: Path) -> None:
    paths = sorted(mixed.iterdir())
    results = list(parse_many(paths, workers=2))
    assert [r.path if isinstance(r, ErrorRecord) else r.source.path for r in results] == [
        str(p) for p in paths
    ]
    records = [r.to_dict() if isinstance(r, ErrorRecord) else answer_parser.to_dict(r) for r in results]
    _check_mixed(records, mixed)
    sha = {r.path: r.sha256 for r in results if isinstance(r, ErrorRecord)}
    assert sha[str(mixed / "tekst.pdf")] == batch.file_sha256(str(mixed / "tekst.pdf"))


@pytest.mark.slow
def test_parse_many_as_completed_gives_every_input_once(mixed: Path) -> None:
    paths = [str(p) for p in sorted(mixed.iterdir())] * 2  # the same file twice is two inputs
    results = list(parse_many(iter(paths), workers=2, ordered=False, max_tasks_per_child=3))
    seen = Counter(r.path if isinstance(r, ErrorRecord) else r.source.path for r in results)
    assert seen == Counter(paths)


def test_parse_many_rejects_no_workers() -> None:
    with pytest.raises(ValueError, match="workers"):
        list(parse_many(["x.pdf"], workers=0))


def test_parse_many_empty_input() -> None:
    assert list(parse_many([], workers=1)) == []


def test_unreadable_input_has_no_sha(tmp_path: Path) -> None:
    (result,) = parse_many([tmp_path / "nergens.pdf"], workers=1)
    assert isinstance(result, ErrorRecord)
    assert (result.code, result.sha256) == ("unreadable", None)


def test_unexpected_exception_is_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(batch_records, "parse", broken)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(tiny_pdf())
    record = batch.parse_one(pdf)
    assert isinstance(record, ErrorRecord)
    assert record.code == "internal_error"
    assert "ZeroDivisionError" in record.message and "test_batch.py" in record.message
    assert record.sha256 == batch.file_sha256(str(pdf))


def test_memory_error_inside_damaged_pdf_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_args: Any, **_kwargs: Any) -> Any:
        try:
            raise MemoryError
        except MemoryError as exc:
            raise answer_parser.DamagedPDFError("cannot be read within limits (MemoryError)") from exc

    monkeypatch.setattr(batch_records, "parse", exhausted)
    record = batch.parse_one(FIXTURES / "seed_reportlab.pdf")
    assert isinstance(record, ErrorRecord) and record.code == "too_large"


# -- the pool under bad behaviour (tasks defined here run in the spawned workers) ------------------


def _misbehave(path: str, _options: Any) -> Any:
    """A stand-in task: the file name says how to misbehave."""
    name = Path(path).name
    if name.startswith("sleep"):
        time.sleep(60)
    elif name.startswith("stuck"):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # deaf to the worker's own timer
        time.sleep(60)
    elif name.startswith("segfault"):
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name.startswith("exit"):
        os._exit(3)
    elif name.startswith("hog"):
        return bytearray(1 << 30)  # 1 GiB, beyond the worker's address space
    elif name.startswith("raise"):
        raise KeyError("boom")
    return ("ok", os.getpid())


def _run(names: list[str], **kwargs: Any) -> list[tuple[str, Any]]:
    options: dict[str, Any] = {
        "workers": 2,
        "ordered": True,
        "timeout": 30.0,
        "max_memory_mb": 512,
        "max_tasks_per_child": 100,
        "mp_context": "spawn",
    }
    options.update(kwargs)
    return [(Path(path).name, result) for _i, path, result in imap(_misbehave, None, names, **options)]


def _code(result: Any) -> str:
    return result.code if isinstance(result, ErrorRecord) else str(result[0])


@pytest.mark.slow
def test_timeout_crash_and_memory_each_cost_one_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_pool, "KILL_GRACE", 0.5)
    names = ["a", "sleep", "b", "stuck", "c", "segfault", "d", "exit", "e", "hog", "f", "raise", "g"]
    start = time.monotonic()
    results = _run(names, timeout=1.5)
    assert time.monotonic() - start < 30
    assert [n for n, _r in results] == names
    codes = {n: _code(r) for n, r in results}
    assert codes == {
        "a": "ok",
        "b": "ok",
        "c": "ok",
        "d": "ok",
        "e": "ok",
        "f": "ok",
        "g": "ok",
        "sleep": "timeout",
        "stuck": "timeout",
        "segfault": "worker_crashed",
        "exit": "worker_crashed",
        "hog": "too_large",
        "raise": "internal_error",
    }
    messages = {n: r.message for n, r in results if isinstance(r, ErrorRecord)}
    assert "SIGSEGV" in messages["segfault"]
    assert "exit code 3" in messages["exit"]
    assert "KeyError" in messages["raise"]


@pytest.mark.slow
def test_workers_are_recycled() -> None:
    results = _run(list("abcde"), workers=1, max_tasks_per_child=2)
    pids = [r[1] for _n, r in results]
    assert len(set(pids)) == 3  # 2 + 2 + 1 files


@pytest.mark.slow
def test_as_completed_does_not_wait_for_a_slow_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_pool, "KILL_GRACE", 0.5)
    results = _run(["sleep", "a", "b", "c"], ordered=False, timeout=2.0)
    assert [n for n, _r in results][-1] == "sleep"
    assert sorted(n for n, _r in results) == ["a", "b", "c", "sleep"]


@pytest.mark.slow
def test_closing_the_generator_stops_the_workers() -> None:
    results = imap(
        _misbehave,
        None,
        ["a", "sleep", "sleep", "b"],
        workers=2,
        ordered=True,
        timeout=None,
        max_memory_mb=None,
        max_tasks_per_child=10,
        mp_context="spawn",
    )
    first = next(results)
    assert first[1] == "a"
    start = time.monotonic()
    results.close()
    assert time.monotonic() - start < 15


# -- the command ---------------------------------------------------------------------------------


def _cli(*args: str, check: int | None = None) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", "batch", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check is not None:
        assert run.returncode == check, run.stderr
    return run


def test_cli_mixed_folder(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    tables = tmp_path / "tabellen"
    run = _cli(str(mixed), "-o", str(out), "--workers", "2", "--tables-csv", str(tables), check=1)
    _check_mixed(_lines(out), mixed)
    assert "3 parsed" in run.stderr and "5 errors" in run.stderr
    for code in BAD.values():
        assert f"{code} 1" in run.stderr
    assert "pages/s" in run.stderr
    assert run.stdout == ""
    for name in SEEDS:
        doc = answer_parser.parse(FIXTURES / f"{name}.pdf")
        for table in doc.tables:
            csv_file = tables / f"{name}.table{table.index}.csv"
            assert csv_file.read_bytes().decode("utf-8") == table.to_csv()
            header = next(csv.reader(io.StringIO(table.to_csv())))
            assert header == [table.stub_header or "", *(" > ".join(c.path) for c in table.columns)]
    assert not list(tables.glob("*.tmp"))


@pytest.mark.slow
def test_cli_all_parsed_exits_0_and_accepts_globs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run = _cli(str(FIXTURES / "seed_*.pdf"), "-o", str(out), "--workers", "1", "--ordered", check=0)
    assert [Path(r["source"]["path"]).name for r in _lines(out)] == [f"{n}.pdf" for n in sorted(SEEDS)]
    assert "0 errors" in run.stderr


def test_cli_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    run = _cli(str(tmp_path / "nergens"), "-o", str(tmp_path / "out.jsonl"), check=2)
    assert "nergens" in run.stderr
    run = _cli(str(tmp_path), "-o", str(tmp_path / "out.jsonl"), check=2)
    assert "no PDF" in run.stderr
    run = _cli(str(FIXTURES), "-o", str(tmp_path / "out.jsonl"), "--workers", "0", check=2)
    assert "--workers" in run.stderr


def test_expand_inputs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pdf").write_bytes(b"")
    (tmp_path / "a" / "y.PDF").write_bytes(b"")
    (tmp_path / "a" / "notes.txt").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"")
    files, missing = expand_inputs(
        [str(tmp_path / "a"), str(tmp_path / "*.pdf"), str(tmp_path / "a" / "x.pdf"), str(tmp_path / "z*")]
    )
    assert files == [str(tmp_path / "a" / "x.pdf"), str(tmp_path / "a" / "y.PDF"), str(tmp_path / "b.pdf")]
    assert missing == [str(tmp_path / "z*")]


@pytest.mark.slow
def test_progress_log_lines_and_bar(mixed: Path, tmp_path: Path) -> None:
    log = io.StringIO()
    summary = run_batch(
        sorted(map(str, mixed.iterdir())), tmp_path / "o.jsonl", workers=2, log=log, tty=False
    )
    text = log.getvalue()
    assert "\r" not in text
    assert text.count("batch: error:") == len(BAD)
    assert f"{len(SEEDS) + len(BAD)}/{len(SEEDS) + len(BAD)} files" in text
    assert (summary.parsed, summary.failed, summary.with_warnings) == (len(SEEDS), len(BAD), 0)
    assert summary.pages == sum(answer_parser.parse(FIXTURES / f"{n}.pdf").source.pages for n in SEEDS)
    log = io.StringIO()
    run_batch([str(FIXTURES / "seed_reportlab.pdf")], tmp_path / "p.jsonl", workers=1, log=log, tty=True)
    bar = log.getvalue()
    assert bar.startswith("\r[") and "1/1 files 100%" in bar and "ETA" in bar and "errors 0" in bar


# -- resume --------------------------------------------------------------------------------------


def _copies(folder: Path, n: int, name: str = "seed_reportlab") -> list[str]:
    folder.mkdir()
    source = _seed(name)
    paths = []
    for i in range(n):
        target = folder / f"doc{i:03d}.pdf"
        shutil.copy(source, target)
        paths.append(str(target))
    return paths


def _one_record_each(out: Path, paths: list[str]) -> list[dict[str, Any]]:
    records = _lines(out)
    assert Counter(r["source"]["path"] for r in records) == Counter(paths)
    return records


@pytest.mark.slow
def test_resume_cuts_a_partial_line_and_reparses_that_input(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    run_batch(paths, out, workers=2, log=io.StringIO())
    data = out.read_bytes()
    lines = data.split(b"\n")[:-1]
    out.write_bytes(b"\n".join(lines[:2]) + b"\n" + lines[2][: len(lines[2]) // 2])  # killed mid-line
    read = list(answer_parser.read_records(out))
    assert len(read) == 2 and all(isinstance(d, answer_parser.Document) for d in read)
    assert read[0] == answer_parser.parse(read[0].source.path or "")
    log = io.StringIO()
    summary = run_batch(paths, out, workers=2, resume=True, log=log)
    assert "cutting off" in log.getvalue()
    assert (summary.skipped, summary.parsed) == (2, 2)
    _one_record_each(out, paths)


@pytest.mark.slow
def test_resume_reparses_changed_files_and_retries_unreadable(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 3)
    missing = str(tmp_path / "in" / "later.pdf")
    out = tmp_path / "out.jsonl"
    run_batch([*paths, missing], out, workers=1, log=io.StringIO())
    assert _lines(out)[-1]["error"]["code"] == "unreadable"
    shutil.copy(FIXTURES / "seed_qa.pdf", paths[1])  # changed since the run
    shutil.copy(FIXTURES / "seed_header.pdf", missing)  # there now
    summary = run_batch([*paths, missing], out, workers=1, resume=True, log=io.StringIO())
    assert (summary.skipped, summary.parsed, summary.failed) == (2, 2, 0)
    records = _one_record_each(out, [*paths, missing])
    by_path = {r["source"]["path"]: r for r in records}
    assert by_path[paths[1]]["source"]["sha256"] == batch.file_sha256(paths[1])
    assert "error" not in by_path[missing]


@pytest.mark.slow
def test_resume_counts_earlier_errors_in_the_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "tekst.pdf"
    bad.write_text("geen pdf")
    out = tmp_path / "out.jsonl"
    _cli(str(bad), "-o", str(out), check=1)
    run = _cli(str(bad), "-o", str(out), "--resume", check=1)
    assert "1 skipped" in run.stderr
    assert len(_lines(out)) == 1


@pytest.mark.slow
def test_killed_batch_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 30)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "answer_parser.cli", "batch", str(tmp_path / "in"), "-o", str(out)]
    proc = subprocess.Popen([*cmd, "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (out.exists() and out.read_bytes().count(b"\n") >= 2):
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    done_before = out.read_bytes().count(b"\n")
    assert 2 <= done_before < len(paths)
    run = subprocess.run([*cmd, "--workers", "2", "--resume"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert f"{done_before} skipped" in run.stderr
    records = _one_record_each(out, paths)
    assert all("error" not in r for r in records)


# -- fuzzing: only AnswerParserError ever leaves parse ----------------------------------------------


class _Hang(BaseException):
    pass


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise _Hang


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_EDIT = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 1 << 30), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 30), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 30), st.integers(1, 2048)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 30), st.just(0)),
    # the structure lives at the ends: the header and the first objects, the xref table and trailer
    st.tuples(st.just("set_tail"), st.integers(1, 1500), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("set_digit"), st.integers(0, 1 << 30), st.sampled_from(b"0123456789 ")),
)


def _mutate(data: bytes, edits: list[tuple[str, int, Any]]) -> bytes:
    buf = bytearray(data)
    for kind, where, what in edits:
        at = where % (len(buf) + 1)
        if kind == "set":
            buf[at : at + len(what)] = what
        elif kind == "insert":
            buf[at:at] = what
        elif kind == "delete":
            del buf[at : at + what]
        elif kind == "cut":
            del buf[at:]
        elif kind == "set_tail":
            at = max(0, len(buf) - where)
            buf[at : at + len(what)] = what
        elif kind == "set_digit":  # change a digit where there is one: offsets, lengths, references
            digits = [i for i in range(at, min(len(buf), at + 4096)) if 48 <= buf[i] <= 57]
            if digits:
                buf[digits[0]] = what
    return bytes(buf)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SEEDS), edits=st.lists(_EDIT, min_size=1, max_size=6))
def test_fuzz_only_answer_parser_errors_escape_parse(name: str, edits: list[tuple[str, int, Any]]) -> None:
    data = _mutate(_seed(name).read_bytes(), edits)
    try:
        with _time_limit(120):
            doc = answer_parser.parse(data)
    except answer_parser.AnswerParserError as exc:
        assert exc.code in answer_parser.errors.ERROR_CODES
        return
    except _Hang:
        pytest.fail(f"parse ran for more than 120 s on {len(data)} mutated bytes: {edits!r}")
    assert_valid(answer_parser.to_dict(doc))


# -- the shared corpus: everything goes through, nothing is lost -----------------------------------


@pytest.mark.corpus
def test_corpus_batch_loses_nothing(corpus: CorpusRun) -> None:
    """The session's corpus run (conftest.corpus_run: `answer-parser batch` over the whole corpus
    with 2 workers and table CSVs) gives one record per PDF, none of them a bug or a crash."""
    assert corpus.returncode in (0, 1), corpus.stderr
    assert Counter(r["source"]["path"] for r in corpus.records) == Counter(corpus.pdfs)
    codes = Counter(r["error"]["code"] for r in corpus.records if "error" in r)
    bugs = [
        (r["source"]["path"], r["error"])
        for r in corpus.records
        if r.get("error", {}).get("code") == "internal_error"
    ]
    assert not bugs, bugs
    assert codes["worker_crashed"] == 0, corpus.stderr
    for record in corpus.records:
        if "error" not in record:
            assert_valid(record)
    print(f"corpus: {len(corpus.pdfs)} PDFs in {corpus.seconds:.0f} s; errors {dict(codes)}")
