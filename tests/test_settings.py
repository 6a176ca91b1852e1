"""Settings in groups beside their stages, behind the `Settings` facade that still takes the flat
keyword arguments of before; docs/settings.md written from them."""

from __future__ import annotations

import attrs
import pytest

import answer_parser
from answer_parser.layout.settings import LayoutSettings
from answer_parser.pdf.settings import ReadingSettings
from answer_parser.sections.settings import SectionSettings
from answer_parser.settings import UNREAD, Settings, settings_markdown
from answer_parser.tables.settings import TableSettings
from conftest import FIXTURES, ROOT

#: the keyword arguments `Settings` took when it was one flat class, and the group each went to
FLAT = {
    "word_x_tolerance": "reading",
    "word_y_tolerance": "reading",
    "max_pages": "reading",
    "line_merge_ratio": "layout",
    "paragraph_gap_ratio": "layout",
    "margin_band": "layout",
    "snap_tolerance": "tables",
    "join_tolerance": "tables",
    "edge_min_length": "tables",
    "intersection_tolerance": "tables",
    "column_gap_ratio": "tables",
    "rule_min_width": "tables",
    "gutter_ratio": "tables",
    "row_gap_ratio": "tables",
    "column_merge_tolerance": "tables",
    "indent_tolerance": "tables",
    "column_match_tolerance": "tables",
}
GROUPS = {
    "reading": ReadingSettings,
    "layout": LayoutSettings,
    "tables": TableSettings,
    "sections": SectionSettings,
}


def test_defaults_are_the_groups_defaults() -> None:
    settings = Settings()
    for name, cls in GROUPS.items():
        assert getattr(settings, name) == cls()


@pytest.mark.parametrize("name", sorted(FLAT))
def test_old_keyword_goes_to_its_group(name: str) -> None:
    group = FLAT[name]
    old = getattr(getattr(Settings(), group), name)
    new = old * 2 if name != "line_merge_ratio" and name != "margin_band" else old / 2
    if name == "max_pages":
        new = 7
    settings = Settings(**{name: new})
    assert getattr(getattr(settings, group), name) == new
    others = {g for g in GROUPS if g != group}
    assert all(getattr(settings, g) == getattr(Settings(), g) for g in others)


def test_evolve_with_an_old_name_and_a_group() -> None:
    settings = attrs.evolve(Settings(), snap_tolerance=5.0)
    assert settings.tables.snap_tolerance == 5.0
    assert settings.tables.join_tolerance == TableSettings().join_tolerance
    layout = LayoutSettings(small_print_ratio=0.8)
    both = Settings(layout=layout, margin_band=0.2)
    assert both.layout.small_print_ratio == 0.8 and both.layout.margin_band == 0.2


def test_unknown_keyword_is_refused() -> None:
    with pytest.raises(TypeError, match="snap_tolerence"):
        Settings(snap_tolerence=3.0)


@pytest.mark.parametrize("name", UNREAD)
def test_settings_never_read_are_accepted_with_a_warning(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=name):
        settings = Settings(**{name: 0.3})
    assert settings == Settings()


@pytest.mark.parametrize(
    ("cls", "name", "value"),
    [
        (TableSettings, "snap_tolerance", 0.0),
        (TableSettings, "row_rule_share", 1.5),
        (LayoutSettings, "small_print_ratio", 1.0),
        (ReadingSettings, "max_pages", 0),
        (SectionSettings, "title_letter_share", -0.1),
    ],
)
def test_validators_refuse_values_out_of_range(cls: type, name: str, value: float) -> None:
    with pytest.raises(ValueError, match=name):
        cls(**{name: value})


def test_every_setting_says_what_it_is() -> None:
    for cls in GROUPS.values():
        for field in attrs.fields(cls):
            doc = field.metadata.get("doc", "")
            assert doc and "\n" not in doc, f"{cls.__name__}.{field.name} needs a one-line description"


def test_docs_settings_md_is_written_from_the_classes() -> None:
    text = (ROOT / "docs" / "settings.md").read_text("utf-8")
    assert text == settings_markdown(), (
        "docs/settings.md is stale: python -c 'from answer_parser.settings import settings_markdown;"
        ' print(settings_markdown(), end="")\' > docs/settings.md'
    )


def test_a_group_changes_the_parse() -> None:
    """The groups reach their stages: the reading stage refuses a PDF of more pages than its
    `max_pages`."""
    with pytest.raises(answer_parser.TooLargeError):
        answer_parser.parse(FIXTURES / "seed_qa.pdf", settings=Settings(max_pages=1))
