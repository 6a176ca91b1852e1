"""Golden files: a PDF's trusted parse beside it (`NAME.expected.json`), compared field by field.

compare     the comparison: diff, aligned lists, tolerances, merge
regression  cases, golden files read and written, results
command     `answer-parser check`
testing     golden tests for pytest (`answer_parser.testing` re-exports it)
"""
