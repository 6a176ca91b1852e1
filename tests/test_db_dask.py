"""The dask route writes Parquet from each worker: on a LocalCluster with 2 workers, every
partition's part is written where it was parsed, and the folder reads back equal to the DuckDB
tables of the same records."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from answer_parser.db import Archive, load_jsonl, part_names, read_parquet, read_tables  # noqa: E402
from conftest import FIXTURES  # noqa: E402

NAMES = [
    "seed_qa",
    "seed_header",
    "tbl_total_mismatch",
    "var_labels_ad",
    "annex_tables_only",
    "var_unknown_genre",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        if not (FIXTURES / f"{name}.pdf").is_file():
            pytest.skip("the fixtures are not built yet")
        (folder / f"{name}.pdf").symlink_to(FIXTURES / f"{name}.pdf")
    (folder / "leeg.pdf").write_bytes(b"")
    return sorted(str(p) for p in folder.iterdir())


@pytest.mark.slow
def test_dask_workers_write_parquet_equal_to_the_duckdb_tables(client: Any, tmp_path: Path) -> None:
    from answer_parser.dask import write_jsonl

    inputs = _inputs(tmp_path)
    out, db, parquet = tmp_path / "out.jsonl", tmp_path / "a.duckdb", tmp_path / "pq"
    log = io.StringIO()
    summary = write_jsonl(
        inputs, out, client=client, partition_size=2, isolate=False, db=db, parquet=parquet, log=log
    )
    assert (summary.parsed, summary.failed) == (len(NAMES), 1)
    # one part per partition, each written by the worker that parsed it; none by the client
    parts = part_names(parquet)
    assert len(parts) == (len(inputs) + 1) // 2
    assert not any(p.endswith("-end") for p in parts), log.getvalue()
    from_parquet = read_parquet(parquet, sort=True)
    with Archive(db) as a:
        from_duckdb = read_tables(a.con)
    fresh = tmp_path / "fresh.duckdb"
    load_jsonl(out, fresh)
    with Archive(fresh) as a:
        expected = read_tables(a.con)
    for name, table in expected.items():
        assert from_duckdb[name].equals(table), name
        assert from_parquet[name].equals(table), name
    assert from_parquet["documents"].num_rows == len(NAMES)
    assert from_parquet["errors"].column("code").to_pylist() == ["empty_file"]
    # again with resume: nothing to parse, nothing added, nothing doubled
    again = write_jsonl(inputs, out, client=client, resume=True, db=db, parquet=parquet, log=io.StringIO())
    assert again.skipped == len(inputs)
    assert read_parquet(parquet, sort=True)["cells"].equals(expected["cells"])
