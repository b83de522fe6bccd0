"""What stops a run, as opposed to what is wrong with the input (see ``problems``).

Exit codes, documented once (and in the README):

* 0: no errors (warnings allowed unless ``--strict``),
* 1: problems found in the input,
* 2: usage or environment error: no such folder, unreadable file, unwritable output,
* 130: interrupted (Ctrl-C), as shells report it (128 + SIGINT),
* 141: the output was piped into a reader that closed early (``ntsplan status | head``).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ENVIRONMENT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, as shells report it."""
EXIT_BROKEN_PIPE = 141
"""The reader of the output closed the pipe early (128 + SIGPIPE, as shells report it)."""


class NtsplanError(Exception):
    """Base of the errors that end a run with a message instead of a traceback."""

    exit_code = EXIT_ENVIRONMENT

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(NtsplanError):
    """The command line asks for something that cannot be done."""


class DataFolderError(NtsplanError):
    """The data folder is missing or is not a folder."""


class OutputError(NtsplanError):
    """An output cannot be written."""
