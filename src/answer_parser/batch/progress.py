"""What a batch tells while it runs and when it ends: a progress bar on a terminal (plain log
lines elsewhere) and the `Summary` of counts.
"""

from __future__ import annotations

import math
import shutil
import time
from collections import Counter
from typing import IO

import attrs

from ..codes import severity_of
from .sink import Outcome


@attrs.define
class Summary:
    """The counts of a batch run."""

    total: int = 0
    parsed: int = 0
    with_warnings: int = 0
    errors: Counter[str] = attrs.field(factory=Counter)
    pages: int = 0
    seconds: float = 0.0
    skipped: int = 0
    skipped_errors: int = 0
    csv_errors: int = 0
    to_check: int = 0
    """Documents with at least one warning of severity 'check' (see `codes.py`)."""
    warning_codes: Counter[str] = attrs.field(factory=Counter)

    def add(self, outcome: Outcome, log: IO[str]) -> None:
        """Count one finished input (a CSV that could not be written is also told on `log`)."""
        if outcome.code is None:
            self.parsed += 1
            self.with_warnings += outcome.warnings > 0
            self.pages += outcome.pages
            self.warning_codes.update(outcome.warning_codes)
            self.to_check += any(severity_of(c) == "check" for c in outcome.warning_codes)
        else:
            self.errors[outcome.code] += 1
        if outcome.csv_error is not None:
            self.csv_errors += 1
            print(f"batch: {outcome.path}: {outcome.csv_error}", file=log)

    @property
    def failed(self) -> int:
        """Inputs whose record in the output is an error (this run's and resumed ones)."""
        return sum(self.errors.values()) + self.skipped_errors

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        errors = ", ".join(f"{code} {n}" for code, n in sorted(self.errors.items())) or "none"
        lines = [
            f"batch: {self.total} inputs: {self.parsed} parsed ({self.with_warnings} with warnings), "
            f"{sum(self.errors.values())} errors ({errors})",
            f"batch: {self.pages} pages in {_clock(self.seconds)}, {self.pages_per_second:.1f} pages/s",
        ]
        if self.warning_codes:
            lines.append(self._warnings_line())
        if self.skipped:
            lines.append(
                f"batch: {self.skipped} skipped, already in the output ({self.skipped_errors} of them errors)"
            )
        if self.csv_errors:
            lines.append(f"batch: {self.csv_errors} documents whose table CSV could not be written")
        return "\n".join(lines)

    def _warnings_line(self) -> str:
        """Warnings a person should look at apart from routine ones: 'batch: warnings to look at
        in 3 documents: total_mismatch 2, unknown_genre 1; routine: footnotes_removed 40'."""
        by: dict[str, list[str]] = {"check": [], "info": []}
        for code, n in sorted(self.warning_codes.items()):
            by[severity_of(code)].append(f"{code} {n}")
        check = ", ".join(by["check"]) or "none"
        routine = f"; routine: {', '.join(by['info'])}" if by["info"] else ""
        return f"batch: warnings to look at in {self.to_check} documents: {check}{routine}"


def _clock(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Progress:
    """A progress bar on a terminal, plain log lines elsewhere."""

    def __init__(self, total: int, stream: IO[str], tty: bool | None = None, every: float = 10.0) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.every = every
        self.start = time.monotonic()
        self.done = 0
        self.errors = 0
        self.last_draw = 0.0
        self.last_log = self.start
        self.last_logged_done = 0

    def _status(self) -> str:
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else math.inf
        pct = 100 * self.done / self.total if self.total else 100.0
        return (
            f"{self.done}/{self.total} files {pct:3.0f}%  {rate:.1f} files/s  "
            f"ETA {_clock(eta)}  errors {self.errors}"
        )

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.code is not None:
            self.errors += 1
        now = time.monotonic()
        if self.tty:
            if outcome.code is not None:  # above the bar, which is drawn again below it
                self.stream.write(
                    f"\r\x1b[Kbatch: error: {outcome.path}: {outcome.code}: {outcome.message}\n"
                )
                self.last_draw = 0.0
            if now - self.last_draw >= 0.1 or self.done == self.total:
                self.draw()
                self.last_draw = now
            return
        if outcome.code is not None:
            print(f"batch: error: {outcome.path}: {outcome.code}: {outcome.message}", file=self.stream)
        if now - self.last_log >= self.every:
            print(f"batch: {self._status()}", file=self.stream, flush=True)
            self.last_log, self.last_logged_done = now, self.done

    def draw(self) -> None:
        status = self._status()
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(40, columns - len(status) - 4))
        filled = int(width * self.done / self.total) if self.total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {status}"
        self.stream.write("\r" + line[: columns - 1] + "\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.draw()
            self.stream.write("\n")
        elif self.done != self.last_logged_done:
            print(f"batch: {self._status()}", file=self.stream)
        self.stream.flush()
