"""A one-line progress display on stderr while the PDF is made; silent when not a terminal.

WeasyPrint announces its steps ("Step 5 - Creating layout - Page 12") on the
``weasyprint.progress`` logger. While the display runs, a handler turns those messages
into stage names, and a small thread redraws ``⠹ laying out page 12 · 3.4 s`` ten times a
second. Logs and CI get nothing: the final summary line is the build command's to print.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from types import TracebackType
from typing import IO

_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_INTERVAL = 0.1
_LOGGER = "weasyprint.progress"
_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Step 1 "), "parsing HTML"),
    (re.compile(r"Step 2 "), "parsing stylesheets"),
    (re.compile(r"Step 3 "), "applying styles"),
    (re.compile(r"Step 4 "), "building the document"),
    (re.compile(r"Step 5 .*Repagination #(\d+)"), "checking page references (pass {0})"),
    (re.compile(r"Step 5 .*Page (\d+)"), "laying out page {0}"),
    (re.compile(r"Step 6 "), "writing PDF"),
    (re.compile(r"Step 7 "), "adding metadata"),
)


def stage_name(message: str) -> str | None:
    """The stage a WeasyPrint progress message stands for, or None for an unknown one."""
    for pattern, name in _STEPS:
        match = pattern.match(message)
        if match:
            return name.format(*match.groups())
    return None


class _StageHandler(logging.Handler):
    def __init__(self, progress: Progress) -> None:
        super().__init__(level=logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        name = stage_name(record.getMessage())
        if name is not None:
            self.progress.stage(name)


class Progress:
    """Context manager: shows the current stage and the elapsed time on a terminal."""

    def __init__(
        self, stream: IO[str], *, enabled: bool | None = None, ticking: bool = True
    ) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.ticking = ticking
        """False: no drawing thread; each stage is drawn when it is named (for the parallel
        render, which forks processes: a thread writing at that moment could leave the
        stream's lock taken in the child)."""
        self._stage = ""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._handler = _StageHandler(self)
        self._saved_level = logging.NOTSET
        self._started = 0.0

    def stage(self, name: str) -> None:
        """Name what is being done now."""
        with self._lock:
            self._stage = name
        if self.enabled and not self.ticking:
            self._line(0)

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        self._started = time.monotonic()
        if not self.ticking:
            return self
        logger = logging.getLogger(_LOGGER)
        self._saved_level = logger.level
        logger.setLevel(logging.INFO)  # WeasyPrint's progress messages are INFO records
        logger.addHandler(self._handler)
        self._thread = threading.Thread(target=self._draw, name="ntsplan-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self.enabled:
            return
        if not self.ticking:
            self.stream.write("\r\033[K")
            self.stream.flush()
            return
        logger = logging.getLogger(_LOGGER)
        logger.removeHandler(self._handler)
        logger.setLevel(self._saved_level)
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.stream.write("\r\033[K")  # leave a clean line for the summary
        self.stream.flush()

    def _draw(self) -> None:
        frame = 0
        while not self._stop.wait(_INTERVAL if frame else 0):
            self._line(frame)
            frame += 1

    def _line(self, frame: int) -> None:
        with self._lock:
            stage = self._stage
        elapsed = time.monotonic() - self._started
        spinner = _FRAMES[frame % len(_FRAMES)]
        self.stream.write(f"\r{spinner} {stage} · {elapsed:.1f} s\033[K")
        self.stream.flush()
