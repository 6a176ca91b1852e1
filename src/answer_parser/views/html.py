"""The HTML view of one document: page images on one side, the parse on the other.

Self-contained (page images inline as base64 PNG, style inline, no script needed), readable from
a file without a server, and printable (the two sides flow one after the other on paper).
Every text from the document is escaped.

Tables are real HTML tables: header paths become spanning header cells (`colspan` over columns
that share a header, `rowspan` down to the body where a path is shorter than the deepest one),
label paths become indented rows, each cell's typed value is on hover (`title`), total rows are
marked, and a table's warnings stand beside it.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence

import attrs

from ..model import Cell, Column, Document, Item, Minister, Person, Table, Warning
from .markdown import PATH_SEPARATOR, report_line, table_title
from .trace import BoxKind, Trace, item_label

_NUMERIC = frozenset({"integer", "decimal", "percent", "currency"})
#: indentation of one label level, in em
INDENT_EM = 1.2
#: a table whose report's confidence is below this has its report line shown in red (the split
#: docs/tables.md "Parsing report" measures: below it, tables are wrong far more often)
LOW_CONFIDENCE = 0.8


def esc(text: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


@attrs.frozen
class HeaderCell:
    """One cell of a table's header: its text, where it starts (data column index) and its span."""

    text: str
    column: int
    colspan: int = 1
    rowspan: int = 1


def header_rows(columns: Sequence[Column]) -> list[list[HeaderCell]]:
    """The header rows of a table from its column paths, top row first.

    Adjacent columns that share a path prefix share one cell at that level (`colspan`); a column
    whose path ends above the deepest level has its last cell reach down to the body (`rowspan`),
    and so does a spanning cell whose columns all end at its level. A column with no text at a level
    that no cell above covers gets an empty cell, so every row has a cell for every column.
    """
    n = len(columns)
    depth = max((len(c.path) for c in columns), default=0)
    covered = [0] * n  # header rows occupied by a cell above, per column
    rows: list[list[HeaderCell]] = []
    for level in range(depth):
        row: list[HeaderCell] = []
        j = 0
        while j < n:
            if covered[j] > level:
                j += 1
                continue
            path = columns[j].path
            if len(path) <= level:
                k = j
                while k < n and covered[k] <= level and len(columns[k].path) <= level:
                    covered[k] = depth
                    k += 1
                row.append(HeaderCell("", j, k - j, depth - level))
                j = k
                continue
            k = j + 1
            while (
                k < n
                and covered[k] <= level
                and len(columns[k].path) > level
                and columns[k].path[: level + 1] == path[: level + 1]
            ):
                k += 1
            ends_here = all(len(columns[i].path) == level + 1 for i in range(j, k))
            rowspan = depth - level if ends_here else 1
            for i in range(j, k):
                covered[i] = level + rowspan
            row.append(HeaderCell(path[level], j, k - j, rowspan))
            j = k
        rows.append(row)
    return rows


def value_title(cell: Cell) -> str:
    """What a cell's hover says: the typed value, its kind and unit, its marks."""
    text: str
    if cell.value is None:
        text = cell.kind
    else:
        value = f"{cell.value:,}".replace(",", " ") if isinstance(cell.value, int) else repr(cell.value)
        unit = f" {cell.unit}" if cell.unit else ""
        text = f"{value}{unit} ({cell.kind})"
    if cell.marks:
        text += f"; marks {', '.join(cell.marks)}"
    return text


def table_html(table: Table, warnings: Sequence[Warning] = ()) -> str:
    """One table as a <figure> with caption, <table>, notes and the warnings about it."""
    out = [f'<figure class="table" id="table-{table.index + 1}">']
    pages = f' <span class="pages">{_page_links(table.pages)}</span>' if table.pages else ""
    out.append(f"<figcaption>{esc(table_title(table))}{pages}</figcaption>")
    if (line := report_line(table)) is not None and table.report is not None:
        low = " low" if table.report.confidence < LOW_CONFIDENCE else ""
        steps = ", ".join(table.report.steps) or "none"
        out.append(f'<p class="report{low}" title="steps: {esc(steps)}">{esc(line)}</p>')
    for w in warnings:
        out.append(_warning(w))
    out.append('<table class="data">')
    rows = header_rows(table.columns)
    depth = max(1, len(rows))
    out.append("<thead>")
    stub = f'<th class="stub" scope="col" rowspan="{depth}">{esc(table.stub_header or "")}</th>'
    if not rows:
        out.append(f"<tr>{stub}</tr>")
    for i, hrow in enumerate(rows):
        cells = [stub] if i == 0 else []
        for c in hrow:
            span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (
                f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
            )
            scope = "colgroup" if c.colspan > 1 else "col"
            cells.append(f'<th scope="{scope}"{span}>{esc(c.text)}</th>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</thead><tbody>")
    width = len(table.columns) + 1
    shown: set[tuple[str, ...]] = set()
    for row in table.rows:
        label = row.label
        for d in range(len(label) - 1):
            prefix = label[: d + 1]
            if prefix not in shown:
                shown.add(prefix)
                out.append(
                    f'<tr class="group"><th scope="rowgroup" colspan="{width}" '
                    f'style="padding-left:{0.4 + INDENT_EM * d:.1f}em">{esc(label[d])}</th></tr>'
                )
        shown.add(label)
        level = len(label) - 1 if label else row.level
        classes = ["total"] if row.total else []
        cls = f' class="{" ".join(classes)}"' if classes else ""
        text = label[-1] if label else ""
        head = (
            f'<th scope="row" title="{esc(PATH_SEPARATOR.join(label))}" '
            f'style="padding-left:{0.4 + INDENT_EM * level:.1f}em">{esc(text)}</th>'
        )
        tds = []
        for cell in row.cells:
            kind = "num" if cell.kind in _NUMERIC else cell.kind
            marks = "".join(f"<sup>{esc(m)}</sup>" for m in cell.marks)
            tds.append(f'<td class="{kind}" title="{esc(value_title(cell))}">{esc(cell.raw)}{marks}</td>')
        tds += ["<td></td>"] * (len(table.columns) - len(row.cells))
        out.append(f"<tr{cls}>{head}{''.join(tds)}</tr>")
    out.append("</tbody></table>")
    for note in table.notes:
        out.append(f'<p class="note">{esc(note)}</p>')
    out.append("</figure>")
    return "\n".join(out)


def _page_links(pages: Sequence[int]) -> str:
    links = ", ".join(f'<a href="#page-{n}">{n}</a>' for n in pages)
    return f"p. {links}"


def _warning(w: Warning) -> str:
    where = f' <a href="#page-{w.page}">p. {w.page}</a>' if w.page is not None else ""
    return f'<p class="warning"><code>{esc(w.code)}</code>{where}: {esc(w.message)}</p>'


def _person(p: Person | Minister | None) -> str | None:
    if p is None:
        return None
    title = getattr(p, "title", None)
    return esc(p.name) + (f'<br><span class="office">{esc(title)}</span>' if title else "")


def _metadata(doc: Document) -> str:
    q, a, s = doc.question, doc.answer, doc.source
    rows: list[tuple[str, str | None]] = [("Kind", esc(doc.kind.replace("_", " ")))]
    if q is not None:
        rows += [("Number", esc(q.number) if q.number else None), ("Date", esc(q.date) if q.date else None)]
        rows += [("Session", esc(q.session) if q.session else None)]
        rows += [("Asked by", _person(q.asker)), ("Addressed to", _person(q.addressee))]
    if a is not None:
        rows.append(("Answered by", _person(a.minister)))
        rows += [("Also signed by", "<br>".join(filter(None, (_person(m) for m in a.cosigners))) or None)]
        rows.append(("Answer date", esc(a.date) if a.date else None))
        if a.refers_to is not None and q is None:
            r = a.refers_to
            rows.append(
                (
                    "Answers",
                    esc(f"question {r.number} of {r.date}") + (f" ({_person(r.asker)})" if r.asker else ""),
                )
            )
    if doc.bulletin is not None:
        b = doc.bulletin
        rows.append(("Bulletin", esc(f"nr. {b.number}, {b.session or ''} {b.date or ''}".strip())))
    pages = f"{s.pages}" + (f" (pages {s.page_range[0]}-{s.page_range[1]})" if s.page_range else "")
    rows += [
        ("Source", esc(s.path or "(unnamed)")),
        ("Pages", esc(pages)),
        ("sha256", f"<code>{esc(s.sha256)}</code>"),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f'<dl class="meta">{body}</dl>'


def _text(text: str) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in text.split("\n\n") if p.strip())


def _title(doc: Document) -> str:
    from .markdown import _heading

    return _heading(doc).replace("\\", "")


class _Render:
    def __init__(self, doc: Document, trace: Trace | None) -> None:
        self.doc = doc
        self.trace = trace
        self.placed: set[int] = set()

    def item(self, item: Item, side: str, position: int, doc: Document) -> str:
        prefix = "Q" if side == "question" else "A"
        pages = item.pages
        if not pages and self.trace is not None:
            kind: BoxKind = "question_item" if side == "question" else "answer_item"
            pages = self.trace.item_pages(kind, item_label(prefix, item, position))
        number = f'<span class="number">{esc(item.number)}</span> ' if item.number else ""
        where = f'<span class="pages">{_page_links(pages)}</span>' if pages else ""
        anchor = f"{prefix.lower()}-{esc(item.number or position)}"
        paras = [p for p in item.text.split("\n\n") if p.strip()] or [""]
        first = f"<p>{where}{number}{esc(paras[0])}</p>"
        out = [
            f'<div class="item {side}" id="{anchor}">{first}{"".join(f"<p>{esc(p)}</p>" for p in paras[1:])}'
        ]
        for i in item.tables:
            if 0 <= i < len(doc.tables) and i not in self.placed:
                self.placed.add(i)
                out.append(table_html(doc.tables[i], [w for w in doc.warnings if w.table == i]))
        out.append("</div>")
        return "\n".join(out)

    def document(self, doc: Document, level: int) -> str:
        h = f"h{min(level, 6)}"
        h2 = f"h{min(level + 1, 6)}"
        out = [f'<section class="document"><{h}>{esc(_title(doc))}</{h}>', _metadata(doc)]
        loose = [w for w in doc.warnings if w.table is None]
        if loose:
            out.append(
                f'<div class="warnings"><{h2}>Warnings</{h2}>{"".join(_warning(w) for w in loose)}</div>'
            )
        q, a = doc.question, doc.answer
        self.placed = set()
        if q is not None:
            out.append(f'<section class="question"><{h2}>Question</{h2}>{_text(q.intro)}')
            out += [self.item(it, "question", n, doc) for n, it in enumerate(q.items, 1)]
            out.append("</section>")
        if a is not None:
            out.append(f'<section class="answer"><{h2}>Answer</{h2}>{_text(a.intro)}')
            out += [self.item(it, "answer", n, doc) for n, it in enumerate(a.items, 1)]
            out.append("</section>")
        if doc.body:
            out.append(f'<section class="body"><{h2}>Text</{h2}>')
            out += [
                f'<div class="para"><span class="pages">{_page_links([p.page])}</span>{_text(p.text)}</div>'
                for p in doc.body
            ]
            out.append("</section>")
        rest = [t for t in doc.tables if t.index not in self.placed]
        if rest:
            out.append(f'<section class="tables"><{h2}>Tables</{h2}>')
            out += [table_html(t, [w for w in doc.warnings if w.table == t.index]) for t in rest]
            out.append("</section>")
        for sub in doc.documents:
            out.append(_Render(sub, None).document(sub, level + 1))
        if doc.links:
            links = "".join(f'<li><a href="{esc(u)}">{esc(u)}</a></li>' for u in doc.links)
            out.append(f'<section class="links"><{h2}>Links</{h2}><ul>{links}</ul></section>')
        out.append("</section>")
        return "\n".join(out)


STYLE = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1d;background:#fafafa}
main.view{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem;padding:1rem}
main.view.text-only{grid-template-columns:minmax(0,60rem)}
.pages-side{position:sticky;top:0;max-height:100vh;overflow:auto;padding-right:.4rem}
.pages-side figure{margin:0 0 1rem;background:#fff;box-shadow:0 1px 3px #0003}
.pages-side img{display:block;width:100%;height:auto}
.pages-side figcaption{font-size:13px;padding:.2rem .5rem;color:#555}
.parse{background:#fff;padding:0 1rem 1rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;font-size:14px}
dl.meta dt{font-weight:600;color:#555}dl.meta dd{margin:0}
.office{font-size:12px;color:#666}
.item{margin:.6rem 0;padding:.3rem .6rem;border-left:4px solid #ccc}
.item.question{border-color:#c80096}.item.answer{border-color:#009628}
.item .number{font-weight:700;margin-right:.3rem}
.item .pages{float:right;margin-left:.5rem}
.item p{margin:.3rem 0}
.pages{font-size:12px;color:#777}
figure.table{margin:.8rem 0;overflow-x:auto}
figure.table figcaption{font-weight:600;margin-bottom:.3rem}
figure.table p.report{font-size:12px;color:#555;margin:0 0 .3rem}figure.table p.report.low{color:#a00}
table.data{border-collapse:collapse;font-size:13px;background:#fff}
table.data th,table.data td{border:1px solid #bbb;padding:2px 6px}
table.data thead th{background:#fff1d9;text-align:center;vertical-align:bottom}
table.data tbody th{text-align:left;font-weight:normal;white-space:nowrap}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
table.data td.suppressed,table.data td.missing{text-align:right;color:#777}
table.data tr.total th,table.data tr.total td{font-weight:700;background:#fff6c9;border-top:2px solid #777}
table.data tr.group th{background:#f4f4f8;font-style:italic}
.note{font-size:13px;color:#444;margin:.2rem 0}
nav.back{padding-top:.6rem;font-size:13px}
@media print{nav.back{display:none}}
.warning{background:#fdeaea;border-left:4px solid #d00;padding:.25rem .6rem;margin:.3rem 0;font-size:13px}
@media (max-width:60rem){main.view{grid-template-columns:1fr}.pages-side{position:static;max-height:none}}
@media print{
 body{background:#fff}
 main.view{display:block;padding:0}
 .pages-side{position:static;max-height:none;overflow:visible}
 .pages-side figure{break-inside:avoid;page-break-inside:avoid;box-shadow:none}
 .parse{box-shadow:none;padding:0}
 table.data tr{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"""


def document_html(
    doc: Document,
    images: Mapping[int, bytes] | None = None,
    *,
    trace: Trace | None = None,
    back: str | None = None,
) -> str:
    """The HTML view of `doc`: `images` (page number -> PNG bytes) on the left where given, the parse
    on the right. `trace` supplies the pages of items whose `Item.pages` is empty; `back` is the
    address of the page that links here (a report's index), linked above the parse."""
    figures = []
    for n, png in sorted((images or {}).items()):
        data = base64.b64encode(png).decode("ascii")
        page_warnings = "".join(_warning(w) for w in doc.warnings if w.page == n and w.table is None)
        figures.append(
            f'<figure id="page-{n}"><img alt="Page {n} with what the parser found drawn over it" '
            f'src="data:image/png;base64,{data}"><figcaption>Page {n}</figcaption>{page_warnings}</figure>'
        )
    side = f'<section class="pages-side" aria-label="Pages">{"".join(figures)}</section>' if figures else ""
    nav = f'<nav class="back"><a href="{esc(back)}">&larr; index</a></nav>' if back else ""
    parse = f'<section class="parse">{nav}{_Render(doc, trace).document(doc, 1)}</section>'
    cls = "view" if figures else "view text-only"
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(_title(doc))}</title><style>{STYLE}</style></head>\n"
        f'<body><main class="{cls}">{side}\n{parse}</main></body></html>\n'
    )
