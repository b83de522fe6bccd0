"""Benchmark of ``ntsplan serve`` (issue 12): the time from a save to the refreshed page.

A server runs on a copy of the shipped data. Each round saves a value chain with a new
title and asks for ``/`` until the page holds the new title: what an open browser tab
gets, since it reloads as soon as the page changed. The figure is the median over the
rounds, measured from the moment the file was written.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from measure import CHILD_ENV, fmt_s, load_note, verdict

TARGET = 0.3
"""Seconds from a save to the refreshed page, on the shipped data (1x)."""
_URL = re.compile(r"Serving the plan at (http://\S+/)")


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8", errors="replace"))


def run(data: Path, work: Path, ntsplan: Path, *, quick: bool) -> bool | None:
    """Measure, print the figure and the target; None when the server does not start."""
    print("== ntsplan serve: save to refreshed page ==")
    folder = work / "plan-serve"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(data, folder)
    chain = sorted((folder / "valuechains").glob("*.yaml"))[0]
    log = work / "serve-stderr.txt"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [str(ntsplan), "serve", "--data", str(folder), "--port", "0"],
            env=CHILD_ENV,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        url = _wait_for_url(log, server)
        if url is None:
            print(f"  the server did not start: {log.read_text(errors='replace')[-500:]}")
            return None
        _fetch(url)
        seconds = [
            _one_save(url, chain, round_number) for round_number in range(5 if quick else 15)
        ]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
    median = statistics.median(seconds)
    print(
        f"  {len(seconds)} saves of {chain.name}: median {fmt_s(median)} s, best"
        f" {fmt_s(min(seconds))} s, worst {fmt_s(max(seconds))} s"
    )
    print(load_note())
    print()
    print("targets:")
    ok = median <= TARGET
    print(
        f"  [{verdict(ok)}] 1x (shipped): from a save to the refreshed page at most {TARGET} s:"
        f" {fmt_s(median)} s"
    )
    return ok


def _wait_for_url(log: Path, server: subprocess.Popen[bytes]) -> str | None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = _URL.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(1)
        if server.poll() is not None:
            return None
        time.sleep(0.05)
    return None


def _one_save(url: str, chain: Path, round_number: int) -> float:
    """Save the chain with a new title; seconds until the page shows it."""
    marker = f"Herziene titel {round_number} {os.getpid()}"
    lines = chain.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    if lines[start].strip() == "title:":  # a title per language: the Dutch one is shown
        start = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  nl:"))
        lines[start] = f"  nl: {marker}\n"
    else:
        lines[start] = f"title: {marker}\n"
    time.sleep(0.3)  # let the previous build settle, as between two saves by a person
    started = time.perf_counter()
    chain.write_text("".join(lines), encoding="utf-8")
    deadline = started + 30
    while time.perf_counter() < deadline:
        if marker in _fetch(url):
            return time.perf_counter() - started
        time.sleep(0.01)
    raise RuntimeError(f"the page did not show {marker!r} within 30 s")
