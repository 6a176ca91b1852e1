"""Captions and notes: the paragraphs around each table that caption it ('Tabel 3: ...', an
unnumbered bold title in small print) or annotate it ('Bron: ...', '(1) ...', small print
under it), taken out of the flow and onto the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import attrs
import regex

from ..dutch.text import collapse, join_lines, opens_with_bullet
from ..layout.blocks import Block, TableAnchor
from ..layout.lines import small_print_limit
from ..layout.paragraphs import Paragraph
from ..layout.settings import DEFAULT_LAYOUT_SETTINGS, LayoutSettings
from .dialect import FLEMISH, Dialect
from .settings import DEFAULT_SECTION_SETTINGS, SectionSettings

#: an unnumbered table title runs over this many lines at most
MAX_TITLE_LINES: Final = 2
#: an unnumbered table title has at least this many words
MIN_TITLE_WORDS: Final = 3


@attrs.frozen
class Captions:
    """Captions and notes found around tables, by table index."""

    numbers: dict[int, int]
    texts: dict[int, str]
    notes: dict[int, tuple[str, ...]]
    #: the printed number where it is not a plain integer ('2-1', '3.4')
    labels: dict[int, str] = attrs.field(factory=dict)


def attach_captions(
    blocks: Sequence[Block],
    dialect: Dialect = FLEMISH,
    settings: SectionSettings = DEFAULT_SECTION_SETTINGS,
    layout: LayoutSettings = DEFAULT_LAYOUT_SETTINGS,
) -> tuple[list[Block], Captions]:
    """Take caption paragraphs ('Tabel 3: ...') above or below a table, and notes right under it
    ('Bron: ...', '* voorlopige cijfers', '(1) ...', or any paragraph set smaller than the body
    text), out of the flow and onto the table. A paragraph of notes is split where a line opens
    the next note. Small print is the layout's (`LayoutSettings.small_print_ratio`). A caption
    or note ends where its type changes (`cut_captions`); a caption between two tables goes to
    the one it belongs to (`_above_next_table`)."""
    blocks = cut_captions(blocks, dialect)
    numbers: dict[int, int] = {}
    labels: dict[int, str] = {}
    texts: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    taken: set[int] = set()
    small = small_print_limit((ln for b in blocks if isinstance(b, Paragraph) for ln in b.lines), layout)
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
            and (all(ln.size < small for ln in above.lines) or _under_a_table(blocks, i - 1, taken))
            and _looks_like_title(above, settings, dialect)
        ):
            # an unnumbered title in small print, or one right between two tables
            texts[block.index] = collapse(above.text)
            taken.add(i - 1)
        if block.index not in numbers and block.index not in texts and block.index not in labels:
            for j in (first - 1, last + 1) if len(run) > 1 else (i - 1, i + 1):
                cand = blocks[j] if 0 <= j < len(blocks) else None
                if j == last + 1 and _above_next_table(blocks, j, block):
                    continue  # the caption of the table below it
                if isinstance(cand, Paragraph) and j not in taken and dialect.caption.match(cand.text):
                    pieces = _caption_pieces(cand.text, dialect) if len(run) > 1 else [cand.text]
                    for index, piece in zip(run if len(run) > 1 else [block.index], pieces, strict=False):
                        m = dialect.caption.match(piece)
                        if m:
                            num = m.group("num")
                            if num.isdecimal():
                                numbers[index] = int(num)
                            else:
                                labels[index] = num
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
    return kept, Captions(numbers, texts, {k: tuple(v) for k, v in notes.items()}, labels)


#: a caption between two tables goes by distance only where one gap is at most this share of
#: the other (read by `_above_next_table`; producers set a caption 3-6 pt from its own table)
CLEARLY_CLOSER: Final = 0.5


def _under_a_table(blocks: Sequence[Block], k: int, taken: set[int]) -> bool:
    """The paragraph at `k` stands right under a table or under the caption or notes already
    taken for it."""
    return k > 0 and (isinstance(blocks[k - 1], TableAnchor) or k - 1 in taken)


def _above_next_table(blocks: Sequence[Block], j: int, table: TableAnchor) -> bool:
    """The paragraph at `j`, right under `table`, stands right above the next table: it is the
    next table's caption, unless it stands clearly closer to `table` (captions above a table are
    the common convention, so that one wins where the gaps do not tell)."""
    if j + 1 >= len(blocks):
        return False
    nxt, cand = blocks[j + 1], blocks[j]
    if not isinstance(nxt, TableAnchor) or not isinstance(cand, Paragraph):
        return False
    if table.bottom is not None and table.end_page == cand.page == nxt.page:
        gap_above, gap_below = cand.top - table.bottom, nxt.top - cand.bottom
        if gap_above < CLEARLY_CLOSER * gap_below:
            return False
    return True


#: points: a caption line that starts this far left of the caption's first line is text again
#: (read by `_caption_end`; a centred caption's wrapped lines stand further right, not left)
CAPTION_INDENT: Final = 3.0
#: a caption line whose size differs from the first line's by more than this share is text again
CAPTION_SIZE_CHANGE: Final = 0.1


def _caption_end(paragraph: Paragraph, dialect: Dialect) -> int:
    """How many lines of a caption or note paragraph belong to it: it ends where the weight or
    size changes, where a line starts left of its first line, or at a line that opens an item or
    a list entry."""
    first = paragraph.lines[0]
    labels = [p for p in (dialect.item_start, dialect.question_label, dialect.answer_label) if p is not None]
    for k, line in enumerate(paragraph.lines[1:], start=1):
        if (
            line.bold != first.bold
            or abs(line.size - first.size) > CAPTION_SIZE_CHANGE * first.size
            or line.x0 < first.x0 - CAPTION_INDENT
            or opens_with_bullet(line.text)
            or any(p.match(line.text) for p in labels)
        ):
            return k
    return len(paragraph.lines)


def cut_captions(blocks: Sequence[Block], dialect: Dialect = FLEMISH) -> list[Block]:
    """Captions and notes next to a table cut off the text that runs on in the same paragraph
    ('Tabel 2: Overzicht' / '3) In 2022 ...', a bold caption set solid above the next
    paragraph): a caption is a short paragraph of its own (`_caption_end`); the rest stays in
    the flow, in the item the table stands in."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        near_table = any(isinstance(blocks[j], TableAnchor) for j in (i - 1, i + 1) if 0 <= j < len(blocks))
        if (
            isinstance(block, Paragraph)
            and len(block.lines) > 1
            and (near_table or _after_notes(out, dialect))
            and (dialect.caption.match(block.lines[0].text) or dialect.table_note.match(block.lines[0].text))
        ):
            end = _caption_end(block, dialect)
            if end < len(block.lines):
                out += [Paragraph(block.lines[:end]), Paragraph(block.lines[end:])]
                continue
        out.append(block)
    return out


def _after_notes(out: Sequence[Block], dialect: Dialect) -> bool:
    """The blocks so far end with a table and the notes under it."""
    k = len(out)
    while k > 0:
        block = out[k - 1]
        if isinstance(block, TableAnchor):
            return k < len(out)
        if not dialect.table_note.match(block.lines[0].text):
            return False
        k -= 1
    return False


def _looks_like_title(paragraph: Paragraph, settings: SectionSettings, dialect: Dialect) -> bool:
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
        and len(paragraph.lines) <= MAX_TITLE_LINES
        and len(text.split()) >= MIN_TITLE_WORDS
        and letters >= settings.title_letter_share * visible
        and not dialect.total_label.match(text)
        and not any(  # words standing apart like the cells of a header row
            b.x0 - a.x1 > settings.title_word_gap_ratio * a.size
            for ln in paragraph.lines
            for a, b in pairwise(ln.words)
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
