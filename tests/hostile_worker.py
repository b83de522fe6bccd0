"""Runs ``ntsplan`` once per job in a forked child and reports each child's peak memory.

Started by ``hostile_helpers.run_jobs`` as ``python hostile_worker.py`` with a JSON list of
jobs on stdin; prints one JSON result per job. ntsplan is imported once here, so a job
costs a fork instead of a new interpreter, and ``os.wait4`` gives each child's own
resource usage (``ru_maxrss``: its peak resident memory, the imported modules included).

A job: ``{"args": [...], "cwd": "...", "confined": bool, "timeout": seconds}``.
The child runs ``ntsplan.cli.main()``, the console script's entry point, with ``sys.argv``
set. ``confined`` takes away root's power to read and write files regardless of their
permissions (the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so that a file of
mode 000 or a folder of mode 555 stops the run as it stops any user. The child keeps its
user id, so it can still read the checkout and the virtualenv wherever they lie: a switch
to user ``nobody`` could not, from a checkout in a folder of mode 0700 (``mktemp -d``), and
failed on typer's lazy imports. ``timeout`` is a hang guard only: SIGALRM ends a child that
runs that long, and the result says so.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import tempfile
import traceback
from typing import Any

# Imported before forking, so that each child starts with ntsplan loaded.
import ntsplan.commands.build
import ntsplan.commands.validate
import ntsplan.render
import ntsplan.resources  # noqa: F401
from ntsplan.cli import main

_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2
_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def confine() -> None:
    """Drop root's override of file permissions in this process (capset(2)); a no-op for
    other users, whom permissions stop anyway."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    keep = ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH)) & 0xFFFFFFFF
    data[0].effective &= keep
    data[0].permitted &= keep
    data[0].inheritable &= keep
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def _child(job: dict[str, Any], out_fd: int, err_fd: int) -> None:
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    code = 3
    try:
        if job.get("confined"):
            confine()
        os.chdir(job["cwd"])
        signal.alarm(int(job["timeout"]))
        sys.argv = ["ntsplan", *job["args"]]
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Fork, run one job in the child, and return what it did."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(job, out.fileno(), err.fileno())
        _, status, usage = os.wait4(pid, 0)
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return {
            "exit_code": code,
            "timed_out": code == -signal.SIGALRM,
            "peak_kib": usage.ru_maxrss,  # KiB on Linux
            "stdout": out.read().decode("utf-8", errors="replace"),
            "stderr": err.read().decode("utf-8", errors="replace"),
        }


if __name__ == "__main__":
    for item in json.load(sys.stdin):
        print(json.dumps(run_job(item)), flush=True)
