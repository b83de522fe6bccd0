"""The ``ntsplan`` command itself: the command line, then a quick exit.

``ntsplan.cli.main`` runs the command line in the calling process (the tests call it);
``entry`` is what the installed ``ntsplan`` command and ``python -m ntsplan`` run.
"""

from __future__ import annotations

import os
import sys

from ntsplan import interrupts
from ntsplan.errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED


def entry() -> None:
    """The ``ntsplan`` command and ``python -m ntsplan``: ``main``, then a quick exit."""
    interrupts.install()
    try:
        # Imported here, so that a Ctrl-C while the command line is still being imported
        # ends like one during the command (``cli_errors``): one line, exit code 130.
        from ntsplan.cli import main  # noqa: PLC0415

        main()
    except SystemExit as done:
        if done.code == EXIT_INTERRUPTED:
            # Ctrl-C, wherever it was caught: in a command (``cli_errors.run``), or by typer
            # itself, which turns a KeyboardInterrupt outside the command (while the options
            # are parsed or the command's module imported) into a silent exit code 130.
            _say_interrupted()
        _exit_now(done.code)
    except KeyboardInterrupt:  # while the command line itself was imported
        _say_interrupted()
        _exit_now(EXIT_INTERRUPTED)
    _exit_now(0)


def _say_interrupted() -> None:
    """The one line a Ctrl-C prints, from this one place."""
    sys.stderr.write("ntsplan: interrupted\n")


def _exit_now(code: object) -> None:
    """Flush the output and leave without the interpreter's final clean-up.

    Freeing every object of the plan one by one (and the collections at shutdown) took
    about a quarter of a validate run; nothing is left to do once the output is flushed:
    commands close their files and remove their temporary files themselves. mypy's entry
    point ends the same way.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): print it, as the interpreter would
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say
            if status == 0 and stream is sys.stdout:
                status = EXIT_BROKEN_PIPE
    os._exit(status)
