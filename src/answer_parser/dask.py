"""Where `answer_parser.dask` used to live: batch parsing on a dask cluster is in `answer_parser.batch.dask`
(needs the optional extra `answer_parser[dask]`)."""

from __future__ import annotations

from .batch.dask import (
    DEFAULT_PARTITION_SIZE,
    parse_bag,
    write_jsonl,
)

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "parse_bag",
    "write_jsonl",
]
