"""Writing the outputs when things go wrong: read-only folders, a build killed in the
middle of the PDF, two builds into one folder at once.

``test_build.py`` already covers an output path below a file, a missing output folder
(created), and a PDF render that fails, is interrupted or finds the disk full. Root can
write into a folder whatever its mode says, so the read-only cases here use what stops
root too (a read-only file system, in a private mount namespace) or run confined (without
root's power to override permissions; see ``hostile_worker.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, TESTS, RunCli, clean_env
from hostile_helpers import Job, assert_clean_ending, run_jobs

OLD_PDF = b"%PDF-1.7\n% the previous build\n"
FIXTURE = TESTS / "fixtures" / "render-plan"
HANG_GUARD = 300  # seconds; ends a build that hangs, it is not a timing assertion


def _ntsplan(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "ntsplan", *(os.fspath(a) for a in args)]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        _ntsplan(*args),
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# Read-only and unusable output folders -----------------------------------------------------


def test_output_path_that_is_a_file_is_a_clear_error(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    existing = tmp_path / "build"
    existing.write_text("a file where the output folder should be", encoding="utf-8")
    result = invoke("build", "--data", plan_folder(), "--out", existing, "--only", "html")
    assert result.exit_code == 2
    assert f"ntsplan: error: cannot write into {existing}: it is a file, not a folder" in (
        result.stderr
    )


def test_read_only_file_system_is_a_clear_error(
    plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    """A read-only tmpfs mounted over the output folder, in a mount namespace of the
    build's own: the mount stops root as well and vanishes with the process."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount a read-only file system")
    data = plan_folder()
    out = tmp_path / "read-only"
    out.mkdir()
    script = 'mount -t tmpfs -o ro,size=1m tmpfs "$1" || exit 99; shift; exec "$@"'
    completed = subprocess.run(
        [
            *("unshare", "--mount", "sh", "-c", script, "sh", str(out)),
            *_ntsplan("build", "--data", data, "--out", out, "--only", "html"),
        ],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_GUARD,
    )
    if completed.returncode == 99 or "unshare:" in completed.stderr:
        pytest.skip(f"cannot mount here: {completed.stderr.strip()}")
    assert completed.returncode == 2, completed.stderr
    assert f"ntsplan: error: cannot write {out}: Read-only file system" in completed.stderr
    assert "--out" in completed.stderr  # the hint says what to do
    assert "Traceback" not in completed.stderr
    assert list(out.iterdir()) == []


def test_folder_without_write_permission_is_a_clear_error(tmp_path: Path) -> None:
    """A folder of mode 555 stops the build (as root, a confined one: see hostile_worker)."""
    data = tmp_path / "data"
    shutil.copytree(TESTS / "cases" / "base", data)
    out = tmp_path / "build"
    out.mkdir()
    out.chmod(0o555)
    args = ("build", "--data", "data", "--out", "build", "--only", "html", "--format", "text")
    (outcome,) = run_jobs([Job(args, tmp_path, confined=True)])
    assert_clean_ending(outcome)
    assert outcome.exit_code == 2, outcome
    assert "ntsplan: error: cannot write build: Permission denied" in outcome.stderr, outcome
    assert list(out.iterdir()) == []


# A build killed in the middle of the PDF ---------------------------------------------------


def _kill_while_laying_out(command: list[str]) -> str:
    """Start ``command`` with stderr on a terminal (so the progress line shows), SIGKILL it
    once it lays out pages, and return what it had shown."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + HANG_GUARD
    try:
        while b"laying out page" not in shown:
            assert time.monotonic() < deadline, shown
            assert process.poll() is None, f"the build ended before its layout: {shown!r}"
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                shown += os.read(leader, 4096)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert process.returncode == -signal.SIGKILL
    return shown.decode("utf-8", errors="replace")


def test_sigkill_during_the_pdf_leaves_the_previous_pdf(
    plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    data = plan_folder()
    out = tmp_path / "build"
    out.mkdir()
    (out / "versterkingsplan.pdf").write_bytes(OLD_PDF)
    shown = _kill_while_laying_out(_ntsplan("build", "--data", data, "--out", out, "--only", "pdf"))
    assert "laying out page" in shown
    assert (out / "versterkingsplan.pdf").read_bytes() == OLD_PDF
    # Nothing half-written beside it either: no temporary file, no stamp.
    assert sorted(p.name for p in out.iterdir()) == ["versterkingsplan.pdf"]


def test_next_build_removes_what_a_killed_build_left(
    plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    """A run killed while writing leaves its temporary file; the next build removes it,
    but not the one a build running at the same time holds locked."""
    import fcntl  # noqa: PLC0415 - POSIX only, like the code under test

    data = plan_folder()
    out = tmp_path / "build"
    out.mkdir()
    (out / "versterkingsplan.pdf").write_bytes(OLD_PDF)
    left = out / ".versterkingsplan.pdf.k1ll3d.tmp"
    left.write_bytes(OLD_PDF[:10])  # half a PDF
    hour_ago = time.time() - 3600
    os.utime(left, (hour_ago, hour_ago))
    busy = out / ".versterkingsplan.pdf.busy.tmp"
    busy.write_bytes(b"")
    os.utime(busy, (hour_ago, hour_ago))
    with busy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        completed = _run("build", "--data", data, "--out", out, "--only", "pdf")
    assert completed.returncode == 0, completed.stderr
    assert _temporaries(out) == [busy.name]
    pdf = (out / "versterkingsplan.pdf").read_bytes()
    assert len(PdfReader(BytesIO(pdf)).pages) > 1


# Two builds at once -----------------------------------------------------------------------------


def _stamp(output: Path) -> dict[str, str]:
    stamp = json.loads((output.parent / f".{output.name}.hash").read_text(encoding="utf-8"))
    assert isinstance(stamp, dict)
    return stamp


def _build_together(*runs: tuple[Path, Path]) -> None:
    """Start one build per (data, out) pair at the same moment and wait for all."""
    processes = [
        subprocess.Popen(
            _ntsplan("build", "--data", data, "--out", out),
            cwd=REPO,
            env=clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for data, out in runs
    ]
    for process in processes:
        stdout, stderr = process.communicate(timeout=HANG_GUARD)
        assert process.returncode == 0, stdout + stderr
        assert "Traceback" not in stderr


def test_two_builds_into_one_folder_leave_whole_files(
    plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    """Different plans built into the same folder at once: the PDF and the HTML on disk
    are each one build's whole output, and each stamp belongs to the file beside it."""
    first = plan_folder()
    second = tmp_path / "fixture"
    shutil.copytree(FIXTURE, second)
    alone = [tmp_path / "alone-1", tmp_path / "alone-2"]
    _build_together((first, alone[0]), (second, alone[1]))
    shared = tmp_path / "shared"
    _build_together((first, shared), (second, shared))
    for name in ("versterkingsplan.pdf", "versterkingsplan.html"):
        written = (shared / name).read_bytes()
        expected = [(folder / name).read_bytes() for folder in alone]
        assert expected[0] != expected[1]
        assert written in expected
        stamp = _stamp(shared / name)
        assert stamp["output"] == hashlib.sha256(written).hexdigest()
        assert stamp == _stamp(alone[expected.index(written)] / name)
    PdfReader(BytesIO((shared / "versterkingsplan.pdf").read_bytes())).pages[0].extract_text()
    assert _temporaries(shared) == []
