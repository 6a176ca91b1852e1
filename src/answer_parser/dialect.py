"""The words of a genre, as data: header block labels, the answer heading, numbering styles, captions.

A second genre is a second `Dialect` value, not a second parser. `FLEMISH` describes the written
questions of the Flemish Parliament and their answers.
"""

from __future__ import annotations

import attrs
import regex

_F = regex.VERBOSE | regex.IGNORECASE


@attrs.frozen
class Dialect:
    name: str
    #: first line of the question's header block ('SCHRIFTELIJKE VRAAG')
    question_block: regex.Pattern[str]
    #: header block lines, each with one named group
    block_number: regex.Pattern[str]
    block_asker: regex.Pattern[str]
    block_date: regex.Pattern[str]
    block_addressee: regex.Pattern[str]
    #: the line that opens the answer ('ANTWOORD')
    answer_start: regex.Pattern[str]
    #: the whole answer heading, its lines joined by spaces: number, date, asker
    answer_heading: regex.Pattern[str]
    #: a paragraph or line that opens a numbered item; groups `num` (the label) and `rest`
    item_start: regex.Pattern[str]
    #: a table caption; groups `num` and `text`
    caption: regex.Pattern[str]
    #: a note printed under a table
    table_note: regex.Pattern[str]


FLEMISH = Dialect(
    name="flemish",
    question_block=regex.compile(r"^\s*SCHRIFTELIJKE\s+VRAAG\b", regex.IGNORECASE),
    block_number=regex.compile(r"^\s*nr\.?\s*(?P<number>\d+)\s*$", regex.IGNORECASE),
    block_asker=regex.compile(r"^\s*van\s+(?P<asker>.+?)\s*$"),
    block_date=regex.compile(r"^\s*datum\s*:?\s*(?P<date>.+?)\s*$", regex.IGNORECASE),
    block_addressee=regex.compile(r"^\s*aan\s+(?P<addressee>.+?)\s*$"),
    answer_start=regex.compile(r"^\s*ANTWOORD\b"),
    answer_heading=regex.compile(
        r"""^\s*ANTWOORD\s*
            (?:op\s+(?:de\s+)?(?:schriftelijke\s+)?vraag\s+
               (?:nr\.?\s*(?P<number>\d+)\s*)?
               (?:van\s+(?P<date>\d{1,2}[\s./-]+\S+[\s./-]+\d{4}))?\s*
               (?:van\s+(?P<asker>[^\s].*?))?\s*)?$""",
        _F,
    ),
    item_start=regex.compile(
        r"""^\s*(?:
              (?:antwoord\s+op\s+)?vraag\s+(?P<num>\d+(?:\s*(?:,|en|&)\s*\d+)*)\s*[.:)]?
            | ad\s+(?P<num>\d+(?:\s*(?:,|en|&)\s*\d+)*)\s*[.:)]?
            | (?P<num>\d{1,2}(?:\s*(?:,|en|&)\s*\d{1,2})*)\s*[.)](?!\d)
            | (?P<num>[a-z])\)
            )\s*(?P<rest>.*)$""",
        _F,
    ),
    caption=regex.compile(r"^\s*Tabel\s+(?P<num>\d+)\s*(?:[:.\-–—]\s*)?(?P<text>.*)$", regex.IGNORECASE),
    table_note=regex.compile(r"^\s*(?:Bron|Noot|Opmerking|\*|\(\d+\))\s*:?", regex.IGNORECASE),
)
