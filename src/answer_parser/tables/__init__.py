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
"""
