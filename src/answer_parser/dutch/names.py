"""Names printed in capitals ('FREYA VAN DEN BOSSCHE') turned into display form.

The Flemish convention: the first token is the given name; the surname starts at the first
particle after it ('van', 'de', 'der', 'den', ...) or, without a particle, at the last token.
The particle that starts the surname is capitalised ('Van den Bossche', 'De Ridder'), the
particles after it stay lower case (but the last token, as in 'Van In', is a name and is
capitalised), every other token is capitalised per hyphen and apostrophe part ('Jean-Marie',
"D'Haeseleer").
"""

from __future__ import annotations

from typing import Final

import regex

__all__ = ["PARTICLES", "display_name", "is_all_caps_name"]

#: Surname particles, lower case, apostrophes as U+0027.
PARTICLES: Final[frozenset[str]] = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "vanden",
        "vander",
        "vande",
        "le",
        "la",
        "du",
        "des",
        "del",
        "della",
        "di",
        "da",
        "d'",
        "op",
        "in",
    }
)

_WHITESPACE: Final = regex.compile(r"\s+")
_APOSTROPHES: Final = "'\u2019\u2018\u02bc"
# A word part: a run between hyphens and apostrophes, which are kept as printed.
_PARTS: Final = regex.compile(rf"([-{_APOSTROPHES}])")
_CAPS_TOKEN: Final = regex.compile(
    rf"""
    ^
    (?=.*\p{{Lu}})                 # at least one letter
    [\p{{Lu}}\p{{M}}\-{_APOSTROPHES}]+
    $
    """,
    regex.VERBOSE,
)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _is_particle(token: str) -> bool:
    key = token.lower()
    for apostrophe in _APOSTROPHES[1:]:
        key = key.replace(apostrophe, "'")
    return key in PARTICLES


def _capitalise(token: str) -> str:
    """'JEAN-MARIE' -> 'Jean-Marie', "D'HAESELEER" -> "D'Haeseleer"."""
    return "".join(part[:1].upper() + part[1:].lower() for part in _PARTS.split(token))


def display_name(raw: str) -> str:
    """The display form of a person's name printed in capitals.

    'FREYA VAN DEN BOSSCHE' -> 'Freya Van den Bossche', 'JEAN-MARIE DEDECKER' ->
    'Jean-Marie Dedecker', "BRECHT D'HAESELEER" -> "Brecht D'Haeseleer". The first token is
    the given name; the surname starts at the first particle after it (see `PARTICLES`), else
    at the last token. That first particle is capitalised, later particles are lower case
    except the last token, which is always capitalised ('JEF VAN IN' -> 'Jef Van In'). Other
    tokens are capitalised per hyphen and apostrophe part. Whitespace is collapsed; a name
    that already has a lower-case letter is returned otherwise unchanged.
    """
    text = _collapse(raw)
    if text != text.upper():
        return text
    tokens = text.split(" ")
    if len(tokens) == 1:
        return _capitalise(tokens[0])
    surname_start = next(
        (i for i in range(1, len(tokens)) if _is_particle(tokens[i])),
        len(tokens) - 1,
    )
    shown = []
    for i, token in enumerate(tokens):
        if surname_start < i < len(tokens) - 1 and _is_particle(token):
            shown.append(token.lower())
        else:
            shown.append(_capitalise(token))
    return " ".join(shown)


def is_all_caps_name(text: str) -> bool:
    """True when `text` looks like a name printed in capitals.

    All letters are upper case, there are 2 to 6 tokens, and each token holds only letters,
    hyphens and apostrophes (with at least one letter): 'KATRIEN PARTYKA' is such a name,
    'Katrien Partyka' and a lone 'ANTWOORD' are not.
    """
    tokens = _collapse(text).split(" ")
    return 2 <= len(tokens) <= 6 and all(_CAPS_TOKEN.fullmatch(token) for token in tokens)
