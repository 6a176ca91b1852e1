"""Parsed documents as tables: DuckDB and Parquet (see docs/archive.md)."""
