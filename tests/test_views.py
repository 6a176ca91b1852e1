"""The views: Markdown, the HTML view, page overlays, the batch report, and the HTML in a real
headless browser (Debian's chromium; those tests are marked `browser` and skip without it)."""

from __future__ import annotations

import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import answer_parser
from answer_parser.convert import to_dict
from answer_parser.model import Column, Document
from answer_parser.views.html import document_html, header_rows
from answer_parser.views.markdown import document_markdown
from answer_parser.views.overlay import STYLES, render_page
from answer_parser.views.report import write_report
from answer_parser.views.show import parse_pages
from conftest import FIXTURES

SEED = FIXTURES / "seed_qa.pdf"
SRC = Path(answer_parser.__file__).resolve().parent.parent


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def seed() -> Document:
    return answer_parser.parse(SEED)


# -- a small DOM of the HTML, enough to read tables and text -------------------------------------


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    def text(self) -> str:
        return " ".join(" ".join((c if isinstance(c, str) else c.text()) for c in self.children).split())

    def find_all(self, tag: str, cls: str | None = None) -> list[_Node]:
        out = []
        for c in self.children:
            if isinstance(c, _Node):
                if c.tag == tag and (cls is None or cls in c.attrs.get("class", "").split()):
                    out.append(c)
                out += c.find_all(tag, cls)
        return out


_VOID = {"meta", "img", "br", "input", "link", "hr"}


class _Tree(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.node = _Node("#root", {}, None)
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        if tag not in _VOID:
            self.node = node

    def handle_endtag(self, tag: str) -> None:
        n: _Node | None = self.node
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.node = n.parent

    def handle_data(self, data: str) -> None:
        self.node.children.append(data)


def dom(text: str) -> _Node:
    return _Tree(text).root


def header_cells(table: _Node) -> list[list[tuple[str, int, int]]]:
    """(text, colspan, rowspan) of each header cell, row by row."""
    thead = table.find_all("thead")[0]
    return [
        [
            (th.text(), int(th.attrs.get("colspan", 1)), int(th.attrs.get("rowspan", 1)))
            for th in tr.find_all("th")
        ]
        for tr in thead.find_all("tr")
    ]


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_of_the_seed_holds_its_metadata_items_and_tables(seed: Document) -> None:
    md = document_markdown(seed)
    exp = expected("seed_qa")
    q = exp["question"]
    assert md.startswith(f"# Written question {q['number']}: {q['title']}\n")
    assert f"- **Date:** {q['date']}" in md
    assert f"- **Asked by:** {q['asker']['name']}" in md
    for side in ("question", "answer"):
        for item in exp[side]["items"]:
            first, *rest = item["text"].split("\n\n")
            assert f"**{item['number']}.** {' '.join(first.split())}" in md
            for para in rest:
                assert f"\n{' '.join(para.split())}\n" in md
    # every table as a pipe table: header paths flattened, label paths joined, totals in bold
    for table in exp["tables"]:
        header = [table["stub_header"] or ""] + [" / ".join(c["path"]) for c in table["columns"]]
        assert "| " + " | ".join(header) + " |" in md.replace("|  |", "|  |")
        for row in table["rows"]:
            label = " / ".join(row["label"])
            cells = [c["raw"] for c in row["cells"]]
            if row["total"]:
                label, cells = f"**{label}**", [f"**{c}**" if c else c for c in cells]
            assert "| " + " | ".join([label, *cells]) + " |" in md, label
    # the tables of answer 3 follow its text, before answer 4
    a3 = md.index("**3.** Hierbij een overzicht")
    assert a3 < md.index("| april | 1.627 | 1.793 | 440 |") < md.index("**4.** Hierbij")
    assert "| **Totaal** | **2.963** | **100%** | **271** | **100%** |" in md


def test_docs_show_holds_the_seed_markdown_as_the_command_writes_it(seed: Document) -> None:
    text = (FIXTURES.parent / "docs" / "show.md").read_text("utf-8")
    block = text.split("````markdown\n", 1)[1].split("````\n", 1)[0]
    as_run = attrs.evolve(seed, source=attrs.evolve(seed.source, path="fixtures/seed_qa.pdf"))
    assert block == document_markdown(as_run)
    for image in ("img/show_seed_qa_p3.png", "img/show_tbl_grid_spanning_header_p2.png"):
        png = FIXTURES.parent / "docs" / image
        assert f"]({image})" in text and png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size < 150_000


def test_markdown_flattens_multi_level_header_paths() -> None:
    doc = answer_parser.parse(FIXTURES / "tbl_grid_spanning_header.pdf")
    md = document_markdown(doc)
    table = expected("tbl_grid_spanning_header")["tables"][0]
    line = (
        "| " + " | ".join([table["stub_header"], *(" / ".join(c["path"]) for c in table["columns"])]) + " |"
    )
    assert line in md
    assert "2019-2020 / aantal" in md
    assert md.count("| --- |") == len(doc.tables) and "| --- | ---: | ---: |" in md


def test_markdown_escapes_markup_and_keeps_warnings() -> None:
    doc = answer_parser.parse(FIXTURES / "tbl_total_mismatch.pdf")
    md = document_markdown(doc)
    assert expected("tbl_total_mismatch")["$expect_warnings"] == ["total_mismatch"]
    # at its table (under the pipe table) and in the list at the end
    table_end = md.index("| **Totaal** |")
    at_table = md.index("- ⚠ `total_mismatch` (table 1, p. 2): table 0, row 'Totaal'")
    assert table_end < at_table < md.index("## Warnings") < md.rindex("`total_mismatch`")
    # markup characters in text are escaped, a leading '3.' of a paragraph does not become a list
    d = to_dict(doc)
    d["question"]["intro"] = "3. *niet* vet | geen kolom"
    hostile = document_markdown(answer_parser.from_dict(d))
    assert "\n3\\. \\*niet\\* vet \\| geen kolom\n" in hostile


# -- HTML ----------------------------------------------------------------------------------------


def test_header_rows_span_shared_prefixes_and_reach_down_where_paths_end() -> None:
    cols = [
        Column(("2018", "april")),
        Column(("2018", "mei")),
        Column(("2019", "april")),
        Column(("Totaal",)),
    ]
    rows = header_rows(cols)
    assert [(c.text, c.colspan, c.rowspan) for c in rows[0]] == [
        ("2018", 2, 1),
        ("2019", 1, 1),
        ("Totaal", 1, 2),
    ]
    assert [(c.text, c.column) for c in rows[1]] == [("april", 0), ("mei", 1), ("april", 2)]
    # equal single-level paths side by side: one cell over both columns
    same = header_rows([Column(("a",)), Column(("a",)), Column(("b",))])
    assert [(c.text, c.colspan, c.rowspan) for c in same[0]] == [("a", 2, 1), ("b", 1, 1)]
    # a path that ends under a span that goes on deeper gets an empty cell below it
    mixed = header_rows([Column(("x", "1")), Column(("x",)), Column(("x", "2"))])
    assert [(c.text, c.colspan) for c in mixed[0]] == [("x", 3)]
    assert [(c.text, c.column) for c in mixed[1]] == [("1", 0), ("", 1), ("2", 2)]


def test_html_view_of_the_seed_has_spanning_headers_totals_items(seed: Document) -> None:
    root = dom(document_html(seed))
    tables = root.find_all("table", "data")
    assert len(tables) == len(seed.tables) == 5
    heads = header_cells(tables[0])
    assert heads == [
        [
            ("Leeftijdscategorie", 1, 1),
            ("geslaagd op MO tussen april en september", 2, 1),
            ("contract in 2020 en op 8/10/2020 geen passend aanbod leslocatie", 2, 1),
        ]
    ]
    totals = tables[0].find_all("tr", "total")
    assert [t.text() for t in totals] == ["Totaal 2.963 100% 271 100%"]
    # typed values on hover
    cells = totals[0].find_all("td")
    assert cells[0].attrs["title"] == "2 963 (integer)"
    assert cells[1].attrs["title"] == "100 % (percent)"
    # label paths as indented rows: 'geslaagd' under 'Jan', one level in
    jan = next(
        r for r in tables[2].find_all("tr") if r.find_all("th") and r.find_all("th")[0].text() == "geslaagd"
    )
    assert jan.find_all("th")[0].attrs["title"] == "Jan / geslaagd"
    assert "padding-left:1.6em" in jan.find_all("th")[0].attrs["style"]
    # an item's text, and the table inside the answer item that holds it
    items = root.find_all("div", "item")
    assert any("Hoeveel inburgeraars ondertekenden een inburgeringscontract" in i.text() for i in items)
    a3 = next(i for i in items if i.attrs.get("id") == "a-3")
    assert a3.find_all("table", "data") and "april 1.627 1.793 440" in a3.text()


def test_html_view_two_and_three_level_headers() -> None:
    root = dom(document_html(answer_parser.parse(FIXTURES / "tbl_grid_spanning_header.pdf")))
    heads = header_cells(root.find_all("table", "data")[0])
    assert heads[0] == [("Provincie", 1, 2), ("2019-2020", 2, 1), ("2020-2021", 2, 1), ("2021-2022", 2, 1)]
    assert heads[1] == [("aantal", 1, 1), ("%", 1, 1)] * 3
    root = dom(document_html(answer_parser.parse(FIXTURES / "tbl_booktabs_three_header_rows.pdf")))
    heads = header_cells(root.find_all("table", "data")[0])
    assert len(heads) == 3 and heads[0][0] == ("Leeftijd", 1, 3)
    assert heads[0][1][0] == "Niet-werkende werkzoekenden (jaargemiddelde)" and heads[0][1][1] == 4


def test_html_escapes_text_and_puts_table_warnings_at_their_table() -> None:
    doc = answer_parser.parse(FIXTURES / "tbl_total_mismatch.pdf")
    d = to_dict(doc)
    d["question"]["title"] = "<script>alert(1)</script> & co"
    hostile = answer_parser.from_dict(d)
    text = document_html(hostile)
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    root = dom(text)
    figures = root.find_all("figure", "table")
    warned = {w.table for w in doc.warnings if w.table is not None}
    assert warned
    for fig in figures:
        index = int(fig.attrs["id"].split("-")[1]) - 1
        codes = [p.find_all("code")[0].text() for p in fig.find_all("p", "warning")]
        assert codes == [w.code for w in doc.warnings if w.table == index]


def test_a_bulletin_shows_each_of_its_documents(seed: Document) -> None:
    from answer_parser.model import BodyParagraph, Bulletin

    second = attrs.evolve(seed, question=attrs.evolve(seed.question, number=7, title="Tweede vraag"))
    bulletin = attrs.evolve(
        seed,
        kind="bulletin",
        question=None,
        answer=None,
        tables=(),
        warnings=(),
        links=(),
        body=(BodyParagraph(1, "INHOUDSTAFEL"),),
        bulletin=Bulletin(4, "2007-2008", "2008-01-31"),
        documents=(seed, second),
    )
    md = document_markdown(bulletin)
    assert md.startswith("# Bulletin van Vragen en Antwoorden nr. 4 (2007-2008)\n")
    assert (
        "\n## Written question 6: Inburgeringstraject" in md and "\n## Written question 7: Tweede vraag" in md
    )
    assert md.count("| **Totaal** | **2.963** |") == 2
    root = dom(document_html(bulletin))
    sections = [s for s in root.find_all("section", "document")]
    assert len(sections) == 3 and len(root.find_all("table", "data")) == 10
    assert "INHOUDSTAFEL" in root.text()


# -- overlays ------------------------------------------------------------------------------------


def test_parse_pages() -> None:
    assert parse_pages("1,3-4", 5) == (1, 3, 4)
    assert parse_pages(None, 3) == (1, 2, 3)
    assert parse_pages("4-", 5) == (4, 5)
    with pytest.raises(ValueError, match="outside"):
        parse_pages("6", 5)
    with pytest.raises(ValueError, match="not a page selection"):
        parse_pages("a-b", 5)


def test_overlay_table_outline_lies_on_the_table_bbox(seed: Document) -> None:
    import pdfplumber

    from answer_parser.views.show import document_trace

    resolution = 144
    scale = resolution / 72
    colour = STYLES["table"].colour
    with pdfplumber.open(SEED) as pdf:
        trace = document_trace(seed, pdf)
        page = trace.page(2)
        image = render_page(pdf.pages[1], page, resolution, legend=False).convert("RGB")
    px = image.load()
    assert px is not None
    x0, top, x1, bottom = (v * scale for v in seed.tables[0].bbox)
    w = max(1, round(STYLES["table"].width * scale))
    # the four edges of table 1 are drawn in the table colour, inside the bbox's edge
    for y in (top + (bottom - top) * f for f in (0.3, 0.5, 0.9)):
        assert px[round(x0) + w // 2, round(y)] == colour
        assert px[round(x1) - 1 - w // 2, round(y)] == colour
    for x in (x0 + (x1 - x0) * f for f in (0.1, 0.5, 0.9)):
        assert px[round(x), round(top) + w // 2] == colour
        assert px[round(x), round(bottom) - 1 - w // 2] == colour
    assert px[round(x0) - 4 * w, round((top + bottom) / 2)] != colour
    # and nowhere else: every pixel of that colour is on a table box (or its name tag just above)
    boxes = [b.bbox for b in page.of_kind("table")]
    assert len(boxes) == 3
    stray = [
        (x, y)
        for x in range(image.width)
        for y in range(image.height)
        if px[x, y] == colour
        and not any(
            b[0] * scale - 2 <= x <= b[2] * scale + 2 and b[1] * scale - 30 <= y <= b[3] * scale + 2
            for b in boxes
        )
    ]
    assert stray == []


def test_trace_places_items_captions_and_continued_tables(seed: Document) -> None:
    import pdfplumber

    from answer_parser.views.show import document_trace

    with pdfplumber.open(SEED) as pdf:
        trace = document_trace(seed, pdf)
    assert trace.item_pages("question_item", "Q1") == (1,)
    assert trace.item_pages("answer_item", "A4") == (2, 3, 4)
    assert [b.label for _, b in trace.boxes("table")] == [
        "T1",
        "T2",
        "T3",
        "T3 (cont.)",
        "T4",
        "T4 (cont.)",
        "T5",
    ]
    captions = {b.label: (n, b.bbox) for n, b in trace.boxes("caption")}
    assert set(captions) == {"T2", "T3", "T4", "T5"}
    n, box = captions["T2"]
    assert n == 2 and box[3] <= seed.tables[1].bbox[1]  # above its table
    totals = [b for n, b in trace.boxes("row") if b.label == "total"]
    assert len(totals) == 5
    assert not list(trace.boxes("unplaced"))


def test_the_pipeline_records_what_its_stages_found() -> None:
    from answer_parser.views.show import document_trace, open_pdf, parse_traced

    doc, found = parse_traced(SEED)
    assert doc == answer_parser.parse(SEED)  # tracing changes nothing in the parse
    tables = [(n, b.label) for n, b in found.boxes("table")]
    assert tables == [
        (2, "T1"),
        (2, "T2"),
        (2, "T3"),
        (3, "T3 (cont.)"),
        (3, "T4"),
        (4, "T4 (cont.)"),
        (4, "T5"),
    ]
    assert [b.bbox for n, b in found.boxes("table") if b.label == "T1"] == [doc.tables[0].bbox]
    # the page numbers ('2/4') are the furniture the stage took out, one per page
    furniture = list(found.boxes("furniture"))
    assert [n for n, _ in furniture] == [1, 2, 3, 4] and all(b.bbox[1] > 780 for _, b in furniture)
    # columns: the grid's boundaries (stub column first)
    assert sum(1 for n, b in found.boxes("column") if b.label == "T2") == 4
    with open_pdf(SEED) as pdf:
        merged = document_trace(doc, pdf, found)
    assert [b.label for _, b in merged.boxes("table")] == [label for _, label in tables]
    assert [b.label for n, b in merged.boxes("column") if n == 2][4:7] == ["2018", "2019", "2020"]
    assert len(list(merged.boxes("furniture"))) == 4 and not list(merged.boxes("unplaced"))


@pytest.mark.slow
def test_show_writes_pngs_and_html(tmp_path: Path) -> None:
    shown = answer_parser.show(SEED, tmp_path / "png", pages="2,4")
    assert [p.name for p in shown.files] == ["seed_qa.page2.png", "seed_qa.page4.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in shown.files)
    one = answer_parser.show(SEED.read_bytes(), tmp_path / "one.png", pages="1")
    assert one.files == (tmp_path / "one.png",)
    view = answer_parser.show(SEED, tmp_path / "seed.html", html=True, pages="1-2")
    text = (tmp_path / "seed.html").read_text("utf-8")
    assert text.count('<img alt="Page') == 2 and "data:image/png;base64," in text
    assert view.html == text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only(tmp_path: Path) -> None:
    from answer_parser.views.progress import StageBar, terminal_bar

    assert terminal_bar("show", io.StringIO()) is None
    tty = _Tty()
    bar = terminal_bar("parse", tty)
    assert isinstance(bar, StageBar)
    bar("reading pages", 1, 200)
    bar("reading pages", 2, 200)  # within the redraw interval: not drawn
    bar("reading pages", 200, 200)  # the last one always is
    bar.close()
    drawn = tty.getvalue().split("\r\x1b[K")
    assert drawn[1].startswith("parse: reading pages   1/200 [" + "." * 24 + "]")
    assert drawn[2].startswith("parse: reading pages 200/200 [" + "#" * 24 + "]")
    assert drawn[-1] == ""  # closed: the line is cleared
    seen: list[tuple[str, int, int]] = []
    answer_parser.show(SEED, pages="1,3", progress=lambda *a: seen.append(a))
    assert seen[:4] == [("reading pages", n, 4) for n in range(1, 5)]
    stages = [s for s, _, _ in seen[4:]]
    assert stages == [
        "finding tables",
        "reading sections",
        "placing boxes",
        "rendering pages",
        "rendering pages",
    ]
    assert seen[-2:] == [("rendering pages", 1, 2), ("rendering pages", 2, 2)]


@pytest.mark.slow
def test_cli_show_and_parse_formats(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    run = [sys.executable, "-m", "answer_parser.cli"]
    md = subprocess.run([*run, "parse", str(SEED), "--format", "md"], capture_output=True, text=True, env=env)
    assert md.returncode == 0 and md.stdout == document_markdown(answer_parser.parse(str(SEED)))
    out = subprocess.run(
        [*run, "show", str(SEED), "--pages", "9", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 2 and "page 9 is outside 1-4" in out.stderr
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    out = subprocess.run(
        [*run, "parse", str(bad), "--format", "html"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 2 and "not_a_pdf" in out.stderr and out.stdout == ""


# -- the batch report ----------------------------------------------------------------------------


def _records(tmp_path: Path) -> Path:
    """A batch output: the seed, a table whose total does not add up (timed), a file that failed."""
    seed = to_dict(answer_parser.parse(str(SEED)))
    mismatch = {**to_dict(answer_parser.parse(str(FIXTURES / "tbl_total_mismatch.pdf"))), "seconds": 0.25}
    error = {
        "error": {"code": "not_a_pdf", "message": "no %PDF- header"},
        "source": {"path": "x.pdf", "sha256": None},
    }
    path = tmp_path / "out.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in (seed, error, mismatch)]
    path.write_text("\n".join(lines) + '\n{"partial', encoding="utf-8")
    return path


def test_report_index_puts_doubtful_documents_first_and_links_views(tmp_path: Path) -> None:
    index = write_report(_records(tmp_path), tmp_path / "report", images=False)
    root = dom(index.read_text("utf-8"))
    rows = root.find_all("table")[0].find_all("tbody")[0].find_all("tr")
    names = [r.find_all("td")[0].text() for r in rows]
    assert names[0] == "tbl_total_mismatch.pdf"
    assert names[1].startswith("x.pdf") and "not_a_pdf" in names[1]
    assert names[2] == "seed_qa.pdf"
    cells = [c.text() for c in rows[0].find_all("td")]
    # the lowest table confidence: 1 less the penalty of a total that does not add up
    assert cells[9] == "0.90" and "total_mismatch" in cells[10] and cells[11] == "0.25"
    seed_cells = [c.text() for c in rows[2].find_all("td")]
    assert seed_cells[9] == "1.00"  # every table of the seed read without doubt
    assert seed_cells[1:8] == [
        "6",
        "2020-09-30",
        "Katrien Partyka",
        "Bart Somers",
        "question and answer",
        "4",
        "5",
    ]
    for r in (rows[0], rows[2]):
        href = r.find_all("a")[0].attrs["href"]
        view = dom((tmp_path / "report" / href).read_text("utf-8"))
        assert view.find_all("nav")[0].find_all("a")[0].attrs["href"] == "../index.html"


@pytest.mark.slow
def test_cli_batch_writes_the_report(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    inputs = [str(SEED), str(FIXTURES / "tbl_total_mismatch.pdf")]
    report = ["-o", str(tmp_path / "out.jsonl"), "--report", str(tmp_path / "report")]
    out = subprocess.run(
        [sys.executable, "-m", "answer_parser.cli", "batch", *inputs, "--workers", "1", *report],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert f"report: {tmp_path / 'report' / 'index.html'}" in out.stderr
    root = dom((tmp_path / "report" / "index.html").read_text("utf-8"))
    rows = root.find_all("tbody")[0].find_all("tr")
    assert [r.find_all("td")[0].text() for r in rows] == ["tbl_total_mismatch.pdf", "seed_qa.pdf"]
    view = (tmp_path / "report" / rows[1].find_all("a")[0].attrs["href"]).read_text("utf-8")
    assert view.count("data:image/png;base64,") == 4  # the PDF is at its path: page images inline


# -- in a real browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


def _chromium(tmp_path: Path, url: str, shot: str | None = None) -> str:
    """The DOM of `url` after its scripts ran, from headless chromium; a screenshot beside it."""
    if CHROMIUM is None:
        if os.environ.get("CI"):  # .ci/run installs chromium: a missing browser there is a failure
            pytest.fail("chromium is not installed although .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install -y chromium): browser tests skipped")
    profile = tmp_path / "chromium-profile"
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1800",
    ]
    out = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    if shot is not None:  # what a person would see, kept under the test's tmp dir
        subprocess.run([*flags, f"--screenshot={tmp_path / shot}", url], capture_output=True, timeout=120)
        assert (tmp_path / shot).read_bytes().startswith(b"\x89PNG")
    return out.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_browser_shows_the_seed_view(tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    answer_parser.show(SEED, page, html=True)
    root = dom(_chromium(tmp_path, page.as_uri(), "seed.png"))
    tables = root.find_all("table", "data")
    assert len(tables) == 5
    assert header_cells(tables[0])[0][1] == ("geslaagd op MO tussen april en september", 2, 1)
    assert [t.text() for t in tables[0].find_all("tr", "total")] == ["Totaal 2.963 100% 271 100%"]
    assert any(
        "Kan de minister een overzicht per leeftijdsgroep geven" in i.text()
        for i in root.find_all("div", "item")
    )
    assert len([i for i in root.find_all("img") if i.attrs["src"].startswith("data:image/png")]) == 4


@pytest.mark.slow
@pytest.mark.browser
def test_browser_shows_a_two_level_header(tmp_path: Path) -> None:
    page = tmp_path / "grid.html"
    page.write_text(document_view_of(FIXTURES / "tbl_grid_spanning_header.pdf"), encoding="utf-8")
    root = dom(_chromium(tmp_path, page.as_uri(), "grid.png"))
    heads = header_cells(root.find_all("table", "data")[0])
    assert heads[0][:2] == [("Provincie", 1, 2), ("2019-2020", 2, 1)]
    assert heads[1][:2] == [("aantal", 1, 1), ("%", 1, 1)]


def document_view_of(pdf: Path) -> str:
    from answer_parser.views.show import document_view

    return document_view(answer_parser.parse(pdf), pdf)


@pytest.mark.slow
@pytest.mark.browser
def test_browser_report_sorts_and_filters(tmp_path: Path) -> None:
    index = write_report(_records(tmp_path), tmp_path / "report", images=False)
    root = dom(_chromium(tmp_path, index.as_uri(), "report.png"))
    assert root.find_all("span")[0].text() == "3 of 3"  # the script ran
    root = dom(_chromium(tmp_path, index.as_uri() + "#sort=Pages&desc"))
    rows = root.find_all("tbody")[0].find_all("tr")
    assert rows[0].find_all("td")[0].text() == "seed_qa.pdf"
    root = dom(_chromium(tmp_path, index.as_uri() + "#q=Somers"))
    shown = [r for r in root.find_all("tbody")[0].find_all("tr") if "hidden" not in r.attrs]
    assert [r.find_all("td")[0].text() for r in shown] == ["seed_qa.pdf"]
    seed_view = (
        next(r for r in rows if r.find_all("td")[0].text() == "seed_qa.pdf").find_all("a")[0].attrs["href"]
    )
    view = dom(_chromium(tmp_path, (tmp_path / "report" / seed_view).as_uri(), "seed-view.png"))
    assert [t.text() for t in view.find_all("table", "data")[0].find_all("tr", "total")] == [
        "Totaal 2.963 100% 271 100%"
    ]
