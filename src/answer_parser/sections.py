"""Stage 4, sections: paragraphs and table anchors -> the question part and the answer part.

Input: `Block`s in reading order (a `layout.Paragraph` or a `TableAnchor`) and the `Dialect`.
Output: `Sections`: metadata from the question's header block and the answer's heading
(reconciled) or from the preamble, the title, intros, numbered items with the tables that stand
in them, and warnings. Two layouts (see `dialect`):

* blocks: question part first (header block, title, intro, items), then the answer part, which
  opens with the minister, the office and the heading 'ANTWOORD op vraag nr. ...';
* interleaved: a preamble with the metadata, then 'Vraag N' / 'Antwoord N' sections.

Both split text into items with the same code (`segment`), driven by `LabelRule`s built from
the dialect's patterns. The warning codes are listed in docs/sections.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from itertools import pairwise
from typing import TypeVar

import attrs
import regex

from .dates import find_dutch_date, parse_dutch_date
from .dialect import FLEMISH, TOTAL_LABEL, Dialect
from .layout import Line, Paragraph, body_size
from .model import Answer, Item, Minister, Person, Question, Reference, Warning
from .names import display_name
from .text import collapse, hyphenated_words, join_lines, join_paragraphs, join_text_lines

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
    """Take caption paragraphs ('Tabel 3: ...') above or below a table, and notes right under it
    ('Bron: ...', '* voorlopige cijfers', '(1) ...', or any paragraph set smaller than the body
    text), out of the flow and onto the table. A paragraph of notes is split where a line opens
    the next note."""
    numbers: dict[int, int] = {}
    texts: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    taken: set[int] = set()
    small = 0.92 * body_size(ln for b in blocks if isinstance(b, Paragraph) for ln in b.lines)
    for i, block in enumerate(blocks):
        if not isinstance(block, TableAnchor):
            continue
        # tables side by side stand one after the other in the flow: one line may hold the
        # captions of all of them, above or below
        first, last = i, i
        while first > 0 and isinstance(blocks[first - 1], TableAnchor):
            first -= 1
        while last + 1 < len(blocks) and isinstance(blocks[last + 1], TableAnchor):
            last += 1
        run = [b.index for b in blocks[first : last + 1] if isinstance(b, TableAnchor)]
        above = blocks[i - 1] if i > 0 and len(run) == 1 else None
        if (
            isinstance(above, Paragraph)
            and i - 1 not in taken
            and not dialect.caption.match(above.text)
            and not dialect.table_note.match(above.lines[0].text)
            and all(ln.size < small for ln in above.lines)
            and _looks_like_title(above)
        ):
            texts[block.index] = collapse(above.text)  # an unnumbered title in small print
            taken.add(i - 1)
        if block.index not in numbers and block.index not in texts:
            for j in (first - 1, last + 1) if len(run) > 1 else (i - 1, i + 1):
                cand = blocks[j] if 0 <= j < len(blocks) else None
                if isinstance(cand, Paragraph) and j not in taken and dialect.caption.match(cand.text):
                    pieces = _caption_pieces(cand.text, dialect) if len(run) > 1 else [cand.text]
                    for index, piece in zip(run if len(run) > 1 else [block.index], pieces, strict=False):
                        m = dialect.caption.match(piece)
                        if m:
                            numbers[index] = int(m.group("num"))
                            texts[index] = collapse(m.group("text")) or ""
                    taken.add(j)
                    break
        k = i + 1
        while k < len(blocks):
            cand = blocks[k]
            if k in taken:
                k += 1
                continue
            if not isinstance(cand, Paragraph) or dialect.caption.match(cand.text):
                break
            marked = bool(dialect.table_note.match(cand.lines[0].text))
            if not marked and not all(ln.size < small for ln in cand.lines):
                break
            if not marked and k + 1 < len(blocks) and isinstance(blocks[k + 1], TableAnchor):
                break  # small print right above the next table is that table's title
            notes.setdefault(block.index, []).extend(_split_notes(cand, dialect))
            taken.add(k)
            k += 1
    kept = [b for i, b in enumerate(blocks) if i not in taken]
    return kept, Captions(numbers, texts, {k: tuple(v) for k, v in notes.items()})


def _looks_like_title(paragraph: Paragraph) -> bool:
    """A table's unnumbered title in small print: one or two lines of words (not numbers, not
    header fragments), opening in bold with a capital."""
    text = paragraph.text
    first = paragraph.lines[0].words[0] if paragraph.lines[0].words else None
    letters = sum(c.isalpha() for c in text)
    visible = sum(not c.isspace() for c in text)
    return (
        first is not None
        and first.bold
        and text[:1].isupper()
        and len(paragraph.lines) <= 2
        and len(text.split()) >= 3
        and letters >= 0.7 * visible
        and not TOTAL_LABEL.match(text)
        and not any(  # words standing apart like the cells of a header row
            b.x0 - a.x1 > a.size for ln in paragraph.lines for a, b in pairwise(ln.words)
        )
    )


def _caption_pieces(text: str, dialect: Dialect) -> list[str]:
    """'Tabel 1: Vlaams Gewest Tabel 2: Brussels ...' -> one caption per table."""
    words = [m.start() for m in regex.finditer(r"(?<!\S)\S", text)]
    starts = [p for p in words if dialect.caption.match(text[p:])]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _split_notes(paragraph: Paragraph, dialect: Dialect) -> list[str]:
    """A paragraph of notes, split at every line that opens a note ('Bron:', '*', '(1)')."""
    runs: list[list[str]] = []
    for ln in paragraph.lines:
        if not runs or dialect.table_note.match(ln.text):
            runs.append([ln.text])
        else:
            runs[-1].append(ln.text)
    return [text for run in runs if (text := join_lines(run))]


# -- metadata -------------------------------------------------------------------------------------


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    d = parse_dutch_date(collapse(text))
    return d.isoformat() if d else None


_HONORIFIC = regex.compile(
    r"^(?:mevrouw|mevr\.|de\s+heer|dhr\.|meneer|volksvertegenwoordiger)\s+", regex.IGNORECASE
)


def _person(raw: str | None) -> Person | None:
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
            date = _iso(m.group("date"))
        elif dialect.block_asker and (m := dialect.block_asker.match(line)):
            asker = _person(m.group("asker"))
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
        date=_iso(m.group("date")),
        asker=_person(m.group("asker")),
    )


# -- items ----------------------------------------------------------------------------------------


@attrs.frozen
class LabelRule:
    """Lines matching `pattern` (group `num`, optional group `rest`) open an item of `side`.

    A `standalone` label is a line of its own ('Vraag 3, 4 en 5'): any number is taken (a jump
    is warned about). Otherwise ('1. Kan de minister ...') a number is taken only where it
    plausibly follows the previous item, so that '... zoals gezegd in' / '1. is ...' does not
    open an item."""

    side: str
    pattern: regex.Pattern[str]
    standalone: bool = False


@attrs.define
class _Part:
    """A run of text under one label: paragraphs (as texts) and table anchors."""

    side: str | None
    number: str | None
    texts: list[str] = attrs.Factory(list)
    tables: list[int] = attrs.Factory(list)


@attrs.define
class _Count:
    last: int | None = None
    letter: str | None = None
    #: how the last label was printed (`_label_style`): after labels with words ('Ad 1',
    #: 'Vraag 1') a bare number ('3.') is a sub-list entry, not the next item
    style: str | None = None


_RANGE = regex.compile(r"(\d+)\s*(?:tot\s+en\s+met|t\.?\s?e\.?\s?m\.?|t/m|[-–])\s*(\d+)", regex.IGNORECASE)
_CLAUSE_END = regex.compile(r"[.?!:;][\"'’”»)\]]*$")


def _label_numbers(label: str) -> list[int]:
    """'3, 4 en 5' -> [3, 4, 5]; '3 tot en met 5' and '3-5' -> [3, 4, 5]."""

    def expand(m: regex.Match[str]) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        return " ".join(str(n) for n in range(a, b + 1)) if a < b <= a + 20 else m.group(0)

    return [int(p) for p in regex.findall(r"\d+", _RANGE.sub(expand, label))]


def normal_label(label: str) -> str:
    """The label as stored: '1', 'a', '2 en 3', '3, 4 en 5' (Dutch list form)."""
    label = collapse(label)
    if label.isalpha():
        return label.lower()
    nums = _label_numbers(label)
    if not nums:
        return label
    if len(nums) == 1:
        return str(nums[0])
    return ", ".join(str(n) for n in nums[:-1]) + " en " + str(nums[-1])


def _accepts(label: str, count: _Count, standalone: bool) -> bool:
    """Is `label` a plausible next label? Lettered labels ('a)') count only where no numbered
    item came before, in order from 'a'."""
    label = collapse(label)
    if label.isalpha():
        if count.last is not None or len(label) != 1:
            return False
        expected = "a" if count.letter is None else chr(ord(count.letter) + 1)
        return standalone or label.lower() == expected
    nums = _label_numbers(label)
    if not nums:
        return False
    if standalone:
        return True
    if count.last is None:
        return nums[0] in (1, 2)
    return count.last < nums[0] <= count.last + 3


def _match_label(
    text: str, rules: Sequence[LabelRule], counts: dict[str, _Count], opens: bool
) -> tuple[LabelRule, str | None, str] | None:
    """The rule, label and rest of text when `text` opens an item. Only a standalone label (a
    whole line) may stand where the line before did not end a clause (`opens`)."""
    for rule in rules:
        if not (opens or rule.standalone):
            continue
        m = rule.pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        rest = groups.get("rest") or ""
        num = groups.get("num")
        if num is None:
            if rule.standalone:
                return rule, None, rest
            continue
        count = counts[rule.side]
        style = _label_style(m)
        if count.style in _WORD_STYLES and style not in _WORD_STYLES and not rule.standalone:
            continue  # 'Ad 2.' items: a sub-list '1.', '2.', '3.' inside them opens none
        if _accepts(num, count, rule.standalone):
            count.style = style
            return rule, normal_label(num), rest
    return None


_WORD_STYLES = ("ad", "vraag")


def _label_style(m: regex.Match[str]) -> str:
    """How a label is printed: 'ad' ('Ad 1'), 'vraag' ('Vraag 1', 'Antwoord op vraag 1',
    'Antwoord op de vragen 2 en 3', 'Antwoord 1'), or for a bare number or letter its closing
    '.' or ')'."""
    words = m.string[m.start() : m.start("num")].lower().split()
    if words:
        return "ad" if words == ["ad"] else "vraag"
    after = m.string[m.end("num") :].lstrip()
    return after[:1] if after[:1] in (".", ")") else ""


def _flush(part: _Part, texts: list[str], xs: list[float], hyphenated: Collection[str]) -> None:
    text = join_text_lines(texts, xs, hyphenated)
    if text:
        part.texts.append(text)
    texts.clear()
    xs.clear()


def segment(
    blocks: Sequence[Block],
    rules: Sequence[LabelRule],
    warnings: list[Warning] | None = None,
    hyphenated: Collection[str] = (),
) -> list[_Part]:
    """Blocks -> parts: the unlabelled text before the first label (side None), then one part
    per label. A label opens a part at the start of a paragraph or of a line after a line that
    ended a clause. Tables go to the part they stand in. `hyphenated` (the document's words with
    a hyphen, `text.hyphenated_words`) settles line-end hyphens."""
    parts = [_Part(None, None)]
    counts = {rule.side: _Count() for rule in rules}
    for block in blocks:
        if isinstance(block, TableAnchor):
            parts[-1].tables.append(block.index)
            continue
        texts: list[str] = []
        xs: list[float] = []
        previous: str | None = None
        for line in block.lines:
            opens = previous is None or bool(_CLAUSE_END.search(previous))
            hit = _match_label(line.text, rules, counts, opens)
            if hit is None:
                texts.append(line.text)
                xs.append(line.x0)
            else:
                rule, number, rest = hit
                _flush(parts[-1], texts, xs, hyphenated)
                parts.append(_Part(rule.side, number))
                _count(counts[rule.side], number, rule, line, warnings)
                if rest:
                    texts.append(rest)
                    xs.append(line.x0)
            previous = line.text
        _flush(parts[-1], texts, xs, hyphenated)
    return parts


def _count(
    count: _Count, number: str | None, rule: LabelRule, line: Line, warnings: list[Warning] | None
) -> None:
    if number is None:
        return
    if number.isalpha():
        count.letter = number
        return
    nums = _label_numbers(number)
    if warnings is not None and rule.standalone and nums[0] != (count.last or 0) + 1:
        warnings.append(
            Warning(
                "item_number_jump",
                f"{rule.side} {number} follows {count.last if count.last is not None else 'nothing'}",
                page=line.page,
            )
        )
    count.last = nums[-1]


def _items(parts: Sequence[_Part]) -> tuple[Item, ...]:
    return tuple(Item(number=p.number, text=join_paragraphs(p.texts), tables=tuple(p.tables)) for p in parts)


# -- blocks layout: question part, then answer part --------------------------------------------------


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
        return len(tokens) <= 7 and not regex.search(r"\d", stripped) and not _CLAUSE_END.search(stripped)
    return True


def _heading(blocks: list[Block], start: int, dialect: Dialect) -> tuple[str, list[Block]]:
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
            if not lines or (not complete and len(lines) < 4 and _heading_line(line.text) and m):
                lines.append(line.text)
                complete = bool(m and m.group("asker"))
                continue
            rest: list[Block] = [Paragraph(b.lines[k:])]
            return " ".join(lines), rest + blocks[i + 1 :]
        i += 1
    return " ".join(lines), blocks[i:]


_NAME_TOKEN = r"(?:[\p{Lu}][\p{L}'’\-]+|van|de|der|den|ter|ten|vanden|vander|d')"
_NAME_LIKE = regex.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,5}}$")


def _minister_block(blocks: Sequence[Block], end: int) -> tuple[Minister | None, int, bool]:
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
        if len(lines) >= 8:
            break
    if lines:
        raw = collapse(lines[0])
        title = collapse(join_lines(lines[1:])) or None
        return Minister(name=display_name(raw), raw=raw, title=title), i, False
    # mixed case: 'Bart Somers' / 'Vlaams minister van ...'
    i = end
    while i > 0 and end - i < 3:
        b = blocks[i - 1]
        if not isinstance(b, Paragraph) or len(b.lines) > 4:
            break
        lines[:0] = [ln.text for ln in b.lines]
        i -= 1
        first = collapse(lines[0])
        if (
            _NAME_LIKE.match(first)
            and not _CLAUSE_END.search(first)
            and len(lines) > 1
            and any("minister" in ln.lower() for ln in lines[1:])
        ):
            title = collapse(join_lines(lines[1:])) or None
            return Minister(name=display_name(first), raw=first, title=title), i, True
    return None, end, False


def _hyphenated(blocks: Sequence[Block]) -> frozenset[str]:
    return hyphenated_words(ln.text for b in blocks if isinstance(b, Paragraph) for ln in b.lines)


def _read_blocks(blocks: Sequence[Block], n_tables: int, dialect: Dialect) -> Sections:
    warnings: list[Warning] = []
    hyphenated = _hyphenated(blocks)
    assert dialect.item_start is not None
    flow, start = _split_at_answer(blocks, dialect)
    answer: Answer | None = None
    question_blocks: Sequence[Block] = flow
    if start is not None:
        heading, body = _heading(flow, start, dialect)
        reference = read_answer_heading(heading, dialect)
        if reference is None:
            warnings.append(
                Warning("answer_heading_unread", f"answer heading not understood: {heading[:120]!r}")
            )
        minister, q_end, guessed = _minister_block(flow, start)
        if guessed and minister is not None:
            warnings.append(
                Warning("minister_guess", f"minister read from lines not in capitals: {minister.raw!r}")
            )
        parts = segment(body, [LabelRule("answer", dialect.item_start)], warnings, hyphenated)
        intro, items = parts[0], parts[1:]
        if not items and (intro.texts or intro.tables):
            items, intro = [_Part("answer", None, intro.texts, intro.tables)], _Part(None, None)
        answer = Answer(
            minister=minister,
            refers_to=reference,
            intro=join_paragraphs(intro.texts),
            items=_items(items),
        )
        question_blocks = flow[:q_end]
    question, has_header = _read_question(question_blocks, answer, dialect, warnings, hyphenated)
    return _finish(question, answer, n_tables, blocks, warnings, has_header)


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
        warnings.append(Warning("unknown_genre", "no question header block or answer heading was found"))
    if kind in ("annex", "unknown"):
        question = None
    return Sections(kind=kind, question=question, answer=answer, warnings=tuple(warnings))


def read_sections(blocks: Sequence[Block], n_tables: int, dialect: Dialect = FLEMISH) -> Sections:
    """The question part and the answer part of a document, with their metadata reconciled."""
    if dialect.layout == "interleaved":
        return _read_interleaved(blocks, n_tables, dialect)
    return _read_blocks(blocks, n_tables, dialect)


def _kind(
    question: Question | None,
    answer: Answer | None,
    n_tables: int,
    blocks: Sequence[Block],
    question_marked: bool,
) -> str:
    if answer is not None and question is not None:
        return "question_and_answer"
    if answer is not None:
        return "answer"
    if question is not None and question_marked:
        return "question"
    text_paragraphs = sum(isinstance(b, Paragraph) for b in blocks)
    if n_tables and text_paragraphs <= 3 * n_tables + 2:
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
    short = len(first.lines) <= 2 and not _CLAUSE_END.search(text)
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
        first_lines = [ln.text for p in paragraphs[:8] for ln in p.lines]
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
            message = f"text before the answer left out: {title[:120]!r}"
            warnings.append(Warning("text_before_answer", message))
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
                "minister_differs",
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
        items=_items(items),
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
            Warning("metadata_mismatch", f"{field}: header block says {a}, answer heading says {b}")
        )
    return a if a is not None else b


def _reconcile_person(a: Person | None, b: Person | None, warnings: list[Warning]) -> Person | None:
    if a is not None and b is not None and a.raw != b.raw:
        warnings.append(
            Warning("metadata_mismatch", f"asker: header block says {a.raw}, answer heading says {b.raw}")
        )
    return a if a is not None else b


# -- interleaved layout: preamble, then 'Vraag N' / 'Antwoord N' ------------------------------------

_PARTY = regex.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")
_TOP_LEVEL_SEPARATOR = regex.compile(r",\s+|\s+en\s+")


def split_askers(phrase: str) -> list[str]:
    """'Mutluer (GroenLinks-PvdA) en Kostić (PvdD)' -> ['Mutluer', 'Kostić'];
    'Van Eijk en Aartsen (beiden VVD)' -> ['Van Eijk', 'Aartsen']. Party names in brackets go."""
    without_parties = _PARTY.sub(" ", collapse(phrase))
    return [collapse(p) for p in _TOP_LEVEL_SEPARATOR.split(without_parties) if collapse(p)]


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
        warnings.append(Warning("preamble_unread", f"question preamble not understood: {joined[:160]!r}"))
    if a_parts and am is None:
        warnings.append(Warning("preamble_unread", f"answer preamble not understood: {joined[:160]!r}"))

    answer: Answer | None = None
    if am is not None or a_parts:
        minister = None
        if am is not None:
            name = collapse(am.group("name"))
            title = f"{collapse(am.group('rank'))} ({collapse(am.group('office'))})"
            minister = Minister(name=display_name(name), raw=name, title=title)
        answer = Answer(minister=minister, refers_to=None, intro="", items=_items(a_parts))

    question: Question | None = None
    if qm is not None or q_parts:
        question = _interleaved_question(preamble.texts, joined, qm, q_parts, dialect, warnings)
    if preamble.tables and (question or answer):
        warnings.append(
            Warning("table_outside_items", f"tables {preamble.tables} stand in the preamble, not in an item")
        )
    return _finish(question, answer, n_tables, blocks, warnings, qm is not None)


def _interleaved_question(
    texts: Sequence[str],
    joined: str,
    qm: regex.Match[str] | None,
    q_parts: Sequence[_Part],
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
        date = _iso(qm.group("date"))
        raw = collapse(qm.group("asker"))
        names = split_askers(raw)
        if names:
            asker = Person(name=display_name(names[0]), raw=raw)
        if len(names) > 1:
            listed = ", ".join(names)
            warnings.append(
                Warning("several_askers", f"{len(names)} askers, the first is kept as asker: {listed}")
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
                Warning("session_mismatch", f"printed {printed_session}, the date {date} falls in {session}")
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
        items=_items(q_parts),
    )
