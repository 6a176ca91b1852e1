"""Stage 4, sections: paragraphs and table anchors -> the question part and the answer part.

Input: `Block`s in reading order (a `Paragraph` or a `TableAnchor`) and the `Dialect`.
Output: `Sections`: metadata from the question's header block and the answer's heading
(reconciled) or from the preamble, the title, intros, numbered items with the tables that
stand in them, the kind of document, and warnings. Two layouts (see `sections.dialect`):

* blocks: question part first (header block, title, intro, items), then the answer part,
  which opens with the minister, the office and the heading 'ANTWOORD op vraag nr. ...';
* interleaved: a preamble with the metadata, then 'Vraag N' / 'Antwoord N' sections.

Both split text into items with the same code (`sections.items.segment`). The warning codes
are `codes.WarningCode` (docs/warnings.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import Final, TypeVar

import attrs
import regex

from ..codes import WarningCode
from ..dutch.names import display_name
from ..dutch.text import collapse, hyphenated_words, join_lines, join_paragraphs
from ..layout.blocks import Block
from ..layout.paragraphs import Paragraph
from ..model import Annex, Answer, BodyParagraph, DocumentKind, Minister, Person, Question, Warning
from .body import body_paragraphs, is_annex_title, read_annex_title
from .dialect import FLEMISH, Dialect
from .header import (
    HeaderBlock,
    iso_date,
    minister_block,
    read_answer_heading,
    read_header_block,
    split_answer_heading,
    split_askers,
)
from .items import CLAUSE_END, LabelRule, Part, segment, to_items

T = TypeVar("T")
#: the question's header block is looked for in this many first paragraphs
HEADER_BLOCK_PARAGRAPHS: Final = 8
#: a document with neither question nor answer is an annex when it has at most this many text
#: paragraphs per table, plus `ANNEX_PARAGRAPHS`
ANNEX_PARAGRAPHS_PER_TABLE: Final = 3
ANNEX_PARAGRAPHS: Final = 2
#: without a header block, a first paragraph of at most this many lines not ending a sentence is
#: the title
SHORT_TITLE_LINES: Final = 2


@attrs.frozen
class Sections:
    kind: DocumentKind
    question: Question | None
    answer: Answer | None
    warnings: tuple[Warning, ...]
    #: running text outside every item: all of it for kinds 'annex' and 'unknown'
    body: tuple[BodyParagraph, ...] = ()
    #: what an annex says of itself (its title line)
    annex: Annex | None = None


def _split_at_answer(blocks: Sequence[Block], dialect: Dialect) -> tuple[list[Block], int | None]:
    """The blocks, with a paragraph cut where a line in it opens the answer; and the index of
    the block that opens the answer (None when there is none)."""
    if dialect.answer_start is None:
        return list(blocks), None
    out: list[Block] = []
    start: int | None = None
    for b in blocks:
        if start is None and isinstance(b, Paragraph):
            at = next((k for k, ln in enumerate(b.lines) if dialect.answer_start.match(ln.text)), None)
            if at is not None:
                if at > 0:
                    out.append(Paragraph(b.lines[:at]))
                start = len(out)
                out.append(Paragraph(b.lines[at:]))
                continue
        out.append(b)
    return out, start


def _hyphenated(blocks: Sequence[Block]) -> frozenset[str]:
    return hyphenated_words(ln.text for b in blocks if isinstance(b, Paragraph) for ln in b.lines)


def _read_blocks(blocks: Sequence[Block], n_tables: int, dialect: Dialect, marked: bool) -> Sections:
    warnings: list[Warning] = []
    hyphenated = _hyphenated(blocks)
    assert dialect.item_start is not None
    flow, start = _split_at_answer(blocks, dialect)
    answer: Answer | None = None
    question_blocks: Sequence[Block] = flow
    if start is not None:
        heading, body = split_answer_heading(flow, start, dialect)
        reference = read_answer_heading(heading, dialect)
        if reference is None:
            warnings.append(
                Warning(
                    WarningCode.ANSWER_HEADING_UNREAD, f"answer heading not understood: {heading[:120]!r}"
                )
            )
        minister, q_end, guessed = minister_block(flow, start)
        if guessed and minister is not None:
            warnings.append(
                Warning(
                    WarningCode.MINISTER_GUESS, f"minister read from lines not in capitals: {minister.raw!r}"
                )
            )
        parts = segment(body, [LabelRule("answer", dialect.item_start)], warnings, hyphenated)
        intro, items = parts[0], parts[1:]
        if not items and (intro.texts or intro.tables):
            items, intro = [Part("answer", None, intro.texts, intro.tables, intro.pages)], Part(None, None)
        answer = Answer(
            minister=minister,
            refers_to=reference,
            intro=join_paragraphs(intro.texts),
            items=to_items(items),
        )
        question_blocks = flow[:q_end]
    question, has_header = _read_question(question_blocks, answer, dialect, warnings, hyphenated)
    return _finish(question, answer, n_tables, blocks, warnings, has_header or marked)


def _finish(
    question: Question | None,
    answer: Answer | None,
    n_tables: int,
    blocks: Sequence[Block],
    warnings: list[Warning],
    question_marked: bool,
) -> Sections:
    """The kind of document; a question without an answer counts only when the genre's marks
    (`question_marked`: the header block, the preamble) were found."""
    kind = _kind(question, answer, n_tables, blocks, question_marked)
    if kind == "unknown":
        warnings.append(
            Warning(WarningCode.UNKNOWN_GENRE, "no question header block or answer heading was found")
        )
    body: tuple[BodyParagraph, ...] = ()
    annex: Annex | None = None
    if kind in ("annex", "unknown"):
        # no question and no answer: all the running text is the body, an annex's title says
        # which question it belongs to
        question = None
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        body = body_paragraphs((p.page, p.text) for p in paragraphs)
        if kind == "annex" and paragraphs and is_annex_title(paragraphs[0].text):
            annex = read_annex_title(paragraphs[0].text)
    return Sections(kind, question, answer, tuple(warnings), body, annex)


def read_sections(
    blocks: Sequence[Block], n_tables: int, dialect: Dialect = FLEMISH, *, marked: bool = False
) -> Sections:
    """The question part and the answer part of a document, with their metadata reconciled.

    `marked`: the blocks are known to hold a question (a part of a bulletin, under its question
    heading), so a question without an answer is kind 'question' even without a header block."""
    if dialect.layout == "interleaved":
        return _read_interleaved(blocks, n_tables, dialect)
    return _read_blocks(blocks, n_tables, dialect, marked)


def _kind(
    question: Question | None,
    answer: Answer | None,
    n_tables: int,
    blocks: Sequence[Block],
    question_marked: bool,
) -> DocumentKind:
    if answer is not None and question is not None:
        return "question_and_answer"
    if answer is not None:
        return "answer"
    if question is not None and question_marked:
        return "question"
    text_paragraphs = sum(isinstance(b, Paragraph) for b in blocks)
    if n_tables and text_paragraphs <= ANNEX_PARAGRAPHS_PER_TABLE * n_tables + ANNEX_PARAGRAPHS:
        return "annex"
    return "unknown"


def _title(rest: list[Block], header: bool, dialect: Dialect) -> tuple[str | None, list[Block]]:
    """The question's title: the first paragraph after the header block; without a header
    block, a first paragraph that is bold or short and does not end a sentence. A bold first
    line over lines in regular weight is the title alone."""
    first_index = next((k for k, b in enumerate(rest) if isinstance(b, Paragraph)), None)
    if first_index is None:
        return None, rest
    first = rest[first_index]
    assert isinstance(first, Paragraph)
    assert dialect.item_start is not None
    bold_head = 0
    while bold_head < len(first.lines) and first.lines[bold_head].bold:
        bold_head += 1
    if 0 < bold_head < len(first.lines):
        title = collapse(join_lines(ln.text for ln in first.lines[:bold_head]))
        remaining = Paragraph(first.lines[bold_head:])
        return title, [*rest[:first_index], remaining, *rest[first_index + 1 :]]
    text = collapse(first.text)
    short = len(first.lines) <= SHORT_TITLE_LINES and not CLAUSE_END.search(text)
    if header or first.bold or (short and not dialect.item_start.match(text)):
        return text, [*rest[:first_index], *rest[first_index + 1 :]]
    return None, rest


def _read_question(
    blocks: Sequence[Block],
    answer: Answer | None,
    dialect: Dialect,
    warnings: list[Warning],
    hyphenated: Collection[str] = (),
) -> tuple[Question | None, bool]:
    """The question part and whether it opened with the header block."""
    assert dialect.item_start is not None
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    header: HeaderBlock | None = None
    rest: list[Block] = list(blocks)
    if paragraphs:
        first_lines = [ln.text for p in paragraphs[:HEADER_BLOCK_PARAGRAPHS] for ln in p.lines]
        header = read_header_block(first_lines, dialect)
        if header is not None:
            rest = _drop_lines(blocks, header.lines_used)
    rest_paragraphs = [b for b in rest if isinstance(b, Paragraph)]
    if header is None and not rest_paragraphs:
        return None, False
    title, rest = _title(rest, header is not None, dialect)
    parts = segment(rest, [LabelRule("question", dialect.item_start)], warnings, hyphenated)
    intro, items = parts[0], parts[1:]
    if header is None and answer is not None and not items and not intro.texts:
        # a letterhead or reference line above the answer, not a question
        if title:
            message = f"text before the answer left out: {title!r}"  # whole: the accounting reads it
            warnings.append(Warning(WarningCode.TEXT_BEFORE_ANSWER, message))
        return None, False
    ref = answer.refers_to if answer else None
    number = _reconcile("number", header.number if header else None, ref.number if ref else None, warnings)
    date = _reconcile("date", header.date if header else None, ref.date if ref else None, warnings)
    asker = _reconcile_person(header.asker if header else None, ref.asker if ref else None, warnings)
    addressee = header.addressee if header and header.addressee else (answer.minister if answer else None)
    if (
        header
        and header.addressee
        and answer
        and answer.minister
        and header.addressee.raw != answer.minister.raw
    ):
        warnings.append(
            Warning(
                WarningCode.MINISTER_DIFFERS,
                f"question addressed to {header.addressee.raw}, answered by {answer.minister.raw}",
            )
        )
    session = dialect.session_for(datetime.date.fromisoformat(date)) if date else None
    question = Question(
        number=number,
        date=date,
        session=session,
        asker=asker,
        addressee=addressee,
        title=title,
        intro=join_paragraphs(intro.texts),
        items=to_items(items),
    )
    return question, header is not None


def _drop_lines(blocks: Sequence[Block], count: int) -> list[Block]:
    """Blocks with the first `count` text lines removed (the header block)."""
    out: list[Block] = []
    for b in blocks:
        if count > 0 and isinstance(b, Paragraph):
            if len(b.lines) <= count:
                count -= len(b.lines)
                continue
            b = Paragraph(b.lines[count:])
            count = 0
        out.append(b)
    return out


def _reconcile(field: str, a: T | None, b: T | None, warnings: list[Warning]) -> T | None:
    if a is not None and b is not None and a != b:
        warnings.append(
            Warning(WarningCode.METADATA_MISMATCH, f"{field}: header block says {a}, answer heading says {b}")
        )
    return a if a is not None else b


def _reconcile_person(a: Person | None, b: Person | None, warnings: list[Warning]) -> Person | None:
    if a is not None and b is not None and a.raw != b.raw:
        warnings.append(
            Warning(
                WarningCode.METADATA_MISMATCH,
                f"asker: header block says {a.raw}, answer heading says {b.raw}",
            )
        )
    return a if a is not None else b


def _read_interleaved(blocks: Sequence[Block], n_tables: int, dialect: Dialect) -> Sections:
    assert dialect.question_label is not None and dialect.answer_label is not None
    warnings: list[Warning] = []
    rules = [
        LabelRule("question", dialect.question_label, standalone=True),
        LabelRule("answer", dialect.answer_label, standalone=True),
    ]
    parts = segment(blocks, rules, warnings, _hyphenated(blocks))
    preamble, labelled = parts[0], parts[1:]
    joined = collapse(" ".join(preamble.texts))
    qm = dialect.question_preamble.search(joined) if dialect.question_preamble else None
    am = dialect.answer_preamble.search(joined) if dialect.answer_preamble else None
    q_parts = [p for p in labelled if p.side == "question"]
    a_parts = [p for p in labelled if p.side == "answer"]
    if labelled and qm is None:
        warnings.append(
            Warning(WarningCode.PREAMBLE_UNREAD, f"question preamble not understood: {joined[:160]!r}")
        )
    if a_parts and am is None:
        warnings.append(
            Warning(WarningCode.PREAMBLE_UNREAD, f"answer preamble not understood: {joined[:160]!r}")
        )

    answer: Answer | None = None
    if am is not None or a_parts:
        minister = None
        if am is not None:
            name = collapse(am.group("name"))
            title = f"{collapse(am.group('rank'))} ({collapse(am.group('office'))})"
            minister = Minister(name=display_name(name), raw=name, title=title)
        answer = Answer(
            minister=minister,
            refers_to=None,
            intro="",
            items=to_items(a_parts),
            date=iso_date(am.group("date")) if am is not None else None,
            cosigners=read_cosigners(am.group("rest"), dialect) if am is not None else (),
        )

    question: Question | None = None
    if qm is not None or q_parts:
        question = _interleaved_question(preamble.texts, joined, qm, q_parts, dialect, warnings)
    if preamble.tables and (question or answer):
        warnings.append(
            Warning(
                WarningCode.TABLE_OUTSIDE_ITEMS,
                f"tables {preamble.tables} stand in the preamble, not in an item",
            )
        )
    return _finish(question, answer, n_tables, blocks, warnings, qm is not None)


_SINGULAR_RANK = {"ministers": "Minister", "staatssecretarissen": "Staatssecretaris"}


def read_cosigners(text: str, dialect: Dialect) -> tuple[Minister, ...]:
    """Further signers of an answer, from what its preamble says between the first signer and the
    date: each named one in display form with rank and office as title; signing by office only
    ('mede namens de Minister van X', 'de Staatssecretarissen van A en van B') gives one Minister
    per office, named by rank and office as the question's addressee is."""
    out: list[Minister] = []
    if dialect.cosigner_named is not None:
        for m in dialect.cosigner_named.finditer(text):
            name = collapse(m.group("name"))
            title = f"{collapse(m.group('rank'))} ({collapse(m.group('office'))})"
            out.append(Minister(name=display_name(name), raw=name, title=title))
    by_office = dialect.cosigner_offices.search(text) if dialect.cosigner_offices is not None else None
    if by_office is not None:
        rank = collapse(by_office.group("rank"))
        rank = _SINGULAR_RANK.get(rank.lower(), rank)
        offices = collapse(by_office.group("offices")).rstrip(" ,.")
        pieces = dialect.office_split.split(offices) if dialect.office_split is not None else [offices]
        for piece in pieces:
            office = f"{rank} {piece.strip()}"
            out.append(Minister(name=office, raw=office, title=office))
    return tuple(out)


def _interleaved_question(
    texts: Sequence[str],
    joined: str,
    qm: regex.Match[str] | None,
    q_parts: Sequence[Part],
    dialect: Dialect,
    warnings: list[Warning],
) -> Question:
    number = None
    if dialect.document_number is not None:
        number = next(
            (int(m.group("number")) for t in texts if (m := dialect.document_number.match(t))), None
        )
    date = asker = addressee = title = None
    if qm is not None:
        date = iso_date(qm.group("date"))
        raw = collapse(qm.group("asker"))
        names = split_askers(raw)
        if names:
            asker = Person(name=display_name(names[0]), raw=raw)
        if len(names) > 1:
            listed = ", ".join(names)
            warnings.append(
                Warning(
                    WarningCode.SEVERAL_ASKERS, f"{len(names)} askers, the first is kept as asker: {listed}"
                )
            )
        office = collapse(qm.group("addressee"))
        addressee = Minister(name=office, raw=office, title=office)
        title = collapse(qm.group("title")) if qm.group("title") else None
    session = dialect.session_for(datetime.date.fromisoformat(date)) if date else None
    printed = dialect.printed_session.search(joined) if dialect.printed_session else None
    if printed is not None:
        printed_session = f"{printed.group('start')}-{printed.group('end')}"
        if session is not None and session != printed_session:
            warnings.append(
                Warning(
                    WarningCode.SESSION_MISMATCH,
                    f"printed {printed_session}, the date {date} falls in {session}",
                )
            )
        session = printed_session
    return Question(
        number=number,
        date=date,
        session=session,
        asker=asker,
        addressee=addressee,
        title=title,
        intro="",
        items=to_items(q_parts),
    )
