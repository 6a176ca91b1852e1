"""Hostile and odd input (issue 17): no hang, no blow-up, no false 'scan', no record lost or doubled.

Each test makes its hostile file on the spot (tests/hostile_files.py). Whatever could hang or
take gigabytes runs in a child process under a wall clock and an address-space bound, so that a
regression fails the test instead of the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import answer_parser
import hostile_files as hostile
from answer_parser import (
    AnswerParserError,
    DamagedPDFError,
    NotAPDFError,
    NoTextLayerError,
    ParseTimeoutError,
    Settings,
    TooLargeError,
    UnreadableFileError,
)
from answer_parser.batch import expand_inputs, run_batch
from conftest import FIXTURES

TESTS = Path(__file__).resolve().parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS.parent / "src"), str(TESTS)])}

#: the address space a child may use: the import of pdfplumber takes ~300 MB of it, and no
#: hostile file may take more than the rest
CHILD_MEMORY_MB = 1536


def _limit_child(memory_mb: int, fsize: int | None = None) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return apply


_CHILD = """
import json, resource, sys, time
import answer_parser, hostile_files as hostile
start = time.monotonic()
try:
    doc = answer_parser.parse({source}{settings})
    out = {{"kind": doc.kind, "items": [i.text for i in doc.answer.items] if doc.answer else None}}
except answer_parser.AnswerParserError as exc:
    out = {{"code": exc.code, "type": type(exc).__name__, "message": exc.message}}
except BaseException as exc:
    out = {{"raw": type(exc).__name__, "message": str(exc)[:300]}}
out["seconds"] = time.monotonic() - start
# VmHWM, not ru_maxrss: a child forked from a large pytest process inherits its ru_maxrss across exec
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]
peak_kb = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out["peak_mb"] = peak_kb / 1024
print(json.dumps(out))
"""


def _parse_in_child(source: str, settings: str = "", timeout: float = 120) -> dict[str, Any]:
    """`parse(<source expression>)` in a child under CHILD_MEMORY_MB: its result, time and peak."""
    code = _CHILD.format(source=source, settings=f", settings={settings}" if settings else "")
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        preexec_fn=_limit_child(CHILD_MEMORY_MB),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stderr == "", run.stderr[-2000:]
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _cli(*args: str, timeout: float = 300, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", ENV)
    return subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def _copies(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    data = (FIXTURES / "seed_reportlab.pdf").read_bytes()
    paths = []
    for i in range(n):
        path = folder / f"antwoord_{i:03d}.pdf"
        path.write_bytes(data + b"\n%% copy %d\n" % i)  # distinct sha256 each
        paths.append(str(path))
    return paths


def _baseline() -> dict[str, Any]:
    """The contract dict of the good answer every rotated variant is made from."""
    data = answer_parser.to_dict(answer_parser.parse(hostile.answer_pdf()))
    del data["source"]
    return data


# -- 1. a file name that is not UTF-8 --------------------------------------------------------------


@pytest.mark.slow
def test_non_utf8_file_name_survives_batch_and_resume(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = hostile.non_utf8_name(folder)
    _copies(folder, 2)
    out = tmp_path / "out.jsonl"
    run = _cli("batch", str(folder), "-o", str(out), "--workers", "1")
    assert run.returncode == 0, run.stderr
    records = _records(out)
    assert len(records) == 3
    paths = {r["source"]["path"] for r in records}
    assert name in paths  # the JSON field round-trips the path exactly
    assert os.fsencode(name) == os.path.join(os.fsencode(folder), b"caf\xe9.pdf")
    assert all("error" not in r for r in records)
    again = _cli("batch", str(folder), "-o", str(out), "--workers", "1", "--resume")
    assert again.returncode == 0, again.stderr
    assert "3 skipped" in again.stderr
    assert len(_records(out)) == 3


def test_non_utf8_file_name_with_parse_cli(tmp_path: Path) -> None:
    name = hostile.non_utf8_name(tmp_path)
    target = tmp_path / "x.json"
    run = _cli("parse", name, "-o", str(target))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert json.loads(target.read_bytes())["source"]["path"] == name
    (tmp_path / "b").mkdir()
    bad = hostile.non_utf8_name(tmp_path / "b", data=b"geen pdf")
    target.unlink()
    run = _cli("parse", bad, "-o", str(target))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert "not_a_pdf" in run.stderr
    assert not target.exists()  # no empty output file


# -- 2. an indirect reference cycle --------------------------------------------------------------


def test_contents_reference_cycle_is_damaged_at_once(tmp_path: Path) -> None:
    result = _parse_in_child("hostile.contents_cycle()", timeout=60)
    assert result["code"] == "damaged_pdf", result
    assert result["seconds"] < 5
    path = tmp_path / "cycle.pdf"
    path.write_bytes(hostile.contents_cycle())
    run = _cli("parse", str(path), timeout=60)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "damaged_pdf" in run.stderr


def test_parse_has_a_time_bound_by_default_settable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().reading.timeout is not None and Settings().reading.max_memory_mb is not None
    from answer_parser import pipeline

    def forever(*_args: Any, **_kwargs: Any) -> Any:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(pipeline, "document_from_pdf", forever)
    start = time.monotonic()
    with pytest.raises(ParseTimeoutError) as info:
        answer_parser.parse(hostile.answer_pdf(), settings=Settings(timeout=0.5))
    assert info.value.code == "timeout"
    assert time.monotonic() - start < 5


def test_parse_memory_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from answer_parser import pipeline

    def hungry(*_args: Any, **_kwargs: Any) -> Any:
        hoard = []
        while True:  # 8 MiB a step, each touched: resident
            hoard.append(bytearray(b"x" * (8 << 20)))
            time.sleep(0.005)

    monkeypatch.setattr(pipeline, "document_from_pdf", hungry)
    with pytest.raises(TooLargeError) as info:
        answer_parser.parse(hostile.answer_pdf(), settings=Settings(max_memory_mb=200))
    assert info.value.code == "too_large"


# -- 3. decompression bombs and pages of a million characters ------------------------------------


@pytest.mark.parametrize(
    "maker",
    [
        "flate_bomb",
        "double_flate_bomb",
        "cmap_bomb",
        "tiny_characters",
        "lzw_bomb",
        "runlength_bomb",
        "one_string",
        "xref_stream_bomb",
        "objstm_bomb_without_xref",
        "long_path",
        "long_path(form=True)",
    ],
)
def test_bombs_are_too_large_within_bounds(maker: str) -> None:
    call = maker if "(" in maker else f"{maker}()"
    result = _parse_in_child(f"hostile.{call}", timeout=120)
    assert result.get("code") == "too_large", result
    assert result["peak_mb"] < 600, result
    assert result["seconds"] < 30, result


def test_lzw_table_that_never_clears_is_read_in_one_pass() -> None:
    """playa's and pdfminer's LZW decoders copy their code table for every code: hours for this
    900 KB stream, which the bounded decoder reads in about a second."""
    result = _parse_in_child("hostile.lzw_unbounded_table()", timeout=120)
    assert result.get("kind") == "answer", result
    assert result["items"] == [hostile.ANSWER_LINES[-1]], result
    assert result["seconds"] < 30, result


@pytest.mark.parametrize("reader", ["playa", "pdfplumber"])
def test_a_form_that_draws_itself_is_drawn_once(reader: str) -> None:
    doc = answer_parser.parse(hostile.self_drawing_form(), settings=Settings(reader=reader, fallback=False))
    assert doc.answer is not None
    assert [item.text for item in doc.answer.items] == [hostile.ANSWER_LINES[-1]]


def test_stream_bound_is_settable() -> None:
    data = hostile.page_pdf(hostile.text_ops() + b" " * (3 << 20))
    assert answer_parser.parse(data).kind == "answer"
    with pytest.raises(TooLargeError):
        answer_parser.parse(hostile.flate_bomb(4 << 20), settings=Settings(max_stream_mb=2))


# -- 4. rotated pages and singular transforms ----------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [hostile.rotated(90), hostile.rotated(180), hostile.rotated(270), hostile.sideways_text()],
    ids=["rotate_90", "rotate_180", "rotate_270", "sideways"],
)
def test_rotated_text_is_read_turned_back(data: bytes) -> None:
    doc = answer_parser.to_dict(answer_parser.parse(data))
    del doc["source"]
    assert doc == _baseline()


def test_singular_transform_is_not_a_scan() -> None:
    with pytest.raises(AnswerParserError) as info:
        answer_parser.parse(hostile.singular_transform())
    assert not isinstance(info.value, NoTextLayerError)
    assert info.value.code == "unplaceable_text"
    with pytest.raises(NoTextLayerError):  # no text at all: the one true scan
        answer_parser.parse(hostile.image_only())


# -- 5. junk before the header, /dev/zero, FIFOs ------------------------------------------------


def test_junk_before_the_header_is_read() -> None:
    doc = answer_parser.parse(hostile.junk_before_header(4000))
    assert doc.kind == "answer"
    with pytest.raises(NotAPDFError):
        answer_parser.parse(b"x" * (2 << 20) + hostile.answer_pdf())


def test_dev_zero_is_refused_before_reading() -> None:
    result = _parse_in_child("'/dev/zero'", timeout=30)
    assert result["code"] == "unreadable" and result["type"] == "NotARegularFileError", result
    assert result["peak_mb"] < 300


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = hostile.fifo(tmp_path)
    result = _parse_in_child(repr(str(pipe)), timeout=30)
    assert result["code"] == "unreadable" and "FIFO" in result["message"], result
    with pytest.raises(UnreadableFileError):
        answer_parser.parse(tmp_path)  # a folder


# -- 6. resume: resolved paths, broken lines, two batches at once --------------------------------


@pytest.mark.slow
def test_resume_matches_resolved_path_and_sha(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _copies(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    monkeypatch.chdir(tmp_path)
    relative, _ = expand_inputs(["./in/"])
    absolute, _ = expand_inputs([str(tmp_path / "in")])
    assert relative != absolute
    with open(os.devnull, "w") as log:
        run_batch(relative, out, workers=1, log=log)
        summary = run_batch(absolute, out, workers=1, resume=True, log=log)
    assert summary.skipped == 3
    records = _records(out)
    assert len(records) == 3
    assert sorted(os.path.realpath(r["source"]["path"]) for r in records) == sorted(paths)


@pytest.mark.slow
def test_broken_middle_line_keeps_every_other_record(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    with open(os.devnull, "w") as log:
        run_batch(paths, out, workers=1, ordered=True, log=log)
    lines = out.read_bytes().split(b"\n")[:-1]
    other = json.loads(lines[3])
    other["source"]["path"] = str(tmp_path / "elders" / "ander.pdf")  # a path not in this run
    lines.append(json.dumps(other).encode())
    lines[1] = lines[1][: len(lines[1]) // 2]  # broken in the middle, as an editor or a crash leaves it
    out.write_bytes(b"\n".join(lines) + b"\n")
    log = tmp_path / "log.txt"
    with open(log, "w") as f:
        summary = run_batch(paths, out, workers=1, resume=True, log=f)
    assert summary.skipped == 3 and summary.parsed == 1
    records = _records(out)
    assert sorted(r["source"]["path"] for r in records) == sorted([*paths, other["source"]["path"]])
    assert "broken" in log.read_text()


@pytest.mark.slow
def test_second_batch_on_the_same_output_is_refused(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 12)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "answer_parser.cli", "batch", str(tmp_path / "in"), "-o", str(out)]
    first = subprocess.Popen([*cmd, "--workers", "1"], stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        deadline = time.monotonic() + 120
        while not (out.exists() and out.read_bytes().count(b"\n") >= 1):
            assert first.poll() is None, "the first batch ended too soon"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        second = _cli("batch", str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--resume")
        assert second.returncode == 4, second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
        assert "another batch" in second.stderr
    finally:
        _stdout, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert sorted(r["source"]["path"] for r in _records(out)) == sorted(paths)


def test_the_dask_writer_takes_the_same_lock(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from answer_parser.batch.dask import write_jsonl
    from answer_parser.batch.sink import output_lock
    from answer_parser.errors import OutputLockedError

    out = tmp_path / "out.jsonl"
    with output_lock(out), pytest.raises(OutputLockedError):
        write_jsonl([], out)
    assert not (tmp_path / ".out.jsonl.lock").exists()  # removed by the batch that held it


# -- 7. read-only output folder, full disk -------------------------------------------------------


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    hostile.read_only_folder(folder)
    immutable = os.geteuid() == 0 and shutil.which("chattr") is not None
    if immutable:  # root ignores the mode bits, not the immutable flag
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_read_only_output_folder_one_line_and_its_own_exit_code(tmp_path: Path) -> None:
    _copies(tmp_path / "in", 1)
    with _read_only(tmp_path / "ro") as folder:
        if os.access(folder, os.W_OK) and os.geteuid() == 0 and shutil.which("chattr") is None:
            pytest.skip("cannot make a folder read-only for root here")
        run = _cli("batch", str(tmp_path / "in"), "-o", str(folder / "out.jsonl"))
    assert run.returncode == 3, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "cannot write" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.slow
def test_full_disk_one_line_then_resume_finishes(tmp_path: Path) -> None:
    paths = _copies(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    one = len(json.dumps(answer_parser.to_dict(answer_parser.parse(paths[0])), ensure_ascii=False))
    cmd = [sys.executable, "-m", "answer_parser.cli", "batch", str(tmp_path / "in"), "-o", str(out)]
    run = subprocess.run(
        [*cmd, "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
        preexec_fn=_limit_child(4096, fsize=one + one // 2),  # room for a record and a half
    )
    assert run.returncode == 3, run.stderr
    errors = [ln for ln in run.stderr.splitlines() if "cannot write" in ln]
    assert len(errors) == 1 and "Traceback" not in run.stderr, run.stderr
    again = _cli("batch", str(tmp_path / "in"), "-o", str(out), "--resume", "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert sorted(r["source"]["path"] for r in _records(out)) == sorted(paths)


# -- 8. MemoryError under --max-memory-mb --------------------------------------------------------


def test_memory_error_in_a_worker_is_too_large_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dicht.pdf").write_bytes(hostile.tiny_characters(2 * 10**6))
    out = tmp_path / "out.jsonl"
    summary_log = tmp_path / "log.txt"
    settings = Settings(max_page_objects=10**8, max_memory_mb=None)  # only the worker's bound
    with open(summary_log, "w") as log:
        summary = run_batch(
            [str(folder / "dicht.pdf")], out, workers=1, max_memory_mb=600, settings=settings, log=log
        )
    [record] = _records(out)
    assert record["error"]["code"] == "too_large", record
    assert summary.errors == {"too_large": 1}
    assert "Traceback" not in summary_log.read_text()


# -- 9. RecursionError: the same result on every route -------------------------------------------


def test_nested_array_same_result_on_every_route(tmp_path: Path) -> None:
    path = tmp_path / "diep.pdf"
    path.write_bytes(hostile.nested_array(1000))
    doc = answer_parser.to_dict(answer_parser.parse(path))
    run = _cli("parse", str(path), "--compact")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert json.loads(run.stdout) == doc
    out = tmp_path / "out.jsonl"
    with open(os.devnull, "w") as log:
        run_batch([str(path)], out, workers=1, log=log)
    assert _records(out) == [doc]


# -- 10. pdfminer's warnings, symlinks -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["pdfplumber", "playa"])
def test_cli_stderr_holds_only_what_the_docs_promise(tmp_path: Path, reader: str) -> None:
    env = {**ENV, "ANSWER_PARSER_READER": reader}
    path = tmp_path / "diep.pdf"
    path.write_bytes(hostile.nested_array(50))  # the reader's PDF library warns about the odd operand
    run = _cli("parse", str(path), "-o", str(tmp_path / "x.json"), env=env)
    assert run.returncode == 0 and run.stderr == ""
    verbose = _cli("-v", "parse", str(path), "-o", str(tmp_path / "x.json"), env=env)
    assert verbose.returncode == 0
    # re-logged by the guards on answer_parser.pdf, named after the library that warned
    library = "pdfminer" if reader == "pdfplumber" else "playa"
    [line] = verbose.stderr.splitlines()
    assert line.startswith(f"answer-parser: DEBUG: answer_parser.pdf: {path}: {library} warning: "), line
    assert "[[[[...]]]]" in line  # the nested operand shortened, never formatted in full
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(hostile.answer_pdf()[:300])
    run = _cli("parse", str(broken), env=env)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    looping = tmp_path / "lus.pdf"  # pdfplumber logs a warning about the metadata
    looping.write_bytes(hostile.looping_metadata())
    run = _cli("parse", str(looping), env=env)
    assert len(run.stderr.strip().splitlines()) == (run.returncode != 0), run.stderr
    assert "WARNING" not in run.stderr
    verbose = _cli("-v", "parse", str(looping), env=env)
    if reader == "pdfplumber":
        assert "pdfplumber warning" in verbose.stderr
    else:  # the playa reader reads /Producer alone, not the whole /Info recursively: no warning
        assert verbose.returncode == 0 and "warning" not in verbose.stderr, verbose.stderr


@pytest.mark.slow
def test_symlinks_are_followed_only_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copies(folder, 1)
    secret = tmp_path / "geheim.pdf"
    secret.write_bytes(hostile.answer_pdf())
    hostile.symlink_out(folder, secret)
    out = tmp_path / "out.jsonl"
    run = _cli("batch", str(folder), "-o", str(out), "--workers", "1")
    assert run.returncode == 0, run.stderr
    assert [Path(r["source"]["path"]).name for r in _records(out)] == ["antwoord_000.pdf"]
    assert "symlink" in run.stderr
    run = _cli("batch", str(folder), "-o", str(out), "--workers", "1", "--follow-symlinks")
    assert run.returncode == 0, run.stderr
    assert sorted(Path(r["source"]["path"]).name for r in _records(out)) == [
        "antwoord_000.pdf",
        "outside.pdf",
    ]


def test_damaged_typed_error_classes() -> None:
    """The new errors are typed errors with the stable codes of their parents."""
    from answer_parser.pdf.guards import NotARegularFileError, ReferenceCycleError

    assert issubclass(ReferenceCycleError, DamagedPDFError) and ReferenceCycleError.code == "damaged_pdf"
    assert issubclass(NotARegularFileError, UnreadableFileError) and NotARegularFileError.code == "unreadable"
