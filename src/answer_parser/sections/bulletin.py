"""A Bulletin van Vragen en Antwoorden (many questions with their answers in one PDF): its
words as data (`BulletinDialect`), its detection, its cover and contents, and the reading of one
part (a question with its answer) by the same `read_sections` as a single answer.

The flow of a bulletin is cut into parts by `sections.parts.split_bulletin`; docs/bulletins.md
tells the whole way.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs
import regex

from ..codes import WarningCode
from ..dutch.dates import MONTHS
from ..dutch.text import collapse
from ..layout.blocks import Block, TableAnchor
from ..layout.lines import Line
from ..model import Bulletin, Question, Reference, Warning
from .dialect import FLEMISH, Dialect
from .parts import PartFlow
from .read import Sections, read_sections

#: the month names in full, from the language module ('Januari 2008', '5 februari 1986')
_MONTHS = "(?:" + "|".join(max((n for n in MONTHS if MONTHS[n] == m), key=len) for m in range(1, 13)) + ")"
_DATE = rf"\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}"


@attrs.frozen(kw_only=True)
class BulletinDialect:
    """The words of a bulletin, as data."""

    name: str
    #: patterns whose presence in the first page's text points to a bulletin
    markers: tuple[regex.Pattern[str], ...]
    #: how many markers the first page must show: three, since a single answer may cite the
    #: 'Vragen en Antwoorden' or a session, but holds no contents page (max 1 over the corpus)
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

    def is_heading(self, text: str) -> bool:
        """A line that opens a question, a section, a minister's questions or an answer: never
        page furniture, however often it stands at the top of a page."""
        patterns = (self.question_start, self.section_heading, self.minister_start, self.part.answer_start)
        return any(p is not None and p.match(text) for p in patterns)


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
        # the running headers, furniture even on a bulletin of one page after its cover
        furniture=(
            regex.compile(r"Vlaams\s+Parlement\s+-\s+Vragen\s+en\s+Antwoorden\s+-\s+Nr\.?\s*\d+", _I),
            regex.compile(r"^\s*ZITTING\s+\d{4}\s*-\s*\d{4}\s+Nr\.?\s*\d+\s+BULLETIN\s+VAN\s+VRAGEN", _I),
        ),
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
        return [Warning(WarningCode.BULLETIN_CONTENTS_MISSING, "no table of contents found on the cover")]
    k = 0
    for text, page in entries:
        at = next((j for j in range(k, len(ministers)) if ministers[j][0] == text), None)
        if at is None:
            warnings.append(
                Warning(
                    WarningCode.BULLETIN_CONTENTS_MISMATCH,
                    f"contents entry {text!r} (page {page}) not found in the body",
                )
            )
            continue
        for missed, missed_page in ministers[k:at]:
            warnings.append(
                Warning(
                    WarningCode.BULLETIN_CONTENTS_MISMATCH,
                    f"minister heading {missed!r} is not in the contents",
                    page=missed_page,
                )
            )
        if ministers[at][1] != page:
            warnings.append(
                Warning(
                    WarningCode.BULLETIN_CONTENTS_MISMATCH,
                    f"contents put {text!r} on page {page}, its heading is on page {ministers[at][1]}",
                    page=ministers[at][1],
                )
            )
        k = at + 1
    for missed, missed_page in ministers[k:]:
        warnings.append(
            Warning(
                WarningCode.BULLETIN_CONTENTS_MISMATCH,
                f"minister heading {missed!r} is not in the contents",
                page=missed_page,
            )
        )
    return warnings


# -- one part ---------------------------------------------------------------------------------------


def part_tables(part: PartFlow) -> list[int]:
    """The (document-wide) indexes of the tables that stand in a part, in order."""
    return sorted({b.index for b in part.blocks if isinstance(b, TableAnchor)})


def read_part(part: PartFlow, bulletin: BulletinDialect = BULLETIN) -> Sections:
    """A part read like a single answer (`read_sections` with the part dialect, marked as a
    question), then given the metadata of its heading and the minister of its section: the
    minister is the question's addressee and the answer's minister, and the answer refers to the
    question's number, date and asker. Table indexes in the result count from 0 within the part
    (in the order of `part_tables`)."""
    local = {index: k for k, index in enumerate(part_tables(part))}
    blocks: list[Block] = [
        attrs.evolve(b, index=local[b.index]) if isinstance(b, TableAnchor) else b for b in part.blocks
    ]
    sections = read_sections(blocks, len(local), bulletin.part, marked=True)
    session = bulletin.part.session_for(datetime.date.fromisoformat(part.date)) if part.date else None
    question = sections.question or Question(
        number=None, date=None, asker=None, addressee=None, title=None, intro="", items=()
    )
    question = attrs.evolve(
        question,
        number=part.number,
        date=part.date,
        session=session,
        asker=part.asker,
        addressee=part.minister,
    )
    answer = sections.answer
    if answer is not None:
        reference = Reference(number=part.number, date=part.date, asker=part.asker)
        answer = attrs.evolve(answer, minister=part.minister, refers_to=reference)
    return Sections(
        kind="question_and_answer" if answer is not None else "question",
        question=question,
        answer=answer,
        warnings=sections.warnings,
    )
