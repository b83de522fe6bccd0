"""Whether the user pressed Ctrl-C: the one fact that turns any failure after it into
"interrupted".

A KeyboardInterrupt does not always arrive as itself: raised inside a function that a library
calls back (a pydantic serializer, say), it can come out wrapped in the library's own error.
Without knowing that a Ctrl-C came, that error would read as a bug in ntsplan. ``entry``
installs ``note_ctrl_c`` as the SIGINT handler; ``cli_errors`` asks ``ctrl_c_pressed``.
"""

from __future__ import annotations

import signal
from types import FrameType

_pressed = False


def note_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """The SIGINT handler: remember the Ctrl-C, then do what Python's own handler does."""
    global _pressed  # noqa: PLW0603 - one flag per process, set from a signal handler
    _pressed = True
    raise KeyboardInterrupt


def install() -> None:
    """Use ``note_ctrl_c`` for SIGINT, unless SIGINT is ignored (a background job)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, note_ctrl_c)


def ctrl_c_pressed() -> bool:
    """Whether a Ctrl-C has come in this process."""
    return _pressed
