"""The watchdog of one parse: ends it at a time limit or when memory has grown past a bound.

A thread beside the parse looks at the clock and at the process's resident memory every
WATCHDOG_PERIOD seconds. When a bound is passed it raises `Deadline` or `OverMemory` in the
parsing thread with `PyThreadState_SetAsyncExc`: this works in any thread (SIGALRM only in the
main thread) and never touches a signal handler the caller or the batch has installed. Like a
signal handler it acts between Python bytecodes: a long call in C is interrupted when it returns.
Both exceptions are BaseExceptions, so that no `except Exception` in a library swallows them;
`pdf.guards.guarded` turns them into ParseTimeoutError and TooLargeError.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time

__all__ = ["WATCHDOG_PERIOD", "Deadline", "OverMemory", "Watchdog", "raise_in", "resident_bytes"]

MIB = 1 << 20

#: the watchdog looks at the clock and at the resident memory this often (seconds): memory grows
#: by at most a few hundred MB in that time in Python code
WATCHDOG_PERIOD = 0.05


class Deadline(BaseException):
    """Raised asynchronously in the parsing thread by the watchdog at the time limit."""


class OverMemory(BaseException):
    """Raised asynchronously in the parsing thread by the watchdog at the memory bound."""


def resident_bytes() -> int | None:
    """The process's resident memory now (Linux), or its peak so far elsewhere on POSIX."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Schedule `exc_type` in the thread (None: cancel what is scheduled and not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type is not None else None
    )


class Watchdog:
    """Ends the parse in `thread_id` at the time limit or the memory bound (one shot)."""

    def __init__(self, timeout: float | None, max_memory_mb: int | None, thread_id: int) -> None:
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.thread_id = thread_id
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.fired = False
        self.baseline = resident_bytes() if max_memory_mb else None
        self.thread = threading.Thread(target=self._watch, name="answer_parser-watchdog", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _watch(self) -> None:
        end = time.monotonic() + self.timeout if self.timeout else None
        bound = self.max_memory_mb * MIB if self.max_memory_mb else None
        while not self.stopped.wait(WATCHDOG_PERIOD):
            kind: type[BaseException] | None = None
            if end is not None and time.monotonic() >= end:
                kind = Deadline
            elif bound is not None and self.baseline is not None:
                now = resident_bytes()
                if now is not None and now - self.baseline > bound:
                    kind = OverMemory
            if kind is not None:
                with self.lock:
                    if not self.stopped.is_set():
                        self.fired = True
                        raise_in(self.thread_id, kind)
                return

    def stop(self) -> None:
        """Called in the parsing thread: no exception is raised in it after this returns."""
        with self.lock:
            self.stopped.set()
            fired = self.fired
        if fired:
            raise_in(self.thread_id, None)  # raised already (then we are unwinding) or cancelled now
        self.thread.join()
