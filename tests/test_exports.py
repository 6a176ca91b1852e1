"""Exports of a parsed table: CSV, tidy long form, pandas."""

from __future__ import annotations

import csv
import io

import pandas as pd

import answer_parser
from conftest import FIXTURES


def _doc() -> answer_parser.Document:
    return answer_parser.parse(FIXTURES / "seed_qa.pdf")


def test_csv_has_paths_and_raw_cells() -> None:
    table = _doc().tables[2]
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    assert rows[0] == ["", "2019", "2020"]
    assert rows[1] == ["Jan", "1.254", "1.196"]
    assert rows[2] == ["Jan > geslaagd", "1.001", "863"]
    assert rows[-1] == ["Totaal", "22.500", "16.594"]
    values = list(csv.reader(io.StringIO(table.to_csv(values=True))))
    assert values[1] == ["Jan", "1254", "1196"]
    assert values[-2] == ["Dec > niet geslaagd", "198", ""]


def test_tidy_form_one_record_per_cell() -> None:
    table = _doc().tables[0]
    records = table.tidy()
    assert len(records) == len(table.rows) * len(table.columns)
    first = records[1]
    assert first["row"] == ["18 - 29 jaar"]
    assert first["column"] == ["geslaagd op MO tussen april en september"]
    assert (first["raw"], first["value"], first["kind"], first["unit"]) == ("36%", 36, "percent", "%")


def test_pandas_frame_with_label_paths() -> None:
    frame = _doc().tables[2].to_pandas()
    assert isinstance(frame.index, pd.MultiIndex)
    assert frame.loc[("Jan", "geslaagd"), "2019"] == 1001
    assert frame.loc[("Totaal", ""), "2020"] == 16594
    assert pd.isna(frame.loc[("Okt", ""), "2020"])
    spanning = _doc().tables[0].to_pandas(values=False)
    assert spanning.columns[0] == "geslaagd op MO tussen april en september"
    assert spanning.iloc[0, 1] == "36%"
