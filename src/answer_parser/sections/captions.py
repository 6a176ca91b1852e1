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

from ..dutch.text import collapse, join_lines
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
    the next note. Small print is the layout's (`LayoutSettings.small_print_ratio`)."""
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
            and all(ln.size < small for ln in above.lines)
            and _looks_like_title(above, settings, dialect)
        ):
            texts[block.index] = collapse(above.text)  # an unnumbered title in small print
            taken.add(i - 1)
        if block.index not in numbers and block.index not in texts and block.index not in labels:
            for j in (first - 1, last + 1) if len(run) > 1 else (i - 1, i + 1):
                cand = blocks[j] if 0 <= j < len(blocks) else None
                if isinstance(cand, Paragraph) and j not in taken and dialect.caption.match(cand.text):
                    pieces = _caption_pieces(cand.text, dialect) if len(run) > 1 else [cand.text]
                    for index, piece in zip(run if len(run) > 1 else [block.index], pieces, strict=False):
                        m = dialect.caption.match(piece)
                        if m:
                            num = m.group("num")
                            if num.isdigit():
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
