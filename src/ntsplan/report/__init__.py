"""Reporters: the only code that prints problems. One per output format (``--format``)."""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ntsplan.check import CheckResult

FORMATS = ("auto", "text", "json", "github", "markdown")


class Reporter(Protocol):
    """Writes the problems and summary of a run to a stream."""

    def report(self, result: CheckResult, stream: IO[str]) -> None: ...


def choose_format(name: str, environ: dict[str, str] | None = None) -> str:
    """Resolve ``auto``: GitHub annotations under GitHub Actions, text elsewhere."""
    env = os.environ if environ is None else environ
    if name != "auto":
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def make_reporter(name: str, *, color: bool) -> Reporter:
    """The reporter for a resolved format name."""
    from ntsplan.report.github import GithubReporter  # noqa: PLC0415 - tiny, but keep lazy
    from ntsplan.report.json import JsonReporter  # noqa: PLC0415
    from ntsplan.report.markdown import MarkdownReporter  # noqa: PLC0415
    from ntsplan.report.text import TextReporter  # noqa: PLC0415

    reporters: dict[str, Reporter] = {
        "text": TextReporter(color=color),
        "json": JsonReporter(),
        "github": GithubReporter(),
        "markdown": MarkdownReporter(),
    }
    return reporters[name]


def display_path(path: os.PathLike[str] | str) -> str:
    """A file's path relative to the current folder, with forward slashes."""
    relative = os.path.relpath(os.fspath(path))
    return relative.replace(os.sep, "/")
