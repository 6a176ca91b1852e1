"""Every ```python block of README.md and docs/*.md runs as printed: pasted into a script and run
from the project's root (a block of `>>>` lines is run as a doctest instead). A block that cannot
run on its own (it needs a cluster, a project of golden files, a table at hand) says so on the
line above it: `<!-- not run: REASON -->`."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import regex

from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = regex.compile(r"^```python[ \t]*\n(?P<code>.*?)^```[ \t]*$", regex.MULTILINE | regex.DOTALL)
_NOT_RUN = regex.compile(r"<!--\s*not run:\s*(?P<reason>[^>]*?)\s*-->\s*$")


@attrs.frozen
class Block:
    doc: Path
    line: int
    code: str
    not_run: str | None  # the reason given, for a block marked `<!-- not run: ... -->`

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    out = []
    for doc in DOCS:
        text = doc.read_text("utf-8")
        for m in _BLOCK.finditer(text):
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
            marker = _NOT_RUN.search(before)
            line = text.count("\n", 0, m.start()) + 1
            out.append(Block(doc, line, m.group("code"), marker.group("reason") if marker else None))
    return out


BLOCKS = blocks()


def test_the_docs_have_python_blocks() -> None:
    assert any(b.doc.name == "README.md" and b.not_run is None for b in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_python_block_runs(block: Block, tmp_path: Path) -> None:
    if block.not_run is not None:
        assert block.not_run, f"{block.id}: say why the block is not run"
        pytest.skip(f"not run: {block.not_run}")
    if block.code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(block.code, {}, block.id, str(block.doc), block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0, f"{block.id}: {runner.failures} doctest lines fail (see the output)"
        return
    script = tmp_path / "example.py"
    script.write_text(block.code, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{block.id} fails as a script:\n{run.stderr[-3000:]}"
