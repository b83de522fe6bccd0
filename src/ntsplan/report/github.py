"""GitHub Actions workflow commands: each problem becomes an annotation on its line."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ntsplan.report.base import ProblemReporter, display_path

if TYPE_CHECKING:
    from ntsplan.check import CheckResult


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(ProblemReporter):
    """``::error file=…,line=…,col=…,title=…::message``, then a one-line summary."""

    def report(self, result: CheckResult, stream: IO[str]) -> None:
        for p in result.problems:
            props = ",".join(
                [
                    f"file={_escape_property(display_path(p.file))}",
                    f"line={p.line}",
                    f"col={p.column}",
                    f"title={_escape_property(f'ntsplan {p.code}')}",
                ]
            )
            # A spreadsheet has no lines to annotate: the cell leads the message.
            message = f"{p.position}: {p.message}" if p.sheet is not None else p.message
            stream.write(f"::{p.severity.value} {props}::{_escape_data(message)}\n")
        s = result.summary
        stream.write(
            f"ntsplan: {s.errors} error(s), {s.warnings} warning(s) in {s.files} file(s)\n"
        )
