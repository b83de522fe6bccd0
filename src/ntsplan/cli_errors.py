"""The command line's top-level handler: what stops a run becomes a message and an exit code.

``NtsplanError`` (usage, folder, output errors) prints its message and hint; an unexpected
exception is an internal error, with a traceback only on request (``--traceback``).
"""

from __future__ import annotations

import io
import os
import sys
import traceback as tb
from collections.abc import Callable

import typer

from ntsplan.errors import EXIT_BROKEN_PIPE, EXIT_ENVIRONMENT, EXIT_INTERRUPTED, NtsplanError
from ntsplan.interrupts import ctrl_c_pressed


def run(command: Callable[[], int], *, traceback: bool) -> None:
    """Run a command; map ntsplan's errors and unexpected failures to a message and code."""
    try:
        code = command()
    except NtsplanError as error:
        if ctrl_c_pressed():  # the error is the Ctrl-C's consequence (a render cut short)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        if traceback:
            tb.print_exc()
        typer.echo(f"ntsplan: error: {error.message}", err=True)
        if error.hint:
            typer.echo(f"ntsplan: hint: {error.hint}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        # Exit code 130; the one line "ntsplan: interrupted" is printed by ``entry``, which
        # also sees the Ctrl-Cs that typer catches outside the command.
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`ntsplan status | head`): stop quietly, as `cat` would.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except Exception as error:
        if ctrl_c_pressed():  # a Ctrl-C that came out wrapped in a library's error
            raise typer.Exit(EXIT_INTERRUPTED) from None
        if traceback:
            tb.print_exc()
        typer.echo(
            f"ntsplan: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ntsplan, not in your data. Run again with --traceback and "
            "report the output.",
            err=True,
        )
        raise typer.Exit(EXIT_ENVIRONMENT) from None
    raise typer.Exit(code)


def tolerate_narrow_terminals() -> None:
    """Replace what a terminal cannot show instead of failing on it."""
    # Messages hold Dutch names and '—'; a terminal that cannot show a character gets '?'
    # instead of a crash halfway through the report.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
