"""``ntsplan serve``: the plan as a web page that rebuilds and reloads on every save.

The page is the same HTML as ``ntsplan build --only html`` writes. While the data has
errors the page lists them (and the terminal reports them, as ``validate`` does); the
server keeps running, and the plan comes back once they are fixed. Ctrl-C stops it.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING

from ntsplan.commands.validate import use_color
from ntsplan.errors import EXIT_OK, DataFolderError, NtsplanError
from ntsplan.report import display_path, make_reporter
from ntsplan.settings import ServeSettings

if TYPE_CHECKING:
    from ntsplan.serve.live import Rebuilt


def run_serve(settings: ServeSettings, stderr: IO[str] | None = None) -> int:
    """Serve the preview until interrupted; return the exit code (0 after Ctrl-C)."""
    err = stderr or sys.stderr
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        what = "not a folder" if data_dir.exists() else "no such folder"
        raise DataFolderError(
            f"{what}: {data_dir}", hint="give the folder that holds plan.yaml, e.g. 'data'"
        )
    try:
        # Imported here: only this command needs the HTTP server and the file watcher.
        from ntsplan.serve.live import LivePreview  # noqa: PLC0415
        from ntsplan.serve.server import make_server  # noqa: PLC0415
        from ntsplan.serve.watcher import FolderWatcher  # noqa: PLC0415
    except ImportError as error:
        raise NtsplanError(
            f"ntsplan serve needs a package that is not installed: {error.name}",
            hint="reinstall ntsplan with its dependencies (pip install -e .)",
        ) from None
    from ntsplan.resources import templates_dir  # noqa: PLC0415

    terminal = _Terminal(err)
    preview = LivePreview(data_dir, terminal.rebuilt)
    # Bound first: a port in use is reported before any work is done.
    server = make_server(settings.host, settings.port, preview)
    if not server.loopback:
        terminal.say(
            f"ntsplan: warning: serving on {settings.host}, which other machines can reach:"
            " anyone on the network can read the plan"
        )
    templates = templates_dir()

    def changed(paths: set[Path]) -> None:
        terminal.changed(paths)
        try:
            preview.rebuild(templates_changed=any(_inside(p, templates) for p in paths))
        except Exception as error:  # a bug must not end the preview
            terminal.say(
                f"ntsplan: internal error while rebuilding: {type(error).__name__}: {error}"
            )

    def failed(error: BaseException) -> None:
        terminal.say(f"ntsplan: error: stopped watching for changes: {error}")

    # Watching starts before the first build, so that no save is missed in between.
    watcher = FolderWatcher((data_dir, templates), changed, failed)
    try:
        with _terminate_as_interrupt():
            watcher.start()
            preview.rebuild()
            terminal.say(
                f"Serving the plan at {server.url} (watching {data_dir.as_posix()}/ and the"
                " templates); press Ctrl-C to stop"
            )
            server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
        watcher.stop()
        server.server_close()
    terminal.say("Stopped.")
    return EXIT_OK


class _Terminal:
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


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Stop as cleanly on SIGTERM (``kill``, a container stopping) as on Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
