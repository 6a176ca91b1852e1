"""The accounting of every word: each word printed on a page ends somewhere in the Document.

A word ends in one of these places: the metadata (header block, answer heading, minister),
the title, an intro, an item, a table's caption, notes, header, labels or cells, the `body`, an
annex's title, page furniture (running headers, page numbers) or a footnote. `unplaced_words`
checks this after the Document is built, by text rather than by tracking words through the
stages: every string the Document holds (and the furniture and footnote texts the pipeline took
out) is cut into tokens, and the page's words are matched against them as a multiset. The words
left over were dropped somewhere on the way; `text_unplaced` names them with their page, so
that text lost by any stage, present or future, shows up in the output.

Tokens are lower-cased runs of letters and digits (NFKC); footnote marks (superscript digits)
are left out on both sides, since a mark is kept in the text or dropped with its footnote. The
words a structure stands for (the 'Vraag' of 'Vraag 1', the 'Tabel' of 'Tabel 2:', the 'nr.'
and 'van' of a heading) are placed by that structure, and an ISO date stands for its printed
forms. A word broken over two lines ('Leeftijds-' / 'categorie') is placed when the two halves
together are a token of the Document.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

import attrs
import regex

from ..codes import WarningCode
from ..layout.lines import Line
from ..model import Document, Warning
from ..pdf.records import PageData, Word

_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_SUPERSCRIPTS = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_CID = regex.compile(r"\(cid:\d+\)")  # a glyph without a character (a bullet), printed as '•'
_ISO_DATE = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = (
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
)
#: words that a structure of the Document stands for rather than holds as text: labels ('Vraag 1',
#: 'Antwoord op vraag 2', 'Ad 3'), headings ('SCHRIFTELIJKE VRAAG nr. 6 van ... datum: ... aan
#: ...', 'ANTWOORD op vraag nr. 6 van ...'), caption prefixes ('Tabel 2:'), weekdays of dates
STRUCTURAL = frozenset(
    (
        *("schriftelijke", "vraag", "vragen", "antwoord", "antwoorden", "nr", "van", "op", "datum", "aan"),
        *("tabel", "ad", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    )
)
#: at most this many words of a run are quoted in a warning (the count says how many there are)
QUOTED_WORDS = 30


def tokens(text: str) -> list[str]:
    """'Uit 2022⁴, de ICT-middelen' -> ['uit', '2022', 'de', 'ict', 'middelen']."""
    text = _CID.sub(" ", _SUPERSCRIPTS.sub("", text.replace("\u00ad", "")))
    text = unicodedata.normalize("NFKC", text).lower()
    return _TOKEN.findall(text)


def _date_forms(iso: str) -> list[str]:
    m = _ISO_DATE.match(iso)
    if not m:
        return []
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return []
    return [f"{day} {_MONTHS[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}"]


def document_strings(
    node: Any, skip: frozenset[str] = frozenset({"warnings", "source", "bbox", "report"})
) -> Iterator[str]:
    """Every string a Document (as a contract dict) holds, numbers as digits, ISO dates also in
    their printed Dutch forms; not its warnings, source, boxes or the tables' parsing reports
    (their counts and step names were never printed)."""
    if isinstance(node, bool) or node is None:
        return
    if isinstance(node, int | float):
        yield str(node)
        if isinstance(node, float) and node.is_integer():
            yield str(int(node))
        return
    if isinstance(node, str):
        yield node
        yield from _date_forms(node)
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from document_strings(value, skip)
        return
    if isinstance(node, list | tuple):
        for value in node:
            yield from document_strings(value, skip)


@attrs.frozen
class PageWord:
    """A word as printed: its page and its text."""

    page: int
    text: str


#: a word broken over two lines is looked for among this many following unplaced words (the
#: other half of a header cell broken inside its column stands a row of cells further on)
BROKEN_WORD_REACH = 40


def unplaced_words(
    placed_texts: Iterable[str], words: Sequence[PageWord], table_texts: Iterable[str] = ()
) -> list[PageWord]:
    """The words (in order) whose tokens the Document does not hold.

    Words are matched as a multiset against `placed_texts`: a token printed three times must be
    held three times. A token the multiset has run out of is still placed when a table holds it
    (`table_texts`, as a set): a table shows a header repeated on every page it runs over only
    once. A word
    broken over two lines ('Leeftijds-' / 'categorie', 'Prioriteitengroe' / 'p') is placed when
    its two halves together are a held token."""
    held: Counter[str] = Counter(t for s in placed_texts for t in tokens(s))
    in_tables = {t for s in table_texts for t in tokens(s)}
    word_tokens = [tokens(w.text) for w in words]
    missing = [False] * len(words)
    for i, toks in enumerate(word_tokens):
        for t in toks:
            if t in STRUCTURAL:
                continue
            if held[t] > 0:
                held[t] -= 1
            elif t not in in_tables:
                missing[i] = True
    open_ = [i for i, m in enumerate(missing) if m and word_tokens[i]]
    for k, i in enumerate(open_):
        if not missing[i]:
            continue
        for j in open_[k + 1 : k + 1 + BROKEN_WORD_REACH]:
            if not missing[j] or words[j].page != words[i].page:
                continue
            joined = word_tokens[i][-1] + word_tokens[j][0]
            if joined in in_tables:
                missing[i] = missing[j] = False
                break
            if held[joined] > 0:
                held[joined] -= 1
                missing[i] = missing[j] = False
                break
    # the first half of a broken word whose second half was placed on its own elsewhere (a header
    # cell 'Leeftijds-' / 'categorie' joined, while 'categorie' is also held as a word of its own)
    known = set(held) | in_tables
    for i in open_:
        if missing[i] and words[i].text.rstrip().endswith(("-", "‐")):
            stem = word_tokens[i][-1]
            missing[i] = not any(len(t) > len(stem) and t.startswith(stem) for t in known)
    return [w for w, m in zip(words, missing, strict=True) if m]


def unplaced_warnings(unplaced: Sequence[PageWord]) -> list[Warning]:
    """One `text_unplaced` warning per page with unplaced words, quoting them in order."""
    by_page: dict[int, list[str]] = {}
    for w in unplaced:
        by_page.setdefault(w.page, []).append(w.text)
    out = []
    for page, texts in sorted(by_page.items()):
        quoted = " ".join(texts[:QUOTED_WORDS]) + (" ..." if len(texts) > QUOTED_WORDS else "")
        out.append(
            Warning(
                WarningCode.TEXT_UNPLACED,
                f"{len(texts)} word(s) on page {page} placed nowhere: {quoted!r}",
                page=page,
            )
        )
    return out


def printed_words(
    pages: Sequence[PageData],
    claimed: Sequence[Collection[Word]],
    lines: Sequence[Sequence[Line]],
    furniture: Collection[tuple[int, float, str]],
) -> list[PageWord]:
    """Every word printed on the pages, page furniture left out: per page the words the ruled
    tables `claimed`, then those of the other lines (`lines`, keyed out by `furniture`)."""
    out: list[PageWord] = []
    for page, page_claimed, page_lines in zip(pages, claimed, lines, strict=True):
        in_tables = sorted(page_claimed, key=lambda w: (w.top, w.x0))
        out += [PageWord(page.number, w.text) for w in in_tables]
        out += [
            PageWord(page.number, w.text)
            for ln in page_lines
            if (ln.page, ln.top, ln.text) not in furniture
            for w in ln.words
        ]
    return out


def account(document: Document, words: Sequence[PageWord], elsewhere: Iterable[str] = ()) -> list[Warning]:
    """`text_unplaced` warnings for the printed `words` (furniture taken out) that `document`
    does not hold; `elsewhere` are texts taken out on purpose (footnotes, text left out with a
    warning of its own)."""
    from ..convert import to_dict

    data = to_dict(document)
    placed = [*document_strings(data), *elsewhere]
    return unplaced_warnings(unplaced_words(placed, words, document_strings(data.get("tables", []))))
