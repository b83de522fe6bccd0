"""Runs ``ntsplan`` once per job in a forked child and reports each child's peak memory.

Started by ``hostile_helpers.run_jobs`` as ``python hostile_worker.py`` with a JSON list of
jobs on stdin; prints one JSON result per job. ntsplan is imported once here, so a job
costs a fork instead of a new interpreter, and ``os.wait4`` gives each child's own
resource usage (``ru_maxrss``: its peak resident memory, the imported modules included).

A job: ``{"args": [...], "cwd": "...", "user": null | "nobody", "timeout": seconds}``.
The child runs ``ntsplan.cli.main()``, the console script's entry point, with ``sys.argv``
set; with ``user`` it first drops root's rights. ``timeout`` is a hang guard only: SIGALRM
ends a child that runs that long, and the result says so.
"""

from __future__ import annotations

import json
import os
import pwd
import signal
import sys
import tempfile
import traceback
from typing import Any

# Imported before forking: a child that drops to user nobody may not be able to read the
# Python installation (it can live under /root), so it must need no further imports.
import ntsplan.commands.build
import ntsplan.commands.validate
import ntsplan.render
import ntsplan.resources  # noqa: F401
from ntsplan.cli import main


def _child(job: dict[str, Any], out_fd: int, err_fd: int) -> None:
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    code = 3
    try:
        user = job.get("user")
        if user:
            entry = pwd.getpwnam(user)
            os.setgroups([])
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
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
