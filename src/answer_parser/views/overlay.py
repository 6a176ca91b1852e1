"""Page images with what the parser found drawn over them.

Each page is rendered by pdfplumber (`page.to_image`, pypdfium2 underneath); the boxes of its
`PageTrace` are drawn over it in a few clear colours, with a legend strip under the page naming
the kinds drawn. Fills are translucent, so the print stays readable under them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .trace import BOX_KINDS, Box, BoxKind, PageTrace, Trace

if TYPE_CHECKING:
    from PIL.Image import Image

#: pixels per inch of a rendered page: small text stays legible, a page stays near 100-200 KB
DEFAULT_RESOLUTION = 110

RGB = tuple[int, int, int]


@attrs.frozen
class Style:
    """How one kind of box is drawn: outline colour and width in points, an optional translucent
    fill (alpha 0-255), or a line struck through the middle (`strike`)."""

    colour: RGB
    width: float = 1.0
    fill_alpha: int = 0
    strike: bool = False
    name: str = ""


STYLES: dict[BoxKind, Style] = {
    "table": Style((0, 82, 204), 1.6, name="table"),
    "table_header": Style((255, 150, 0), 0.0, 70, name="header band"),
    "column": Style((0, 150, 150), 0.6, name="column"),
    "row": Style((150, 150, 210), 0.5, name="row"),
    "stub": Style((150, 70, 200), 0.0, 45, name="stub"),
    "caption": Style((0, 170, 190), 1.0, 30, name="caption"),
    "note": Style((120, 120, 0), 1.0, 30, name="note"),
    "question_item": Style((200, 0, 150), 1.0, 18, name="question item"),
    "answer_item": Style((0, 150, 40), 1.0, 18, name="answer item"),
    "body": Style((140, 140, 140), 0.8, name="body text"),
    "furniture": Style((110, 110, 110), 1.0, strike=True, name="furniture (struck)"),
    "footnote": Style((150, 85, 20), 1.0, 30, name="footnote"),
    "unplaced": Style((230, 0, 0), 1.2, 90, name="unplaced text"),
}
#: drawing order: fills under lines, the table outline over everything it holds
DRAW_ORDER: tuple[BoxKind, ...] = (
    "table_header",
    "stub",
    "body",
    "question_item",
    "answer_item",
    "caption",
    "note",
    "footnote",
    "row",
    "column",
    "furniture",
    "unplaced",
    "table",
)
#: total rows get this translucent fill over their row line
TOTAL_FILL = (255, 230, 0, 80)
#: legend strip: height of one entry and the swatch, in pixels at 72 dpi (scaled with resolution)
LEGEND_ROW = 14


def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def render_page(
    page: Any, trace: PageTrace, resolution: int = DEFAULT_RESOLUTION, legend: bool = True
) -> Image:
    """The pdfplumber `page` rendered at `resolution` with the boxes of `trace` drawn over it."""
    from PIL import Image, ImageDraw

    base = page.to_image(resolution=resolution).original.convert("RGBA")
    scale = resolution / 72.0
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = _font(max(9, round(7 * scale)))
    boxes = sorted(trace.boxes, key=lambda b: DRAW_ORDER.index(b.kind))
    labelled: list[tuple[Box, tuple[float, float]]] = []
    for box in boxes:
        style = STYLES[box.kind]
        x0, top, x1, bottom = (v * scale for v in box.bbox)
        if box.kind == "row" and box.label == "total":
            draw.rectangle((x0, top, x1, bottom), fill=TOTAL_FILL)
        if style.fill_alpha:
            draw.rectangle((x0, top, x1, bottom), fill=(*style.colour, style.fill_alpha))
        width = max(1, round(style.width * scale))
        if style.strike:
            mid = (top + bottom) / 2
            draw.line((x0, mid, x1, mid), fill=(*style.colour, 255), width=width)
        elif box.kind == "row":
            draw.line((x0, bottom, x1, bottom), fill=(*style.colour, 255), width=width)
        elif style.width:
            draw.rectangle((x0, top, x1, bottom), outline=(*style.colour, 255), width=width)
        if box.label and box.kind in ("table", "question_item", "answer_item", "caption", "note"):
            labelled.append((box, (x0, top)))
    for box, (x, y) in labelled:
        colour = STYLES[box.kind].colour
        text_box = draw.textbbox((0, 0), box.label, font=font)
        w, h = text_box[2] - text_box[0] + 4, text_box[3] - text_box[1] + 4
        # items are labelled in the left margin, tables and captions above their top left corner
        at = (max(0.0, x - w - 2), y) if box.kind.endswith("_item") else (x, max(0.0, y - h))
        draw.rectangle((at[0], at[1], at[0] + w, at[1] + h), fill=(*colour, 230))
        draw.text((at[0] + 2, at[1] + 2 - text_box[1]), box.label, fill=(255, 255, 255, 255), font=font)
    out = Image.alpha_composite(base, layer).convert("RGB")
    if legend:
        out = _with_legend(out, sorted({b.kind for b in trace.boxes}, key=BOX_KINDS.index), scale)
    return out


def _with_legend(image: Image, kinds: Sequence[BoxKind], scale: float) -> Image:
    """The page with a strip under it naming each kind drawn, beside a swatch of its colour."""
    from PIL import Image, ImageDraw

    row = round(LEGEND_ROW * scale)
    font = _font(max(9, round(8 * scale)))
    entries = [*kinds, "total"] if "row" in kinds else list(kinds)
    measure = ImageDraw.Draw(image)
    widths = [row + 6 + measure.textlength(_legend_name(k), font=font) + 2 * row for k in entries]
    lines: list[list[int]] = [[]]
    used = float(row)
    for i, w in enumerate(widths):
        if lines[-1] and used + w > image.width - row:
            lines.append([])
            used = float(row)
        lines[-1].append(i)
        used += w
    height = (len(lines) + 1) * row if entries else 0
    out = Image.new("RGB", (image.width, image.height + height), (255, 255, 255))
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    draw.line((0, image.height, image.width, image.height), fill=(60, 60, 60), width=1)
    y = image.height + row // 2
    for line in lines:
        x = float(row)
        for i in line:
            kind = entries[i]
            colour = TOTAL_FILL[:3] if kind == "total" else STYLES[kind].colour  # type: ignore[index]
            draw.rectangle((x, y + 2, x + row - 4, y + row - 2), fill=colour, outline=(40, 40, 40))
            draw.text((x + row + 2, y + 1), _legend_name(kind), fill=(20, 20, 20), font=font)
            x += widths[i]
        y += row
    return out


def _legend_name(kind: str) -> str:
    return "total row" if kind == "total" else STYLES[kind].name  # type: ignore[index]


def render_pages(
    pdf: Any, trace: Trace, pages: Sequence[int] | None = None, resolution: int = DEFAULT_RESOLUTION
) -> Iterator[tuple[int, Image]]:
    """(page number, image) for each page of the open pdfplumber `pdf` in `pages` (all: None)."""
    wanted = pages if pages is not None else [p.page_number for p in pdf.pages]
    for n in wanted:
        yield n, render_page(pdf.pages[n - 1], _page_trace(trace, n, pdf.pages[n - 1]), resolution)


def _page_trace(trace: Trace, number: int, page: Any) -> PageTrace:
    try:
        return trace.page(number)
    except KeyError:
        return PageTrace(number, float(page.width), float(page.height))


def png_bytes(image: Image) -> bytes:
    """The image as PNG (optimized: page images are mostly white)."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
