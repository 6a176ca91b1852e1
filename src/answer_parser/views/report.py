"""The batch report: an HTML index over a batch's JSON Lines records, one row per input.

    answer-parser batch DIR -o out.jsonl --report report/

writes `report/index.html` (sortable by any column, filterable by text and kind, with a small
inline script; works from a file without a server) and one HTML view per document under
`report/docs/`, linked from its row. A link to the index may carry a view in its fragment:
`index.html#q=Somers&kind=answer&sort=Pages&desc`. Documents with doubtful tables (a warning about a table) or
text that ended nowhere (a `text_unplaced` warning) come first, then inputs that failed, then the
rest by path. The `Confidence` column holds the lowest confidence of a document's tables (their
parsing reports, docs/tables.md): sort by it to see the least sure readings first.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..convert import from_dict
from ..model import Document
from .html import esc

#: warning codes (by prefix) that say text ended nowhere: such documents lead the report
UNPLACED_PREFIXES = ("text_unplaced",)
#: keys of a record that may hold the seconds its parse took (written by newer batch runs)
TIME_KEYS = ("seconds", "time", "elapsed")


@attrs.frozen
class ReportRow:
    """One input of the batch as the index shows it."""

    path: str
    sha256: str | None
    kind: str
    number: int | None = None
    date: str | None = None
    asker: str | None = None
    minister: str | None = None
    pages: int = 0
    tables: int = 0
    warnings: tuple[tuple[str, int], ...] = ()
    doubtful_tables: int = 0
    #: the lowest confidence of the document's tables (`Table.report`); None without tables
    confidence: float | None = None
    unplaced: int = 0
    seconds: float | None = None
    error: str | None = None
    view: str | None = None

    @property
    def doubt(self) -> int:
        return self.doubtful_tables + self.unplaced

    def order(self) -> tuple[int, int, str]:
        group = 0 if self.doubt else (1 if self.error else 2)
        return (group, -self.doubt, self.path)


def iter_records(path: str | os.PathLike[str]) -> Iterator[tuple[dict[str, Any], float | None]]:
    """Each record of a JSON Lines batch output as a dict, with the seconds it took where the
    record says so. A partial last line (a killed run) is skipped."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            seconds = next((record[k] for k in TIME_KEYS if isinstance(record.get(k), int | float)), None)
            yield record, (float(seconds) if seconds is not None else None)


def report_row(doc: Document, seconds: float | None = None, view: str | None = None) -> ReportRow:
    """The index row of a parsed document."""
    q, a = doc.question, doc.answer
    codes = Counter(w.code for w in doc.warnings)
    ref = a.refers_to if a is not None else None
    return ReportRow(
        path=doc.source.path or "",
        sha256=doc.source.sha256,
        kind=doc.kind,
        number=q.number if q is not None else (ref.number if ref else None),
        date=q.date if q is not None else (ref.date if ref else None),
        asker=q.asker.name if q is not None and q.asker else (ref.asker.name if ref and ref.asker else None),
        minister=a.minister.name if a is not None and a.minister else None,
        pages=doc.source.pages,
        tables=len(doc.tables) + sum(len(d.tables) for d in doc.documents),
        warnings=tuple(sorted(codes.items())),
        doubtful_tables=len({w.table for w in doc.warnings if w.table is not None}),
        confidence=min(
            (t.report.confidence for d in (doc, *doc.documents) for t in d.tables if t.report is not None),
            default=None,
        ),
        unplaced=sum(n for c, n in codes.items() if c.startswith(UNPLACED_PREFIXES)),
        seconds=seconds,
        view=view,
    )


def view_name(doc: Document) -> str:
    """The file name of a document's view in the report: `<pdf stem>-<sha256 prefix>.html`."""
    stem = Path(doc.source.path or "document").stem or "document"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)
    return f"{safe}-{doc.source.sha256[:10]}.html"


def write_report(
    records: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    images: bool = True,
    resolution: int | None = None,
) -> Path:
    """Write the report of a batch output into `out_dir`: `index.html` and `docs/<view>.html` per
    document (with page images where the PDF is still at its path and `images` is true). Returns
    the path of index.html."""
    from ..batch import ErrorRecord
    from .show import document_view

    out = Path(out_dir)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    rows: list[ReportRow] = []
    for record, seconds in iter_records(records):
        if "error" in record:
            err = ErrorRecord.from_dict(record)
            rows.append(
                ReportRow(err.path, err.sha256, "error", seconds=seconds, error=f"{err.code}: {err.message}")
            )
            continue
        doc = from_dict(record)
        name = view_name(doc)
        pdf = doc.source.path if images and doc.source.path and os.path.isfile(doc.source.path) else None
        page = document_view(doc, pdf, resolution=resolution, back="../index.html")
        (out / "docs" / name).write_text(page, encoding="utf-8", errors="surrogateescape")
        rows.append(report_row(doc, seconds, f"docs/{name}"))
    index = out / "index.html"
    index.write_text(
        index_html(rows, title=f"Report: {Path(records).name}"), encoding="utf-8", errors="surrogateescape"
    )
    return index


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Document", "text"),
    ("Number", "num"),
    ("Date", "text"),
    ("Asker", "text"),
    ("Minister", "text"),
    ("Kind", "text"),
    ("Pages", "num"),
    ("Tables", "num"),
    ("Doubt", "num"),
    ("Confidence", "num"),
    ("Warnings", "text"),
    ("Time (s)", "num"),
)


def _row_html(row: ReportRow) -> str:
    name = Path(row.path).name or row.path or "(unnamed)"
    link = f'<a href="{esc(row.view)}">{esc(name)}</a>' if row.view else esc(name)
    doc = f'<td data-v="{esc(row.path)}" title="{esc(row.path)}">{link}'
    if row.error:
        doc += f'<div class="error">{esc(row.error)}</div>'
    doc += "</td>"
    warnings = " ".join(
        f'<span class="code{" bad" if c.startswith(UNPLACED_PREFIXES) else ""}">{esc(c)}'
        + (f" ×{n}" if n > 1 else "")
        + "</span>"
        for c, n in row.warnings
    )
    n_warnings = sum(n for _, n in row.warnings)

    def num(v: float | int | None, text: str | None = None) -> str:
        shown = text if text is not None else ("" if v is None else str(v))
        return f'<td class="n" data-v="{"" if v is None else v}">{esc(shown)}</td>'

    cells = [
        doc,
        num(row.number),
        f"<td>{esc(row.date or '')}</td>",
        f"<td>{esc(row.asker or '')}</td>",
        f"<td>{esc(row.minister or '')}</td>",
        f"<td>{esc(row.kind.replace('_', ' '))}</td>",
        num(row.pages),
        num(row.tables),
        num(row.doubt, str(row.doubt) if row.doubt else ""),
        num(row.confidence, f"{row.confidence:.2f}" if row.confidence is not None else ""),
        f'<td data-v="{n_warnings}">{warnings}</td>',
        num(row.seconds, f"{row.seconds:.2f}" if row.seconds is not None else ""),
    ]
    cls = "doubt" if row.doubt else ("failed" if row.error else "")
    return f'<tr class="{cls}" data-kind="{esc(row.kind)}">{"".join(cells)}</tr>'


_SCRIPT = """
(function(){
  var table=document.getElementById('docs'),body=table.tBodies[0];
  var filter=document.getElementById('filter'),kind=document.getElementById('kind');
  var count=document.getElementById('count');
  function apply(){
    var q=filter.value.toLowerCase(),k=kind.value,shown=0;
    Array.prototype.forEach.call(body.rows,function(r){
      var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!k||r.getAttribute('data-kind')===k);
      r.hidden=!ok; if(ok)shown++;
    });
    count.textContent=shown+' of '+body.rows.length;
  }
  filter.addEventListener('input',apply);kind.addEventListener('change',apply);
  var heads=table.tHead.rows[0].cells;
  function sortBy(i,dir){
    var th=heads[i],numeric=th.getAttribute('data-type')==='num';
    Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',dir===1?'ascending':'descending');
    var rows=Array.prototype.slice.call(body.rows);
    function key(r){var c=r.cells[i],v=c.hasAttribute('data-v')?c.getAttribute('data-v'):c.textContent;
      if(numeric){var f=parseFloat(v);return isNaN(f)?-Infinity:f;}return v.toLowerCase();}
    rows.sort(function(a,b){var x=key(a),y=key(b);return x<y?-dir:x>y?dir:0;});
    rows.forEach(function(r){body.appendChild(r);});
  }
  Array.prototype.forEach.call(heads,function(th,i){
    th.addEventListener('click',function(){sortBy(i,th.getAttribute('aria-sort')==='ascending'?-1:1);});
  });
  // a link may carry the view: index.html#q=text&kind=answer&sort=Pages&desc
  var hash=new URLSearchParams(location.hash.slice(1));
  if(hash.has('q'))filter.value=hash.get('q');
  if(hash.has('kind'))kind.value=hash.get('kind');
  if(hash.has('sort')){
    Array.prototype.forEach.call(heads,function(th,i){
      if(th.textContent===hash.get('sort'))sortBy(i,hash.has('desc')?-1:1);
    });
  }
  apply();
})();
"""

_STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1rem;color:#1d1d1d}
h1{font-size:1.3rem}
.controls{margin:.5rem 0;display:flex;gap:.8rem;align-items:center}
input,select{font:inherit;padding:.2rem .4rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:#f0f0f0;cursor:pointer;position:sticky;top:0;user-select:none}
thead th[aria-sort=ascending]::after{content:" ▲"}thead th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.doubt td:first-child{border-left:4px solid #d00}
tr.failed td:first-child{border-left:4px solid #888}
.error{color:#a00;font-size:12px}
.code{display:inline-block;background:#eef;border-radius:3px;padding:0 4px;margin:1px;font:12px monospace}
.code.bad{background:#fdd}
@media print{.controls{display:none}thead th{position:static}}
"""


def index_html(rows: list[ReportRow], title: str = "Report") -> str:
    """The report's index page over `rows` (doubtful documents first)."""
    rows = sorted(rows, key=ReportRow.order)
    kinds = sorted({r.kind for r in rows})
    options = "".join(f'<option value="{esc(k)}">{esc(k.replace("_", " "))}</option>' for k in kinds)
    head = "".join(f'<th scope="col" data-type="{t}">{esc(name)}</th>' for name, t in _COLUMNS)
    failed = sum(1 for r in rows if r.error)
    doubtful = sum(1 for r in rows if r.doubt)
    summary = (
        f"{len(rows)} inputs: {len(rows) - failed} parsed, {failed} failed, "
        f"{doubtful} with doubtful tables or unplaced text"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1><p>{esc(summary)}</p>"
        '<div class="controls">'
        '<input id="filter" type="search" placeholder="filter: any text" aria-label="filter">'
        f'<select id="kind" aria-label="kind"><option value="">all kinds</option>{options}</select>'
        '<span id="count"></span></div>'
        f'<table id="docs"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(_row_html(r) for r in rows)
        + f"\n</tbody></table><script>{_SCRIPT}</script></body></html>\n"
    )
