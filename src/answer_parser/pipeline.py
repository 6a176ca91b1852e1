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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from .codes import WarningCode
from .dutch.text import find_urls, normalize_url, unique
from .layout.blocks import Block, TableAnchor, flow_to_blocks
from .layout.footnotes import Footnote, footnote_warnings, split_footnotes
from .layout.furniture import find_furniture
from .model import Document, Source, Table, Warning
from .pdf.reading import read_pdf
from .pdf.records import PdfData
from .pdf.records import Source as Input
from .sections.accounting import account, printed_words
from .sections.captions import attach_captions
from .sections.dialect import Dialect, detect_dialect
from .sections.numbering import answer_missing_warnings
from .sections.read import read_sections
from .settings import DEFAULT_SETTINGS, Settings
from .tables.chains import anchors_of, grids_to_chains
from .tables.checks import check_totals
from .tables.detect import add_stream_grids, free_lines
from .tables.grid import TableData
from .tables.lattice import page_grids
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

    `dialect` None picks the genre from the first page's text (`dialect.detect_dialect`); pass
    `dialect.FLEMISH` or `dialect.TWEEDE_KAMER` to force one. `trace` (a
    `views.trace.TraceBuilder`) collects the boxes the stages found, for `answer_parser.show`;
    `progress` is told of each page read and each stage.

    Raises a subclass of `AnswerParserError` for input that cannot be read.
    """
    pdf = read_pdf(source, settings.reading, progress=progress)
    return document_from_pdf(pdf, settings=settings, dialect=dialect, trace=trace, progress=progress)


def document_from_pdf(
    pdf: PdfData,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    dialect: Dialect | None = None,
    trace: TraceBuilder | None = None,
    progress: Progress | None = None,
) -> Document:
    """Everything after reading: the page records of one PDF -> Document."""
    if dialect is None:
        dialect = detect_dialect(" ".join(w.text for w in pdf.pages[0].words))
    layout, table_settings = settings.layout, settings.tables
    if trace is not None:
        trace.pages(pdf.pages)
    if progress is not None:
        progress("finding tables", 0, 0)
    grids = [page_grids(page, table_settings) for page in pdf.pages]
    lines = [
        free_lines(page, page_grids_, layout) for page, page_grids_ in zip(pdf.pages, grids, strict=True)
    ]
    furniture = find_furniture(
        [(p.height, ls) for p, ls in zip(pdf.pages, lines, strict=True)], layout, dialect.furniture
    )
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
    grids, lines = add_stream_grids(pdf.pages, grids, lines, table_settings, dialect)
    chains = grids_to_chains(grids, lines, pdf.pages, table_settings)
    if trace is not None:
        trace.tables(chains)
    tables_data = [chain_to_table(chain, table_settings, dialect) for chain in chains]
    if progress is not None:
        progress("reading sections", 0, 0)
    blocks = flow_to_blocks(lines, anchors_of(chains), layout)
    blocks, captions = attach_captions(blocks, dialect, settings.sections, layout)
    sections = read_sections(blocks, len(chains), dialect)
    tables = tuple(
        Table(
            index=i,
            number=captions.numbers.get(i),
            caption=captions.texts.get(i),
            pages=data.pages,
            bbox=data.bbox,
            stub_header=data.stub_header,
            columns=data.columns,
            rows=data.rows,
            notes=captions.notes.get(i, ()),
        )
        for i, data in enumerate(tables_data)
    )
    warnings = list(sections.warnings) + footnote_warnings(footnotes) + _table_warnings(tables_data)
    warnings += [w for table in tables for w in check_totals(table, dialect)]
    warnings += answer_missing_warnings(sections.question, sections.answer, tables)
    document = Document(
        source=Source(path=pdf.path, sha256=pdf.sha256, pages=len(pdf.pages), producer=pdf.producer),
        kind=sections.kind,
        question=sections.question,
        answer=sections.answer,
        tables=tables,
        links=_links(pdf, blocks, footnotes),
        warnings=tuple(warnings),
        body=sections.body,
        annex=sections.annex,
    )
    # taken out on purpose: the footnotes, and text left out with a warning that quotes it
    left_out = [f"{n.number} {n.text}" for n in footnotes]
    left_out += [w.message for w in sections.warnings if w.code in QUOTING_CODES]
    unplaced = account(document, printed, left_out)
    return attrs.evolve(document, warnings=(*document.warnings, *unplaced)) if unplaced else document


#: warnings whose message quotes the text they left out of the Document
QUOTING_CODES = frozenset({WarningCode.TEXT_BEFORE_ANSWER})


def _links(pdf: PdfData, blocks: Sequence[Block], footnotes: Sequence[Footnote] = ()) -> tuple[str, ...]:
    annotated = [normalize_url(link.uri) for page in pdf.pages for link in page.links]
    printed = [url for b in blocks if not isinstance(b, TableAnchor) for url in find_urls(b.text)]
    printed += [url for note in footnotes for url in find_urls(note.text)]
    return unique(url for url in [*annotated, *printed] if url.lower().startswith(("http://", "https://")))


def _table_warnings(tables: Sequence[TableData]) -> list[Warning]:
    return [Warning(code, message, table=i) for i, t in enumerate(tables) for code, message in t.warnings]
