"""The pipeline: PDF bytes -> Document, one stage after another. Wiring only: each stage lives in
its package (docs/architecture.md) and reads its own settings group and the dialect.

    pdf       read_pdf                        pages of words, ruling edges, links
    tables    page_grids (lattice)            ruled grids; the words they claim leave the text
    layout    free_lines, find_furniture,     lines; running headers, footers, footnotes out
              split_footnotes
    tables    add_stream_grids (detect)       tables between rules or aligned by their numbers
              grids_to_chains, chain_to_table joined across pages, read into TableData
    layout    flow_to_blocks                  paragraphs and table anchors in reading order
    sections  attach_captions, read_sections  captions and notes; question, answer, metadata
    records   Document (model), check_totals  the tables checked, every warning gathered

A bulletin (many questions with their answers, docs/bulletins.md) goes through the same stages,
its pages read column by column (`layout.columns`); its flow is cut into parts
(`sections.parts.split_bulletin`) and each part is read as a single answer
(`sections.bulletin.read_part`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from .codes import WarningCode
from .dutch.text import find_urls, normalize_url, unique
from .layout.blocks import Block, TableAnchor, flow_to_blocks
from .layout.columns import column_flow_to_blocks, column_lines, outermost_lines, page_gutters
from .layout.footnotes import Footnote, footnote_warnings, split_footnotes
from .layout.furniture import find_furniture, is_page_number
from .layout.lines import Line
from .model import Document, Source, Table, Warning
from .pdf import guards
from .pdf.readers import read_pdf
from .pdf.records import PdfData
from .pdf.records import Source as Input
from .sections.accounting import PageWord, account, printed_words
from .sections.bulletin import (
    BulletinDialect,
    check_contents,
    contents_entries,
    detect_bulletin,
    part_tables,
    read_issue,
    read_part,
)
from .sections.captions import Captions, attach_captions
from .sections.dialect import Dialect, detect_dialect
from .sections.numbering import answer_missing_warnings
from .sections.parts import PartFlow, split_bulletin
from .sections.read import read_sections
from .settings import DEFAULT_SETTINGS, Settings
from .tables.chains import anchors_of, grids_to_chains
from .tables.checks import check_totals
from .tables.detect import add_stream_grids, drop_figures, free_lines, restore_blobby, split_ruled
from .tables.grid import TableData
from .tables.lattice import page_grids
from .tables.report import add_unplaced, finish_reports
from .tables.structure import chain_to_table

if TYPE_CHECKING:
    from .views.trace import TraceBuilder

#: told (stage, done, total) as a parse goes on: each page read, then each stage started
Progress = Callable[[str, int, int], None]


def parse(
    source: Input,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    dialect: Dialect | None = None,
    trace: TraceBuilder | None = None,
    progress: Progress | None = None,
) -> Document:
    """Parse one PDF (a path, bytes or a binary file) into a Document.

    `dialect` None picks the genre from the first page's text (a bulletin first, then
    `dialect.detect_dialect`); pass `dialect.FLEMISH` or `dialect.TWEEDE_KAMER` to force one.
    `trace` (a `views.trace.TraceBuilder`) collects the boxes the stages found, for
    `answer_parser.show`; `progress` is told of each page read and each stage.

    Raises a subclass of `AnswerParserError` for input that cannot be read, and for input that
    would take longer than `settings.timeout` or more memory than the guards allow
    (`pdf/guards.py`).
    """
    path = os.fspath(source) if isinstance(source, str | os.PathLike) else None
    with guards.guarded(guards.limits_of(settings.reading), path):
        pdf = read_pdf(source, settings.reading, progress=progress)
        return document_from_pdf(pdf, settings=settings, dialect=dialect, trace=trace, progress=progress)


@attrs.frozen
class Flow:
    """What the stages before the sections make of a PDF: the blocks in reading order (captions
    taken out), the tables, and the footnotes."""

    blocks: list[Block]
    captions: Captions
    tables: list[TableData]
    footnotes: list[Footnote]
    #: every word printed on the pages, furniture left out (for the word accounting)
    printed: list[PageWord]


def document_from_pdf(
    pdf: PdfData,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    dialect: Dialect | None = None,
    trace: TraceBuilder | None = None,
    progress: Progress | None = None,
) -> Document:
    """Everything after reading: the page records of one PDF -> Document."""
    first_page = " ".join(w.text for w in pdf.pages[0].words)
    bulletin = detect_bulletin(first_page) if dialect is None else None
    if bulletin is not None:
        return bulletin_document(pdf, bulletin, settings, trace, progress)
    if dialect is None:
        dialect = detect_dialect(first_page)
    flow = read_flow(pdf, dialect, settings, None, trace, progress)
    sections = read_sections(flow.blocks, len(flow.tables), dialect)
    indexes = range(len(flow.tables))
    tables = _tables(flow, indexes)
    warnings = list(sections.warnings) + footnote_warnings(flow.footnotes) + _table_warnings(flow, indexes)
    warnings += _rotated_warnings(pdf, tables)
    warnings += [w for table in tables for w in check_totals(table, dialect)]
    warnings += answer_missing_warnings(sections.question, sections.answer, tables)
    document = Document(
        source=_source(pdf),
        kind=sections.kind,
        question=sections.question,
        answer=sections.answer,
        tables=finish_reports(tables, warnings),
        links=_links(pdf, flow.blocks, flow.footnotes),
        warnings=tuple(warnings),
        body=sections.body,
        annex=sections.annex,
    )
    # taken out on purpose: the footnotes, and text left out with a warning that quotes it
    left_out = [f"{n.number} {n.text}" for n in flow.footnotes]
    left_out += [w.message for w in sections.warnings if w.code in QUOTING_CODES]
    unplaced = account(document, flow.printed, left_out)
    return attrs.evolve(document, warnings=(*document.warnings, *unplaced)) if unplaced else document


#: warnings whose message quotes the text they left out of the Document
QUOTING_CODES = frozenset({WarningCode.TEXT_BEFORE_ANSWER})


def read_flow(
    pdf: PdfData,
    dialect: Dialect,
    settings: Settings,
    bulletin: BulletinDialect | None = None,
    trace: TraceBuilder | None = None,
    progress: Progress | None = None,
) -> Flow:
    """Tables, lines, furniture, footnotes, paragraphs and captions. With `bulletin`, pages may
    be set in two columns and contents lines are never table rows."""
    layout, table_settings = settings.layout, settings.tables
    if trace is not None:
        trace.pages(pdf.pages)
    if progress is not None:
        progress("finding tables", 0, 0)
    ruled = [split_ruled(page_grids(page, table_settings)) for page in pdf.pages]
    grids, blobby = [r[0] for r in ruled], [r[1] for r in ruled]
    gutters: dict[int, float | None] = {}
    if bulletin is None:
        lines = [free_lines(page, g, layout) for page, g in zip(pdf.pages, grids, strict=True)]
    else:
        claimed = [set().union(*(g.words for g in page_grids_)) for page_grids_ in grids]
        free = [[w for w in page.words if w not in c] for page, c in zip(pdf.pages, claimed, strict=True)]
        found = page_gutters(
            [(words, page.width) for words, page in zip(free, pdf.pages, strict=True)], layout
        )
        gutters = {page.number: gutter for page, gutter in zip(pdf.pages, found, strict=True)}
        lines = [
            column_lines(words, page.number, gutters[page.number], layout)
            for words, page in zip(free, pdf.pages, strict=True)
        ]
    furniture = find_furniture(
        [(p.height, ls) for p, ls in zip(pdf.pages, lines, strict=True)], layout, dialect.furniture
    )
    if bulletin is not None:
        # pages of a bulletin often open with the same heading ('Antwoord') or a table header:
        # what repeats is furniture only as a page's first or last line, never a heading
        outermost = outermost_lines(lines)
        furniture = {
            key
            for key in furniture
            if not bulletin.is_heading(key[2])
            and (
                key in outermost or is_page_number(key[2]) or any(p.search(key[2]) for p in dialect.furniture)
            )
        }
    if trace is not None:
        trace.lines("furniture", (ln for ls in lines for ln in ls if (ln.page, ln.top, ln.text) in furniture))
    claimed = [{w for g in page_grids_ for w in g.words} for page_grids_ in grids]
    printed = printed_words(pdf.pages, claimed, lines, furniture)
    lines = [[ln for ln in ls if (ln.page, ln.top, ln.text) not in furniture] for ls in lines]
    footnotes: list[Footnote] = []
    if dialect.footnotes:
        before = lines
        lines, footnotes = split_footnotes(lines, layout)
        if trace is not None:  # split_footnotes keeps each page's lines above its footnotes
            trace.lines("footnote", (ln for b, a in zip(before, lines, strict=True) for ln in b[len(a) :]))
    held: list[list[Line]] = [[] for _ in lines]
    if bulletin is not None:
        held = [[ln for ln in ls if bulletin.contents_line.match(ln.text)] for ls in lines]
        lines = [[ln for ln in ls if not bulletin.contents_line.match(ln.text)] for ls in lines]
    grids, lines = add_stream_grids(pdf.pages, grids, lines, table_settings, dialect)
    grids, lines = restore_blobby(grids, blobby, lines, table_settings, layout)
    grids, lines = drop_figures(grids, lines, table_settings, layout, dialect)
    lines = [
        sorted([*ls, *hs], key=lambda ln: (ln.top, ln.x0)) if hs else ls
        for ls, hs in zip(lines, held, strict=True)
    ]
    chains = grids_to_chains(grids, lines, pdf.pages, table_settings)
    if trace is not None:
        trace.tables(chains)
    tables = add_unplaced(
        [chain_to_table(chain, table_settings, dialect) for chain in chains], chains, pdf.pages
    )
    if progress is not None:
        progress("reading sections", 0, 0)
    if bulletin is None:
        blocks = flow_to_blocks(lines, anchors_of(chains), layout)
    else:
        xs = {i: (chain[0].bbox[0], chain[0].bbox[2]) for i, chain in enumerate(chains)}
        blocks = column_flow_to_blocks(lines, anchors_of(chains), xs, gutters, layout)
    blocks, captions = attach_captions(blocks, dialect, settings.sections, layout)
    return Flow(blocks, captions, tables, footnotes, printed)


def bulletin_document(
    pdf: PdfData,
    bulletin: BulletinDialect,
    settings: Settings,
    trace: TraceBuilder | None = None,
    progress: Progress | None = None,
) -> Document:
    """A bulletin: one document per question in `documents`, the issue in `bulletin`; its own
    warnings (contents that do not match the body) at the top level."""
    flow = read_flow(pdf, bulletin.part, settings, bulletin, trace, progress)
    cut = split_bulletin(flow.blocks, [t.pages for t in flow.tables], bulletin)
    source = _source(pdf)
    warnings = [*cut.warnings, *footnote_warnings(flow.footnotes)]
    if cut.parts:
        warnings += check_contents(contents_entries(cut.cover, bulletin), cut.ministers)
    return Document(
        source=source,
        kind="bulletin",
        question=None,
        answer=None,
        tables=(),
        links=_links(pdf, flow.blocks, flow.footnotes),
        warnings=tuple(warnings),
        documents=tuple(_part_document(part, flow, source, bulletin) for part in cut.parts),
        bulletin=read_issue(cut.cover, bulletin),
    )


def _part_document(part: PartFlow, flow: Flow, source: Source, bulletin: BulletinDialect) -> Document:
    indexes = part_tables(part)
    sections = read_part(part, bulletin)
    tables = _tables(flow, indexes)
    warnings = list(sections.warnings) + _table_warnings(flow, indexes)
    warnings += [w for table in tables for w in check_totals(table, bulletin.part)]
    printed = [url for b in part.blocks if not isinstance(b, TableAnchor) for url in find_urls(b.text)]
    return Document(
        source=attrs.evolve(source, page_range=part.pages),
        kind=sections.kind,
        question=sections.question,
        answer=sections.answer,
        tables=finish_reports(tables, warnings),
        links=unique(url for url in printed if url.lower().startswith(("http://", "https://"))),
        warnings=tuple(warnings),
    )


def _source(pdf: PdfData) -> Source:
    return Source(path=pdf.path, sha256=pdf.sha256, pages=len(pdf.pages), producer=pdf.producer)


def _tables(flow: Flow, indexes: Iterable[int]) -> tuple[Table, ...]:
    """The Table records of the tables `indexes` (document-wide), numbered from 0 in that order."""
    captions = flow.captions
    return tuple(
        Table(
            index=k,
            number=captions.numbers.get(i),
            caption=captions.texts.get(i),
            pages=flow.tables[i].pages,
            bbox=flow.tables[i].bbox,
            stub_header=flow.tables[i].stub_header,
            columns=flow.tables[i].columns,
            rows=flow.tables[i].rows,
            notes=captions.notes.get(i, ()),
            label=captions.labels.get(i),
            report=flow.tables[i].report,
        )
        for k, i in enumerate(indexes)
    )


def _links(pdf: PdfData, blocks: Sequence[Block], footnotes: Sequence[Footnote] = ()) -> tuple[str, ...]:
    annotated = [normalize_url(link.uri) for page in pdf.pages for link in page.links]
    printed = [url for b in blocks if not isinstance(b, TableAnchor) for url in find_urls(b.text)]
    printed += [url for note in footnotes for url in find_urls(note.text)]
    return unique(url for url in [*annotated, *printed] if url.lower().startswith(("http://", "https://")))


def _table_warnings(flow: Flow, indexes: Iterable[int]) -> list[Warning]:
    return [
        Warning(code, message, table=k)
        for k, i in enumerate(indexes)
        for code, message in flow.tables[i].warnings
    ]


def _rotated_warnings(pdf: PdfData, tables: Sequence[Table]) -> list[Warning]:
    """`table_rotated` for each table read from a page whose text was set sideways."""
    turned = {p.number: p.rotation for p in pdf.pages if p.rotation}
    return [
        Warning(
            WarningCode.TABLE_ROTATED,
            f"read turned back from text set at {turned[t.pages[0]]} degrees",
            page=t.pages[0],
            table=t.index,
        )
        for t in tables
        if t.pages and t.pages[0] in turned
    ]
