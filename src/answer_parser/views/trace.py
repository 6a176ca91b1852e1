"""The trace: what the parser found on each page, as boxes to draw over the page image.

A `Trace` holds one `PageTrace` per page; each box has a `kind` (what it is), a `bbox` in
pdfplumber's coordinates (points, origin top left: x0, top, x1, bottom) and a short `label`
('T1', 'Q3', 'A3', a column's header path).

Two routes fill it:

- `TraceBuilder`: a collector that the pipeline's stages call as they decide (`add(...)`), then
  `build()`; this is the exact route (every box is what a stage saw).
- `trace_from_document(doc, pdf)`: from a finished `Document` and the PDF's words alone, for
  documents read back from JSON (a batch's records) where the pipeline is not run again. Tables are
  placed by their `bbox`, items and captions by finding their text in the page words, and words
  whose text occurs nowhere in the parse are marked `unplaced`.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, Protocol

import attrs

from ..model import Document, Item, Table

BoxKind = Literal[
    "table",
    "table_header",
    "column",
    "row",
    "stub",
    "caption",
    "note",
    "question_item",
    "answer_item",
    "body",
    "furniture",
    "footnote",
    "unplaced",
]
BOX_KINDS: tuple[BoxKind, ...] = (
    "table",
    "table_header",
    "column",
    "row",
    "stub",
    "caption",
    "note",
    "question_item",
    "answer_item",
    "body",
    "furniture",
    "footnote",
    "unplaced",
)
BBox = tuple[float, float, float, float]


class WordLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


class PageLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def words(self) -> Sequence[WordLike]: ...


class GridLike(Protocol):
    @property
    def page(self) -> int: ...
    @property
    def bbox(self) -> BBox: ...
    @property
    def xs(self) -> tuple[float, ...]: ...


class LineLike(Protocol):
    @property
    def page(self) -> int: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


@attrs.frozen
class Box:
    """One thing found on a page: its kind, its box (x0, top, x1, bottom in points) and a label."""

    kind: BoxKind
    bbox: BBox
    label: str = ""


@attrs.frozen
class PageTrace:
    """The boxes of one page (1-based `number`), with the page's size in points."""

    number: int
    width: float
    height: float
    boxes: tuple[Box, ...] = ()
    words: tuple[tuple[str, BBox], ...] = ()
    """The page's words as the parse read them (text, box), where the pipeline recorded them: the
    boxes placed from the document find their text here instead of reading the page again."""

    def of_kind(self, kind: BoxKind) -> tuple[Box, ...]:
        return tuple(b for b in self.boxes if b.kind == kind)


@attrs.frozen
class Trace:
    """What was found where, page by page."""

    pages: tuple[PageTrace, ...]

    def page(self, number: int) -> PageTrace:
        """The trace of page `number` (1-based)."""
        for p in self.pages:
            if p.number == number:
                return p
        raise KeyError(number)

    def boxes(self, kind: BoxKind | None = None) -> Iterator[tuple[int, Box]]:
        """(page number, box) for every box, or every box of `kind`."""
        for p in self.pages:
            for b in p.boxes:
                if kind is None or b.kind == kind:
                    yield p.number, b

    def item_pages(self, kind: BoxKind, label: str) -> tuple[int, ...]:
        """The pages on which the item boxes of `kind` labelled `label` lie, first to last."""
        return tuple(sorted({n for n, b in self.boxes(kind) if b.label == label}))


@attrs.define
class TraceBuilder:
    """Collects boxes while the pipeline runs; `build()` gives the frozen `Trace`.

    Stages call `add(page, kind, bbox, label)`; `page_size` records each page's size once.
    """

    _sizes: dict[int, tuple[float, float]] = attrs.field(factory=dict)
    _boxes: dict[int, list[Box]] = attrs.field(factory=dict)
    _words: dict[int, tuple[tuple[str, BBox], ...]] = attrs.field(factory=dict)

    def page_size(self, page: int, width: float, height: float) -> None:
        self._sizes[page] = (width, height)

    def add(self, page: int, kind: BoxKind, bbox: BBox, label: str = "") -> None:
        self._boxes.setdefault(page, []).append(Box(kind, _rounded(bbox), label))

    def pages(self, pages: Iterable[PageLike]) -> None:
        """Every page's number, size and words (the pipeline's page records)."""
        for page in pages:
            self.page_size(page.number, page.width, page.height)
            self._words[page.number] = tuple((w.text, (w.x0, w.top, w.x1, w.bottom)) for w in page.words)

    def tables(self, chains: Sequence[Sequence[GridLike]]) -> None:
        """Each table as found on each page (a chain of grids, one per page, in document order):
        its outline, labelled T1, T2 ..., and its column boundaries."""
        for i, chain in enumerate(chains):
            for j, grid in enumerate(chain):
                self.add(grid.page, "table", grid.bbox, f"T{i + 1}" + (" (cont.)" if j else ""))
                top, bottom = grid.bbox[1], grid.bbox[3]
                for x0, x1 in itertools.pairwise(grid.xs):
                    self.add(grid.page, "column", (x0, top, x1, bottom), f"T{i + 1}")

    def lines(self, kind: BoxKind, lines: Iterable[LineLike], label: str = "") -> None:
        """A box around each of `lines` (page furniture, footnotes, text that ended nowhere)."""
        for line in lines:
            self.add(line.page, kind, (line.x0, line.top, line.x1, line.bottom), label)

    def build(self) -> Trace:
        numbers = sorted(set(self._sizes) | set(self._boxes))
        return Trace(
            tuple(
                PageTrace(
                    n,
                    *self._sizes.get(n, (0.0, 0.0)),
                    boxes=tuple(self._boxes.get(n, ())),
                    words=self._words.get(n, ()),
                )
                for n in numbers
            )
        )


def _rounded(bbox: Sequence[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
    return (x0, top, x1, bottom)


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box around all of `boxes` (which must not be empty)."""
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


# -- from a finished Document and the page words -------------------------------------------------


@attrs.frozen
class _Word:
    page: int
    text: str
    bbox: BBox


#: a word counts as placed where this share of its letters and digits occurs in the parse's text
#: (hyphenated halves and numbers glued by the reader still count as placed)
UNPLACED_SHARE = 0.5
#: how far past a mismatch (in characters of the page text) the finder looks for the item's text
#: again: a table or a running header between two lines of one item is skipped, a page is not
RESYNC_WINDOW = 4000
#: characters of an item's text that must match in a row to (re)anchor it in the page text
ANCHOR_CHARS = 12
#: points around a table's bbox within which its words are taken to be the table's
TABLE_MARGIN = 1.5
#: vertical distance (points) under which words are on one line of a table
LINE_TOLERANCE = 3.0


def _norm(text: str) -> str:
    """Letters and digits only, lower case, accents kept apart: what the finder compares."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def page_words(pdf: Any) -> list[list[_Word]]:
    """The words of each page of an open pdfplumber PDF, in pdfplumber's reading order."""
    out: list[list[_Word]] = []
    for page in pdf.pages:
        words = page.extract_words(keep_blank_chars=False, x_tolerance=1.5, y_tolerance=3)
        out.append(
            [_Word(page.page_number, w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in words]
        )
    return out


def _reading_order(words: Sequence[_Word]) -> list[_Word]:
    """Words line by line, top to bottom, each line left to right (as pdfplumber gives them)."""
    return [w for line in _lines(words) for w in line]


class _Stream:
    """The page words as one string of normalized characters, each knowing its word."""

    def __init__(self, words: Sequence[_Word]) -> None:
        self.words = list(words)
        chars: list[str] = []
        owner: list[int] = []
        for i, w in enumerate(self.words):
            n = _norm(w.text)
            chars.append(n)
            owner.extend([i] * len(n))
        self.text = "".join(chars)
        self.owner = owner

    def position_of(self, page: int, top: float) -> int:
        """The position of the first character on `page` at or below `top`."""
        for pos, i in enumerate(self.owner):
            w = self.words[i]
            if w.page > page or (w.page == page and w.bbox[1] >= top):
                return pos
        return len(self.text)

    def nearest(self, text: str, at: int) -> list[int]:
        """The words of the occurrence of `text` (spelled out in full) nearest to position `at`."""
        s = _norm(text)
        best: int | None = None
        k = self.text.find(s) if s else -1
        while k >= 0:
            if best is None or abs(k - at) < abs(best - at):
                best = k
            k = self.text.find(s, k + 1)
        if best is None:
            return []
        return sorted(set(self.owner[best : best + len(s)]))

    def find(self, text: str, start: int = 0) -> tuple[list[int], int]:
        """The words that spell `text` from `start` on, in order (skipping words between, such as a
        table inside an item), and the position after the last character matched."""
        s = _norm(text)
        if not s:
            return [], start
        anchor = -1
        for offset in range(0, max(1, len(s) - ANCHOR_CHARS + 1), ANCHOR_CHARS):
            anchor = self.text.find(s[offset : offset + ANCHOR_CHARS], start)
            if anchor >= 0:
                i, j = offset, anchor
                break
        if anchor < 0:
            return [], start
        found: list[int] = []
        end = j
        while i < len(s) and j < len(self.text):
            if s[i] == self.text[j]:
                if not found or found[-1] != self.owner[j]:
                    found.append(self.owner[j])
                i += 1
                j += 1
                end = j
                continue
            k = self.text.find(s[i : i + ANCHOR_CHARS], j, j + RESYNC_WINDOW)
            if k >= 0 and len(s) - i >= ANCHOR_CHARS:
                j = k
            else:
                i += 1
        return sorted(set(found)), end


def _runs(stream: _Stream, indexes: Sequence[int]) -> list[tuple[int, BBox]]:
    """Boxes around the runs of consecutive words (one per page and per run), for drawing."""
    out: list[tuple[int, BBox]] = []
    run: list[_Word] = []
    last = -10
    for i in indexes:
        w = stream.words[i]
        if run and (i - last > 2 or w.page != run[-1].page):
            out.append((run[0].page, union(x.bbox for x in run)))
            run = []
        run.append(w)
        last = i
    if run:
        out.append((run[0].page, union(x.bbox for x in run)))
    return out


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
    return "\x00".join(_norm(p) for p in parts)


def _lines(words: Sequence[_Word]) -> list[list[_Word]]:
    """Words grouped into lines by their top, top to bottom, each left to right."""
    lines: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])):
        if lines and abs(lines[-1][0].bbox[1] - w.bbox[1]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(ln, key=lambda w: w.bbox[0]) for ln in lines]


def _table_words(words: Sequence[_Word], bbox: BBox) -> list[_Word]:
    x0, top, x1, bottom = bbox
    m = TABLE_MARGIN
    return [
        w
        for w in words
        if w.bbox[0] >= x0 - m and w.bbox[2] <= x1 + m and w.bbox[1] >= top - m and w.bbox[3] <= bottom + m
    ]


def _continued_part(words: Sequence[_Word], table: Table) -> BBox | None:
    """Where a table goes on on a later page: the lines from the page's first line of its text on,
    while most of a line's words are the table's."""
    tokens = _norm(
        " ".join([*(" ".join(r.label) for r in table.rows), *(c.raw for r in table.rows for c in r.cells)])
    )
    tokens += _norm(" ".join(" ".join(c.path) for c in table.columns) + (table.stub_header or ""))
    x0, x1 = table.bbox[0], table.bbox[2]
    inside = [w for w in words if w.bbox[0] >= x0 - TABLE_MARGIN and w.bbox[2] <= x1 + TABLE_MARGIN]
    taken: list[_Word] = []
    for line in _lines(inside):
        ours = sum(1 for w in line if _norm(w.text) and _norm(w.text) in tokens)
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
    words: Sequence[_Word],
    table: Table,
    bbox: BBox,
    first: bool,
    columns: Sequence[Box] = (),
) -> None:
    """The table's outline, and (from its words) its header band, stub, rows and columns (the
    `columns` a stage found, where given: the last ones are the data columns)."""
    name = f"T{table.index + 1}"
    add.add(page, "table", bbox, name if first else f"{name} (cont.)")
    lines = _lines(_table_words(words, bbox))
    if not lines or not table.rows:
        return
    body_start = 0
    if first and table.columns and any(c.path for c in table.columns):
        first_row = table.rows[0]
        key = _norm(first_row.label[-1]) if first_row.label else ""
        cells = [_norm(c.raw) for c in first_row.cells if c.raw]
        for n, line in enumerate(lines):
            text = _norm(" ".join(w.text for w in line))
            if (key and text.startswith(key)) or (not key and cells and all(c in text for c in cells)):
                body_start = n
                break
        if body_start:
            header = union(w.bbox for ln in lines[:body_start] for w in ln)
            add.add(page, "table_header", (bbox[0], bbox[1], bbox[2], header[3]), "header")
    body = lines[body_start:]
    labels = {_norm(part) for r in table.rows for part in r.label if part}
    stub_words = [
        w
        for ln in body
        for w in ln[:1]
        if _norm(w.text) and any(lab.startswith(_norm(w.text)) for lab in labels)
    ]
    stub_right = max((w.bbox[2] for ln in body for w in ln if _in_label(ln, w, labels)), default=None)
    if stub_words and stub_right is not None:
        top = body[0][0].bbox[1]
        add.add(page, "stub", (bbox[0], top, stub_right, bbox[3]), "stub")
    totals = [_norm(r.label[-1]) for r in table.rows if r.total and r.label]
    for ln in body:
        text = _norm(" ".join(w.text for w in ln))
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


def _in_label(line: Sequence[_Word], word: _Word, labels: set[str]) -> bool:
    """Whether `word` is part of the row label that opens `line`."""
    text = ""
    for w in line:
        text += _norm(w.text)
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
        words = [[_Word(n, text, bbox) for text, bbox in recorded[n]] for n in sorted(recorded)]
        words = [_reading_order(ws) for ws in words]
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
    stream = _Stream([w for ws in words for w in ws])
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


def item_label(prefix: str, item: Item, position: int) -> str:
    """The label of an item's boxes: 'Q3', 'A2 en 3' (`position` from 1 where it has no number)."""
    return f"{prefix}{item.number or position}"


def _place_items(out: TraceBuilder, stream: _Stream, doc: Document) -> None:
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
            for page, box in _runs(stream, found):
                out.add(page, kind, box, label)


def _place_captions(out: TraceBuilder, stream: _Stream, doc: Document) -> None:
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
            for page, box in _runs(stream, found):
                out.add(page, kind, box, name)


def _mark_unplaced(
    out: TraceBuilder,
    words: Sequence[Sequence[_Word]],
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
        lines = _lines([w for w in page_words_ if not any(_within(w.bbox, b) for b in inside)])
        genre = _genre_lines(lines, line_patterns, dialect.markers, dialect.answer_heading)
        for n, line in enumerate(lines):
            if n in genre:
                continue
            dated = _date_words(line)
            lost = [w for w in line if not _held(w.text, held) and w not in dated]
            chars = sum(len(_norm(w.text)) for w in line)
            if not lost or sum(len(_norm(w.text)) for w in lost) < UNPLACED_SHARE * chars:
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
    lines: Sequence[Sequence[_Word]], patterns: Sequence[Any], markers: Sequence[Any], heading: Any
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


def _date_words(line: Sequence[_Word]) -> set[_Word]:
    """The words of a line that print a date ('7 oktober 2020'): held as the ISO dates they became."""
    from ..dutch.dates import find_dutch_date

    text = ""
    spans: list[tuple[int, int, _Word]] = []
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
    n = _norm(text)
    return not n or n in held
