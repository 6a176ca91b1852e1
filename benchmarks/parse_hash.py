"""One SHA-256 per group of documents over their parse: proof that a refactoring changed nothing.

    python benchmarks/parse_hash.py [--fuzz 200] [--workers 2] [--save FILE] [--against FILE]

Groups, each hashed over `answer_parser.to_json(doc)` of its documents in a fixed order:

- `fixtures`: every fixtures/*.pdf;
- `corpus_nl`, `corpus_tables`: every PDF under ../shared/corpus/nl and ../shared/corpus/tables
  (left out, and said so, when the folder is absent);
- `table_fuzz`: `--fuzz` random tables from benchmarks/table_fuzz.py's generator, document i drawn
  with `random.Random(i)`, built with the reportlab producer (which writes invariant PDFs).

A document the library refuses hashes as `error:<code>` (its `AnswerParserError.code`). Files
are named relative to the project root and parsed from that folder, so a git worktree beside
/work/main gives the same hashes; the random tables are parsed from bytes (`source.path` null).
`overall` hashes the group hashes. `--save` writes every document's hash (JSON); `--against`
compares with such a file and names the documents whose parse changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("..") / "shared" / "corpus"  # relative to ROOT


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parse_text(source: str | bytes) -> str:
    import answer_parser

    try:
        doc = answer_parser.parse(source)
    except answer_parser.AnswerParserError as exc:
        return f"error:{exc.code}"
    return answer_parser.to_json(doc)


def _file_job(path: str) -> tuple[str, str]:
    return path, _digest(_parse_text(path))


def _fuzz_job(index: int) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from fixtures.builder.__main__ import write_pdf
    from fixtures.builder.spec import load_spec
    from table_fuzz import random_spec

    name = f"fuzz_{index:04d}"
    with tempfile.TemporaryDirectory(prefix="parse_hash-") as tmp:
        out = Path(tmp)
        spec_file = out / f"{name}.json"
        spec = random_spec(random.Random(index), name, "reportlab")
        spec_file.write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
        pdf = write_pdf(load_spec(spec_file), out, keep_docx=False)
        data = pdf.read_bytes()
    return name, _digest(_parse_text(data))


def _init() -> None:
    os.chdir(ROOT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fuzz", type=int, default=200, help="random tables (default 200)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--save", type=Path, help="write every document's hash here (JSON)")
    ap.add_argument("--against", type=Path, help="name the documents whose hash differs from this file")
    args = ap.parse_args()
    os.chdir(ROOT)
    groups: dict[str, list[str]] = {"fixtures": sorted(str(p) for p in Path("fixtures").glob("*.pdf"))}
    for sub in ("nl", "tables"):
        folder = CORPUS / sub
        if folder.is_dir():
            groups[f"corpus_{sub}"] = sorted(str(p) for p in folder.rglob("*.pdf"))
        else:
            print(f"{folder}: absent, left out", file=sys.stderr)
    start = time.monotonic()
    hashes: dict[str, dict[str, str]] = {}
    with multiprocessing.get_context("spawn").Pool(args.workers, initializer=_init) as pool:
        for group, paths in groups.items():
            hashes[group] = dict(pool.imap(_file_job, paths, chunksize=1))
        if args.fuzz:
            hashes["table_fuzz"] = dict(pool.imap(_fuzz_job, range(args.fuzz), chunksize=1))
    seconds = time.monotonic() - start
    group_hashes = {
        group: _digest("\n".join(f"{k} {v}" for k, v in items.items())) for group, items in hashes.items()
    }
    for group, value in group_hashes.items():
        print(f"{group:14} {len(hashes[group]):4} docs  {value}")
    overall = _digest("\n".join(f"{g} {v}" for g, v in group_hashes.items()))
    print(f"{'overall':14} {sum(map(len, hashes.values())):4} docs  {overall}")
    print(f"({seconds:.0f} s, {args.workers} workers)", file=sys.stderr)
    if args.save:
        args.save.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    if args.against:
        before: dict[str, dict[str, str]] = json.loads(args.against.read_text("utf-8"))
        changed = [
            f"{g}: {k}"
            for g, items in hashes.items()
            for k, v in items.items()
            if before.get(g, {}).get(k) != v
        ]
        for line in changed:
            print(f"changed {line}")
        print(f"{len(changed)} documents differ from {args.against}")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
