"""Pure text helpers: joining wrapped lines, repairing line-end hyphenation, lists, finding links.

No PDF in sight: everything here works on strings (and, for lists, on the lines' left edges).

Two ways to join the lines of a paragraph:

* `join_lines`: everything on one line, joined with spaces (table cells, headings, names);
* `join_text_lines`: running text, where a bulleted or enumerated list keeps one line per list
  entry (lines joined with '\\n'), nested entries indented by two spaces per level.

Both repair line-end hyphenation the same way (see `join_lines`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence
from typing import Final

import regex

_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
SOFT_HYPHEN = "\u00ad"

URL = regex.compile(
    r"""
    (?P<url>
        (?:https?://|www\.)              # a scheme, or a bare www.
        [^\s<>()\[\]{}"'‘’“”«»]+          # anything up to white space or a bracket/quote
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING_PUNCT = ".,;:!?"
# words after which a line-end hyphen is a Dutch elision ('zorg- en welzijnsbeleid'), never a break
_ELISION_FOLLOWERS = frozenset({"en", "of", "tot", "noch", "als", "dan", "&"})
# a URL or e-mail address broken at one of these characters goes on without a space
_LINK_BREAK_CHARS = "/-_=&@%~#?"
# a line opening with one of these goes on the link that ended the line before
_LINK_OPENERS = "%/?&=#_~"
# the next line's first token goes on a broken link when it holds one of these
_LINK_TAIL = regex.compile(r"[/%=&~#_@]|\.\w")
_SENTENCE_END = regex.compile(r"[.!?:;][\"'’”»)\]]*$")

#: Bullet characters that always open a list entry at the start of a line.
STRONG_BULLETS = "•●◦○▪■□➢►‣⁃∙·✓✔➤◆◇"
#: Bullet characters that open a list entry only after a line that ended a clause (or at the
#: start of a paragraph): a dash at the start of a line may just as well be a parenthetical dash.
WEAK_BULLETS = "-–—*"
_STRONG = regex.compile(
    rf"^(?P<bullet>[{regex.escape(STRONG_BULLETS)}\uf000-\uf0ff]|\(cid:\d+\))\s*(?P<rest>\S.*)$"
)
_WEAK = regex.compile(rf"^(?P<bullet>[{regex.escape(WEAK_BULLETS)}])\s+(?P<rest>\S.*)$")
_ENUMERATOR = regex.compile(
    r"^(?:\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|[ivx]{1,4}[.)])\s+\S"
)
#: Private-use glyphs of the Symbol and Wingdings fonts (Word's bullets), and glyphs without a
#: Unicode name that pdfminer prints as '(cid:127)', become this bullet.
PRIVATE_BULLET = "•"
#: points: list entries whose bullets stand this close share a nesting level. Not the table
#: labels' `TableSettings.indent_tolerance` (2.5): bullets of one level drift more than the labels
#: of a table column; whether one value would serve both is left to a measurement (issue 15).
LIST_INDENT_TOLERANCE: Final = 3.0

# Spacing accents that some typesetters draw after the letter they belong to ('Kostic´',
# 'Yes¸ilgöz'): mark -> combining mark, and the letters it may combine with (an acute after a
# vowel is as often an apostrophe, as in "zo´n", so it combines with c only).
_SPACING_ACCENTS = {
    "\u00b4": ("\u0301", "cC"),  # acute
    "\u00b8": ("\u0327", "cCsStTgGkKlLnNrR"),  # cedilla
    "\u02c7": ("\u030c", "cCsSzZrRnNeEdDtT"),  # caron
}
_ACCENT_PAIR = regex.compile(r"(\p{L})([\u00b4\u00b8\u02c7])")


def fix_spacing_accents(text: str) -> str:
    """'Kostic´' -> 'Kostić', 'Yes¸ilgöz' -> 'Yeşilgöz': a spacing accent drawn after its letter
    is put on the letter, where the pair makes one precomposed letter."""
    if not any(mark in text for mark in _SPACING_ACCENTS):
        return text

    def combine(m: regex.Match[str]) -> str:
        letter, mark = m.group(1), m.group(2)
        combining, letters = _SPACING_ACCENTS[mark]
        if letter not in letters:
            return m.group(0)
        composed = unicodedata.normalize("NFC", letter + combining)
        return composed if len(composed) == 1 else m.group(0)

    return _ACCENT_PAIR.sub(combine, text)


def collapse(text: str) -> str:
    """White space collapsed to single spaces, ends stripped; soft hyphens dropped; spacing
    accents put on their letters."""
    return fix_spacing_accents(_SPACES.sub(" ", text.replace(SOFT_HYPHEN, "")).strip())


def _last_token(fragment: str) -> str:
    return fragment.rsplit(" ", 1)[-1]


def _ends_in_link(fragment: str) -> bool:
    last = _last_token(fragment)
    return bool(URL.search(last) or "@" in last or "/" in last)


def _continues_link(out: str, line: str) -> bool:
    """`out` ends inside a URL or e-mail address broken at a link character, and `line` opens
    with the rest of it ('https://' + 'www.x.be/a'), or `line` opens with a character that only
    goes on a link ('.../a%20b' + '%20c.pdf')."""
    last = _last_token(out)
    if not last or not _ends_in_link(out):
        return False
    first = line.split(" ", 1)[0]
    if first[:1] in _LINK_OPENERS and len(first) > 1:
        return True  # '.../a%20b' + '%202022.pdf'
    if last[-1] not in _LINK_BREAK_CHARS:
        return False
    return bool(_LINK_TAIL.search(first)) or last.endswith(("://", "@"))


def _join_pair(out: str, line: str) -> str:
    """Join one more wrapped line to the text so far (see `join_lines` for the rules)."""
    if not out:
        return line
    if out.endswith(SOFT_HYPHEN):
        return out + line  # the soft hyphen stays as the mark of a repaired break
    if out.endswith("-") and len(out) >= 2 and (out[-2].isalpha() or out[-2].isdigit()):
        first_word = line.split(" ", 1)[0]
        if first_word.lower().strip(",.;:") in _ELISION_FOLLOWERS:
            return out + " " + line
        if (
            _ends_in_link(out)
            or "@" in first_word
            or not out[-2].islower()
            or not line[0].islower()
            or _vowel_clash(out[-2], line[0])
        ):
            return out + line
        return out[:-1] + SOFT_HYPHEN + line  # marked: see `resolve_breaks`
    if _continues_link(out, line):
        return out + line
    if out.endswith("/") and len(out) >= 2 and out[-2].isalpha() and line[:1].isalpha():
        last = _last_token(out)
        if not URL.search(last) and "@" not in last:
            return out + line  # 'maatregelen/' + 'projecten', 'en/' + 'of'
    return out + " " + line


def _vowel_clash(before: str, after: str) -> bool:
    """'zee-' + 'egel', 'auto-' + 'onderdelen': the same vowel on both sides of a hyphen is a
    Dutch compound's real hyphen (without it the vowels would read as one long vowel)."""
    return before.lower() == after.lower() and before.lower() in "aeiou"


def _clean_line(raw: str) -> str:
    return fix_spacing_accents(_SPACES.sub(" ", raw).strip())


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph with spaces, repairing hyphenation at line ends.

    A line ending in '-' (or a soft hyphen) after a lower-case letter, followed by a line that
    starts with a lower-case letter, was hyphenated by the word processor: the hyphen goes and
    the halves join ('Leeftijds-' + 'categorie'). A hyphen after a capital or digit
    ('ICT-' + 'middelen', '18-' + 'jarigen'), inside a URL or e-mail address, between two equal
    vowels ('zee-' + 'egel') or before 'en'/'of' ('zorg- en welzijn') is a real hyphen: it
    stays, and the halves join without a space (or with one, for the elision). A URL or e-mail
    address broken after '/', '-', '%', '@' ... goes on without a space when the next line
    visibly continues it; 'en/' + 'of' joins as 'en/of'.
    """
    out = ""
    for raw in lines:
        line = _clean_line(raw)
        if line:
            out = _join_pair(out, line)
    return out.replace(SOFT_HYPHEN, "")


def _list_entry(line: str, previous: str | None) -> tuple[str, str] | None:
    """(bullet, rest) when `line` opens a list entry; the bullet is '' for an enumerator
    ('1.', 'a)', '(ii)'), which stays part of the text."""
    m = _STRONG.match(line)
    if m:
        bullet = m.group("bullet")
        if len(bullet) > 1 or "\uf000" <= bullet <= "\uf0ff":
            bullet = PRIVATE_BULLET  # a Symbol-font glyph, or one pdfminer could not name: '(cid:127)'
        return bullet, m.group("rest")
    after_clause = previous is None or bool(_SENTENCE_END.search(previous))
    m = _WEAK.match(line)
    if m and after_clause:
        return m.group("bullet"), m.group("rest")
    if _ENUMERATOR.match(line) and after_clause:
        return "", line
    return None


def opens_with_bullet(line: str) -> bool:
    """The line opens with a bullet: a bullet character, or a dash followed by a space."""
    text = line.strip()
    return bool(_STRONG.match(text) or _WEAK.match(text))


def _next_weak_entry(text: str, x: float, entry_x: float, bullet: str) -> tuple[str, str] | None:
    """A line opening with the same dash as the list entry before it, at the same left edge, is
    the next entry even where the entry before did not end a clause ('- de gemeenten' /
    '- de centra'): the indent shows the list, not the punctuation."""
    m = _WEAK.match(text)
    if m is None or m.group("bullet") != bullet or abs(x - entry_x) > LIST_INDENT_TOLERANCE:
        return None
    return m.group("bullet"), m.group("rest")


def _levels(positions: Sequence[float]) -> list[float]:
    """Distinct left edges, closer ones merged, left to right."""
    levels: list[float] = []
    for x in sorted(positions):
        if not levels or x - levels[-1] > LIST_INDENT_TOLERANCE:
            levels.append(x)
    return levels


_BREAK = regex.compile(r"([\p{L}\p{M}]+)\u00ad([\p{L}\p{M}]+)")
_HYPHENATED = regex.compile(r"^[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+$")
_TOKEN_EDGES = "\"'‘’“”«»()[]{}.,;:!?…"


def hyphenated_words(lines: Iterable[str]) -> frozenset[str]:
    """The words a document prints with a hyphen inside a line ('processen-verbaal',
    'kandidaat-huurders'), lower case: the evidence `resolve_breaks` looks at. A line's last word
    ending in '-' is a break, not evidence."""
    found: set[str] = set()
    for line in lines:
        tokens = line.split()
        if tokens and tokens[-1].endswith(("-", SOFT_HYPHEN)):
            tokens = tokens[:-1]
        for token in tokens:
            word = token.strip(_TOKEN_EDGES)
            if "-" in word and _HYPHENATED.match(word):
                found.add(word.lower())
    return frozenset(found)


def resolve_breaks(text: str, hyphenated: Collection[str] = ()) -> str:
    """Settle the line-end hyphens that `join_lines` took for the word processor's (marked with a
    soft hyphen): the hyphen comes back where the document prints the same compound with a
    hyphen elsewhere ('processen-' + 'verbaal' where 'processen-verbaal' stands in a line),
    otherwise the halves join ('regen-' + 'boogprovincie' -> 'regenboogprovincie')."""

    def settle(m: regex.Match[str]) -> str:
        before, after = m.group(1), m.group(2)
        key = f"{before}-{after[:3]}".lower()
        if any(word.startswith(key) for word in hyphenated):
            return f"{before}-{after}"
        return before + after

    if SOFT_HYPHEN not in text:
        return text
    return _BREAK.sub(settle, text).replace(SOFT_HYPHEN, "")


def join_text_lines(
    lines: Sequence[str], indents: Sequence[float] | None = None, hyphenated: Collection[str] = ()
) -> str:
    """Join the lines of a paragraph of running text.

    Wrapped lines join with spaces and hyphenation is repaired as in `join_lines`. A line that
    opens a list entry starts a new line of its own (joined with '\\n'): a line starting with a
    bullet ('•', '▪', '○', '➢' ...; Word's private-use Symbol bullets and unnamed glyphs such as
    '(cid:127)' become '•'), or, right after
    a line that ended a clause (or at the start of the paragraph), with a dash bullet ('-', '–')
    or an enumerator ('1.', 'a)', '(ii)'). Bullets are kept as printed, followed by one space.
    The lines after an entry that are not entries themselves continue it, unless the text goes
    back to the left of the entry's bullet after a clause ended: then it is a new line again.

    Line-end hyphens taken for the word processor's are settled by `resolve_breaks` with the
    document's `hyphenated` words as evidence.

    `indents` (the left edge of each line, in points) sets the nesting: list entries whose bullet
    stands further right than the leftmost entry of the paragraph are indented by two spaces per
    level ('  ○ sub-entry').
    """
    cleaned = [_clean_line(raw) for raw in lines]
    xs = list(indents) if indents is not None and len(indents) == len(lines) else [0.0] * len(lines)
    rows = [(text, x) for text, x in zip(cleaned, xs, strict=True) if text]
    entries: list[tuple[int, str, str]] = []  # (row index, bullet, rest)
    previous: str | None = None
    for i, (text, x) in enumerate(rows):
        found = _list_entry(text, previous)
        if found is None and entries and indents is not None:
            found = _next_weak_entry(text, x, rows[entries[-1][0]][1], entries[-1][1])
        if found is not None:
            entries.append((i, *found))
        previous = text
    if not entries:
        out = ""
        for text, _x in rows:
            out = _join_pair(out, text)
        return resolve_breaks(out, hyphenated)
    entry_at = {i: (bullet, rest) for i, bullet, rest in entries}
    levels = _levels([rows[i][1] for i, _b, _r in entries])
    out_lines: list[str] = []
    entry_x: float | None = None
    for i, (text, x) in enumerate(rows):
        if i in entry_at:
            bullet, rest = entry_at[i]
            level = next((n for n, lx in enumerate(levels) if abs(x - lx) <= LIST_INDENT_TOLERANCE), 0)
            start = f"{bullet} {rest}" if bullet else rest
            out_lines.append("  " * level + start if out_lines else start)
            entry_x = x
            continue
        back_left = (
            entry_x is not None
            and indents is not None
            and x < entry_x - LIST_INDENT_TOLERANCE
            and bool(out_lines)
            and bool(_SENTENCE_END.search(out_lines[-1]))
        )
        if not out_lines or back_left:
            out_lines.append(text)
            if back_left:
                entry_x = None
        else:
            out_lines[-1] = _join_pair(out_lines[-1], text)
    return resolve_breaks("\n".join(out_lines), hyphenated)


def join_paragraphs(paragraphs: Sequence[str]) -> str:
    """Paragraphs joined by a blank line, empty ones dropped."""
    return "\n\n".join(p for p in paragraphs if p)


def normalize_url(url: str) -> str:
    """A URL as a link target: trailing punctuation removed, bare 'www.' given 'http://'."""
    url = url.rstrip(_TRAILING_PUNCT)
    if url.lower().startswith("www."):
        url = "http://" + url
    return url


def find_urls(text: str) -> list[str]:
    """Every URL printed in `text`, normalised, in order."""
    return [normalize_url(m.group("url")) for m in URL.finditer(text)]


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Values in first-seen order without repeats."""
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return tuple(seen)
