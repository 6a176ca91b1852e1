"""Metadata: the question's header block ('SCHRIFTELIJKE VRAAG', 'nr.', 'van', 'datum:', 'aan'),
the answer heading ('ANTWOORD op vraag nr. 6 van ... van NAME') and the minister's block
above it, persons and their display names, the askers of the interleaved layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs
import regex

from ..dutch.dates import find_dutch_date, parse_dutch_date
from ..dutch.names import display_name
from ..dutch.text import collapse, join_lines
from ..layout.blocks import Block
from ..layout.paragraphs import Paragraph
from ..model import Minister, Person, Reference
from .dialect import FLEMISH, Dialect
from .items import CLAUSE_END

#: an answer heading runs over this many lines at most
MAX_HEADING_LINES: Final = 4
#: 'van NAME' on a heading line: a name of this many words at most ('Van de 5402 inburgeraars ...'
#: is a sentence)
MAX_NAME_WORDS: Final = 7
#: the minister's block above the answer heading, in capitals: this many lines at most
MAX_MINISTER_LINES: Final = 8
#: the minister's block in mixed case ('Bart Somers' / 'Vlaams minister van ...'): at most this many
#: paragraphs of at most this many lines each
MAX_MINISTER_PARAGRAPHS: Final = 3
MAX_MINISTER_PARAGRAPH_LINES: Final = 4


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    d = parse_dutch_date(collapse(text))
    return d.isoformat() if d else None


_HONORIFIC = regex.compile(
    r"^(?:mevrouw|mevr\.|de\s+heer|dhr\.|meneer|volksvertegenwoordiger)\s+", regex.IGNORECASE
)


def person_of(raw: str | None) -> Person | None:
    """A person as printed; the display name without 'mevrouw', 'de heer' ..."""
    if not raw:
        return None
    raw = collapse(raw)
    return Person(name=display_name(_HONORIFIC.sub("", raw)), raw=raw)


@attrs.frozen
class HeaderBlock:
    number: int | None
    date: str | None
    asker: Person | None
    addressee: Minister | None
    lines_used: int


def read_header_block(lines: Sequence[str], dialect: Dialect = FLEMISH) -> HeaderBlock | None:
    """The question's header block: 'SCHRIFTELIJKE VRAAG' (maybe with 'nr. 6' on the same line),
    'nr. 6', 'van NAME', 'datum: ...', 'aan NAME' and the addressee's office in capitals. None
    when the lines do not open with it."""
    if not lines or dialect.question_block is None:
        return None
    first = dialect.question_block.match(lines[0])
    if not first:
        return None
    number: int | None = int(first.group("number")) if first.groupdict().get("number") else None
    date = addressee = None
    asker: Person | None = None
    office: list[str] = []
    i = 1
    while i < len(lines):
        line = lines[i]
        if addressee is not None and _is_caps(line):
            office.append(line)
        elif dialect.block_number and (m := dialect.block_number.match(line)):
            number = int(m.group("number"))
        elif (
            dialect.block_date and (m := dialect.block_date.match(line)) and parse_dutch_date(m.group("date"))
        ):
            date = iso_date(m.group("date"))
        elif dialect.block_asker and (m := dialect.block_asker.match(line)):
            asker = person_of(m.group("asker"))
        elif dialect.block_addressee and (m := dialect.block_addressee.match(line)):
            addressee = collapse(m.group("addressee"))
        else:
            break
        i += 1
    minister = None
    if addressee:
        minister = Minister(
            name=display_name(addressee), raw=addressee, title=collapse(join_lines(office)) or None
        )
    return HeaderBlock(number, date, asker, minister, i)


def read_answer_heading(text: str, dialect: Dialect = FLEMISH) -> Reference | None:
    """'ANTWOORD op vraag nr. 6 van 30 september 2020 van KATRIEN PARTYKA' -> Reference."""
    if dialect.answer_heading is None:
        return None
    m = dialect.answer_heading.match(collapse(text))
    if not m:
        return None
    number = m.group("number")
    return Reference(
        number=int(number) if number else None,
        date=iso_date(m.group("date")),
        asker=person_of(m.group("asker")),
    )


_HEADING_LINE = regex.compile(r"^\s*(?:op\s|van\s|nr\.?\s*\d|\d{1,2}[\s./-])", regex.IGNORECASE)


def _heading_line(text: str) -> bool:
    """A line that may go on an answer heading: 'op vraag nr. 6 van ...', a date, or 'van NAME'
    (a short line without digits, not ending a sentence: not 'Van de 5402 inburgeraars ...')."""
    if not _HEADING_LINE.match(text):
        return False
    stripped = text.strip()
    if stripped[:1].isdigit():
        found = find_dutch_date(stripped)
        return found is not None and found[1] == 0
    if stripped.lower().startswith("van ") and not regex.match(r"(?i)^van\s+\d", stripped):
        tokens = stripped.split()
        return (
            len(tokens) <= MAX_NAME_WORDS
            and not regex.search(r"\d", stripped)
            and not CLAUSE_END.search(stripped)
        )
    return True


def split_answer_heading(blocks: list[Block], start: int, dialect: Dialect) -> tuple[str, list[Block]]:
    """The answer heading's lines (up to four, over one or more paragraphs) and the blocks after
    it; a paragraph that goes on after the heading is cut there. The heading ends with the
    asker's name."""
    assert dialect.answer_heading is not None
    lines: list[str] = []
    complete = False
    i = start
    while i < len(blocks):
        b = blocks[i]
        if not isinstance(b, Paragraph):
            break
        for k, line in enumerate(b.lines):
            candidate = " ".join([*lines, line.text])
            m = dialect.answer_heading.match(collapse(candidate))
            if not lines or (
                not complete and len(lines) < MAX_HEADING_LINES and _heading_line(line.text) and m
            ):
                lines.append(line.text)
                complete = bool(m and m.group("asker"))
                continue
            rest: list[Block] = [Paragraph(b.lines[k:])]
            return " ".join(lines), rest + blocks[i + 1 :]
        i += 1
    return " ".join(lines), blocks[i:]


_NAME_TOKEN = r"(?:[\p{Lu}][\p{L}'’\-]+|van|de|der|den|ter|ten|vanden|vander|d')"
_NAME_LIKE = regex.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,5}}$")


def minister_block(blocks: Sequence[Block], end: int) -> tuple[Minister | None, int, bool]:
    """The paragraphs right before the answer heading: the minister's name and office, in
    capitals; or, failing those, a name-like line followed by lines that name a 'minister'
    (returned with `guessed` True). Returns (minister, index of its first block, guessed)."""
    lines: list[str] = []
    i = end
    while i > 0:
        b = blocks[i - 1]
        if not isinstance(b, Paragraph) or not all(_is_caps(ln.text) for ln in b.lines):
            break
        lines[:0] = [ln.text for ln in b.lines]
        i -= 1
        if len(lines) >= MAX_MINISTER_LINES:
            break
    if lines:
        raw = collapse(lines[0])
        title = collapse(join_lines(lines[1:])) or None
        return Minister(name=display_name(raw), raw=raw, title=title), i, False
    # mixed case: 'Bart Somers' / 'Vlaams minister van ...'
    i = end
    while i > 0 and end - i < MAX_MINISTER_PARAGRAPHS:
        b = blocks[i - 1]
        if not isinstance(b, Paragraph) or len(b.lines) > MAX_MINISTER_PARAGRAPH_LINES:
            break
        lines[:0] = [ln.text for ln in b.lines]
        i -= 1
        first = collapse(lines[0])
        if (
            _NAME_LIKE.match(first)
            and not CLAUSE_END.search(first)
            and len(lines) > 1
            and any("minister" in ln.lower() for ln in lines[1:])
        ):
            title = collapse(join_lines(lines[1:])) or None
            return Minister(name=display_name(first), raw=first, title=title), i, True
    return None, end, False


_PARTY = regex.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")
_TOP_LEVEL_SEPARATOR = regex.compile(r",\s+|\s+en\s+")


def split_askers(phrase: str) -> list[str]:
    """'Mutluer (GroenLinks-PvdA) en Kostić (PvdD)' -> ['Mutluer', 'Kostić'];
    'Van Eijk en Aartsen (beiden VVD)' -> ['Van Eijk', 'Aartsen']. Party names in brackets go."""
    without_parties = _PARTY.sub(" ", collapse(phrase))
    return [collapse(p) for p in _TOP_LEVEL_SEPARATOR.split(without_parties) if collapse(p)]
