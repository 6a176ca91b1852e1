"""Every tolerance of the pipeline, in validated groups that live beside the stages that read them:

    reading   pdf.settings.ReadingSettings        characters -> words; what is refused
    layout    layout.settings.LayoutSettings      lines, paragraphs, furniture, footnotes, small print
    tables    tables.settings.TableSettings       ruling, columns, rows, labels, continuation
    sections  sections.settings.SectionSettings   captions and titles of tables

`Settings` holds one of each and is what `parse` takes. It still accepts the keyword arguments it
had when it was one flat class (`Settings(snap_tolerance=2.0)`; `attrs.evolve(settings,
snap_tolerance=2.0)` too): each goes to the group that reads it. Distances are PDF points unless
the name says otherwise; `*_ratio` values are shares of the font size (they scale with the
document). docs/settings.md lists every setting with its default and meaning.

Limits that are counts (at most three header rows, six header lines) and fixed facts of PDF
drawing (a filled rectangle thinner than 2.5 points is a rule) are named constants beside the
code that uses them, each with its reason.
"""

from __future__ import annotations

import warnings
from typing import Any, Final

import attrs

from .layout.settings import LayoutSettings
from .pdf.settings import ReadingSettings
from .sections.settings import SectionSettings
from .tables.settings import TableSettings

_GROUPS: Final = {
    "reading": ReadingSettings,
    "layout": LayoutSettings,
    "tables": TableSettings,
    "sections": SectionSettings,
}
#: a setting's name -> the group that holds it
_GROUP_OF: Final = {field.name: group for group, cls in _GROUPS.items() for field in attrs.fields(cls)}
#: settings that were validated and documented but never read: accepted, with a DeprecationWarning
UNREAD: Final = ("continuation_band", "caption_distance_ratio")


@attrs.frozen(init=False)
class Settings:
    """The settings of every stage. `Settings()` holds the defaults."""

    reading: ReadingSettings
    layout: LayoutSettings
    tables: TableSettings
    sections: SectionSettings

    def __init__(
        self,
        *,
        reading: ReadingSettings | None = None,
        layout: LayoutSettings | None = None,
        tables: TableSettings | None = None,
        sections: SectionSettings | None = None,
        **settings: Any,
    ) -> None:
        """`reading`, `layout`, `tables`, `sections`: whole groups; any other keyword names one
        setting of a group (`word_x_tolerance`, `snap_tolerance`, ...) and wins over the group's."""
        groups: dict[str, Any] = {
            "reading": reading or ReadingSettings(),
            "layout": layout or LayoutSettings(),
            "tables": tables or TableSettings(),
            "sections": sections or SectionSettings(),
        }
        changes: dict[str, dict[str, Any]] = {}
        for name, value in settings.items():
            if name in UNREAD:
                message = f"Settings({name}=...) is not read by any stage and has no effect"
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                continue
            group = _GROUP_OF.get(name)
            if group is None:
                raise TypeError(f"Settings() got an unexpected keyword argument {name!r}")
            changes.setdefault(group, {})[name] = value
        for group, values in changes.items():
            groups[group] = attrs.evolve(groups[group], **values)
        self.__attrs_init__(**groups)


DEFAULT_SETTINGS: Final = Settings()


def settings_markdown() -> str:
    """docs/settings.md: every setting of every group with its default and meaning (a test keeps
    the file equal to this)."""
    lines = [
        "# Settings",
        "",
        "Every tolerance of the pipeline, in the group of the stage that reads it. `parse(path,",
        "settings=Settings(...))` takes them; `Settings(snap_tolerance=2.0)` sets one by its name,",
        "`Settings(tables=TableSettings(...))` a whole group. Distances are PDF points; `*_ratio`",
        "values are shares of the font size, `*_share` values shares of a width, a height or a count.",
        "",
        "This page is written from the settings classes by `answer_parser.settings.settings_markdown()`;",
        "tests/test_settings.py keeps the two equal. `continuation_band` and",
        "`caption_distance_ratio` were never read by any stage and are gone: `Settings()` still",
        "accepts them, with a DeprecationWarning, and ignores them.",
    ]
    for group, cls in _GROUPS.items():
        lines += ["", f"## `{group}`: `{cls.__module__.removeprefix('answer_parser.')}.{cls.__name__}`", ""]
        lines += ["| setting | default | meaning |", "|---|---|---|"]
        lines += [f"| `{f.name}` | {f.default} | {f.metadata['doc']} |" for f in attrs.fields(cls)]
    return "\n".join(lines) + "\n"
