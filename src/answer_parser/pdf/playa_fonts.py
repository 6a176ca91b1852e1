"""pdfminer's measurement and mapping of fonts, on the fonts playa loads (`miner_font`, applied
by `pdf.playa_reader` to every font of a document), so that `pdf.playa_page` places and names
glyphs as pdfminer does:

- descent: pdfminer takes the font descriptor's /Descent (0 when absent); playa falls back to
  -120/1000 or to the font's bounding box (`miner_descent`);
- missing width: a simple font without /MissingWidth advances 0 in pdfminer, 1000/1000 in playa;
- a glyph without a Unicode mapping is `(cid:N)` in pdfminer, empty in playa (`miner_text`), or
  the character numbered as the code in a CID font without any map (`unicode_unknown`).
"""

from __future__ import annotations

from typing import Any


def miner_font(font: Any) -> Any:
    """The font measured and mapped to Unicode as pdfminer does it.

    A simple font without /MissingWidth: pdfminer advances 0 for a glyph without a width (the Euro
    sign of a standard 14 font), playa 1000/1000 of the size. A code its ToUnicode map lacks: see
    `_miner_decode`. A CID font without /ToUnicode: playa
    builds the map from the embedded TrueType program's cmap whatever the character collection;
    pdfminer does so only for Adobe-Identity and Adobe-UCS and only when its own reading of the
    cmap finds one (`_miner_ttf_map`), else it takes the collection's predefined map or none.
    """
    from playa.font import CIDFont, SimpleFont

    if getattr(font, "_miner", False):
        return font  # a font playa had loaded before
    font._miner = True
    if isinstance(font, SimpleFont) and "MissingWidth" not in font.descriptor:
        font.default_width = 0
    if (
        isinstance(font, CIDFont)
        and font.tounicode is not None
        and getattr(font, "fontfile", None)
        and (font.cidcoding not in ("Adobe-Identity", "Adobe-UCS") or not _miner_ttf_map(font))
    ):
        from playa.cmapdb import get_unicode_map

        font.tounicode = None
        try:
            font.unicode_map = get_unicode_map(font.cidcoding, font.cmap.is_vertical())
        except KeyError:
            font.unicode_map = None
    if getattr(font, "tounicode", None) is not None:
        font.tounicode.decode = _MinerDecode(font.tounicode)
    return font


def _miner_decode(tounicode: Any, code: bytes) -> tuple[str, ...]:
    """playa's `ToUnicodeMap.decode`, except that a code the map lacks gives "" (then `miner_text`
    gives pdfminer's text: the encoding's character of a simple font, else `(cid:N)`) where playa
    gives the character numbered as the code."""
    get = tounicode.bytes2unicode.get
    spaces = [
        (n, start, end) for n, (start, end) in zip(tounicode.code_lengths, tounicode.code_space, strict=False)
    ]
    out: list[str] = []
    idx, size = 0, len(code)
    while idx < size:
        for codelen, start, end in spaces:
            substr = code[idx : idx + codelen]
            if start <= substr <= end:
                out.append(get(substr, ""))
                idx += codelen
                break
        else:
            out.append(chr(code[idx]))
            idx += 1
    return tuple(out)


#: strings decoded per ToUnicode map kept (a document's strings repeat: words, numbers, labels)
DECODED_STRINGS_KEPT = 20_000


class _MinerDecode:
    """`_miner_decode` of one map, each string decoded once (2 million decodings of 150,000
    strings on the 195-page kamer_1468)."""

    __slots__ = ("done", "tounicode")

    def __init__(self, tounicode: Any) -> None:
        self.tounicode = tounicode
        self.done: dict[bytes, tuple[str, ...]] = {}

    def __call__(self, code: bytes) -> tuple[str, ...]:
        text = self.done.get(code)
        if text is None:
            if len(self.done) >= DECODED_STRINGS_KEPT:
                self.done.clear()
            text = self.done[code] = _miner_decode(self.tounicode, code)
        return text


def _miner_ttf_map(font: Any) -> bool:
    """Whether pdfminer finds a Unicode map in the font's embedded TrueType program."""
    import io

    from pdfminer.pdffont import TrueTypeFont

    try:
        TrueTypeFont(font.basefont, io.BytesIO(font.fontfile.buffer)).create_unicode_map()
    except TrueTypeFont.CMapNotFound:
        return False
    except Exception:  # pdfminer cannot read the program: playa's map stands
        return True
    return True


def unicode_unknown(font: Any) -> bool:
    """A CID font with neither a ToUnicode map nor a predefined Unicode map: playa takes each code
    as the character of that number (control characters, mostly), pdfminer writes `(cid:N)`."""
    return getattr(font, "tounicode", True) is None and getattr(font, "unicode_map", True) is None


def miner_text(font: Any, cid: int) -> str:
    """pdfminer's text for a glyph playa found none for: its encoding's character when a ToUnicode
    map lacks the code, else `(cid:N)`."""
    text = getattr(font, "_cid2unicode", {}).get(cid)
    return text if isinstance(text, str) and text else f"(cid:{cid})"


_descents: dict[int, tuple[Any, float]] = {}  # id(font) -> (font, descent): a document has few fonts


def miner_descent(font: Any) -> float:
    """The descent pdfminer places a character box with, in text space units (PDFFont.get_descent).

    pdfminer: the descriptor's /Descent (0 when absent, made negative), times 1/1000; a Type 3
    font: its /FontBBox bottom, times the FontMatrix's vertical scale; a TrueType font named as one
    of the standard 14 takes that font's metrics, as pdfminer's TrueType font is a Type 1 font.
    """
    cached = _descents.get(id(font))
    if cached is not None and cached[0] is font:
        return cached[1]
    from playa.font import TrueTypeFont, Type1Font, Type3Font
    from playa.fontmetrics import FONT_METRICS
    from playa.pdftypes import num_value

    if isinstance(font, Type3Font):
        _a, b, _c, d, _e, _f = font.matrix
        descent = float(font.bbox[1]) * (b + d)
    else:
        descriptor = font.descriptor
        basefont = getattr(font, "basefont", None)
        if isinstance(font, Type1Font | TrueTypeFont) and basefont in FONT_METRICS:
            descriptor = FONT_METRICS[basefont][0]
        try:
            value = float(num_value(descriptor.get("Descent", 0)))
        except (TypeError, AttributeError):
            value = 0.0
        descent = -value * 0.001 if value > 0 else value * 0.001
    if len(_descents) > 1000:
        _descents.clear()
    _descents[id(font)] = (font, descent)
    return descent
