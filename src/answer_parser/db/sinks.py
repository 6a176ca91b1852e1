"""What a batch writes beside its JSON Lines: a DuckDB archive, Parquet parts, documents.csv and
cells.csv, fed with each record line as it is written.

The JSON Lines stay the truth: each record is written there first and then given to `add`. A
batch killed in between is made whole by the next run with `--resume`: `start` loads into DuckDB
the records it lacks (same path and sha256 already there: skipped) and makes the Parquet folder
hold exactly the JSON Lines' records (`sync_parquet`), so a killed batch and `--resume` never
duplicate rows. Without `--resume` the JSON Lines are replaced, and so are the Parquet parts; the
DuckDB archive is kept (loading is idempotent: documents already there are replaced).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import IO, Any

from .rows import iter_jsonl_dicts

__all__ = ["DB_FLUSH_RECORDS", "DB_FLUSH_SECONDS", "PARQUET_PART_RECORDS", "BatchOutputs", "write_lines_part"]

#: records loaded into DuckDB in one transaction at most: one insert per table for many documents
DB_FLUSH_RECORDS = 64
#: and at least this often, so that the archive follows the batch closely
DB_FLUSH_SECONDS = 2.0
#: records per Parquet part written by a batch: bigger parts read faster, smaller lose less to a kill
PARQUET_PART_RECORDS = 500


def write_lines_part(lines: list[str], out_dir: str | os.PathLike[str], part: str) -> None:
    """Write JSON Lines records (text lines) as one Parquet part: what a dask worker does with
    the records of its partition."""
    from .parquet import write_parquet

    write_parquet((json.loads(line) for line in lines), out_dir, part=part)


class BatchOutputs:
    """The archive outputs of one batch run. `start()` before the first record, `add(line)` after
    each record line is written to the JSON Lines, `finish()` at the end (also after an
    interruption: it keeps what was done).

    With `parquet_parts_elsewhere` the Parquet parts are written by others (dask workers, with
    `write_lines_part`); this object only prepares the folder and reconciles it at the end."""

    def __init__(
        self,
        output: str | os.PathLike[str],
        *,
        db: str | os.PathLike[str] | None = None,
        parquet: str | os.PathLike[str] | None = None,
        csv_dir: str | os.PathLike[str] | None = None,
        resume: bool = False,
        parquet_parts_elsewhere: bool = False,
        log: IO[str] | None = None,
    ) -> None:
        self.output = Path(output)
        self.db = None if db is None else Path(db)
        self.parquet = None if parquet is None else Path(parquet)
        self.csv_dir = None if csv_dir is None else Path(csv_dir)
        self.resume = resume
        self.parquet_parts_elsewhere = parquet_parts_elsewhere
        self.log = log
        self.run = f"b{time.time_ns()}-{os.getpid()}"
        self.archive: Any = None
        self.db_pending: list[dict[str, Any]] = []
        self.db_flushed = time.monotonic()
        self.parquet_pending: list[dict[str, Any]] = []
        self.parts = 0
        self.loaded = 0
        self.csv_error: str | None = None

    @property
    def active(self) -> bool:
        return self.db is not None or self.parquet is not None or self.csv_dir is not None

    def _say(self, text: str) -> None:
        if self.log is not None:
            print(f"batch: {text}", file=self.log)

    def start(self) -> None:
        """Open the archive; with `resume`, catch up with the records of an earlier run."""
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        self.db_flushed = time.monotonic()

    def close(self) -> None:
        """Close the DuckDB archive (what `finish` does last)."""
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    def _start(self) -> None:
        have_output = self.resume and self.output.exists()
        if self.db is not None:
            from .duck import CHUNK_RECORDS, Archive

            self.archive = Archive(self.db)
            if have_output:
                summary = self.archive.load(
                    iter_jsonl_dicts(self.output), commit_every=CHUNK_RECORDS, missing_only=True
                )
                if summary.documents or summary.errors:
                    self._say(
                        f"{self.db}: loaded {summary.documents} documents and {summary.errors} errors "
                        "of the earlier run that it lacked"
                    )
        if self.parquet is not None:
            from .parquet import clear_parquet, sync_parquet

            if have_output:
                sync_parquet(self.output, self.parquet, part=f"{self.run}-resume")
            else:
                clear_parquet(self.parquet)

    def add(self, line: str) -> None:
        """One record line, just written to the JSON Lines."""
        if self.db is None and (self.parquet is None or self.parquet_parts_elsewhere):
            return
        record = json.loads(line)
        if self.db is not None:
            self.db_pending.append(record)
            now = time.monotonic()
            if len(self.db_pending) >= DB_FLUSH_RECORDS or now - self.db_flushed >= DB_FLUSH_SECONDS:
                self._flush_db()
        if self.parquet is not None and not self.parquet_parts_elsewhere:
            self.parquet_pending.append(record)
            if len(self.parquet_pending) >= PARQUET_PART_RECORDS:
                self._flush_parquet()

    def _flush_db(self) -> None:
        if self.db_pending and self.archive is not None:
            self.archive.load(self.db_pending)
            self.loaded += len(self.db_pending)
        self.db_pending = []
        self.db_flushed = time.monotonic()

    def _flush_parquet(self) -> None:
        if self.parquet_pending and self.parquet is not None:
            from .parquet import write_parquet

            write_parquet(self.parquet_pending, self.parquet, part=f"{self.run}-{self.parts:05d}")
            self.parts += 1
        self.parquet_pending = []

    def finish(self, complete: bool = True) -> None:
        """Write what waits; when the run is `complete`, reconcile the Parquet folder with the JSON
        Lines and write the CSVs (`csv_error` says why they could not be). Closes the archive."""
        try:
            self._flush_db()
            self._flush_parquet()
            if complete and self.parquet is not None:
                from .parquet import sync_parquet

                synced = sync_parquet(self.output, self.parquet, part=f"{self.run}-end")
                if synced.added or synced.dropped:
                    self._say(
                        f"{self.parquet}: {synced.added} records written that no part held, "
                        f"{synced.dropped} dropped that the JSON Lines no longer hold or held twice"
                    )
            if complete and self.csv_dir is not None:
                from .csvs import write_csvs

                try:
                    write_csvs(
                        iter_jsonl_dicts(self.output),
                        self.csv_dir / "documents.csv",
                        self.csv_dir / "cells.csv",
                    )
                except OSError as exc:
                    self.csv_error = f"cannot write documents.csv and cells.csv: {exc}"
                    self._say(self.csv_error)
        finally:
            self.close()
