"""Do the two readers give the same parse? pdfplumber's (reading.read_pdf) against playa's.

    python benchmarks/reader_agreement.py [--fuzz 300] [--seed 7] [--corpus DIR] [--jobs 2] [--show 5]

Every fixture (fixtures/*.pdf, fixtures/bulletins/*.pdf), every PDF under ../shared/corpus (nl
and tables; skipped when absent) and `--fuzz` random one-table documents from
benchmarks/table_fuzz.py's generator (reportlab producer, fixed seed) are parsed twice, once
from each reader's page records, through the same stages after reading
(`pipeline.document_from_pdf`). The two JSON documents are compared apart from bbox coordinates
(every key named `bbox`); a document that fails must fail with the same error code under both.
Prints the agreement count and, for each document that differs, where.
Exit status 1 when any document differs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

IGNORED_KEYS = frozenset({"bbox"})  # coordinates may differ in the last digits; everything else not


def parse_json(path: str, reader: str) -> dict[str, Any]:
    """The parse of `path` through `reader` ('pdfplumber' or 'playa') as JSON-ready data, or the
    error code when it cannot be read."""
    from answer_parser import to_dict
    from answer_parser.errors import AnswerParserError
    from answer_parser.pdf import playa_reader
    from answer_parser.pdf.reading import read_pdf
    from answer_parser.pipeline import document_from_pdf

    read = playa_reader.read_pdf if reader == "playa" else read_pdf
    try:
        return to_dict(document_from_pdf(read(path)))
    except AnswerParserError as exc:
        return {"error": exc.code}


def strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def differences(a: Any, b: Any, where: str = "") -> Iterator[str]:
    """Paths where `a` and `b` differ, with both values (short)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield f"{where}/{key}: only under {'playa' if key in b else 'pdfplumber'}"
            else:
                yield from differences(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from differences(x, y, f"{where}/{i}")
    elif a != b:
        left, right = json.dumps(a, ensure_ascii=False), json.dumps(b, ensure_ascii=False)
        yield f"{where or '/'}: pdfplumber {left[:120]} | playa {right[:120]}"


def compare(path: str) -> tuple[str, list[str]]:
    left = strip(parse_json(path, "pdfplumber"))
    right = strip(parse_json(path, "playa"))
    return path, ([] if left == right else list(differences(left, right)))


def fuzz_documents(n: int, seed: int, out: Path) -> list[Path]:
    """`n` random one-table documents (benchmarks/table_fuzz.py), built with reportlab."""
    from benchmarks.table_fuzz import random_spec
    from fixtures.builder.__main__ import write_pdf
    from fixtures.builder.spec import load_spec

    rng = random.Random(seed)
    paths = []
    for i in range(n):
        name = f"fuzz_{seed}_{i:03d}"
        spec_file = out / f"{name}.json"
        spec_file.write_text(json.dumps(random_spec(rng, name, "reportlab"), ensure_ascii=False, indent=1))
        paths.append(write_pdf(load_spec(spec_file), out, keep_docx=False))
    return paths


def documents(corpus: Path, fuzz: int, seed: int, out: Path) -> list[tuple[str, Path]]:
    fixtures = sorted(FIXTURES.glob("*.pdf")) + sorted(FIXTURES.glob("bulletins/*.pdf"))
    found: list[tuple[str, Path]] = [("fixtures", p) for p in fixtures]
    for part in ("nl", "tables"):
        if (corpus / part).is_dir():
            found += [(f"corpus/{part}", p) for p in sorted((corpus / part).rglob("*.pdf"))]
    found += [("fuzz", p) for p in fuzz_documents(fuzz, seed, out)]
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fuzz", type=int, default=300, help="random table documents (0: none)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the random table documents")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder with nl/ and tables/")
    ap.add_argument("--jobs", type=int, default=1, help="documents compared in parallel")
    ap.add_argument("--show", type=int, default=5, help="differences shown per document")
    ap.add_argument("--only", help="only documents whose path contains this text")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"note: {args.corpus} is absent: fixtures and fuzz only")
    with tempfile.TemporaryDirectory(prefix="agreement-") as tmp:
        docs = documents(args.corpus, args.fuzz, args.seed, Path(tmp))
        if args.only:
            docs = [(group, p) for group, p in docs if args.only in str(p)]
        group_of = {str(p): group for group, p in docs}
        counts: dict[str, list[int]] = {}
        differing = []
        with ProcessPoolExecutor(max(1, args.jobs)) as pool:
            for path, diffs in pool.map(compare, [str(p) for _, p in docs]):
                tally = counts.setdefault(group_of[path], [0, 0])
                tally[1] += 1
                if diffs:
                    differing.append((path, diffs))
                    print(f"DIFF {path}: {len(diffs)} differences", flush=True)
                    for line in diffs[: args.show]:
                        print(f"    {line}", flush=True)
                else:
                    tally[0] += 1
    total_ok = sum(ok for ok, _ in counts.values())
    total = sum(n for _, n in counts.values())
    for group, (ok, n) in counts.items():
        print(f"{group}: {ok} of {n} identical")
    print(f"agreement: {total_ok} of {total} documents identical apart from bbox coordinates")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
