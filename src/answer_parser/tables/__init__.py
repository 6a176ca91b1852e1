"""Stage 3, tables: where each table is, and what it says.

Finding (each method gives the same record, `grid.Grid`: rows of slots over column boundaries):

    lattice    ruled tables: ruling edges -> cells -> grids (pdfplumber's lattice method)
    rules      tables between horizontal rules: bands between rules, columns at the gutters
    aligned    tables without rules: runs of lines whose numbers line up in columns
    regions    what rules and aligned share: segments, regions, region -> grid
    detect     which tables a page has: lattice first, then rules over aligned

Reading:

    chains     grids continuing across a page break -> one chain
    structure  a chain -> TableData: header rows, column paths, stub, label levels, totals
    cells      a column's texts -> typed cells (the separator convention per column)
    checks     totals and shares of a finished Table add up (warnings)

The names below were importable from the flat module `answer_parser.tables` and still are.
"""

from __future__ import annotations

from .cells import to_cell, type_column
from .chains import columns_match, grids_to_chains
from .grid import Box, Grid, Slot, TableData
from .lattice import cells_to_grid, edges_to_cells, merge_rulings, page_grids
from .structure import chain_to_table, header_rows, join_chain

__all__ = [
    "Box",
    "Grid",
    "Slot",
    "TableData",
    "cells_to_grid",
    "chain_to_table",
    "columns_match",
    "edges_to_cells",
    "grids_to_chains",
    "header_rows",
    "join_chain",
    "merge_rulings",
    "page_grids",
    "to_cell",
    "type_column",
]
