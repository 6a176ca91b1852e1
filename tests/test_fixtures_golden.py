"""Every fixtures/NAME.pdf against fixtures/NAME.expected.json, one test per fixture, through
`answer_parser.testing` (the helper downstream projects use).

The expected files are generated from each fixture's source spec and hold only the fields the spec
determines (no source, pages, bbox or warnings), so they are compared as a subset.
"""

from __future__ import annotations

from answer_parser.testing import golden_tests
from conftest import FIXTURES

test_fixture_matches_its_expected_json = golden_tests(
    FIXTURES,
    subset=True,
    # never update these files from a parse: they are the spec's ground truth
    hint="{golden} is built from fixtures/specs/{name}.json: fix the parser "
    "(or the spec, then run: python -m fixtures.builder {name})",
)
