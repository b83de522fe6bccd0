"""Ctrl-C during a parallel build: the terminal sends SIGINT to the build and to every
worker of its process group. What the user sees is one line, "ntsplan: interrupted", and
exit code 130; no worker is left running, and the outputs are the previous build's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, clean_env

BUILD = [sys.executable, "-m", "ntsplan", "build", "--jobs", "3", "--only", "pdf"]


def group_members(group: int) -> list[int]:
    """The processes of process group ``group`` (read from /proc, so zombies count too)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # stat: pid (comm) state ppid pgrp ...
            members.append(int(entry.name))
    return members


def _workers_started(group: int) -> bool:
    return len(group_members(group)) >= 3  # the build and at least two workers


Moment = Callable[[int, float], bool]
MOMENTS: dict[str, Moment] = {
    # while the data is checked and the HTML rendered: no worker yet
    "before the workers": lambda group, started: time.monotonic() - started > 0.5,
    # as soon as the parts are laid out in parallel
    "as the workers start": lambda group, started: _workers_started(group),
    # some seconds into the parallel layout
    "a few seconds into the layout": lambda group, started: (
        _workers_started(group) and time.monotonic() - started > 4
    ),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_prints_one_line_exits_130_and_leaves_no_worker(moment: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "versterkingsplan.pdf").write_bytes(b"%PDF previous")
    build = subprocess.Popen(
        [*BUILD, "--data", str(REPO / "data"), "--out", str(out)],
        cwd=REPO, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,  # its own process group, as a terminal job is
    )  # fmt: skip
    group = build.pid
    started = time.monotonic()
    ready = MOMENTS[moment]
    while not ready(group, started):
        assert build.poll() is None, "the build ended before the moment came"
        assert time.monotonic() - started < 300, "the moment never came"
        time.sleep(0.05)
    os.killpg(group, signal.SIGINT)  # what Ctrl-C in a terminal does
    stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert stderr.splitlines() == ["ntsplan: interrupted"], stderr
    assert stdout == ""
    deadline = time.monotonic() + 10
    while group_members(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(group) == []  # no worker left running (nor a zombie)
    assert (out / "versterkingsplan.pdf").read_bytes() == b"%PDF previous"
    assert sorted(p.name for p in out.iterdir()) == ["versterkingsplan.pdf"]
