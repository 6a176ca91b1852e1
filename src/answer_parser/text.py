"""Pure text helpers: joining wrapped lines, repairing line-end hyphenation, finding links.

No PDF in sight: everything here works on strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
SOFT_HYPHEN = "\u00ad"

URL = regex.compile(
    r"""
    (?P<url>
        (?:https?://|www\.)              # a scheme, or a bare www.
        [^\s<>()\[\]{}"'‘’“”]+            # anything up to white space or a bracket/quote
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING_PUNCT = ".,;:!?"
# words after which a line-end hyphen is a Dutch elision ('zorg- en welzijnsbeleid'), never a break
_ELISION_FOLLOWERS = frozenset({"en", "of", "tot", "noch", "als", "dan", "&"})


def collapse(text: str) -> str:
    """White space collapsed to single spaces, ends stripped; soft hyphens dropped."""
    return _SPACES.sub(" ", text.replace(SOFT_HYPHEN, "")).strip()


def _ends_in_link(fragment: str) -> bool:
    last = fragment.rsplit(" ", 1)[-1]
    return bool(URL.search(last) or "@" in last or "/" in last)


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph with spaces, repairing hyphenation at line ends.

    A line ending in '-' (or a soft hyphen) after a lower-case letter, followed by a line that
    starts with a lower-case letter, was hyphenated by the word processor: the hyphen goes and
    the halves join ('Leeftijds-' + 'categorie'). A hyphen after a capital or digit
    ('ICT-' + 'middelen'), inside a URL or e-mail address, or before 'en'/'of' ('zorg- en
    welzijn') is a real hyphen: it stays, and the halves join without a space (or with one,
    for the elision).
    """
    out = ""
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(SOFT_HYPHEN):
            out = out[:-1] + line
            continue
        if out.endswith("-") and len(out) >= 2 and out[-2].isalpha():
            first_word = line.split(" ", 1)[0]
            if first_word.lower().strip(",.;:") in _ELISION_FOLLOWERS:
                out = out + " " + line
            elif _ends_in_link(out) or not out[-2].islower() or not line[0].islower():
                out = out + line
            else:
                out = out[:-1] + line
            continue
        out = out + " " + line
    return out.replace(SOFT_HYPHEN, "")


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
