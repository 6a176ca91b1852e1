"""A progress bar for one long document: which stage, how far, on standard error when it is a
terminal (nothing elsewhere: logs and pipes stay clean).

A progress callback is `(stage, done, total)`: 'reading pages', 12, 200. The pipeline reports each
page it reads and each stage it starts; `show` reports each page it renders.

    parse: reading pages  12/200 [###.................]   1.2 s
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

ProgressFn = Callable[[str, int, int], None]

#: seconds between two redraws of the bar: often enough to look alive, rarely enough to cost nothing
REDRAW_EVERY = 0.1
#: characters of the bar itself
BAR_WIDTH = 24


class StageBar:
    """Draws `label: stage done/total [####....] seconds` on one terminal line, in place."""

    def __init__(self, stream: IO[str], label: str) -> None:
        self.stream = stream
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.stage = ""
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and done < total and now - self.last < REDRAW_EVERY:
            return
        self.stage, self.last = stage, now
        filled = BAR_WIDTH * done // total if total > 0 else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        count = f"{done:>{len(str(total))}}/{total}" if total > 0 else ""
        self.stream.write(f"\r\x1b[K{self.label}: {stage} {count} [{bar}] {now - self.start:5.1f} s")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar's line (what follows starts on a clean line)."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def terminal_bar(label: str, stream: IO[str] | None = None) -> StageBar | None:
    """A bar on `stream` (standard error by default) when it is a terminal, else None."""
    stream = sys.stderr if stream is None else stream
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return StageBar(stream, label) if tty else None
