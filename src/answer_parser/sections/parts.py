"""A bulletin's text flow cut into its cover and one `PartFlow` per question.

The flow (paragraphs and table anchors, in reading order) is cut at three kinds of heading, all
described in `sections.bulletin.BulletinDialect`: a question heading ('Vraag nr. 42 van 8 maart
2006 van JAN LOONES') opens a part; a section heading ('I. VRAGEN ...', 'A. Vragen waarop ...')
and a minister heading ('YVES LETERME, MINISTER-PRESIDENT ...', in capitals, up to the next
question heading) end the part before them; the minister heading also names the minister of the
parts after it. Everything before the first section or minister heading after the contents is
the cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import regex

from ..codes import WarningCode
from ..dutch.dates import parse_dutch_date
from ..dutch.names import display_name
from ..dutch.text import collapse, join_lines
from ..layout.blocks import Block, TableAnchor
from ..layout.lines import Line
from ..layout.paragraphs import Paragraph
from ..model import Minister, Person, Warning

if TYPE_CHECKING:  # pragma: no cover
    from .bulletin import BulletinDialect


@attrs.frozen
class PartFlow:
    """One question of the bulletin: its heading's metadata, the minister of the section, its
    blocks (title, question, 'Antwoord', answer, table anchors) and the pages it covers."""

    number: int | None
    date: str | None
    asker: Person | None
    minister: Minister | None
    blocks: tuple[Block, ...]
    pages: tuple[int, int]


@attrs.frozen
class BulletinFlow:
    cover: tuple[Line, ...]
    parts: tuple[PartFlow, ...]
    #: the minister headings of the body: (raw name, page), in reading order
    ministers: tuple[tuple[str, int], ...]
    warnings: tuple[Warning, ...]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_Flat = tuple[int, Line] | TableAnchor  # (paragraph id, line) or a table


def _flatten(blocks: Sequence[Block]) -> list[_Flat]:
    out: list[_Flat] = []
    for k, block in enumerate(blocks):
        if isinstance(block, TableAnchor):
            out.append(block)
        else:
            out.extend((k, line) for line in block.lines)
    return out


def _regroup(flat: Sequence[_Flat]) -> list[Block]:
    """Lines back into paragraphs (those that came from one paragraph stay together)."""
    out: list[Block] = []
    run: list[Line] = []
    current: int | None = None
    for item in flat:
        if isinstance(item, TableAnchor):
            if run:
                out.append(Paragraph(tuple(run)))
            run, current = [], None
            out.append(item)
            continue
        k, line = item
        if run and k != current:
            out.append(Paragraph(tuple(run)))
            run = []
        run.append(line)
        current = k
    if run:
        out.append(Paragraph(tuple(run)))
    return out


def _line_at(flat: Sequence[_Flat], i: int) -> Line | None:
    item = flat[i] if i < len(flat) else None
    return None if item is None or isinstance(item, TableAnchor) else item[1]


def _question_heading(
    flat: Sequence[_Flat], i: int, dialect: BulletinDialect
) -> tuple[regex.Match[str], int] | None:
    """The question heading that starts at flat[i] (one to three lines; the asker may wrap onto
    the next lines, in capitals) and the index after it."""
    lines: list[str] = []
    found: tuple[regex.Match[str], int] | None = None
    for j in range(i, min(i + 3, len(flat))):
        line = _line_at(flat, j)
        if line is None or (lines and not _is_caps(line.text)):
            break
        lines.append(line.text)
        m = dialect.question_heading.match(collapse(" ".join(lines)))
        if m and _is_caps(m.group("asker")):
            found = (m, j + 1)
    return found


def _minister_heading(flat: Sequence[_Flat], i: int, dialect: BulletinDialect) -> tuple[Minister, int] | None:
    """The minister heading that starts at flat[i]: capitals up to the next question heading."""
    first = _line_at(flat, i)
    if first is None or not _is_caps(first.text) or not dialect.minister_start.match(first.text):
        return None
    lines = [first.text]
    j = i + 1
    while (line := _line_at(flat, j)) is not None and _is_caps(line.text) and len(lines) < 8:
        if dialect.question_start.match(line.text) or dialect.section_heading.match(line.text):
            break
        lines.append(line.text)
        j += 1
    m = dialect.minister_heading.match(collapse(join_lines(lines)))
    if m is None or not dialect.minister_office.search(m.group("office")):
        return None
    raw = collapse(m.group("name"))
    return Minister(name=display_name(raw), raw=raw, title=collapse(m.group("office"))), j


def _section_heading(flat: Sequence[_Flat], i: int, dialect: BulletinDialect) -> int | None:
    """The index after the section heading that starts at flat[i] (its lines in one paragraph)."""
    item = flat[i]
    if isinstance(item, TableAnchor) or not dialect.section_heading.match(item[1].text):
        return None
    j = i + 1
    while j < len(flat):
        nxt = flat[j]
        if isinstance(nxt, TableAnchor) or nxt[0] != item[0]:
            break
        text = nxt[1].text
        if dialect.section_heading.match(text) or dialect.question_start.match(text):
            break
        if _is_caps(text) and dialect.minister_start.match(text):
            break
        j += 1
    return j


def _pages(flat: Sequence[_Flat], table_pages: Sequence[tuple[int, ...]]) -> tuple[int, int]:
    pages = [
        p
        for item in flat
        for p in (table_pages[item.index] if isinstance(item, TableAnchor) else (item[1].page,))
    ]
    return min(pages), max(pages)


def split_bulletin(
    blocks: Sequence[Block], table_pages: Sequence[tuple[int, ...]], dialect: BulletinDialect
) -> BulletinFlow:
    """The cover (everything before the headings of the first question) and the parts.

    `table_pages` holds each table's pages, by table index.
    """
    flat = _flatten(blocks)
    starts = [i for i in range(len(flat)) if _question_heading(flat, i, dialect) is not None]
    if not starts:
        lines = tuple(item[1] for item in flat if not isinstance(item, TableAnchor))
        return BulletinFlow(
            lines, (), (), (Warning(WarningCode.BULLETIN_NO_QUESTIONS, "no question heading found"),)
        )
    # the body begins with the first section or minister heading after the contents lines
    last_contents = max(
        (i for i in range(starts[0]) if (ln := _line_at(flat, i)) and dialect.contents_line.match(ln.text)),
        default=-1,
    )
    body = next(
        (
            i
            for i in range(last_contents + 1, starts[0])
            if _section_heading(flat, i, dialect) is not None
            or _minister_heading(flat, i, dialect) is not None
        ),
        starts[0],
    )
    cover = tuple(item[1] for item in flat[:body] if not isinstance(item, TableAnchor))
    parts: list[PartFlow] = []
    ministers: list[tuple[str, int]] = []
    minister: Minister | None = None
    current: tuple[regex.Match[str], list[_Flat], int] | None = None  # heading, content, page

    def close() -> None:
        if current is None:
            return
        m, content, page = current
        pages = _pages(content, table_pages) if content else (page, page)
        asker = collapse(m.group("asker"))
        parts.append(
            PartFlow(
                number=int(m.group("number")),
                date=_iso(m.group("date")),
                asker=Person(name=display_name(asker), raw=asker),
                minister=minister,
                blocks=tuple(_regroup(content)),
                pages=(min(page, pages[0]), pages[1]),
            )
        )

    i = body
    while i < len(flat):
        heading = _question_heading(flat, i, dialect)
        if heading is not None:
            close()
            line = _line_at(flat, i)
            assert line is not None
            current = (heading[0], [], line.page)
            i = heading[1]
            continue
        section_end = _section_heading(flat, i, dialect)
        if section_end is not None:
            close()
            current = None
            i = section_end
            continue
        found = _minister_heading(flat, i, dialect)
        if found is not None:
            close()
            current = None
            minister = found[0]
            line = _line_at(flat, i)
            assert line is not None
            ministers.append((minister.raw, line.page))
            i = found[1]
            continue
        if current is not None:
            current[1].append(flat[i])
        i += 1
    close()
    return BulletinFlow(cover, tuple(parts), tuple(ministers), ())


def _iso(text: str) -> str | None:
    day = parse_dutch_date(collapse(text))
    return day.isoformat() if day else None
