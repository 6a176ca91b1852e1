"""Batch parsing: many PDFs over a pool of worker processes, one record per input, nothing lost.

    >>> for result in answer_parser.parse_many(paths, workers=4):
    ...     if isinstance(result, answer_parser.ErrorRecord):
    ...         print(result.path, result.code)

    records   ErrorRecord; parse_one (every failure of one file an error record)
    pool      worker processes with a time limit and a memory bound per file; parse_many
    sink      the JSON Lines output: written as each file finishes, read back, resumed
    progress  the progress bar or log lines, the Summary of a run
    command   `answer-parser batch`: run_batch and the command's body
    dask      the same JSON Lines from a dask cluster (`answer_parser.dask`, optional extra)

Any exception that is not an `AnswerParserError` becomes an error record with code
`internal_error`; a worker that dies costs one record `worker_crashed`. See docs/batch.md.
"""

from __future__ import annotations

from .command import batch_main, expand_inputs, run_batch
from .pool import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_TASKS_PER_CHILD,
    DEFAULT_TIMEOUT,
    default_workers,
    parse_many,
)
from .progress import Progress, Summary
from .records import ErrorRecord, Result, file_sha256, parse_one, parse_to_record
from .sink import read_records, record_key, table_csv_name

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_TASKS_PER_CHILD",
    "DEFAULT_TIMEOUT",
    "ErrorRecord",
    "Progress",
    "Result",
    "Summary",
    "batch_main",
    "default_workers",
    "expand_inputs",
    "file_sha256",
    "parse_many",
    "parse_one",
    "parse_to_record",
    "read_records",
    "record_key",
    "run_batch",
    "table_csv_name",
]
