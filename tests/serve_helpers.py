"""Running ``ntsplan serve`` for real in tests: a subprocess on a free port, always stopped.

with serving(folder) as server:
    urllib.request.urlopen(server.url)
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO, clean_env

# Bounds for waiting on the server; generous, since CI machines are slow at times.
START_SECONDS = 30.0
STOP_SECONDS = 10.0

_URL = re.compile(r"Serving the plan at (http://\S+/)")


@dataclass
class ServeProcess:
    """A running ``ntsplan serve``: its address, and everything it wrote to stderr."""

    process: subprocess.Popen[bytes]
    log: Path
    url: str = ""

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, text: str, seconds: float = 10.0) -> str:
        """Wait until stderr holds ``text``; fail with the output after ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            output = self.stderr()
            if text in output:
                return output
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} on stderr within {seconds} s:\n{self.stderr()}")

    def interrupt(self) -> int:
        """Press Ctrl-C and return the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(STOP_SECONDS)


def _default_sigint() -> None:
    # A shell that starts the tests in the background ignores SIGINT, and children inherit
    # that; the server must get Ctrl-C the way it does at a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def serving(data_dir: Path, *extra: str, log_dir: Path) -> Iterator[ServeProcess]:
    """Start ``ntsplan serve DATA_DIR --port 0 EXTRA``, wait for its address, stop it after."""
    log = log_dir / "serve-stderr.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ntsplan",
                "serve",
                "--data",
                os.fspath(data_dir),
                "--port",
                "0",
                *extra,
            ],
            cwd=REPO,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            preexec_fn=_default_sigint,  # noqa: PLW1509 - no threads of ours run at this point
        )
    server = ServeProcess(process, log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.url:
            found = _URL.search(server.stderr())
            if found:
                server.url = found.group(1)
            elif process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"ntsplan serve did not start:\n{server.stderr()}")
            else:
                time.sleep(0.05)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_SECONDS)
        print(f"--- ntsplan serve stderr ---\n{server.stderr()}--- end ---")


def set_field(path: Path, key: str, value: str) -> int:
    """Replace the top-level ``key: ...`` of a YAML file, with the indented block under it
    (a text given per language: ``nl:``/``en:``), by ``key: value``; return its 1-based line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            end = number
            while end < len(lines) and lines[end].startswith((" ", "\t")):
                end += 1
            lines[number - 1 : end] = [f"{key}: {value}\n"]
            # Written in place, as most editors save.
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no top-level {key!r} in {path}")
