"""The Dutch number grammar for table cells.

`parse_cell` reads one table cell as printed in a Flemish Parliament answer ('1.627', '8,8 %',
'€ 1,6 mld', '<5', 'n.v.t.') and says what kind of cell it is and which number it states.
`format_dutch` writes a number the Dutch way ('1.234,56'); the two round-trip.

The grammar is one VERBOSE `regex` template with named groups. It is compiled twice at import:
once with the Dutch separators ('.' or a space groups thousands, ',' is the decimal point) and
once with the English ones (',' or a space groups thousands, '.' is the decimal point). Which of
the two is tried, and in which order, depends on the `decimal_point` argument; see
docs/numbers.md for the rules written out for users.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

import attrs
import regex

from ..model import CellKind
from .dates import MONTHS

__all__ = [
    "CellKind",
    "Quantity",
    "format_dutch",
    "is_numeric",
    "looks_like_label",
    "parse_cell",
]

#: Kinds whose cell states a number it gives (`value` set): what sums and totals count.
VALUE_KINDS: Final[frozenset[str]] = frozenset({"integer", "decimal", "percent", "currency"})
#: Kinds whose cell states (or deliberately hides) a number: the value kinds and 'suppressed'.
NUMERIC_KINDS: Final[frozenset[str]] = VALUE_KINDS | {"suppressed"}

#: Flag: the cell used '.' as a decimal point where a Dutch table would not ('1.5', '12.75').
AMBIGUOUS_SEPARATOR: Final = "ambiguous_separator"
#: Flag: a footnote mark ('*', '(1)', '(a)', '¹') followed the number and was ignored.
FOOTNOTE: Final = "footnote"
#: Flag: the cell is a number written with the separators of the other convention.
MALFORMED_NUMBER: Final = "malformed_number"


@attrs.frozen
class Quantity:
    """What a table cell states.

    `value` is the number with scale words applied, an `int` when the result is integral and
    either a scale word was applied or no decimals were printed, else a `float`. It is None
    for the kinds suppressed, missing, empty and text. `unit` is '%' for percent and 'EUR'
    for currency, else None. `flags` are stable strings: 'ambiguous_separator', 'footnote',
    'malformed_number'.
    """

    kind: CellKind
    value: int | float | None
    unit: str | None
    flags: tuple[str, ...] = ()


# Spaces that typesetters use as thousands separators or before a unit.
_SPACES: Final = regex.compile(r"[\s\u00a0\u202f\u2009\u2007\u200a]+")

_SIGNS: Final = "-+\u2212\u2013"  # hyphen-minus, plus, minus sign, en dash
_SUPERSCRIPT_DIGITS: Final = "\u2070\u00b9\u00b2\u00b3\u2074-\u2079"

_NUMBER_TEMPLATE: Final = r"""
    ^
    (?P<open>\()?                                   # accounting negative: (1.234)
    (?P<lead_sign>[SIGNS])?                         # sign before the currency: -€ 12
    (?:(?P<currency_before>€|eur(?:o)?(?![a-z]))\x20?)?
    (?P<sign>[SIGNS])?                              # sign directly before the digits
    (?P<number>
        (?:
            (?P<integer>[0-9]{1,3})                 # 1.627  22.500  1 627
            (?P<groups>(?P<tsep>TSEP)[0-9]{3}(?:(?P=tsep)[0-9]{3})*)
          |
            (?P<integer>[0-9]+)                     # 1069
        )
        (?:
            DSEP
            (?:
                (?P<decimals>[0-9]+)                # 8,8  595.738,00
              | (?P<nil>--?|–)                      # € 12,-
            )
        )?
    )
    (?:\x20?(?P<scale>k|dzd\.?|duizend|mln\.?|mio\.?|miljoen|mld\.?|miljard)(?![a-z]))?
    (?:\x20?
        (?:
            (?P<percent>%|pct\.?(?![a-z])|procent|percent)
          | (?P<currency_after>€|eur(?:o)?(?![a-z]))
        )
    )?
    (?P<close>\))?
    (?:\x20?(?P<footnote>\*+|\((?:[0-9]{1,2}|[a-z])\)|[SUPERS]+))?
    $
"""


def _compile_number(thousands: str, decimal_point: str) -> regex.Pattern[str]:
    source = (
        _NUMBER_TEMPLATE.replace("SIGNS", _SIGNS)
        .replace("SUPERS", _SUPERSCRIPT_DIGITS)
        .replace("TSEP", thousands)
        .replace("DSEP", decimal_point)
    )
    return regex.compile(source, regex.VERBOSE | regex.IGNORECASE | regex.VERSION0)


#: Dutch: '.' or a space between groups of three digits, ',' before the decimals.
_DUTCH: Final = _compile_number(r"[.\x20]", ",")
#: English: ',' or a space between groups of three digits, '.' before the decimals.
_ENGLISH: Final = _compile_number(r"[,\x20]", r"\.")

_SUPPRESSED: Final = regex.compile(
    r"""
    ^
    (?:<=?|≤|⩽|&lt;)\x20?
    [0-9]+(?:[.,\x20][0-9]+)*
    (?:\x20?(?:\*+|\((?:[0-9]{1,2}|[a-z])\)))?
    $
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

_MISSING: Final[frozenset[str]] = frozenset(
    {
        "-",
        "--",
        "---",
        "–",
        "—",
        "−",
        "/",
        "n.v.t.",
        "n.v.t",
        "nvt",
        "nvt.",
        "x",
        "…",
        "...",
        "na",
        "n.a.",
        "n/a",
        "onb.",
        "onb",
        "onbekend",
    }
)

_SCALES: Final[dict[str, int]] = {
    "k": 10**3,
    "dzd": 10**3,
    "duizend": 10**3,
    "mln": 10**6,
    "mio": 10**6,
    "miljoen": 10**6,
    "mld": 10**9,
    "miljard": 10**9,
}

#: the month names and abbreviations of `dates.MONTHS`, longest first
_MONTHS: Final = "|".join(sorted(MONTHS, key=len, reverse=True))

#: a caption, header or note saying that amounts are printed in thousands or millions ('in duizend
#: euro', 'x 1.000', 'mio'): each amount is then rounded
SCALED_AMOUNTS: Final = regex.compile(
    r"\b(?:in\s+)?(?:duizend|miljoen|miljard|mio|mln|mld|k€|keur)\b|x\s*1[.\s]?000", regex.IGNORECASE
)

_LABEL: Final = regex.compile(
    rf"""
    ^
    (?:
        (?P<year>(?:19|20)[0-9]{{2}})(?:\x20?(?:\*+|\([0-9a-z]\)))?     # 2019, 2019 (1)
      | (?P<age>                                                    # 18 - 29 jaar, 18-24, 65+
            [0-9]{{1,3}}\x20?[-–]\x20?[0-9]{{1,3}}(?:\x20?jaar)?
          | [0-9]{{1,3}}\x20?\+(?:\x20?jaar)?
          | \+\x20?[0-9]{{1,3}}\x20?jaar
          | [<>≤≥]=?\x20?[0-9]{{1,3}}\x20?jaar
          | [0-9]{{1,3}}\x20?jaar(?:\x20(?:en\x20)?(?:ouder|meer|jonger))?
        )
      | (?P<month>(?:{_MONTHS})\.?)                                   # Jan, sept., december
    )
    $
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _collapse(raw: str) -> str:
    return _SPACES.sub(" ", raw).strip()


def _to_number(value: Decimal, *, integral: bool) -> int | float:
    if integral and value == value.to_integral_value():
        return int(value)
    return float(value)


def _quantity(match: regex.Match[str], *, english: bool) -> Quantity | None:
    """The Quantity a full match of `_DUTCH` or `_ENGLISH` states, or None if inconsistent."""
    groups = match.groupdict()
    currency = groups["currency_before"] or groups["currency_after"]
    if groups["currency_before"] and groups["currency_after"]:
        return None
    if groups["percent"] and currency:
        return None
    if bool(groups["open"]) != bool(groups["close"]):
        return None
    signs = [s for s in (groups["lead_sign"], groups["sign"]) if s]
    if len(signs) > 1 or (signs and groups["open"]):
        return None

    tsep = groups["tsep"] or ""
    digits = groups["integer"] + (groups["groups"] or "").replace(tsep, "")
    decimals = groups["decimals"]
    amount = Decimal(f"{digits}.{decimals}" if decimals else digits)
    scale = groups["scale"]
    if scale:
        # Exact: enough precision for every printed digit and the scale's zeros.
        context = decimal.Context(prec=len(digits) + len(decimals or "") + 12)
        amount = context.multiply(amount, _SCALES[scale.rstrip(".").lower()])
    negative = bool(groups["open"]) or (bool(signs) and signs[0] != "+")
    if negative:
        amount = -amount
    value = _to_number(amount, integral=bool(scale) or not decimals)

    kind: CellKind
    unit: str | None = None
    if groups["percent"]:
        kind, unit = "percent", "%"
    elif currency:
        kind, unit = "currency", "EUR"
    elif decimals:
        kind = "decimal"
    else:
        kind = "integer"

    flags: list[str] = []
    if english:
        flags.append(AMBIGUOUS_SEPARATOR)
    if groups["footnote"]:
        flags.append(FOOTNOTE)
    return Quantity(kind, value, unit, tuple(flags))


def _match(pattern: regex.Pattern[str], text: str, *, english: bool) -> Quantity | None:
    match = pattern.fullmatch(text)
    return _quantity(match, english=english) if match else None


def parse_cell(raw: str, *, decimal_point: bool | None = None) -> Quantity:
    """Read one table cell: its kind, the number it states and its unit.

    Whitespace (including non-breaking and thin spaces) is collapsed first. The kinds:

    - 'empty': nothing but whitespace;
    - 'missing': a placeholder such as '-', '–', '/', 'n.v.t.', 'x', '…', 'NA', 'onbekend';
    - 'suppressed': a count hidden for privacy such as '<5', '< 10', '≤5', '<=5';
    - 'percent' (unit '%'), 'currency' (unit 'EUR'), 'decimal' (decimals printed) and
      'integer' (no decimals printed): a number, with its sign ('-', '+', U+2212, U+2013 or
      accounting parentheses), scale word (k, dzd, duizend, mln, mio, miljoen, mld, miljard)
      and footnote mark ('*', '(1)', '(a)', '¹'; flag 'footnote');
    - 'text': anything else.

    The value has the scale word applied ('1,6 mld' -> 1600000000), a percent keeps its printed
    scale ('8,8%' -> 8.8). The kind follows the printed number, so '1,6 mln' is 'decimal' even
    though its value 1600000 is returned as an int: a value is an int when it is integral and a
    scale word was applied or no decimals were printed, else a float ('595.738,00' -> 595738.0).

    `decimal_point` says which convention the column uses:

    - None (default): Dutch first ('1.500' -> 1500); a number that only reads with '.' as the
      decimal point ('1.5', '12.75', '0.25') is read that way and flagged 'ambiguous_separator'.
    - False: Dutch only; a number in English notation is 'text' flagged 'malformed_number'.
    - True: English only ('1.500' -> 1.5, '1,234' -> 1234); a number in Dutch notation is
      'text' flagged 'malformed_number'.
    """
    text = _collapse(raw)
    if not text:
        return Quantity("empty", None, None)
    if text.lower() in _MISSING:
        return Quantity("missing", None, None)
    if _SUPPRESSED.fullmatch(text):
        return Quantity("suppressed", None, None)

    if decimal_point is None:
        found = _match(_DUTCH, text, english=False) or _match(_ENGLISH, text, english=True)
        return found or Quantity("text", None, None)

    own, other = (_ENGLISH, _DUTCH) if decimal_point else (_DUTCH, _ENGLISH)
    found = _match(own, text, english=False)
    if found is not None:
        return found
    if _match(other, text, english=False) is not None:
        return Quantity("text", None, None, (MALFORMED_NUMBER,))
    return Quantity("text", None, None)


def is_numeric(raw: str) -> bool:
    """True when the cell is a number or a suppressed count (kinds integer, decimal, percent,
    currency, suppressed), read with the default Dutch-first convention."""
    return parse_cell(raw).kind in NUMERIC_KINDS


def looks_like_label(raw: str) -> bool:
    """True when the cell reads as a row or column label rather than data.

    Labels are years 1900-2099 ('2019', a footnote mark allowed), age ranges ('18 - 29 jaar',
    '18-24', '65+', '+65 jaar', '65 jaar en ouder'), Dutch month names and abbreviations
    ('Jan', 'sept.', 'december') and any other text. Numbers other than years, placeholders
    ('-', 'n.v.t.'), suppressed counts and empty cells are not labels.
    """
    text = _collapse(raw)
    if not text:
        return False
    if _LABEL.fullmatch(text):
        return True
    return parse_cell(text).kind == "text"


def format_dutch(value: int | float | Decimal, *, decimals: int | None = None, thousands: bool = True) -> str:
    """Write a number the Dutch way: '.' between groups of three digits, ',' before decimals.

    `decimals` fixes the number of decimals (rounded half to even); None prints an int without
    decimals and a float with the shortest decimals that read back as the same float
    (8.8 -> '8,8', 3.0 -> '3,0'). `thousands=False` leaves out the thousands dots.
    Raises ValueError for NaN and infinities.

    >>> format_dutch(1234.56)
    '1.234,56'
    """
    if isinstance(value, bool):
        raise TypeError("format_dutch() takes a number, not a bool")
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"cannot format {value!r}")
    if decimals is not None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        precision = max(exact.adjusted(), 0) + decimals + 2
        context = decimal.Context(prec=precision, rounding=decimal.ROUND_HALF_EVEN)
        exact = exact.quantize(Decimal(1).scaleb(-decimals), context=context)
    text = format(exact, "f")
    negative = text.startswith("-")
    integer, _, fraction = text.lstrip("-").partition(".")
    if isinstance(value, float) and decimals is None and not fraction:
        fraction = "0"  # 1e+20: a float reads back as a float
    if thousands:
        head = len(integer) % 3 or 3
        integer = ".".join([integer[:head], *(integer[i : i + 3] for i in range(head, len(integer), 3))])
    sign = "-" if negative and (integer.strip("0.") or fraction.strip("0")) else ""
    return f"{sign}{integer},{fraction}" if fraction else f"{sign}{integer}"
