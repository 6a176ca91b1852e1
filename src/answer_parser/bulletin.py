"""A Bulletin van Vragen en Antwoorden: many questions with their answers in one PDF.

The genre is described as data (`BulletinDialect`): the markers of its cover, the issue lines,
the contents lines, the section headings, the minister headings and the question headings.
Reading one is three steps, none of which reads a question or an answer itself:

* `page_columns`: where a page is set in two columns, the gutter between them, so that the lines
  of each column are made apart and read left column first (`column_order`);
* `split_bulletin`: the text flow (paragraphs and table anchors, as for a single answer) cut
  into the cover with its contents and one `PartFlow` per question: the blocks from the line
  after its heading 'Vraag nr. 42 van 8 maart 2006 van JAN LOONES' to the next heading, with the
  minister of the section heading above it;
* `check_contents`: the contents lines ('YVES LETERME ........ 3') against the minister headings
  found in the body.

Each part's blocks are then read by the same sections stage as a single answer (with the
dialect `BulletinDialect.part`), in `pipeline`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import regex

from .dialect import FLEMISH, Dialect
from .layout import Line, Paragraph
from .model import Bulletin, Minister, Person, Warning
from .names import display_name
from .reading import Word
from .sections import Block, TableAnchor
from .text import collapse

_MONTHS = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
_DATE = rf"\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}"


@attrs.frozen(kw_only=True)
class BulletinDialect:
    """The words of a bulletin, as data."""

    name: str
    #: patterns whose presence in the first page's text points to a bulletin
    markers: tuple[regex.Pattern[str], ...]
    #: how many markers the first page must show
    min_markers: int
    #: the issue number, session and date printed on the cover (groups `number`; `start`, `end`;
    #: the date is the whole line as printed)
    issue_number: regex.Pattern[str]
    issue_session: regex.Pattern[str]
    issue_date: regex.Pattern[str]
    #: a line of the table of contents: groups `text` and `page`
    contents_line: regex.Pattern[str]
    #: the first line of a section heading ('I. VRAGEN VAN ...', 'A. Vragen waarop ...')
    section_heading: regex.Pattern[str]
    #: the first line of a minister heading, in capitals: the name and a comma ('YVES LETERME,')
    minister_start: regex.Pattern[str]
    #: the whole minister heading, its lines joined: groups `name` and `office`
    minister_heading: regex.Pattern[str]
    #: the whole office of a minister heading names an office ('MINISTER', 'VOORZITTER')
    minister_office: regex.Pattern[str]
    #: the first line of a question heading ('Vraag nr. 42 van')
    question_start: regex.Pattern[str]
    #: the whole question heading, its lines joined: groups `number`, `date`, `asker`
    question_heading: regex.Pattern[str]
    #: how each question with its answer is read: the single-answer dialect whose answer opens
    #: with a line 'Antwoord' of its own
    part: Dialect

    def score(self, text: str) -> int:
        return sum(1 for marker in self.markers if marker.search(text))


_I = regex.IGNORECASE

BULLETIN = BulletinDialect(
    name="bulletin",
    markers=(
        regex.compile(r"\bVRAGEN\s+EN\s+ANTWOORDEN\b", _I),
        regex.compile(r"\bINHOUD(?:STAFEL|SOPGAVE)\b"),
        regex.compile(r"\bZitting\s+\d{4}\s*-\s*\d{4}\b", _I),
        regex.compile(r"\.{5,}\s*\d+"),
        regex.compile(r"\bVRAGEN\s+VAN\s+DE\s+(?:VLAAMSE\s+VOLKSVERTEGENWOORDIGERS|LEDEN)\b", _I),
    ),
    min_markers=3,
    issue_number=regex.compile(r"^\s*Nr\.?\s*(?P<number>\d{1,4})\s*$", _I),
    issue_session=regex.compile(r"^\s*Zitting\s+(?P<start>\d{4})\s*-\s*(?P<end>\d{4})\s*$", _I),
    issue_date=regex.compile(rf"^\s*(?:\d{{1,2}}\s+)?{_MONTHS}\s+\d{{4}}\s*$", _I),
    contents_line=regex.compile(r"^\s*(?P<text>\S.*?)\s*\.{4,}\s*(?P<page>\d{1,4})\s*$"),
    section_heading=regex.compile(
        r"^\s*(?:(?:I{1,3}|IV|V|VI{0,3})\.\s+\S|[A-F]\.\s+Vragen\b)", regex.VERSION1
    ),
    minister_start=regex.compile(r"^\s*\p{Lu}[\p{Lu}'’.\- ]+?,(?:\s|$)"),
    minister_heading=regex.compile(r"^\s*(?P<name>\p{Lu}[\p{Lu}'’.\- ]+?),\s*(?P<office>\S.*)$"),
    minister_office=regex.compile(r"MINISTER|VOORZITTER|STAATSSECRETARIS"),
    question_start=regex.compile(r"^\s*Vraag\s+nr\.?\s*\d+\b", _I),
    question_heading=regex.compile(
        rf"^\s*Vraag\s+nr\.?\s*(?P<number>\d+)\s+van\s+(?P<date>{_DATE})\s+van\s+(?P<asker>\S.*?)\s*$", _I
    ),
    part=attrs.evolve(
        FLEMISH,
        name="bulletin_part",
        answer_start=regex.compile(r"^\s*(?:ANTWOORD|Antwoord)\s*:?\s*$"),
    ),
)


def detect_bulletin(
    first_page: str, dialects: Sequence[BulletinDialect] = (BULLETIN,)
) -> BulletinDialect | None:
    """The bulletin dialect whose cover markers the first page's text shows, or None."""
    for dialect in dialects:
        if dialect.score(first_page) >= dialect.min_markers:
            return dialect
    return None


# -- columns --------------------------------------------------------------------------------------

#: a gutter is searched in this middle share of the page width
GUTTER_BAND = (0.35, 0.65)
#: at most this many words may cross the gutter (a running header, a centred page number)
GUTTER_CROSSINGS = 4
#: each column holds at least this many words, or the page is read as one column
COLUMN_MIN_WORDS = 30
#: the gutter is at least this wide (points) between the two columns' words
GUTTER_MIN_WIDTH = 12.0


def page_columns(words: Sequence[Word], width: float) -> float | None:
    """The x of the gutter of a page set in two columns, or None for one column.

    The gutter is the middle of the widest run of x positions in the middle band of the page
    that at most `GUTTER_CROSSINGS` words cross, with enough words left and right of it.
    """
    if len(words) < 2 * COLUMN_MIN_WORDS:
        return None
    lo, hi = int(width * GUTTER_BAND[0]), int(width * GUTTER_BAND[1])
    free = [sum(1 for w in words if w.x0 < x < w.x1) <= GUTTER_CROSSINGS for x in range(lo, hi)]
    best: tuple[int, int] | None = None
    start: int | None = None
    for k, ok in enumerate([*free, False]):
        if ok and start is None:
            start = k
        elif not ok and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if best is None or best[1] - best[0] < GUTTER_MIN_WIDTH:
        return None
    gutter = lo + (best[0] + best[1]) / 2
    left = sum(1 for w in words if w.x1 <= gutter)
    right = sum(1 for w in words if w.x0 >= gutter)
    return gutter if min(left, right) >= COLUMN_MIN_WORDS else None


def spans_gutter(words: Sequence[Word], gutter: float) -> bool:
    """Does a line (its words left to right) run across the gutter: a word crosses it, or the
    words either side of it stand closer than a gutter is wide ('- 2 -' centred)?"""
    if any(w.x0 < gutter < w.x1 for w in words):
        return True
    left = [w for w in words if w.x1 <= gutter]
    right = [w for w in words if w.x0 >= gutter]
    return bool(left and right) and right[0].x0 - left[-1].x1 < GUTTER_MIN_WIDTH


def column_of(x0: float, x1: float, gutter: float | None) -> int:
    """0: across the gutter (or a one-column page), 1: left column, 2: right column."""
    if gutter is None or (x0 < gutter < x1):
        return 0
    return 1 if x1 <= gutter else 2


def column_order(
    page: int, top: float, column: int, body: tuple[float, float] | None
) -> tuple[int, int, float]:
    """Reading order on a page in columns: what spans the columns above them, the left column,
    the right column, what spans them below. `body` is the top and bottom of the column text."""
    rank = (0 if body is None or top < body[0] else 3) if column == 0 else column
    return page, rank, top


def continues(prev: Line, line: Line) -> bool:
    """At a column or page break, does the text visibly go on (no closing punctuation, then a
    word in lower case)?"""
    return not prev.text.rstrip().endswith((".", "?", "!", ":")) and line.text[:1].islower()


# -- the flow cut into parts ------------------------------------------------------------------------


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
    m = dialect.minister_heading.match(collapse(" ".join(lines)))
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
    blocks: Sequence[Block], table_pages: Sequence[tuple[int, ...]], dialect: BulletinDialect = BULLETIN
) -> BulletinFlow:
    """The cover (everything before the headings of the first question) and the parts.

    `table_pages` holds each table's pages, by table index.
    """
    flat = _flatten(blocks)
    starts = [i for i in range(len(flat)) if _question_heading(flat, i, dialect) is not None]
    if not starts:
        lines = tuple(item[1] for item in flat if not isinstance(item, TableAnchor))
        return BulletinFlow(lines, (), (), (Warning("bulletin_no_questions", "no question heading found"),))
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
    from .dates import parse_dutch_date

    day = parse_dutch_date(collapse(text))
    return day.isoformat() if day else None


# -- the cover ------------------------------------------------------------------------------------


def read_issue(cover: Sequence[Line], dialect: BulletinDialect = BULLETIN) -> Bulletin:
    """The issue's number, session and date from the cover lines."""
    number: int | None = None
    session = date = None
    for line in cover:
        text = collapse(line.text)
        if number is None and (m := dialect.issue_number.match(text)):
            number = int(m.group("number"))
        elif session is None and (m := dialect.issue_session.match(text)):
            session = f"{m.group('start')}-{m.group('end')}"
        elif date is None and dialect.issue_date.match(text):
            date = text
    return Bulletin(number=number, session=session, date=date)


def contents_entries(cover: Sequence[Line], dialect: BulletinDialect = BULLETIN) -> list[tuple[str, int]]:
    """The contents lines of the cover: (text, page)."""
    out = []
    for line in cover:
        m = dialect.contents_line.match(collapse(line.text))
        if m:
            out.append((collapse(m.group("text")), int(m.group("page"))))
    return out


def check_contents(entries: Sequence[tuple[str, int]], ministers: Sequence[tuple[str, int]]) -> list[Warning]:
    """Every contents entry is a minister heading in the body on the page it names, in order;
    every minister heading in the body has its entry. A warning names each one that is not."""
    warnings: list[Warning] = []
    if not entries:
        return [Warning("bulletin_contents_missing", "no table of contents found on the cover")]
    k = 0
    for text, page in entries:
        at = next((j for j in range(k, len(ministers)) if ministers[j][0] == text), None)
        if at is None:
            warnings.append(
                Warning(
                    "bulletin_contents_mismatch",
                    f"contents entry {text!r} (page {page}) not found in the body",
                )
            )
            continue
        for missed, missed_page in ministers[k:at]:
            warnings.append(
                Warning(
                    "bulletin_contents_mismatch",
                    f"minister heading {missed!r} is not in the contents",
                    page=missed_page,
                )
            )
        if ministers[at][1] != page:
            warnings.append(
                Warning(
                    "bulletin_contents_mismatch",
                    f"contents put {text!r} on page {page}, its heading is on page {ministers[at][1]}",
                    page=ministers[at][1],
                )
            )
        k = at + 1
    for missed, missed_page in ministers[k:]:
        warnings.append(
            Warning(
                "bulletin_contents_mismatch",
                f"minister heading {missed!r} is not in the contents",
                page=missed_page,
            )
        )
    return warnings


__all__ = [
    "BULLETIN",
    "BulletinDialect",
    "BulletinFlow",
    "PartFlow",
    "check_contents",
    "column_of",
    "column_order",
    "contents_entries",
    "continues",
    "detect_bulletin",
    "page_columns",
    "read_issue",
    "spans_gutter",
    "split_bulletin",
]
