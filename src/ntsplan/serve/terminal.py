"""What the preview tells the person at the terminal: changes, rebuilds, problems.

The reporter of ``ntsplan serve``: the watcher and the rebuilds run in threads, so each
line (or problem report) is written whole, under a lock.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ntsplan.report import display_path, make_reporter, use_color

if TYPE_CHECKING:
    from ntsplan.serve.live import Rebuilt


class Terminal:
    """What the preview tells the person at the terminal, one line (or report) at a time."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._lock = threading.Lock()

    def say(self, line: str) -> None:
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()

    def changed(self, paths: set[Path]) -> None:
        # An editor's temporary files come and go within one batch; name what is left.
        existing = {path for path in paths if path.exists()} or paths
        names = sorted(display_path(path) for path in existing)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.say(f"Changed: {shown}")

    def rebuilt(self, rebuilt: Rebuilt) -> None:
        build = rebuilt.build
        with self._lock:
            if rebuilt.changed and build.result is not None and build.result.problems:
                reporter = make_reporter("text", color=use_color(self.stream))
                reporter.report(build.result, self.stream)
            if rebuilt.changed and build.failure is not None:
                self.stream.write(f"ntsplan: error: {build.failure}\n")
            state = "built the plan" if build.ok else "the page shows the problems"
            if not rebuilt.changed:
                state += "; no change, open pages stay as they are"
            self.stream.write(f"{state[0].upper()}{state[1:]} ({rebuilt.seconds:.2f} s)\n")
            self.stream.flush()
