"""Progress of long work on the command line: a tqdm bar on a terminal, plain lines otherwise.

Long commands (``load``, ``import-log``, ``generate``, ``report``, ``backup``, ``restore``,
``audit verify``) report through one :class:`Progress`. On a terminal it draws a tqdm bar on
standard error that disappears when the work is done; when standard error is not a terminal
(a log file, systemd's journal, a pipe) it writes a plain line whenever another tenth of the
work is done or ``interval`` seconds have passed, and a last line with the total and the time
taken. Standard output stays free for what a command prints for scripts.

Services take an optional :class:`Progress` (the base class draws nothing) and call
:meth:`Progress.phase` when a stage with its own total begins, :meth:`Progress.update` as work
gets done::

    with command_progress(self, options, "importing flight log", total=rows, unit="rows") as bar:
        log_import_csv(..., progress=bar.update)
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

__all__ = ["PlainProgress", "Progress", "TqdmProgress", "command_progress", "progress_bar"]


class Progress:
    """Progress that shows nothing; the base of the two that do."""

    def __init__(self, desc: str = "", *, total: int | None = None, unit: str = "") -> None:
        self.desc, self.total, self.unit = desc, total, unit
        self.done = 0
        self.started = time.monotonic()

    def phase(self, desc: str, *, total: int | None = None, unit: str | None = None) -> None:
        """Close the current stage and start another (its own total, counted from zero). A
        display made without a description has no stage of its own before the first phase."""
        if self.desc:
            self._finish()
        self.desc, self.total = desc, total
        self.unit = self.unit if unit is None else unit
        self.done = 0
        self.started = time.monotonic()
        self._begin()

    def update(self, n: int = 1) -> None:
        self.done += n

    def close(self, *, failed: bool = False) -> None:
        """End the display; ``failed`` (the work stopped with an error) leaves out the summary."""
        self._finish(failed=failed)

    def _begin(self) -> None:
        pass

    def _finish(self, *, failed: bool = False) -> None:
        pass

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(failed=exc_type is not None)


class TqdmProgress(Progress):
    """A tqdm bar on a terminal; it is cleared when the stage ends."""

    def __init__(self, desc: str = "", *, total: int | None = None, unit: str = "",
                 stream: TextIO) -> None:
        super().__init__(desc, total=total, unit=unit)
        self.stream = stream
        self.bar: Any = None
        if desc:
            self._begin()

    def _begin(self) -> None:
        from tqdm import tqdm

        class Bar(tqdm):
            # no monitor thread: the report forks its PDF worker only in a single-threaded process
            monitor_interval = 0

        self.bar = Bar(total=self.total, desc=self.desc, unit=f" {self.unit}" if self.unit else "it",
                        file=self.stream, leave=False, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        super().update(n)
        if self.bar is not None:
            self.bar.update(n)

    def _finish(self, *, failed: bool = False) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class PlainProgress(Progress):
    """Lines for logs: ``loading: 12000/48000 records (25%)`` at every tenth (or every
    ``interval`` seconds when the total is unknown or the work is slow), then
    ``loading: done, 48000 records in 3.1 s``."""

    def __init__(self, desc: str = "", *, total: int | None = None, unit: str = "",
                 stream: TextIO, interval: float = 10.0) -> None:
        super().__init__(desc, total=total, unit=unit)
        self.stream, self.interval = stream, interval
        self._begin()

    def _begin(self) -> None:
        self.last_line = time.monotonic()
        self.last_tenth = 0
        self.closed = False

    def _write(self, text: str) -> None:
        self.stream.write(f"{self.desc}: {text}\n")
        self.stream.flush()
        self.last_line = time.monotonic()

    def _count(self, n: int) -> str:
        return f"{n} {self.unit}".rstrip()

    def update(self, n: int = 1) -> None:
        super().update(n)
        if not self.desc:
            return
        now = time.monotonic()
        if self.total:
            tenth = min(10, self.done * 10 // self.total)
            if tenth > self.last_tenth or now - self.last_line >= self.interval:
                self.last_tenth = max(tenth, self.last_tenth)
                percent = min(100, self.done * 100 // self.total)
                self._write(f"{self.done}/{self._count(self.total)} ({percent}%)")
        elif now - self.last_line >= self.interval:
            self._write(self._count(self.done))

    def _finish(self, *, failed: bool = False) -> None:
        if self.closed or not self.desc:
            return
        self.closed = True
        if failed:
            self._write(f"stopped after {self._count(self.done)}")
            return
        seconds = time.monotonic() - self.started
        counted = f"{self._count(self.done)} " if self.done or self.total is not None else ""
        self._write(f"done, {counted}in {seconds:.1f} s" if counted else f"done in {seconds:.1f} s")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(desc: str = "", *, total: int | None = None, unit: str = "",
                 stream: TextIO | None = None, enabled: bool = True,
                 interval: float = 10.0) -> Progress:
    """The progress display for ``stream`` (standard error by default): a tqdm bar when it is
    a terminal, plain lines when it is not, nothing when ``enabled`` is false."""
    if not enabled:
        return Progress(desc, total=total, unit=unit)
    stream = stream if stream is not None else sys.stderr
    if _is_terminal(stream):
        return TqdmProgress(desc, total=total, unit=unit, stream=stream)
    return PlainProgress(desc, total=total, unit=unit, stream=stream, interval=interval)


def command_progress(command: Any, options: dict[str, Any], desc: str = "", *,
                     total: int | None = None, unit: str = "") -> Progress:
    """:func:`progress_bar` on a management command's standard error; ``--verbosity 0``
    turns it off."""
    stream = getattr(command.stderr, "_out", command.stderr)  # Django's OutputWrapper adds endings
    return progress_bar(desc, total=total, unit=unit, stream=stream,
                        enabled=options.get("verbosity", 1) > 0)
