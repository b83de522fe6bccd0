"""What every problem reporter shares: the interface, paths as shown, the colour choice."""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from ntsplan.check import CheckResult


class ProblemReporter:
    """Writes the problems and summary of a run to a stream. ``color``: whether the
    stream is a terminal that shows colour (only the text format uses it)."""

    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def report(self, result: CheckResult, stream: IO[str]) -> None:
        raise NotImplementedError


def display_path(path: os.PathLike[str] | str) -> str:
    """A file's path relative to the current folder, with forward slashes."""
    relative = os.path.relpath(os.fspath(path))
    return relative.replace(os.sep, "/")


def use_color(stream: IO[str]) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
