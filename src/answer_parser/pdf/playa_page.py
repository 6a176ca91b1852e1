"""One playa page -> the objects pdfplumber would list for it: character, line, rectangle and
curve dictionaries in pdfplumber's top-left coordinates, with pdfminer's colours, and the page's
link annotations as pdfplumber parses them. `pdf.playa_reader` turns them into records with the
pdfplumber reader's own functions.

Where playa and pdfminer place a glyph differently, pdfminer's placement is reproduced here, so
that the words come out the same:

- character spacing: pdfminer adds Tc between the glyphs of a string, not after its last one
  (`CharSpacing`);
- descent, missing widths, unmapped glyphs: pdfminer's measurement of the fonts
  (`pdf.playa_fonts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import TooLargeError
from . import streams
from .playa_fonts import miner_descent, miner_text, unicode_unknown

MIB = 1 << 20


class PageObjects:
    """The page in pdfplumber's terms: the objects as dictionaries in top-left coordinates."""

    def __init__(self, page: Any, max_objects: int = 100_000, max_content_mb: int = 8) -> None:
        from playa.pdftypes import resolve_all

        self.max_objects = max_objects  # ReadingSettings.max_page_objects, as the guards bound it
        self.max_content_mb = max_content_mb  # ReadingSettings.max_page_content_mb
        self.content = 0  # bytes of content streams taken so far (the page's and its forms')
        self.drawing: set[int] = set()  # the forms being drawn (a form inside a form ...)
        rotate: Any = resolve_all(page.attrs.get("Rotate", 0))
        self.rotation = int(rotate or 0) % 360
        x0, y0, x1, y1 = _normalize_box(resolve_all(page.attrs.get("MediaBox")), self.rotation)
        self.width = x1 - x0
        self.height = y1 - y0
        self.mb_x0 = x0  # pdfplumber adds the MediaBox's left edge back to every x
        self.mb_top = -y0  # and its (inverted) top to every top
        self.page_number = int(page.page_idx) + 1
        self.unplaced = 0  # characters under a singular transformation (no direction, no place)
        self.turned = False  # some text runs other than left to right (`rotation.upright_view` looks)
        self.hyperlinks: list[dict[str, Any]] = []
        self.chars: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        self.curves: list[dict[str, Any]] = []

    def room(self) -> int:
        """How many more objects the page may hold."""
        return self.max_objects - len(self.chars) - len(self.lines) - len(self.rects) - len(self.curves)

    def check_count(self) -> None:
        """Refuse a page past `max_objects` (`TooLargeError`)."""
        if self.room() < 0:
            raise TooLargeError(f"a page holds more than {self.max_objects} objects")

    def take_content(self, stream: Any) -> None:
        """Decode a content stream of the page or of a form it draws before playa does, and
        refuse the page past `max_content_mb` of content (`TooLargeError`): playa's compiled
        interpreter holds a path whole before it can be counted (~50 MB a MiB of operators)."""
        cap = self.max_content_mb * MIB
        self.content += streams.content(stream, cap - self.content)
        if self.content > cap:
            raise TooLargeError(f"a page holds more than {self.max_content_mb} MiB of content")

    def close(self) -> None:
        """Nothing to release (pdfplumber's pages are closed; `rotation.UprightPage` closes its page)."""

    def point(self, pt: tuple[float, float]) -> tuple[float, float]:
        """pdfplumber's `point2coord` (its MediaBox top is `mb_top`)."""
        return (self.mb_x0 + pt[0], self.mb_top + self.height - pt[1])


def _normalize_box(box: Any, rotation: int) -> tuple[float, float, float, float]:
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    if rotation in (90, 270):
        return (y0, x0, y1, x1)
    return (x0, y0, x1, y1)


def collect(objects: Iterable[Any], target: PageObjects) -> None:
    """Every glyph and path of the page, form XObjects included, as pdfplumber lists them.

    A page of more than `target.max_objects` characters and paths is refused (`TooLargeError`,
    the bound `pdf.guards` puts on pdfminer's pages), checked after each text and path object."""
    from playa.content import PathObject, TextObject, XObjectObject
    from playa.miner import process_path

    spacing = CharSpacing()
    for obj in objects:
        if isinstance(obj, TextObject):
            _glyphs(obj, target, spacing)
        elif isinstance(obj, PathObject):
            for item in process_path(obj):
                _path_item(item, target)
                target.check_count()
        elif isinstance(obj, XObjectObject):
            form = id(obj.stream)
            if form in target.drawing:  # a form that draws itself: drawn once, not without end
                continue
            target.take_content(obj.stream)
            target.drawing.add(form)
            collect(obj, target)
            target.drawing.discard(form)
            continue
        else:  # images and marked content: nothing to copy
            continue
        target.check_count()


class CharSpacing:
    """pdfminer's character spacing (Tc), which playa's differs from, followed along a text line.

    playa adds Tc after every glyph (as the PDF specification says); pdfminer adds it before every
    glyph that follows another glyph or a TJ number in the same string, so once less per string
    (or as often, when the string opens with a number). From one string to the next on the same
    text line pdfminer falls behind playa by Tc per string (`behind`), until Td, Tm, T* or BT set
    the line again.
    """

    __slots__ = ("behind", "line", "offset")

    def __init__(self) -> None:
        self.behind = 0.0  # text space units pdfminer is behind playa at the start of a string
        self.line: Any = None  # the line matrix of the last string
        self.offset: Any = None  # playa's position after the last string

    def start(self, text: Any) -> float:
        """How far behind playa's position pdfminer starts this string."""
        if text.line_matrix != self.line or text._glyph_offset != self.offset:
            self.behind = 0.0  # a new line: both start where the operators say
        return self.behind

    def shift(self, text: Any, charspace: float) -> float:
        """How far right (text space units) of playa's place pdfminer puts this string's glyphs;
        `behind` moved past the string."""
        behind = self.start(text)
        lead = 0.0
        for arg in text.args:
            if isinstance(arg, bytes):
                if arg:
                    break
            else:
                lead = charspace
                break
        if charspace and any(isinstance(arg, bytes) and arg for arg in text.args):
            self.behind += charspace - lead
        return lead - behind

    def after(self, text: Any) -> None:
        self.line = text.line_matrix
        self.offset = text._get_next_glyph_offset()


def _glyphs(text: Any, target: PageObjects, spacing: CharSpacing) -> None:
    """pdfminer's LTChar for each glyph (as pdfminer's `render_string_horizontal` places it), with
    pdfminer's descent, missing width and character spacing."""
    from playa.utils import mult_matrix

    gstate = text.gstate
    font = gstate.font
    if font is None:
        spacing.after(text)
        return
    a, b, c, d, e, f = mult_matrix(text.line_matrix, text.ctm)
    if b or c or font.vertical:
        _glyphs_turned(text, target, spacing)
        return
    fontsize = gstate.fontsize
    scaling = gstate.scaling * 0.01
    charspace = gstate.charspace * scaling
    wordspace = 0.0 if font.multibyte else gstate.wordspace * scaling
    dxscale = 0.001 * fontsize * scaling
    x_scale = fontsize * scaling * a  # the rendering matrix's a and d
    y_scale = fontsize * d
    if not a * d * scaling > 0:  # not upright (pdfminer's test): dropped, as the pdfplumber reader does
        if abs(a * d) < 1e-9:  # rotation.SINGULAR: text without a place, counted
            target.unplaced += sum(
                1
                for arg in text.args
                if isinstance(arg, bytes)
                for _cid, char in font.decode(arg)
                if not char.isspace()
            )
        spacing.after(text)
        return
    matrix = (a, b, c, d, 0.0, 0.0)  # pdfminer's LTChar.matrix, for `rotation.char_quarter`
    if a < 0:
        target.turned = True  # upside down
    descent = miner_descent(font)
    widths = _widths(font)
    unmapped = unicode_unknown(font)
    x, y = text._glyph_offset
    x -= spacing.start(text)
    fy = y * d + f + gstate.rise * d  # the baseline
    y0, y1 = fy + y_scale * descent, fy + y_scale * (descent + 1)
    if y1 < y0:
        y0, y1 = y1, y0
    height = target.height + target.mb_top
    top, bottom, size = height - y1, height - y0, y1 - y0
    fontname = font.fontname
    mb_x0 = target.mb_x0 + e
    append = target.chars.append
    need_charspace = False
    # a glyph takes a byte or more: only a text object of more bytes than the page has room
    # for objects is counted glyph by glyph (one string can hold a million glyphs)
    last = len(target.chars) + target.room()
    counted = sum(len(arg) for arg in text.args if isinstance(arg, bytes)) > target.room()
    for arg in text.args:
        if not isinstance(arg, bytes):
            x -= arg * dxscale
            need_charspace = True
            continue
        for cid, char in font.decode(arg):
            if need_charspace:
                x += charspace
            width = widths.get(cid)
            if width is None:
                width = widths[cid] = font.hdisp(cid)
            x0 = x * a + mb_x0
            x1 = x0 + x_scale * width
            if x1 < x0:
                x0, x1 = x1, x0
            append(
                {
                    "text": f"(cid:{cid})" if unmapped else char or miner_text(font, cid),
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": size,
                    "fontname": fontname,
                    "matrix": matrix,
                }
            )
            x += width * fontsize * scaling
            if cid == 32 and wordspace:
                x += wordspace
            need_charspace = True
            if counted and len(target.chars) > last:
                target.check_count()
    spacing.after(text)
    spacing.behind = spacing.offset[0] - x


_width_cache: dict[int, tuple[Any, dict[int, float]]] = {}  # id(font) -> (font, cid -> width)


def _widths(font: Any) -> dict[int, float]:
    cached = _width_cache.get(id(font))
    if cached is not None and cached[0] is font:
        return cached[1]
    if len(_width_cache) > 1000:
        _width_cache.clear()
    widths: dict[int, float] = {}
    _width_cache[id(font)] = (font, widths)
    return widths


def _glyphs_turned(text: Any, target: PageObjects, spacing: CharSpacing) -> None:
    """Text turned or skewed, or in a vertical font: playa's glyphs, moved to pdfminer's place.
    Characters that are not upright are kept, marked, with pdfminer's matrix: `rotation` turns a
    page whose text mostly runs sideways back upright, and drops them otherwise."""
    from playa.utils import mult_matrix, transform_bbox

    gstate = text.gstate
    font = gstate.font
    charspace = gstate.charspace * gstate.scaling * 0.01
    ta, tb, tc, td, _te, _tf = mult_matrix(text.line_matrix, text.ctm)
    dx = dy = 0.0
    if not font.vertical:
        shift = spacing.shift(text, charspace)
        if shift:
            dx, dy = shift * ta, shift * tb
    upright = ta * td * gstate.scaling * 0.01 > 0 and tb * tc <= 0  # pdfminer's LTChar.upright
    target.turned = True
    miner_matrix = (ta, tb, tc, td, 0.0, 0.0)
    chars = target.chars
    height = target.height + target.mb_top
    mb_x0 = target.mb_x0 + dx
    unmapped = unicode_unknown(font)
    for glyph in text:
        if len(chars) % 1024 == 0:  # a turned string of a million glyphs is refused on its way
            target.check_count()
        matrix = glyph.matrix
        if font.vertical:
            vdisp = font.vdisp(glyph.cid)
            vx, vy = font.position(glyph.cid)
            x0, y0, x1, y1 = transform_bbox(matrix, (-vx, vy + vdisp, -vx + 1, vy))
            size = x1 - x0
        else:
            descent = miner_descent(font)
            x0, y0, x1, y1 = transform_bbox(matrix, (0, descent, font.hdisp(glyph.cid), descent + 1))
            size = y1 - y0
        chars.append(
            {
                "text": f"(cid:{glyph.cid})" if unmapped else glyph.text or miner_text(font, glyph.cid),
                "x0": x0 + mb_x0,
                "x1": x1 + mb_x0,
                "top": height - y1 - dy,
                "bottom": height - y0 - dy,
                "size": size,
                "fontname": font.fontname,
                "upright": upright,
                "matrix": miner_matrix,
            }
        )
    spacing.after(text)


def _color(color: Any) -> tuple[Any, ...]:
    """A playa Color as pdfminer reports it: the components, or the pattern's name."""
    values = tuple(color.values)
    if color.pattern is not None:
        return (*values, color.pattern) if values else (color.pattern,)
    return values


def _path_item(item: Any, target: PageObjects) -> None:
    from playa.miner import LTLine, LTRect

    x0, y0, x1, y1 = item.bbox
    top = target.height - y1 + target.mb_top
    bottom = target.height - y0 + target.mb_top
    base = {
        "x0": x0 + target.mb_x0,
        "x1": x1 + target.mb_x0,
        "top": top,
        "bottom": bottom,
        "stroke": item.stroke,
        "fill": item.fill,
        "stroking_color": _color(item.stroking_color),
        "non_stroking_color": _color(item.non_stroking_color),
    }
    if isinstance(item, LTLine):
        target.lines.append(base)
    elif isinstance(item, LTRect):
        target.rects.append(base)
    else:
        point = target.point
        base["path"] = [(op, *map(point, pts)) for op, *pts in item.original_path]
        target.curves.append(base)


def hyperlinks(page: Any, target: PageObjects) -> Iterator[dict[str, Any]]:
    """pdfplumber's `Page.hyperlinks`: every annotation parsed, those with a URI kept."""
    from playa.pdftypes import resolve_all

    raw: Any = resolve_all(page.attrs.get("Annots")) or []
    for annot in raw:
        parsed = _annot(annot, target)
        if parsed["uri"] is not None:
            yield parsed


def _annot(annot: Any, target: PageObjects) -> dict[str, Any]:
    def rotate_point(pt: tuple[float, float], r: int) -> tuple[float, float]:
        turns = r // 90
        for i in range(turns):
            x, y = pt
            comp = target.width if i == turns % 2 else target.height
            pt = (y, (comp - x))
        return pt

    a_, b_, c_, d_ = annot["Rect"]
    pt0 = rotate_point((a_, b_), target.rotation)
    pt1 = rotate_point((c_, d_), target.rotation)
    x0, y0, x1, y1 = _normalize_box((*pt0, *pt1), 0)
    height = target.height
    uri = annot.get("A", {}).get("URI")
    if isinstance(uri, bytes):
        try:
            uri = uri.decode("utf-8")
        except UnicodeDecodeError:
            uri = uri.decode("utf-16")
    return {"uri": uri, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0}
