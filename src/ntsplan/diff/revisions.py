"""The diff façade: check the plan in two revisions, then compare them.

The base (and the head, when given) is read from git into a temporary folder and goes
through the same ``check_folder`` pipeline as the working tree; problems found there name
the revision in their path (``main:data/valuechains/x.yaml``).
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ntsplan.check import CheckResult, Summary, check_folder
from ntsplan.diff.compare import compare
from ntsplan.diff.git import GitRepo
from ntsplan.diff.report import DiffReport, Side


@dataclass(frozen=True, slots=True)
class DiffOutcome:
    """Either the ``report`` of what changed, or (when a side has errors, so that there is
    no plan to compare) the ``problems`` of every failing side, as one check result."""

    report: DiffReport | None = None
    problems: CheckResult | None = None


def diff_revisions(data_dir: Path, base: str, head: str | None = None) -> DiffOutcome:
    """Compare the plan in ``data_dir`` at revision ``base`` with ``head`` (None: the
    working tree)."""
    repo = GitRepo.locate(data_dir)
    before_side = Side(base, repo.resolve(base))
    after_side = Side(head, repo.resolve(head)) if head else Side()
    with tempfile.TemporaryDirectory(prefix="ntsplan-diff-") as tmp:
        before = _check_revision(repo, before_side, Path(tmp) / "base")
        if after_side.revision is not None:
            after = _check_revision(repo, after_side, Path(tmp) / "head")
        else:
            after = check_folder(data_dir)
    failed = [r for r in (before, after) if r.has_errors() or r.environment_error]
    if failed or before.plan is None or after.plan is None:
        return DiffOutcome(problems=_combine(failed))
    return DiffOutcome(report=DiffReport(before_side, after_side, compare(before.plan, after.plan)))


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
