"""Stage 4, sections: paragraphs and table anchors -> the question part and the answer part.

Input: `Block`s in reading order (a `layout.Paragraph` or a `TableAnchor`). Output: `Sections`:
metadata from the question's header block and the answer's heading (reconciled), the title,
intros, numbered items with the tables that stand in them, and warnings.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypeVar

import attrs

from .dates import parse_dutch_date, session_for
from .dialect import FLEMISH, Dialect
from .layout import Paragraph
from .model import Answer, Item, Minister, Person, Question, Reference, Warning
from .names import display_name
from .text import collapse, join_lines, join_paragraphs

T = TypeVar("T")


@attrs.frozen
class TableAnchor:
    """Where a table stands in the text flow."""

    index: int
    page: int
    top: float


Block = Paragraph | TableAnchor


@attrs.frozen
class Captions:
    """Captions and notes found around tables, by table index."""

    numbers: dict[int, int]
    texts: dict[int, str]
    notes: dict[int, tuple[str, ...]]


@attrs.frozen
class Sections:
    kind: str
    question: Question | None
    answer: Answer | None
    warnings: tuple[Warning, ...]


# -- captions -------------------------------------------------------------------------------------


def attach_captions(blocks: Sequence[Block], dialect: Dialect = FLEMISH) -> tuple[list[Block], Captions]:
    """Take caption paragraphs ('Tabel 3: ...') above or below a table, and notes ('Bron: ...')
    right under it, out of the flow and onto the table."""
    numbers: dict[int, int] = {}
    texts: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        if not isinstance(block, TableAnchor):
            continue
        before = blocks[i - 1] if i > 0 else None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        for j, cand in ((i - 1, before), (i + 1, after)):
            if isinstance(cand, Paragraph) and j not in taken:
                m = dialect.caption.match(cand.text)
                if m:
                    numbers[block.index] = int(m.group("num"))
                    texts[block.index] = collapse(m.group("text")) or ""
                    taken.add(j)
                    break
        k = i + 1
        while k < len(blocks):
            cand = blocks[k]
            if not isinstance(cand, Paragraph) or k in taken:
                if k in taken:
                    k += 1
                    continue
                break
            if dialect.table_note.match(cand.text):
                notes.setdefault(block.index, []).append(cand.text)
                taken.add(k)
                k += 1
                continue
            break
    kept = [b for i, b in enumerate(blocks) if i not in taken]
    return kept, Captions(numbers, texts, {k: tuple(v) for k, v in notes.items()})


# -- metadata -------------------------------------------------------------------------------------


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    d = parse_dutch_date(text)
    return d.isoformat() if d else None


def _person(raw: str | None) -> Person | None:
    if not raw:
        return None
    raw = collapse(raw)
    return Person(name=display_name(raw), raw=raw)


@attrs.frozen
class HeaderBlock:
    number: int | None
    date: str | None
    asker: Person | None
    addressee: Minister | None
    lines_used: int


def read_header_block(lines: Sequence[str], dialect: Dialect = FLEMISH) -> HeaderBlock | None:
    """The question's header block: 'SCHRIFTELIJKE VRAAG', 'nr. 6', 'van NAME', 'datum: ...',
    'aan NAME' and the addressee's office in capitals. None when the lines do not open with it."""
    if not lines or not dialect.question_block.match(lines[0]):
        return None
    number = date = asker = addressee = None
    office: list[str] = []
    i = 1
    while i < len(lines):
        line = lines[i]
        if addressee is not None and _is_caps(line):
            office.append(line)
        elif m := dialect.block_number.match(line):
            number = int(m.group("number"))
        elif (m := dialect.block_date.match(line)) and parse_dutch_date(m.group("date")):
            date = _iso(m.group("date"))
        elif m := dialect.block_asker.match(line):
            asker = _person(m.group("asker"))
        elif m := dialect.block_addressee.match(line):
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
    m = dialect.answer_heading.match(collapse(text))
    if not m:
        return None
    number = m.group("number")
    return Reference(
        number=int(number) if number else None,
        date=_iso(m.group("date")),
        asker=_person(m.group("asker")),
    )


# -- items ----------------------------------------------------------------------------------------


@attrs.frozen
class _Part:
    """A run of text under one heading: paragraphs (as texts) and table anchors."""

    number: str | None
    texts: tuple[str, ...]
    tables: tuple[int, ...]


def _label_numbers(label: str) -> list[int]:
    return [int(p) for p in label.replace(",", " ").replace("&", " ").split() if p.isdigit()]


def _accepts(label: str, last: int | None) -> bool:
    """Is `label` the plausible next number after `last`? Guards against '... in 1. is ...'.
    Lettered labels ('a)') count only where no numbered item came before."""
    if label.isalpha():
        return last is None
    nums = _label_numbers(label)
    if not nums:
        return False
    if last is None:
        return nums[0] in (1, 2)
    return last < nums[0] <= last + 3


def _normal_label(label: str) -> str:
    label = collapse(label)
    nums = _label_numbers(label)
    if len(nums) > 1:
        return " en ".join(str(n) for n in nums)
    return label


def _split_paragraph(p: Paragraph, dialect: Dialect, last: int | None) -> list[tuple[str | None, list[str]]]:
    """Split one paragraph where a line opens the next item after a line that ended a sentence.

    Returns (label or None, lines) runs; the first run has no label unless the paragraph opens one.
    """
    runs: list[tuple[str | None, list[str]]] = [(None, [])]
    prev_text = ""
    for idx, line in enumerate(p.lines):
        text = line.text
        m = dialect.item_start.match(text)
        opens = idx == 0 or prev_text.rstrip().endswith((".", "?", "!", ":", ";"))
        if m and opens and _accepts(m.group("num"), last):
            label = _normal_label(m.group("num"))
            runs.append((label, [m.group("rest")]))
            nums = _label_numbers(label)
            last = nums[-1] if nums else last
        else:
            runs[-1][1].append(text)
        prev_text = text
    return [r for r in runs if r[0] is not None or r[1]]


def split_items(blocks: Sequence[Block], dialect: Dialect = FLEMISH) -> tuple[_Part, list[_Part]]:
    """Blocks -> (intro, numbered items). Tables go to the part they stand in."""
    intro = _Part(None, (), ())
    items: list[_Part] = []
    last: int | None = None
    current_texts: list[str] = []
    current_tables: list[int] = []
    current_label: str | None = None
    started = False

    def close() -> None:
        nonlocal intro
        part = _Part(current_label, tuple(current_texts), tuple(current_tables))
        if started:
            items.append(part)
        else:
            intro = part

    for block in blocks:
        if isinstance(block, TableAnchor):
            current_tables.append(block.index)
            continue
        for label, lines in _split_paragraph(block, dialect, last):
            if label is not None:
                close()
                started = True
                current_label, current_texts, current_tables = label, [], []
                nums = _label_numbers(label)
                if nums:
                    last = nums[-1]
            text = join_lines(lines)
            if text:
                current_texts.append(text)
    close()
    return intro, items


def _items(parts: Sequence[_Part]) -> tuple[Item, ...]:
    return tuple(Item(number=p.number, text=join_paragraphs(p.texts), tables=p.tables) for p in parts)


# -- the two parts --------------------------------------------------------------------------------


def _answer_start(blocks: Sequence[Block], dialect: Dialect) -> int | None:
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and dialect.answer_start.match(b.lines[0].text):
            return i
    return None


def _heading_text(blocks: Sequence[Block], start: int) -> tuple[str, int]:
    """The answer heading may be one paragraph or up to three; returns its text and the index after it."""
    texts: list[str] = []
    i = start
    while i < len(blocks) and i < start + 3:
        b = blocks[i]
        if not isinstance(b, Paragraph):
            break
        texts.append(" ".join(line.text for line in b.lines))
        i += 1
        joined = " ".join(texts)
        if FLEMISH.answer_heading.match(collapse(joined)) and " van " in joined.split(" vraag ", 1)[-1]:
            break
    return " ".join(texts), i


def _minister_block(blocks: Sequence[Block], end: int) -> tuple[Minister | None, int]:
    """Capitalised paragraphs right before the answer heading: the minister's name and office."""
    lines: list[str] = []
    i = end
    while i > 0:
        b = blocks[i - 1]
        if not isinstance(b, Paragraph) or not all(_is_caps(ln.text) for ln in b.lines):
            break
        lines[:0] = [ln.text for ln in b.lines]
        i -= 1
        if len(lines) >= 8:
            break
    if not lines:
        return None, end
    raw = collapse(lines[0])
    title = collapse(join_lines(lines[1:])) or None
    return Minister(name=display_name(raw), raw=raw, title=title), i


def read_sections(blocks: Sequence[Block], n_tables: int, dialect: Dialect = FLEMISH) -> Sections:
    """The question part and the answer part of a document, with their metadata reconciled."""
    warnings: list[Warning] = []
    start = _answer_start(blocks, dialect)
    answer: Answer | None = None
    question_blocks: Sequence[Block] = blocks
    if start is not None:
        heading, after = _heading_text(blocks, start)
        reference = read_answer_heading(heading, dialect)
        if reference is None:
            warnings.append(
                Warning("answer_heading_unread", f"answer heading not understood: {heading[:120]!r}")
            )
        minister, q_end = _minister_block(blocks, start)
        intro, parts = split_items(blocks[after:], dialect)
        if not parts and (intro.texts or intro.tables):
            parts, intro = [attrs.evolve(intro, number=None)], _Part(None, (), ())
        answer = Answer(
            minister=minister,
            refers_to=reference,
            intro=join_paragraphs(intro.texts),
            items=_items(parts),
        )
        question_blocks = blocks[:q_end]
    question = _read_question(question_blocks, answer, dialect, warnings)
    kind = _kind(question, answer, n_tables, blocks)
    if kind == "unknown":
        warnings.append(Warning("unknown_genre", "no question header block or answer heading was found"))
    if kind in ("annex", "unknown"):
        question = None
    return Sections(kind=kind, question=question, answer=answer, warnings=tuple(warnings))


def _kind(question: Question | None, answer: Answer | None, n_tables: int, blocks: Sequence[Block]) -> str:
    if answer is not None and question is not None:
        return "question_and_answer"
    if answer is not None:
        return "answer"
    if question is not None and (question.number is not None or question.items):
        return "question"
    text_paragraphs = sum(isinstance(b, Paragraph) for b in blocks)
    if n_tables and text_paragraphs <= 3 * n_tables + 2:
        return "annex"
    return "unknown"


def _read_question(
    blocks: Sequence[Block], answer: Answer | None, dialect: Dialect, warnings: list[Warning]
) -> Question | None:
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    header: HeaderBlock | None = None
    rest: list[Block] = list(blocks)
    if paragraphs:
        first_lines = [ln.text for p in paragraphs[:8] for ln in p.lines]
        header = read_header_block(first_lines, dialect)
        if header is not None:
            rest = _drop_lines(blocks, header.lines_used)
    rest_paragraphs = [b for b in rest if isinstance(b, Paragraph)]
    if header is None and not rest_paragraphs:
        return None
    title: str | None = None
    if rest_paragraphs:
        first = rest_paragraphs[0]
        if not dialect.item_start.match(first.text) or header is not None:
            title = collapse(first.text)
            rest = rest[rest.index(first) + 1 :]
    intro, parts = split_items(rest, dialect)
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
                "minister_differs",
                f"question addressed to {header.addressee.raw}, answered by {answer.minister.raw}",
            )
        )
    session = session_for(datetime.date.fromisoformat(date)) if date else None
    return Question(
        number=number,
        date=date,
        session=session,
        asker=asker,
        addressee=addressee,
        title=title,
        intro=join_paragraphs(intro.texts),
        items=_items(parts),
    )


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
            Warning("metadata_mismatch", f"{field}: header block says {a}, answer heading says {b}")
        )
    return a if a is not None else b


def _reconcile_person(a: Person | None, b: Person | None, warnings: list[Warning]) -> Person | None:
    if a is not None and b is not None and a.raw != b.raw:
        warnings.append(
            Warning("metadata_mismatch", f"asker: header block says {a.raw}, answer heading says {b.raw}")
        )
    return a if a is not None else b
