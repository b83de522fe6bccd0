"""``ntsplan diff``: check the plan in two revisions, then report what changed.

The base (and the head, when given) is read from git into a temporary folder and goes
through the same ``check_folder`` pipeline as the working tree; problems found there name
the revision in their path (``main:data/valuechains/x.yaml``).
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path
from typing import IO

from ntsplan.check import CheckResult, Summary, check_folder
from ntsplan.commands.status import problems_format
from ntsplan.commands.validate import use_color
from ntsplan.diff import DiffReport, Side, make_diff_reporter
from ntsplan.diff.compare import compare
from ntsplan.diff.git import GitRepo
from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.report import make_reporter
from ntsplan.settings import DiffSettings


def _check_revision(repo: GitRepo, side: Side, folder: Path) -> CheckResult:
    """Check the data folder of a revision, with problem paths naming the revision."""
    assert side.commit is not None and side.revision is not None
    root = repo.export(side.commit, side.label, folder)
    result = check_folder(root)
    problems = []
    for problem in result.problems:
        file = problem.file
        if file.is_relative_to(root):
            file = Path(f"{side.revision}:{repo.prefix}{file.relative_to(root).as_posix()}")
        problems.append(dataclasses.replace(problem, file=file))
    result.problems = problems
    return result


def _combine(results: list[CheckResult]) -> CheckResult:
    """One result holding the problems of every failing side, for one report."""
    sums = {
        field.name: sum(getattr(r.summary, field.name) for r in results)
        for field in dataclasses.fields(Summary)
    }
    return CheckResult(
        plan=None,
        problems=[p for r in results for p in r.problems],
        summary=Summary(**sums),
        environment_error=any(r.environment_error for r in results),
    )


def run_diff(settings: DiffSettings, stream: IO[str] | None = None) -> int:
    """Compare the plan in ``settings.base`` with ``settings.head`` (None: the working
    tree), report, and return the exit code."""
    out = stream or sys.stdout
    repo = GitRepo.locate(settings.data_dir)
    base = Side(settings.base, repo.resolve(settings.base))
    head = Side(settings.head, repo.resolve(settings.head)) if settings.head else Side()
    with tempfile.TemporaryDirectory(prefix="ntsplan-diff-") as tmp:
        before = _check_revision(repo, base, Path(tmp) / "base")
        if head.revision is not None:
            after = _check_revision(repo, head, Path(tmp) / "head")
        else:
            after = check_folder(settings.data_dir)
    failed = [r for r in (before, after) if r.has_errors() or r.environment_error]
    if failed or before.plan is None or after.plan is None:
        combined = _combine(failed)
        reporter = make_reporter(problems_format(settings.format), color=use_color(out))
        reporter.report(combined, out)
        return EXIT_ENVIRONMENT if combined.environment_error else EXIT_PROBLEMS
    report = DiffReport(base, head, compare(before.plan, after.plan))
    make_diff_reporter(settings.format).report(report, out)
    return EXIT_OK
