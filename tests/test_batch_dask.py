"""answer_parser.dask: the batch on a distributed cluster writes the same JSON Lines."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import answer_parser  # noqa: E402
from answer_parser.batch import run_batch  # noqa: E402
from answer_parser.golden.compare import diff  # noqa: E402
from conftest import FIXTURES, assert_valid  # noqa: E402

SEEDS = ["seed_qa", "seed_header", "seed_reportlab"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for name in SEEDS:
        if not (FIXTURES / f"{name}.pdf").is_file():
            pytest.skip("the seed fixtures are not built yet")
        shutil.copy(FIXTURES / f"{name}.pdf", folder / f"{name}.pdf")
        paths.append(str(folder / f"{name}.pdf"))
    (folder / "tekst.pdf").write_text("geen pdf")
    (folder / "leeg.pdf").write_bytes(b"")
    return [*paths, str(folder / "tekst.pdf"), str(folder / "leeg.pdf")]


def _records(path: Path) -> dict[str, dict[str, Any]]:
    records = [json.loads(line) for line in path.read_bytes().split(b"\n") if line]
    by_path = {r["source"]["path"]: r for r in records}
    assert len(by_path) == len(records)
    return by_path


def _check(by_path: dict[str, dict[str, Any]], inputs: list[str]) -> None:
    assert set(by_path) == set(inputs)
    assert by_path[inputs[-2]]["error"]["code"] == "not_a_pdf"
    assert by_path[inputs[-1]]["error"]["code"] == "empty_file"
    for name, path in zip(SEEDS, inputs, strict=False):
        assert_valid(by_path[path])
        expected = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
        problems = diff(expected, by_path[path], subset=True)
        assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_write_jsonl_on_a_local_cluster_equals_the_local_batch(
    client: Any, inputs: list[str], tmp_path: Path
) -> None:
    from answer_parser.dask import write_jsonl

    out = tmp_path / "dask.jsonl"
    summary = write_jsonl(
        inputs, out, client=client, partition_size=2, tables_dir=tmp_path / "t", log=io.StringIO()
    )
    assert (summary.parsed, summary.failed) == (len(SEEDS), 2)
    by_path = _records(out)
    _check(by_path, inputs)
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(
        [f"{n}.table{t.index}.csv" for n in SEEDS for t in answer_parser.parse(FIXTURES / f"{n}.pdf").tables]
        + ["documents.csv", "cells.csv"]  # the batch's index and tidy cells
    )
    local = tmp_path / "local.jsonl"
    run_batch(inputs, local, workers=1, log=io.StringIO())
    assert _records(local) == by_path


@pytest.mark.slow
def test_write_jsonl_in_threads_and_resume(client: Any, inputs: list[str], tmp_path: Path) -> None:
    from answer_parser.dask import write_jsonl

    out = tmp_path / "dask.jsonl"
    write_jsonl(inputs[:2], out, client=client, isolate=False, log=io.StringIO())
    summary = write_jsonl(inputs, out, client=client, isolate=False, resume=True, log=io.StringIO())
    assert (summary.skipped, summary.parsed, summary.failed) == (2, 1, 2)
    _check(_records(out), inputs)


def test_parse_bag(client: Any, inputs: list[str]) -> None:
    from answer_parser.dask import parse_bag

    records = parse_bag(inputs, partition_size=2).compute()
    assert len(records) == len(inputs)
    _check({r["source"]["path"]: r for r in records}, inputs)


def test_a_failing_partition_gives_error_records(
    client: Any, inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import answer_parser.batch.dask as ap_dask

    line_task = ap_dask.line_task

    def dies(path: str, options: Any) -> Any:
        if path.endswith("seed_qa.pdf"):
            raise RuntimeError("worker lost")
        return line_task(path, options)

    monkeypatch.setattr(ap_dask, "line_task", dies)
    out = tmp_path / "dask.jsonl"
    summary = ap_dask.write_jsonl(
        inputs, out, client=client, isolate=False, partition_size=2, log=io.StringIO()
    )
    by_path = _records(out)
    assert set(by_path) == set(inputs)
    crashed = {p for p, r in by_path.items() if r.get("error", {}).get("code") == "worker_crashed"}
    assert crashed == set(inputs[:2])  # the whole partition of the failing file
    assert "worker lost" in by_path[inputs[0]]["error"]["message"]
    assert summary.errors["worker_crashed"] == 2
