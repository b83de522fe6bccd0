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
from typing import IO

from ntsplan.errors import EXIT_OK, DataFolderError, NtsplanError
from ntsplan.serve.terminal import Terminal
from ntsplan.settings import ServeSettings


def run(settings: ServeSettings, stderr: IO[str] | None = None) -> int:
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

    terminal = Terminal(err)
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
