"""Running text outside every item: the `body` of annexes and of documents of no known kind,
and what an annex says of itself.

An annex opens with a title line that names the question it belongs to: 'Bijlage bij het
antwoord op vraag nr. 318', 'Bijlage 1 bij vraag nr. 412 van 14 maart 2023 van FREYA VAN DEN
BOSSCHE'. `read_annex_title` reads the number, date and asker from it (each where printed).
`body_paragraphs` keeps every paragraph with the page it starts on, so that no running text is
dropped when the document is no question and no answer.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..dutch.dates import find_dutch_date
from ..dutch.names import display_name
from ..dutch.text import collapse
from ..model import Annex, BodyParagraph, Person, Reference

#: an annex title: 'Bijlage', 'Bijlage 1', 'BIJLAGE 2:' at the start of the first paragraph
_ANNEX_TITLE = regex.compile(r"^\s*bijlage\b", regex.IGNORECASE)
#: the question it refers to: '... (schriftelijke) vraag nr. 318 ...'
_REFERENCE = regex.compile(
    r"\bvraag\s+(?:nr\.?|nummer)\s*(?P<number>\d+)(?P<rest>.*)$", regex.IGNORECASE | regex.DOTALL
)
_ASKER = regex.compile(r"^\s*van\s+(?P<asker>[^\d,;:()]+?)\s*[.,;]?\s*$", regex.IGNORECASE)


def is_annex_title(text: str) -> bool:
    """'Bijlage bij het antwoord op vraag nr. 318' opens an annex; 'Bijlagen: zie ...' in running
    text does not count (a title names no more than a short line)."""
    return bool(_ANNEX_TITLE.match(text)) and len(collapse(text).split()) <= 40


def read_annex_title(text: str) -> Annex:
    """The annex's title as printed and the question it refers to: number; the date right after
    'van' when one follows; the asker after a further 'van' when printed."""
    title = collapse(text)
    m = _REFERENCE.search(title)
    if m is None:
        return Annex(title=title, refers_to=None)
    rest = m.group("rest")
    date: str | None = None
    found = find_dutch_date(rest)
    if found is not None and regex.match(r"^\s*van\s+$", rest[: found[1]], regex.IGNORECASE):
        date = found[0].isoformat()
        rest = rest[found[2] :]
    asker_match = _ASKER.match(rest)
    asker = None
    if asker_match:
        raw = collapse(asker_match.group("asker"))
        asker = Person(name=display_name(raw), raw=raw)
    return Annex(title=title, refers_to=Reference(number=int(m.group("number")), date=date, asker=asker))


def body_paragraphs(paragraphs: Iterable[tuple[int, str]]) -> tuple[BodyParagraph, ...]:
    """Paragraphs (page, text) as body paragraphs, empty ones left out."""
    return tuple(BodyParagraph(page, text) for page, text in paragraphs if text.strip())
