"""Prototype wiring of a bulletin through the pipeline's stages (moves into pipeline.py)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .bulletin import (
    BulletinDialect,
    PartFlow,
    check_contents,
    column_of,
    column_order,
    contents_entries,
    continues,
    page_columns,
    read_issue,
    spans_gutter,
    split_bulletin,
)
from .checks import check_totals
from .layout import (
    Line,
    find_furniture,
    line_pitch_ratio,
    lines_to_paragraphs,
    split_footnotes,
    words_to_lines,
)
from .model import Answer, Document, Question, Reference, Source, Table, Warning
from .pipeline import _add_stream_grids, _links, grids_to_chains
from .reading import PageData, PdfData, Word
from .sections import Block, Captions, TableAnchor, attach_captions, read_sections
from .settings import DEFAULT_SETTINGS, Settings
from .tables import Grid, TableData, chain_to_table, page_grids


def _column_lines(
    page: PageData, grids: Sequence[Grid], settings: Settings
) -> tuple[list[Line], float | None]:
    claimed = set().union(*(g.words for g in grids)) if grids else set()
    free = [w for w in page.words if w not in claimed]
    gutter = page_columns(free, page.width)
    if gutter is None:
        return words_to_lines(free, page.number, settings), None
    # a line with a word across the gutter (a running header, a page number) spans the columns;
    # the other words are made into lines column by column
    spanning: list[Line] = []
    sides: tuple[list[Word], list[Word]] = ([], [])
    for line in words_to_lines(free, page.number, settings):
        if spans_gutter(line.words, gutter):
            spanning.append(line)
            continue
        for w in line.words:
            sides[0 if w.x1 <= gutter else 1].append(w)
    lines = spanning + [ln for side in sides for ln in words_to_lines(side, page.number, settings)]
    return lines, gutter


def _flow(
    lines: Sequence[Sequence[Line]],
    chains: Sequence[Sequence[Grid]],
    gutters: dict[int, float | None],
    settings: Settings,
) -> list[Block]:
    bodies: dict[int, tuple[float, float] | None] = {}
    for page_lines in lines:
        if not page_lines:
            continue
        page = page_lines[0].page
        gutter = gutters.get(page)
        cols = [ln for ln in page_lines if column_of(ln.x0, ln.x1, gutter) != 0]
        bodies[page] = (min(ln.top for ln in cols), max(ln.bottom for ln in cols)) if cols else None

    def key_line(ln: Line) -> tuple[int, int, float]:
        return column_order(
            ln.page, ln.top, column_of(ln.x0, ln.x1, gutters.get(ln.page)), bodies.get(ln.page)
        )

    anchors = [TableAnchor(i, chain[0].page, chain[0].bbox[1]) for i, chain in enumerate(chains)]

    def key_anchor(a: TableAnchor) -> tuple[int, int, float]:
        box = chains[a.index][0].bbox
        return column_order(a.page, a.top, column_of(box[0], box[2], gutters.get(a.page)), bodies.get(a.page))

    all_lines = sorted((ln for ls in lines for ln in ls), key=key_line)
    pitch = line_pitch_ratio(all_lines)
    keyed: list[tuple[tuple[int, int, float], Line | TableAnchor]] = [(key_line(ln), ln) for ln in all_lines]
    keyed += [(key_anchor(a), a) for a in anchors]
    keyed.sort(key=lambda kv: kv[0])
    blocks: list[Block] = []
    run: list[Line] = []
    prev_key: tuple[int, int, float] | None = None
    for key, item in keyed:
        if isinstance(item, TableAnchor):
            blocks.extend(lines_to_paragraphs(run, settings, pitch))
            run = []
            blocks.append(item)
        else:
            if run and prev_key is not None and key[:2] != prev_key[:2] and not continues(run[-1], item):
                blocks.extend(lines_to_paragraphs(run, settings, pitch))
                run = []
            run.append(item)
        prev_key = key
    blocks.extend(lines_to_paragraphs(run, settings, pitch))
    return blocks


def read_bulletin(pdf: PdfData, bulletin: BulletinDialect, settings: Settings = DEFAULT_SETTINGS) -> Document:
    dialect = bulletin.part
    grids = [page_grids(page, settings) for page in pdf.pages]
    lines: list[list[Line]] = []
    gutters: dict[int, float | None] = {}
    for page, page_grids_ in zip(pdf.pages, grids, strict=True):
        page_lines, gutters[page.number] = _column_lines(page, page_grids_, settings)
        lines.append(page_lines)
    furniture = find_furniture(
        [(p.height, ls) for p, ls in zip(pdf.pages, lines, strict=True)], settings, dialect.furniture
    )
    lines = [[ln for ln in ls if (ln.page, ln.top, ln.text) not in furniture] for ls in lines]
    lines, footnotes = split_footnotes(lines)
    # contents lines ('NAME ...... 12') are text, never the rows of a table without rules
    contents = [[ln for ln in ls if bulletin.contents_line.match(ln.text)] for ls in lines]
    lines = [[ln for ln in ls if not bulletin.contents_line.match(ln.text)] for ls in lines]
    grids, lines = _add_stream_grids(pdf.pages, grids, lines, settings)
    lines = [
        sorted([*ls, *cs], key=lambda ln: (ln.top, ln.x0)) for ls, cs in zip(lines, contents, strict=True)
    ]
    chains = grids_to_chains(grids, lines, pdf.pages, settings)
    tables_data = [chain_to_table(chain, settings) for chain in chains]
    blocks = _flow(lines, chains, gutters, settings)
    blocks, captions = attach_captions(blocks, dialect)
    flow = split_bulletin(blocks, [t.pages for t in tables_data], bulletin)
    source = Source(path=pdf.path, sha256=pdf.sha256, pages=len(pdf.pages), producer=pdf.producer)
    warnings = list(flow.warnings) + check_contents(contents_entries(flow.cover, bulletin), flow.ministers)
    parts = [_part(p, tables_data, captions, source, bulletin) for p in flow.parts]
    return Document(
        source=source,
        kind="bulletin",
        question=None,
        answer=None,
        tables=(),
        links=_links(pdf, blocks, footnotes),
        warnings=tuple(warnings),
        documents=tuple(parts),
        bulletin=read_issue(flow.cover, bulletin),
    )


def _part(
    part: PartFlow,
    tables_data: Sequence[TableData],
    captions: Captions,
    source: Source,
    bulletin: BulletinDialect,
) -> Document:
    own = sorted({b.index for b in part.blocks if isinstance(b, TableAnchor)})
    local = {g: k for k, g in enumerate(own)}
    blocks = [attrs.evolve(b, index=local[b.index]) if isinstance(b, TableAnchor) else b for b in part.blocks]
    sections = read_sections(blocks, len(own), bulletin.part, marked=True)
    tables = tuple(
        Table(
            index=k,
            number=captions.numbers.get(g),
            caption=captions.texts.get(g),
            pages=tables_data[g].pages,
            bbox=tables_data[g].bbox,
            stub_header=tables_data[g].stub_header,
            columns=tables_data[g].columns,
            rows=tables_data[g].rows,
            notes=captions.notes.get(g, ()),
        )
        for k, g in enumerate(own)
    )
    warnings = [w for w in sections.warnings if w.code != "unknown_genre"]
    warnings += [
        Warning(code, message, table=local[g]) for g in own for code, message in tables_data[g].warnings
    ]
    warnings += [w for table in tables for w in check_totals(table)]
    question = sections.question
    answer = sections.answer
    minister = part.minister
    session = (
        bulletin.part.session_for(__import__("datetime").date.fromisoformat(part.date)) if part.date else None
    )
    if question is None:
        question = Question(
            number=None, date=None, asker=None, addressee=None, title=None, intro="", items=()
        )
    question = attrs.evolve(
        question, number=part.number, date=part.date, session=session, asker=part.asker, addressee=minister
    )
    if answer is not None:
        answer = attrs.evolve(
            answer,
            minister=minister,
            refers_to=Reference(number=part.number, date=part.date, asker=part.asker),
        )
    return Document(
        source=attrs.evolve(source, page_range=part.pages),
        kind="question_and_answer" if answer is not None else "question",
        question=question,
        answer=answer,
        tables=tables,
        links=(),
        warnings=tuple(warnings),
    )


_ = Answer
