"""Boxes placed from a finished Document and the page words: what `trace_from_document` does.

Tables at their `bbox` (a table's later pages found by its text from the page top on), the
header band, stub, rows and columns from the words inside the table; items, captions and notes
found by their text (`views.words`); lines whose words occur nowhere in the parse marked as
unplaced text, or as furniture in the page margins. Boxes the pipeline's stages recorded while
parsing (`found`) win over these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Document, Item, Table
from .trace import BBox, Box, BoxKind, Trace, TraceBuilder, item_label, union
from .words import (
    PageWord,
    WordStream,
    norm,
    page_words,
    reading_order,
    word_lines,
    word_runs,
)

#: a word counts as placed where this share of its letters and digits occurs in the parse's text
#: (hyphenated halves and numbers glued by the reader still count as placed)
UNPLACED_SHARE = 0.5
#: points around a table's bbox within which its words are taken to be the table's
TABLE_MARGIN = 1.5


def _doc_text(doc: Document) -> str:
    """Every text of the parse, normalized and joined: what a placed word must occur in."""
    parts: list[str] = []
    for d in (doc, *doc.documents):
        q, a = d.question, d.answer
        if q is not None:
            parts += [q.title or "", q.intro, q.date or "", q.session or "", str(q.number or "")]
            parts += [p.raw for p in (q.asker, q.addressee) if p is not None]
            parts += [q.addressee.title or ""] if q.addressee else []
            parts += [it.text for it in q.items] + [it.number or "" for it in q.items]
        if a is not None:
            parts += [a.intro] + [it.text for it in a.items] + [it.number or "" for it in a.items]
            parts += [m.raw + " " + (m.title or "") for m in (a.minister, *a.cosigners) if m]
        parts += [p.text for p in d.body]
        for t in d.tables:
            parts += [t.caption or "", t.label or "", t.stub_header or "", *t.notes]
            parts += [" ".join(c.path) for c in t.columns]
            for r in t.rows:
                parts += [" ".join(r.label), *(c.raw + "".join(c.marks) for c in r.cells)]
        parts += list(d.links)
        if d.annex is not None:
            parts.append(d.annex.title or "")
    return "\x00".join(norm(p) for p in parts)


def _table_words(words: Sequence[PageWord], bbox: BBox) -> list[PageWord]:
    x0, top, x1, bottom = bbox
    m = TABLE_MARGIN
    return [
        w
        for w in words
        if w.bbox[0] >= x0 - m and w.bbox[2] <= x1 + m and w.bbox[1] >= top - m and w.bbox[3] <= bottom + m
    ]


def _continued_part(words: Sequence[PageWord], table: Table) -> BBox | None:
    """Where a table goes on on a later page: the lines from the page's first line of its text on,
    while most of a line's words are the table's."""
    tokens = norm(
        " ".join([*(" ".join(r.label) for r in table.rows), *(c.raw for r in table.rows for c in r.cells)])
    )
    tokens += norm(" ".join(" ".join(c.path) for c in table.columns) + (table.stub_header or ""))
    x0, x1 = table.bbox[0], table.bbox[2]
    inside = [w for w in words if w.bbox[0] >= x0 - TABLE_MARGIN and w.bbox[2] <= x1 + TABLE_MARGIN]
    taken: list[PageWord] = []
    for line in word_lines(inside):
        ours = sum(1 for w in line if norm(w.text) and norm(w.text) in tokens)
        if ours * 2 > len(line):
            taken += line
        elif taken:
            break
    if not taken:
        return None
    box = union(w.bbox for w in taken)
    return (min(x0, box[0]), box[1], max(x1, box[2]), box[3])


def _table_boxes(
    add: TraceBuilder,
    page: int,
    words: Sequence[PageWord],
    table: Table,
    bbox: BBox,
    first: bool,
    columns: Sequence[Box] = (),
) -> None:
    """The table's outline, and (from its words) its header band, stub, rows and columns (the
    `columns` a stage found, where given: the last ones are the data columns)."""
    name = f"T{table.index + 1}"
    add.add(page, "table", bbox, name if first else f"{name} (cont.)")
    lines = word_lines(_table_words(words, bbox))
    if not lines or not table.rows:
        return
    body_start = 0
    if first and table.columns and any(c.path for c in table.columns):
        first_row = table.rows[0]
        key = norm(first_row.label[-1]) if first_row.label else ""
        cells = [norm(c.raw) for c in first_row.cells if c.raw]
        for n, line in enumerate(lines):
            text = norm(" ".join(w.text for w in line))
            if (key and text.startswith(key)) or (not key and cells and all(c in text for c in cells)):
                body_start = n
                break
        if body_start:
            header = union(w.bbox for ln in lines[:body_start] for w in ln)
            add.add(page, "table_header", (bbox[0], bbox[1], bbox[2], header[3]), "header")
    body = lines[body_start:]
    labels = {norm(part) for r in table.rows for part in r.label if part}
    stub_words = [
        w
        for ln in body
        for w in ln[:1]
        if norm(w.text) and any(lab.startswith(norm(w.text)) for lab in labels)
    ]
    stub_right = max((w.bbox[2] for ln in body for w in ln if _in_label(ln, w, labels)), default=None)
    if stub_words and stub_right is not None:
        top = body[0][0].bbox[1]
        add.add(page, "stub", (bbox[0], top, stub_right, bbox[3]), "stub")
    totals = [norm(r.label[-1]) for r in table.rows if r.total and r.label]
    for ln in body:
        text = norm(" ".join(w.text for w in ln))
        label = "total" if any(t and text.startswith(t) for t in totals) else ""
        add.add(
            page, "row", (bbox[0], min(w.bbox[1] for w in ln), bbox[2], max(w.bbox[3] for w in ln)), label
        )
    if stub_right is None:
        stub_right = bbox[0]
    spans: list[list[float]] = []
    for w in sorted((w for ln in body for w in ln if w.bbox[0] > stub_right), key=lambda w: w.bbox[0]):
        if spans and w.bbox[0] <= spans[-1][1] + 2:
            spans[-1][1] = max(spans[-1][1], w.bbox[2])
        else:
            spans.append([w.bbox[0], w.bbox[2]])
    top = body[0][0].bbox[1] if first else bbox[1]
    if columns and len(columns) >= len(table.columns):
        spans = [[c.bbox[0], c.bbox[2]] for c in columns[len(columns) - len(table.columns) :]]
    if len(spans) == len(table.columns):
        for (sx0, sx1), col in zip(spans, table.columns, strict=True):
            add.add(page, "column", (sx0, top, sx1, bbox[3]), " / ".join(col.path))


def _in_label(line: Sequence[PageWord], word: PageWord, labels: set[str]) -> bool:
    """Whether `word` is part of the row label that opens `line`."""
    text = ""
    for w in line:
        text += norm(w.text)
        if not any(lab.startswith(text) for lab in labels):
            return False
        if w is word:
            return True
    return False


def trace_from_document(doc: Document, pdf: Any, found: Trace | None = None) -> Trace:
    """The trace of `doc` from its PDF (an open pdfplumber PDF).

    Without `found` (the document read back from JSON, no second parse): tables at their bbox (a
    table's later pages found by its text), items, captions and notes found by their text, words
    the parse holds nowhere marked unplaced (or furniture in the page margins).

    With `found` (the boxes the pipeline's stages recorded while parsing `doc`): its tables on
    every page, columns, furniture, footnotes and unplaced text are taken as the stages saw them,
    and the rest is placed as above; words inside furniture and footnotes are not unplaced."""
    recorded = {p.number: p.words for p in found.pages} if found is not None else {}
    if recorded and all(p.page_number in recorded for p in pdf.pages):
        words = [[PageWord(n, text, bbox) for text, bbox in recorded[n]] for n in sorted(recorded)]
        words = [reading_order(ws) for ws in words]
    else:
        words = page_words(pdf)
    out = TraceBuilder()
    for page in pdf.pages:
        out.page_size(page.page_number, float(page.width), float(page.height))
    by_page = {ws[0].page: ws for ws in words if ws}
    staged = found is not None and any(True for _ in found.boxes("table"))
    for table in doc.tables:
        if not table.pages:
            continue
        if found is not None and staged:
            name = f"T{table.index + 1}"
            parts = [(n, b) for n, b in found.boxes("table") if b.label in (name, f"{name} (cont.)")]
            for k, (n, part) in enumerate(parts):
                columns = [b for m, b in found.boxes("column") if m == n and b.label == name]
                _table_boxes(out, n, by_page.get(n, []), table, part.bbox, k == 0, columns)
            continue
        _table_boxes(out, table.pages[0], by_page.get(table.pages[0], []), table, table.bbox, True)
        for n in table.pages[1:]:
            cont = _continued_part(by_page.get(n, []), table)
            if cont is not None:
                _table_boxes(out, n, by_page.get(n, []), table, cont, False)
    stream = WordStream([w for ws in words for w in ws])
    _place_items(out, stream, doc)
    _place_captions(out, stream, doc)
    taken: dict[int, list[BBox]] = {}
    if found is not None:
        for n, b in found.boxes():
            if b.kind in ("furniture", "footnote", "unplaced"):
                out.add(n, b.kind, b.bbox, b.label)
                taken.setdefault(n, []).append(b.bbox)
    if found is None or not any(True for _ in found.boxes("unplaced")):
        _mark_unplaced(out, words, doc, taken)
    return out.build()


def _place_items(out: TraceBuilder, stream: WordStream, doc: Document) -> None:
    cursor = 0
    sides: list[tuple[BoxKind, str, Sequence[Item]]] = []
    for d in (doc, *doc.documents):
        if d.question is not None:
            sides.append(("question_item", "Q", d.question.items))
        if d.answer is not None:
            sides.append(("answer_item", "A", d.answer.items))
    for kind, prefix, items in sides:
        for n, item in enumerate(items, 1):
            found, end = stream.find(item.text, cursor)
            if not found:
                continue
            cursor = end
            label = item_label(prefix, item, n)
            for page, box in word_runs(stream, found):
                out.add(page, kind, box, label)


def _place_captions(out: TraceBuilder, stream: WordStream, doc: Document) -> None:
    """Captions and notes where their text is printed nearest to the table's top (captions) or
    bottom (notes, under it)."""
    for table in doc.tables:
        if not table.pages:
            continue
        name = f"T{table.index + 1}"
        top = stream.position_of(table.pages[0], table.bbox[1])
        bottom = stream.position_of(table.pages[-1], table.bbox[3]) if len(table.pages) == 1 else top
        texts: list[tuple[BoxKind, str, int]] = [("caption", table.caption, top)] if table.caption else []
        texts += [("note", note, bottom) for note in table.notes]
        for kind, text, at in texts:
            found = stream.nearest(text, at)
            for page, box in word_runs(stream, found):
                out.add(page, kind, box, name)


def _mark_unplaced(
    out: TraceBuilder,
    words: Sequence[Sequence[PageWord]],
    doc: Document,
    taken: dict[int, list[BBox]] | None = None,
) -> None:
    """Lines whose words occur nowhere in the parse: page furniture when they stand in the top or
    bottom margin (running heads, page numbers), else text that ended nowhere.

    The genre's own lines (headings, header block labels, the answer heading: the dialect's
    patterns) and printed dates are read into metadata, not lost."""
    from ..sections.dialect import detect_dialect

    held = _doc_text(doc)
    dialect = detect_dialect(" ".join(w.text for w in words[0]) if words else "")
    line_patterns = [
        p
        for p in (
            dialect.question_block,
            dialect.block_number,
            dialect.block_asker,
            dialect.block_date,
            dialect.block_addressee,
            dialect.answer_start,
            dialect.question_label,
            dialect.answer_label,
            dialect.document_number,
            dialect.printed_session,
            *dialect.furniture,
        )
        if p is not None
    ]
    for page_words_ in words:
        if not page_words_:
            continue
        page = page_words_[0].page
        height = out._sizes.get(page, (0.0, 0.0))[1]
        inside = (taken or {}).get(page, [])
        lines = word_lines([w for w in page_words_ if not any(_within(w.bbox, b) for b in inside)])
        genre = _genre_lines(lines, line_patterns, dialect.markers, dialect.answer_heading)
        for n, line in enumerate(lines):
            if n in genre:
                continue
            dated = _date_words(line)
            lost = [w for w in line if not _held(w.text, held) and w not in dated]
            chars = sum(len(norm(w.text)) for w in line)
            if not lost or sum(len(norm(w.text)) for w in lost) < UNPLACED_SHARE * chars:
                continue
            box = union(w.bbox for w in line)
            in_margin = height and (box[3] < MARGIN_SHARE * height or box[1] > (1 - MARGIN_SHARE) * height)
            if in_margin:
                out.add(page, "furniture", box, "")
            else:
                out.add(page, "unplaced", union(w.bbox for w in lost), "")


#: lines joined when looking for the answer heading ('op vraag nr. 6 van 30 september 2020' / 'van NAME')
HEADING_LINES = 3


def _genre_lines(
    lines: Sequence[Sequence[PageWord]], patterns: Sequence[Any], markers: Sequence[Any], heading: Any
) -> set[int]:
    """The indexes of the lines that are the genre's own: a header or heading line of the dialect,
    or part of its answer heading."""
    texts = [" ".join(w.text for w in line) for line in lines]
    out = {
        n
        for n, t in enumerate(texts)
        if any(p.match(t) for p in patterns) or any(m.search(t) for m in markers)
    }
    if heading is not None:
        for n in range(len(texts)):
            for k in range(HEADING_LINES, 0, -1):
                if heading.match(" ".join(texts[n : n + k])):
                    out.update(range(n, min(n + k, len(texts))))
                    break
    return out


def _date_words(line: Sequence[PageWord]) -> set[PageWord]:
    """The words of a line that print a date ('7 oktober 2020'): held as the ISO dates they became."""
    from ..dutch.dates import find_dutch_date

    text = ""
    spans: list[tuple[int, int, PageWord]] = []
    for w in line:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(w.text), w))
        text += w.text
    found = find_dutch_date(text)
    if found is None:
        return set()
    _, start, end = found
    return {w for a, b, w in spans if a < end and b > start}


#: the top and bottom share of a page where lines the parse does not hold count as furniture
MARGIN_SHARE = 0.08


def _within(inner: BBox, outer: BBox, margin: float = TABLE_MARGIN) -> bool:
    return (
        inner[0] >= outer[0] - margin
        and inner[1] >= outer[1] - margin
        and inner[2] <= outer[2] + margin
        and inner[3] <= outer[3] + margin
    )


def _held(text: str, held: str) -> bool:
    n = norm(text)
    return not n or n in held
