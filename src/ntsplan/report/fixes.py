"""What ``ntsplan fix`` did, in words: the files' changes as a unified diff, and a summary."""

from __future__ import annotations

import difflib
from typing import IO, TYPE_CHECKING

from ntsplan.report.base import display_path

if TYPE_CHECKING:
    from ntsplan.fixing import FixOutcome


def write_diff(outcome: FixOutcome, stream: IO[str]) -> None:
    """Every changed file as a unified diff (``a/`` before, ``b/`` after), by file name."""
    for file, new in sorted(outcome.changed.items()):
        shown = display_path(file)
        for line in difflib.unified_diff(
            outcome.before[file].splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"a/{shown}",
            f"b/{shown}",
        ):
            stream.write(line if line.endswith("\n") else line + "\n")


def write_summary(outcome: FixOutcome, stream: IO[str], *, unsafe: bool, shown: bool) -> None:
    """How many problems were (or, with ``shown``, would be) fixed, and what waits."""
    files = len(outcome.changed)
    fixed = len(outcome.applied)
    verb = "would fix" if shown else "fixed"
    stream.write(
        f"ntsplan fix: {verb} {fixed} problem{'s' * (fixed != 1)} in {files} "
        f"file{'s' * (files != 1)}\n"
    )
    waiting = [f for _, f in outcome.withheld if not f.is_safe and not unsafe]
    if waiting:
        stream.write(
            f"{len(waiting)} more fix{'es' * (len(waiting) != 1)} need a person's look: "
            "read them in the messages, then run 'ntsplan fix --unsafe'\n"
        )
    refused = [f for _, f in outcome.withheld if f.is_safe or unsafe]
    if refused:
        stream.write(
            f"{len(refused)} fix{'es' * (len(refused) != 1)} not applied: applied, "
            f"{'they' if len(refused) != 1 else 'it'} would leave the problem or add one\n"
        )
