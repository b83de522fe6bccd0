"""Ctrl-C at any moment of a command prints the same one line and exits 130.

The moments are made certain, not timed: a KeyboardInterrupt is raised when a chosen module is
first imported, which is where a Ctrl-C lands while the command line starts, while typer parses
the options and imports the command, and while the command runs. (Typer turns a Ctrl-C that
reaches it outside the command into a silent exit code 130; the user must still be told.)
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, clean_env

SCRIPT = """
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["ntsplan", *{argv!r}]
from ntsplan.entry import entry
entry()
"""

# (the module being imported when Ctrl-C comes, the command, what that moment is)
MOMENTS = [
    ("ntsplan.cli", ["validate", "--data", "data"], "the command line is being imported"),
    ("ntsplan.commands.validate", ["validate", "--data", "data"], "typer runs the command"),
    ("ntsplan.commands.build", ["build", "--data", "data", "--out", "OUT"], "typer runs build"),
    ("ntsplan.render", ["build", "--data", "data", "--out", "OUT"], "build imports its stages"),
    ("ntsplan.load", ["validate", "--data", "data"], "the command starts loading"),
    ("ntsplan.commands.status", ["status", "--data", "data"], "typer runs status"),
]


@pytest.mark.parametrize(("module", "argv", "moment"), MOMENTS, ids=[m[2] for m in MOMENTS])
def test_ctrl_c_at_any_moment_prints_one_line_and_exits_130(
    module: str, argv: list[str], moment: str, tmp_path: object
) -> None:
    argv = [str(tmp_path) if a == "OUT" else a for a in argv]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(module=module, argv=argv)],
        cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 130, (moment, done.stderr)
    assert done.stderr.splitlines() == ["ntsplan: interrupted"], (moment, done.stderr)
    assert done.stdout == ""


WRAPPED = """
import os, signal, sys
import ntsplan.commands.{command} as command

def run(chosen):
    # A library that calls back into ntsplan and wraps whatever the callback raised in its
    # own error, as pydantic-core does with a serializer: here the Ctrl-C lands inside it.
    try:
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs before the next line
        for _ in range(10**6):
            pass
    except BaseException as error:
        raise {wrapper}(f"Error calling function `_dump`: {{error!r}}") from None
    return 0

command.run = run
sys.argv = ["ntsplan", {command!r}, "--data", "data"]
from ntsplan.entry import entry
entry()
"""


@pytest.mark.parametrize("wrapper", ["RuntimeError", "ntsplan.errors.NtsplanError"])
def test_ctrl_c_wrapped_in_a_library_error_is_still_an_interruption(wrapper: str) -> None:
    script = WRAPPED.format(command="validate", wrapper=wrapper)
    if "." in wrapper:
        script = f"import {wrapper.rsplit('.', 1)[0]}\n" + script
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["ntsplan: interrupted"], done.stderr
