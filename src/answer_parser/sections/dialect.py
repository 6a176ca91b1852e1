"""The words of a genre, as data: header labels, the answer heading, numbering styles, captions.

A second genre is a second `Dialect` value, not a second parser. Two layouts are known:

* ``blocks``: the question part (header block, title, intro, numbered sub-questions) and then the
  answer part (minister, office, answer heading, numbered answers). `FLEMISH` describes the
  written questions of the Flemish Parliament and their answers this way.
* ``interleaved``: a preamble naming the askers, the addressee, the title, the dates and the
  answering minister, then 'Vraag 1', its text, 'Antwoord 1', its text, 'Vraag 2' ...
  `TWEEDE_KAMER` describes the Dutch House of Representatives' written questions with the
  government's answers (Aanhangsel van de Handelingen) this way.

`detect_dialect` picks the dialect whose markers a text shows most; `parse(..., dialect=None)`
does this with the text of the first page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Literal

import attrs
import regex

from ..dutch.dates import fourth_monday_of_september

_F = regex.VERBOSE | regex.IGNORECASE

Layout = Literal["blocks", "interleaved"]

#: a table caption: 'Tabel 3: ...'; groups `num` and `text`
CAPTION = regex.compile(r"^\s*Tabel\s+(?P<num>\d+)\s*(?:[:.\-–—]\s*)?(?P<text>.*)$", regex.IGNORECASE)
#: the word that opens a caption, numbered or not: a line opening with it is no header line or row
CAPTION_WORD = "tabel"
#: a note printed under a table: 'Bron: ...', 'Noot', '*', '(1)'
TABLE_NOTE = regex.compile(r"^\s*(?:Bron|Noot|Opmerking|\*|\(\d+\))\s*:?", regex.IGNORECASE)
#: the label of a total row: Totaal, Subtotaal, Som, Totaal generaal, 'Gewest - subtotaal dotaties'
TOTAL_LABEL = regex.compile(
    r"""^\s*(?:sub|eind|generaal\s+|algemeen\s+)?(?:totaal|total|som)\b   # Totaal, Subtotaal, Som ...
        | \b(?:sub|eind)totaal\b                                          # Gewest - subtotaal dotaties""",
    regex.IGNORECASE | regex.VERBOSE,
)
#: in the text a total label matched, the mark of a subtotal (it closes a group from inside it)
SUBTOTAL_WORD = "sub"
#: a total row's label (lower case) that closes a part: 'Subtotaal', 'Gewest - subtotaal dotaties'
SUBTOTAL_LABEL = regex.compile(r"^sub|subtotaal")
#: a total row's label (lower case) that closes everything: 'Totaal generaal', 'Eindtotaal'
GRAND_TOTAL_LABEL = regex.compile(r"generaal|eind|algemeen")


def third_tuesday_of_september(year: int) -> datetime.date:
    """Prinsjesdag: the day the Dutch States General's parliamentary year (vergaderjaar) opens."""
    first = datetime.date(year, 9, 1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 14)


@attrs.frozen(kw_only=True)
class Dialect:
    name: str
    #: 'blocks' (question part, then answer part) or 'interleaved' ('Vraag N' / 'Antwoord N')
    layout: Layout
    #: patterns whose presence in the first page's text points to this dialect (`detect_dialect`)
    markers: tuple[regex.Pattern[str], ...]
    #: the day the parliamentary year that opens in a given year opens
    session_start: Callable[[int], datetime.date]
    #: lines in the top or bottom band of a page that are furniture wherever they stand, even
    #: on a single page ('ah-tk-20232024-1314', 'ISSN 0921 - 7398')
    furniture: tuple[regex.Pattern[str], ...] = ()
    #: small numbered notes at the bottom of a page are footnotes, taken out of the text
    footnotes: bool = True

    # -- blocks layout ------------------------------------------------------------------------
    #: first line of the question's header block ('SCHRIFTELIJKE VRAAG'; an optional `number`)
    question_block: regex.Pattern[str] | None = None
    #: header block lines, each with one named group
    block_number: regex.Pattern[str] | None = None
    block_asker: regex.Pattern[str] | None = None
    block_date: regex.Pattern[str] | None = None
    block_addressee: regex.Pattern[str] | None = None
    #: the line that opens the answer ('ANTWOORD')
    answer_start: regex.Pattern[str] | None = None
    #: the whole answer heading, its lines joined by spaces: number, date, asker
    answer_heading: regex.Pattern[str] | None = None
    #: a line that opens a numbered item; groups `num` (the label) and `rest`
    item_start: regex.Pattern[str] | None = None

    # -- interleaved layout -------------------------------------------------------------------
    #: a line of its own that opens a sub-question ('Vraag 1', 'Vraag 3, 4 en 5'); group `num`
    question_label: regex.Pattern[str] | None = None
    #: a line of its own that opens an answer ('Antwoord 1', 'Mededeling'); optional group `num`
    answer_label: regex.Pattern[str] | None = None
    #: searched in the preamble: groups `asker`, `addressee`, `title`, `date`
    question_preamble: regex.Pattern[str] | None = None
    #: searched in the preamble: groups `rank`, `name`, `office`, `date`
    answer_preamble: regex.Pattern[str] | None = None
    #: in what the answer preamble says between the first signer and the date: each further signer
    #: named in full ('van Minister Schreinemacher (Buitenlandse Handel ...)'); `rank`, `name`, `office`
    cosigner_named: regex.Pattern[str] | None = None
    #: ... or signing by office only ('mede namens de Minister van Justitie en Veiligheid',
    #: 'mede namens de Staatssecretarissen van A en van B'); groups `rank` and `offices`
    cosigner_offices: regex.Pattern[str] | None = None
    #: where a list of offices after one plural rank splits ('... Sport en van Justitie ...')
    office_split: regex.Pattern[str] | None = None
    #: a preamble paragraph that is the document's number ('1314'); group `number`
    document_number: regex.Pattern[str] | None = None
    #: the parliamentary year printed in the preamble ('Vergaderjaar 2023–2024'); `start`, `end`
    printed_session: regex.Pattern[str] | None = None

    # -- tables -------------------------------------------------------------------------------
    #: a table caption; groups `num` and `text`
    caption: regex.Pattern[str] = CAPTION
    #: the word that opens a caption (lower case): a line opening with it is no header or row
    caption_word: str = CAPTION_WORD
    #: a note printed under a table
    table_note: regex.Pattern[str] = TABLE_NOTE
    #: the label of a total row
    total_label: regex.Pattern[str] = TOTAL_LABEL
    #: a total label whose matched text holds this (lower case) is a subtotal (table levels)
    subtotal_word: str = SUBTOTAL_WORD
    #: subtotal and grand total labels (searched in the lower-case label; the totals check)
    subtotal_label: regex.Pattern[str] = SUBTOTAL_LABEL
    grand_total_label: regex.Pattern[str] = GRAND_TOTAL_LABEL

    def session_for(self, day: datetime.date) -> str:
        """The parliamentary year 'YYYY-YYYY' that contains `day`."""
        start = day.year if day >= self.session_start(day.year) else day.year - 1
        return f"{start}-{start + 1}"

    def score(self, text: str) -> int:
        """How many of this dialect's markers `text` shows."""
        return sum(1 for marker in self.markers if marker.search(text))


# Item numbers: '1', '2 en 3', '3, 4 en 5', '7, 8, 9 10 en 11', '3 tot en met 5', '3-5'.
_NUMS = r"\d{1,3}(?:\s*(?:,|\ben\b|&|\btot\s+en\s+met\b|\bt\.?\s?e\.?\s?m\.?|t/m|[-–])?\s*\d{1,3})*"

FLEMISH = Dialect(
    name="flemish",
    layout="blocks",
    markers=(
        regex.compile(r"SCHRIFTELIJKE\s+VRAAG"),
        regex.compile(r"\bANTWOORD\b"),
        regex.compile(r"\bop\s+(?:de\s+)?(?:schriftelijke\s+)?vraag\s+nr\.?\s*\d+", regex.IGNORECASE),
        regex.compile(
            r"\bVLAAMS(?:E)?\s+(?:MINISTER|REGERING)|\bVlaams(?:e)?\s+(?:minister|Regering|Parlement)"
        ),
        regex.compile(r"^\s*datum\s*:", regex.IGNORECASE | regex.MULTILINE),
    ),
    session_start=fourth_monday_of_september,
    question_block=regex.compile(
        r"^\s*SCHRIFTELIJKE\s+VRAAG\b(?:\s+nr\.?\s*(?P<number>\d+))?", regex.IGNORECASE
    ),
    block_number=regex.compile(r"^\s*nr\.?\s*(?P<number>\d+)\s*$", regex.IGNORECASE),
    block_asker=regex.compile(r"^\s*van\s+(?P<asker>.+?)\s*$"),
    block_date=regex.compile(r"^\s*datum\s*:?\s*(?P<date>.+?)\s*$", regex.IGNORECASE),
    block_addressee=regex.compile(r"^\s*aan\s+(?P<addressee>.+?)\s*$"),
    answer_start=regex.compile(
        r"^\s*(?:ANTWOORD\b|Antwoord\s+op\s+(?:de\s+)?(?:schriftelijke\s+)?vraag\s+nr)"
    ),
    answer_heading=regex.compile(
        r"""^\s*ANTWOORD\s*
            (?:op\s+(?:de\s+)?(?:schriftelijke\s+)?vraag\s+
               (?:nr\.?\s*(?P<number>\d+)\s*)?
               (?:van\s+(?P<date>
                   (?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?
                   \d{1,2}(?:ste|de|e)?[\s./-]+\S+?[\s./-]+\d{4}))?\s*
               (?:van\s+(?P<asker>[^\s].*?))?\s*)?$""",
        _F,
    ),
    item_start=regex.compile(
        rf"""^\s*(?:
              (?:antwoord\s+(?:op\s+)?(?:de\s+)?)?vra(?:ag|gen)\s+(?P<num>{_NUMS})\s*[.:)]?
            | antwoord\s+(?P<num>{_NUMS})\s*[.:)]?
            | ad\s+(?P<num>{_NUMS})\s*[.:)]?
            | (?P<num>\d{{1,2}}(?:\s*(?:,|\ben\b|&)\s*\d{{1,2}})*)\s*[.)](?!\d)
            | (?P<num>[a-z])\)
            )\s*(?P<rest>.*)$""",
        _F,
    ),
)

TWEEDE_KAMER = Dialect(
    name="tweede_kamer",
    layout="interleaved",
    markers=(
        regex.compile(r"Tweede\s+Kamer\s+der\s+Staten-Generaal"),
        regex.compile(r"Aanhangsel\s+van\s+de\s+Handelingen"),
        regex.compile(r"Vragen\s+van\s+(?:het\s+lid|de\s+leden)\b"),
        regex.compile(r"\(\s*ingezonden\s+\d", regex.IGNORECASE),
        regex.compile(
            r"(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?(?:Minister|Staatssecretaris)", regex.IGNORECASE
        ),
        regex.compile(r"\bah-tk-\d{8}-\d+"),
    ),
    session_start=third_tuesday_of_september,
    furniture=(
        regex.compile(r"^\s*(?:ah|kv)-tk-\d{8}-\S+\s*$"),
        regex.compile(r"^\s*ISSN\s+\d{4}\s*-\s*\d{3}[\dX]\s*$"),
        regex.compile(r"Tweede\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{4},\s+Aanhangsel\b"),
    ),
    question_label=regex.compile(rf"^\s*Vra(?:ag|gen)\s+(?P<num>{_NUMS})\s*:?\s*$"),
    answer_label=regex.compile(
        rf"^\s*(?:Antwoord(?:en)?(?:\s+(?:op\s+)?(?:vra(?:ag|gen)\s+)?(?P<num>{_NUMS}))?|Mededeling)\s*:?\s*$"
    ),
    question_preamble=regex.compile(
        r"""Vragen\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<asker>.+?)
            \s+aan\s+(?:de\s+)?(?P<addressee>.+?)
            (?:\s+over\s+(?P<title>.+?))?
            \s*\.?\s*\(\s*ingezonden\s+(?P<date>[^)]+?)\s*\)""",
        _F,
    ),
    answer_preamble=regex.compile(
        r"""(?P<kind>Antwoord|Mededeling)\s+van\s+(?:de\s+)?
            (?P<rank>Minister-President|Minister|Staatssecretaris)\s+
            (?P<name>[^()]+?)\s*\((?P<office>[^()]*)\)
            (?P<rest>[^()]*?(?:\([^()]*\)[^()]*?)*?)
            \(\s*ontvangen\s+(?:\(\s*ontvangen\s+)?(?P<date>[^)]+?)\s*\)""",
        _F,
    ),
    cosigner_named=regex.compile(
        r"""(?:\ben\s+)?\bvan\s+(?:de\s+)?
            (?P<rank>Minister-President|Minister|Staatssecretaris)\s+
            (?P<name>[^()]+?)\s*\((?P<office>[^()]*)\)""",
        _F,
    ),
    cosigner_offices=regex.compile(
        r"""\bmede\s+namens\s+(?:de\s+)?
            (?P<rank>Minister-President|Ministers?|Staatssecretariss?(?:en)?)\s+
            (?P<offices>(?:van|voor)\b.*?)\s*$""",
        _F,
    ),
    office_split=regex.compile(r",?\s+en\s+(?=(?:van|voor)\b)"),
    document_number=regex.compile(r"^\s*(?P<number>\d{1,6})\s*$"),
    printed_session=regex.compile(
        r"\bvergaderjaar\s+(?P<start>\d{4})\s*[–-]\s*(?P<end>\d{4})", regex.IGNORECASE
    ),
)

#: The known dialects, in the order ties are broken.
DIALECTS: tuple[Dialect, ...] = (FLEMISH, TWEEDE_KAMER)


def detect_dialect(text: str, dialects: Sequence[Dialect] = DIALECTS) -> Dialect:
    """The dialect whose markers `text` (usually the first page) shows most; the first of
    `dialects` when none shows any or on a tie."""
    best, best_score = dialects[0], 0
    for dialect in dialects:
        score = dialect.score(text)
        if score > best_score:
            best, best_score = dialect, score
    return best
