"""A document as Markdown: headings, metadata, items as numbered paragraphs, tables as pipe tables
with flattened header paths ('2018 / april'), warnings.

For people who paste answers into notes or feed them to other tools: every text is as parsed,
with the few characters Markdown would read as markup escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document, Item, Minister, Person, Table, Warning

#: what joins the levels of a header or label path in one cell
PATH_SEPARATOR = " / "
_NUMERIC = frozenset({"integer", "decimal", "percent", "currency"})
_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """`text` with Markdown's inline markup characters escaped."""
    return _MARKUP.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return escape(" ".join(text.split()))


def _paragraph(text: str) -> str:
    """A paragraph's text escaped, and a leading '1.' or '2)' kept from becoming a list item."""
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escape(" ".join(text.split())))


def document_markdown(doc: Document) -> str:
    """The whole document as Markdown (a bulletin: each of its documents in turn)."""
    lines: list[str] = []
    _document(doc, lines, level=1)
    return "\n".join(lines).rstrip() + "\n"


def _heading(doc: Document) -> str:
    q = doc.question
    if doc.bulletin is not None:
        b = doc.bulletin
        parts = [f"Bulletin van Vragen en Antwoorden nr. {b.number}" if b.number else "Bulletin"]
        parts += [f"({b.session})"] if b.session else []
        return " ".join(parts)
    name = {
        "question_and_answer": "Written question",
        "question": "Written question",
        "answer": "Answer",
        "annex": "Annex",
    }.get(doc.kind, "Document")
    number = (
        q.number
        if q and q.number
        else (doc.answer.refers_to.number if doc.answer and doc.answer.refers_to else None)
    )
    title = q.title if q and q.title else (doc.annex.title if doc.annex else None)
    text = f"{name} {number}" if number else name
    return f"{text}: {escape(title)}" if title else text


def _person(p: Person | Minister | None) -> str | None:
    if p is None:
        return None
    title = getattr(p, "title", None)
    return escape(f"{p.name}, {title}" if title else p.name)


def _metadata(doc: Document) -> list[str]:
    q, a = doc.question, doc.answer
    rows: list[tuple[str, str | None]] = [("Kind", doc.kind.replace("_", " "))]
    if q is not None:
        rows += [("Number", str(q.number) if q.number else None), ("Date", q.date), ("Session", q.session)]
        rows += [("Asked by", _person(q.asker)), ("Addressed to", _person(q.addressee))]
    if a is not None:
        rows.append(("Answered by", _person(a.minister)))
        rows += [("Also signed by", ", ".join(filter(None, (_person(m) for m in a.cosigners))) or None)]
        rows.append(("Answer date", a.date))
        if q is None and a.refers_to is not None:
            r = a.refers_to
            asker = f" by {_person(r.asker)}" if r.asker else ""
            rows.append(("Answers", f"question {r.number} of {r.date}{asker}"))
    s = doc.source
    pages = f"{s.pages} pages" + (f", pages {s.page_range[0]}-{s.page_range[1]}" if s.page_range else "")
    rows.append(("Source", f"{escape(s.path) if s.path else '(unnamed)'}, {pages}, sha256 {s.sha256[:12]}"))
    return [f"- **{key}:** {value}" for key, value in rows if value]


def _document(doc: Document, lines: list[str], level: int) -> None:
    h = "#" * level
    lines += [f"{h} {_heading(doc)}", "", *_metadata(doc), ""]
    placed: set[int] = set()
    q, a = doc.question, doc.answer
    if q is not None:
        lines += [f"{h}# Question", ""]
        if q.intro:
            lines += [*_paragraphs(q.intro), ""]
        for item in q.items:
            lines += _item(item, doc, placed, level)
    if a is not None:
        lines += [f"{h}# Answer", ""]
        if a.intro:
            lines += [*_paragraphs(a.intro), ""]
        for item in a.items:
            lines += _item(item, doc, placed, level)
    if doc.body:
        lines += [f"{h}# Text", ""]
        for para in doc.body:
            lines += [*_paragraphs(para.text), ""]
    rest = [t for t in doc.tables if t.index not in placed]
    if rest:
        lines += [f"{h}# Tables", ""]
        for table in rest:
            lines += _table(table, doc.warnings, level + 2)
    for sub in doc.documents:
        _document(sub, lines, level + 1)
    if doc.links:
        lines += [f"{h}# Links", "", *(f"- <{url}>" for url in doc.links), ""]
    if doc.warnings:
        lines += [f"{h}# Warnings", "", *(_warning(w) for w in doc.warnings), ""]


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for para in text.split("\n\n"):
        if out:
            out.append("")
        out.append(_paragraph(para))
    return out


def _item(item: Item, doc: Document, placed: set[int], level: int) -> list[str]:
    paras = _paragraphs(item.text) or [""]
    label = f"**{escape(item.number)}.** " if item.number else ""
    pages = f" *(p. {_pages(item.pages)})*" if item.pages else ""
    out = [label + paras[0] + pages, *paras[1:], ""]
    for i in item.tables:
        if 0 <= i < len(doc.tables) and i not in placed:
            placed.add(i)
            out += _table(doc.tables[i], doc.warnings, level + 2)
    return out


def _pages(pages: Sequence[int]) -> str:
    return f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])


def table_title(table: Table) -> str:
    """'Table 2 (Tabel 1): caption': the table's place in the document (from 1), the label
    printed with it where there is one, its caption."""
    printed = table.label or (str(table.number) if table.number is not None else None)
    name = f"Table {table.index + 1}" + (f" (Tabel {printed})" if printed else "")
    return f"{name}: {table.caption}" if table.caption else name


def report_line(table: Table) -> str | None:
    """'read by lattice, confidence 0.72 (doubts: blob_cells, header_empty)': how the table was
    found and how sure the reading is (`Table.report`); None for a table without a report."""
    r = table.report
    if r is None:
        return None
    doubts = f" (doubts: {', '.join(r.doubts)})" if r.doubts else ""
    return f"read by {r.method}, confidence {r.confidence:.2f}{doubts}"


def _table(table: Table, warnings: Sequence[Warning], level: int) -> list[str]:
    pages = f" *(p. {_pages(table.pages)})*" if table.pages else ""
    out = [f"{'#' * min(level, 6)} {escape(table_title(table))}{pages}", ""]
    if (line := report_line(table)) is not None:
        out += [f"*{escape(line)}*", ""]
    header = [_cell(table.stub_header or "")] + [_cell(PATH_SEPARATOR.join(c.path)) for c in table.columns]
    numeric = [
        any(r.cells[j].kind in _NUMERIC for r in table.rows if j < len(r.cells))
        for j in range(len(table.columns))
    ]
    out.append("| " + " | ".join(header) + " |")
    out.append("| --- | " + " | ".join("---:" if n else "---" for n in numeric) + " |")
    for row in table.rows:
        label = _cell(PATH_SEPARATOR.join(row.label))
        cells = [_cell(c.raw + ("".join(f" ({m})" for m in c.marks))) for c in row.cells]
        cells += [""] * (len(table.columns) - len(cells))
        if row.total:
            label = f"**{label}**" if label else "**total**"
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join([label, *cells]) + " |")
    out.append("")
    for note in table.notes:
        out += [f"> {escape(note)}", ""]
    own = [w for w in warnings if w.table == table.index]
    if own:
        out += [*(_warning(w) for w in own), ""]
    return out


def _warning(w: Warning) -> str:
    where = [f"table {w.table + 1}"] if w.table is not None else []
    where += [f"p. {w.page}"] if w.page is not None else []
    at = f" ({', '.join(where)})" if where else ""
    return f"- ⚠ `{w.code}`{at}: {escape(w.message)}"
