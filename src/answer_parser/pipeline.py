"""The pipeline: PDF bytes -> Document, one stage after another.

reading   read_pdf                  pages of words, ruling edges, links
tables    page_grids, chain_to_table ruled grids, joined across pages, read into tables
layout    words_to_lines, find_furniture, lines_to_paragraphs
sections  attach_captions, read_sections
records   Document (model), checked and warned
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import check_totals
from .dialect import Dialect, detect_dialect
from .layout import (
    Footnote,
    Line,
    find_furniture,
    footnote_warnings,
    line_pitch_ratio,
    lines_to_paragraphs,
    split_footnotes,
    words_to_lines,
)
from .model import Document, Source, Table, Warning
from .reading import PageData, PdfData, read_pdf
from .reading import Source as Input
from .sections import Block, TableAnchor, attach_captions, read_sections
from .settings import DEFAULT_SETTINGS, Settings
from .stream import page_stream_grids
from .tables import Grid, TableData, chain_to_table, columns_match, page_grids
from .text import find_urls, normalize_url, unique


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
        _free_lines(page, page_grids_, settings) for page, page_grids_ in zip(pdf.pages, grids, strict=True)
    ]
    furniture = find_furniture(
        [(p.height, ls) for p, ls in zip(pdf.pages, lines, strict=True)], settings, dialect.furniture
    )
    lines = [[ln for ln in ls if (ln.page, ln.top, ln.text) not in furniture] for ls in lines]
    footnotes: list[Footnote] = []
    if dialect.footnotes:
        lines, footnotes = split_footnotes(lines)
    grids, lines = _add_stream_grids(pdf.pages, grids, lines, settings)
    chains = grids_to_chains(grids, lines, pdf.pages, settings)
    tables_data = [chain_to_table(chain, settings) for chain in chains]
    blocks = flow_to_blocks(lines, chains, settings)
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
    return Document(
        source=Source(path=pdf.path, sha256=pdf.sha256, pages=len(pdf.pages), producer=pdf.producer),
        kind=sections.kind,  # type: ignore[arg-type]
        question=sections.question,
        answer=sections.answer,
        tables=tables,
        links=_links(pdf, blocks, footnotes),
        warnings=tuple(warnings),
    )


def _add_stream_grids(
    pages: Sequence[PageData], grids: list[list[Grid]], lines: list[list[Line]], settings: Settings
) -> tuple[list[list[Grid]], list[list[Line]]]:
    """Tables without vertical rules, found in the lines no ruled table claimed."""
    out_grids, out_lines = [], []
    for page, page_grids_, page_lines in zip(pages, grids, lines, strict=True):
        found = page_stream_grids(page_lines, page.number, settings, page.edges)
        claimed = set().union(*(g.words for g in found)) if found else set()
        out_grids.append(sorted([*page_grids_, *found], key=lambda g: (g.bbox[1], g.bbox[0])))
        out_lines.append([ln for ln in page_lines if not claimed.intersection(ln.words)])
    return out_grids, out_lines


def _free_lines(page: PageData, grids: Sequence[Grid], settings: Settings) -> list[Line]:
    """The page's lines made of words that no table claimed."""
    claimed = set().union(*(g.words for g in grids)) if grids else set()
    return words_to_lines((w for w in page.words if w not in claimed), page.number, settings)


def grids_to_chains(
    grids: Sequence[Sequence[Grid]],
    lines: Sequence[Sequence[Line]],
    pages: Sequence[PageData],
    settings: Settings,
) -> list[list[Grid]]:
    """Join a table that ends a page to the one that opens the next page when their columns match
    and no text stands between them."""
    chains: list[list[Grid]] = []
    for page_index, page_grids_ in enumerate(grids):
        for g in page_grids_:
            prev = chains[-1][-1] if chains else None
            if (
                prev is not None
                and prev.page == g.page - 1
                and g is page_grids_[0]
                and prev is grids[page_index - 1][-1]
                and columns_match(prev, g, settings)
                and not any(ln.top > prev.bbox[3] for ln in lines[page_index - 1])
                and not any(ln.bottom < g.bbox[1] for ln in lines[page_index])
            ):
                chains[-1].append(g)
            else:
                chains.append([g])
    return chains


def flow_to_blocks(
    lines: Sequence[Sequence[Line]], chains: Sequence[Sequence[Grid]], settings: Settings
) -> list[Block]:
    """Lines and table anchors in reading order, lines grouped into paragraphs; a table always
    ends the paragraph before it."""
    anchors = [TableAnchor(i, chain[0].page, chain[0].bbox[1]) for i, chain in enumerate(chains)]
    all_lines = [ln for ls in lines for ln in ls]
    pitch = line_pitch_ratio(all_lines)
    flow: list[Line | TableAnchor] = sorted([*all_lines, *anchors], key=lambda x: (x.page, x.top))
    blocks: list[Block] = []
    run: list[Line] = []
    for item in flow:
        if isinstance(item, TableAnchor):
            blocks.extend(lines_to_paragraphs(run, settings, pitch))
            run = []
            blocks.append(item)
        else:
            run.append(item)
    blocks.extend(lines_to_paragraphs(run, settings, pitch))
    return blocks


def _links(pdf: PdfData, blocks: Sequence[Block], footnotes: Sequence[Footnote] = ()) -> tuple[str, ...]:
    annotated = [normalize_url(link.uri) for page in pdf.pages for link in page.links]
    printed = [url for b in blocks if not isinstance(b, TableAnchor) for url in find_urls(b.text)]
    printed += [url for note in footnotes for url in find_urls(note.text)]
    return unique(url for url in [*annotated, *printed] if url.lower().startswith(("http://", "https://")))


def _table_warnings(tables: Sequence[TableData]) -> list[Warning]:
    return [Warning(code, message, table=i) for i, t in enumerate(tables) for code, message in t.warnings]
