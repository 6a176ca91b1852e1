"""The pipeline: PDF bytes -> Document, one stage after another.

reading   read_pdf                  pages of words, ruling edges, links
tables    page_grids, chain_to_table ruled grids, joined across pages, read into tables
layout    words_to_lines, find_furniture, lines_to_paragraphs
sections  attach_captions, read_sections
records   Document (model), checked and warned
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

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


def parse(
    source: Input, *, settings: Settings = DEFAULT_SETTINGS, dialect: Dialect | None = None
) -> Document:
    """Parse one PDF (a path, bytes or a binary file) into a Document.

    `dialect` None picks the genre from the first page's text (`dialect.detect_dialect`); pass
    `dialect.FLEMISH` or `dialect.TWEEDE_KAMER` to force one.

    Raises a subclass of `AnswerParserError` for input that cannot be read.
    """
    return document_from_pdf(read_pdf(source, settings), settings=settings, dialect=dialect)


def document_from_pdf(
    pdf: PdfData, *, settings: Settings = DEFAULT_SETTINGS, dialect: Dialect | None = None
) -> Document:
    """Everything after reading: the page records of one PDF -> Document."""
    if dialect is None:
        dialect = detect_dialect(" ".join(w.text for w in pdf.pages[0].words))
    grids = [page_grids(page, settings) for page in pdf.pages]
    lines = [
        free_lines(page, page_grids_, settings) for page, page_grids_ in zip(pdf.pages, grids, strict=True)
    ]
    furniture = find_furniture(
        [(p.height, ls) for p, ls in zip(pdf.pages, lines, strict=True)], settings, dialect.furniture
    )
    claimed = [{w for g in page_grids_ for w in g.words} for page_grids_ in grids]
    printed = printed_words(pdf.pages, claimed, lines, furniture)
    lines = [[ln for ln in ls if (ln.page, ln.top, ln.text) not in furniture] for ls in lines]
    footnotes: list[Footnote] = []
    if dialect.footnotes:
        lines, footnotes = split_footnotes(lines)
    grids, lines = add_stream_grids(pdf.pages, grids, lines, settings)
    chains = grids_to_chains(grids, lines, pdf.pages, settings)
    tables_data = [chain_to_table(chain, settings) for chain in chains]
    blocks = flow_to_blocks(lines, anchors_of(chains), settings)
    blocks, captions = attach_captions(blocks, dialect)
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
    warnings += [w for table in tables for w in check_totals(table)]
    warnings += answer_missing_warnings(sections.question, sections.answer, tables)
    document = Document(
        source=Source(path=pdf.path, sha256=pdf.sha256, pages=len(pdf.pages), producer=pdf.producer),
        kind=sections.kind,  # type: ignore[arg-type]
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
QUOTING_CODES = frozenset({"text_before_answer"})


def _links(pdf: PdfData, blocks: Sequence[Block], footnotes: Sequence[Footnote] = ()) -> tuple[str, ...]:
    annotated = [normalize_url(link.uri) for page in pdf.pages for link in page.links]
    printed = [url for b in blocks if not isinstance(b, TableAnchor) for url in find_urls(b.text)]
    printed += [url for note in footnotes for url in find_urls(note.text)]
    return unique(url for url in [*annotated, *printed] if url.lower().startswith(("http://", "https://")))


def _table_warnings(tables: Sequence[TableData]) -> list[Warning]:
    return [Warning(code, message, table=i) for i, t in enumerate(tables) for code, message in t.warnings]
