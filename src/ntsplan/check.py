"""Load, validate and link a plan folder: the part of the pipeline every command shares."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.link import ChainMemo, Plan, link
from ntsplan.load import Reader, SourceFile, load_folder
from ntsplan.load.reader import read_document
from ntsplan.problems import Problem, Severity, sort_problems
from ntsplan.validate import Checked, ValidationMemo, ValidationResult, validate_files
from ntsplan.validate.salvage import Repairs


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run looked at and what it found."""

    files: int = 0
    roms: int = 0
    technologies: int = 0
    valuechains: int = 0
    activities: int = 0
    errors: int = 0
    warnings: int = 0


@dataclass(slots=True)
class CheckResult:
    """The outcome of checking a plan folder.

    ``plan`` is set only when there are no errors: nothing is rendered from a plan with
    errors. ``environment_error`` marks problems of the machine rather than of the data
    (an unreadable file), which end the run with exit code 2. ``sources`` are the loaded
    documents, valid or not, for tools that navigate the data (the language server).
    """

    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    environment_error: bool = False
    sources: list[SourceFile] = field(default_factory=list)

    def has_errors(self, *, strict: bool = False) -> bool:
        """Whether the run failed; with ``strict``, warnings count as errors."""
        return self.summary.errors > 0 or (strict and self.summary.warnings > 0)

    def exit_code(self, *, strict: bool = False) -> int:
        """2 for a problem of the machine, 1 for problems in the data, else 0."""
        if self.environment_error:
            return EXIT_ENVIRONMENT
        return EXIT_PROBLEMS if self.has_errors(strict=strict) else EXIT_OK


@dataclass(slots=True)
class CheckMemo:
    """What repeated checks of one folder keep (the language server): the validation of
    each unchanged document and the reference checks of each unchanged value chain.
    ``plan`` says whether to build the linked ``Plan`` (not needed for problems)."""

    validation: ValidationMemo = field(default_factory=ValidationMemo)
    chains: ChainMemo = field(default_factory=ChainMemo)
    plan: bool = False


def _salvaged(validated: ValidationResult) -> dict[Path, Repairs]:
    """The files with schema errors whose model was salvaged, with what was repaired."""
    found: list[Checked[Any] | None] = [
        validated.plan,
        validated.roms,
        *validated.technologies.values(),
        *validated.valuechains.values(),
    ]
    return {c.document.file: c.repairs for c in found if c is not None and c.repairs is not None}


def _without_salvaged(validated: ValidationResult) -> ValidationResult:
    """The validation as if salvaged files had been left out (as they were before salvage)."""
    if not _salvaged(validated):
        return validated
    return replace(
        validated,
        plan=validated.plan if validated.plan and validated.plan.repairs is None else None,
        roms=validated.roms if validated.roms and validated.roms.repairs is None else None,
        technologies={k: v for k, v in validated.technologies.items() if v.repairs is None},
        valuechains={k: v for k, v in validated.valuechains.items() if v.repairs is None},
    )


def _with_salvaged(
    validated: ValidationResult, problems: list[Problem], memo: CheckMemo | None
) -> list[Problem]:
    """``problems`` (the link stage without salvaged files) and the cross-file problems
    found in the salvaged files themselves, but those about what was repaired (see
    ``ntsplan.validate.salvage``). Problems the salvaged models would cause in other files
    are left out: they could be about a repair."""
    repairs = _salvaged(validated)
    if not repairs:
        return problems
    partial = link(validated, memo=memo.chains if memo else None, build_plan=False)
    return problems + [
        p for p in partial.problems if p.file in repairs and not repairs[p.file].hides(p)
    ]


def check_folder(
    data_dir: Path, *, reader: Reader = read_document, memo: CheckMemo | None = None
) -> CheckResult:
    """Run load, validate and link over ``data_dir`` and gather every problem, sorted.

    Raises ``DataFolderError`` when ``data_dir`` is not a folder; every problem with the
    files inside it is returned as a value. ``reader`` and ``memo`` let the language server
    run this same computation over unsaved buffers, re-validating only changed files and
    re-checking the references of changed value chains only; the problems are the same.
    """
    loaded = load_folder(data_dir, reader)
    validated = validate_files(loaded, memo.validation if memo else None)
    whole = _without_salvaged(validated)
    linked = link(whole, memo=memo.chains, build_plan=memo.plan) if memo else link(whole)
    cross_file = _with_salvaged(validated, linked.problems, memo)
    problems = sort_problems([*loaded.problems, *validated.problems, *cross_file])
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    summary = Summary(
        files=loaded.files_seen,
        roms=len(validated.roms.model.roms) if validated.roms else 0,
        technologies=len(validated.technologies),
        valuechains=len(validated.valuechains),
        activities=sum(len(c.model.activities) for c in validated.valuechains.values()),
        errors=errors,
        warnings=len(problems) - errors,
    )
    return CheckResult(
        plan=linked.plan if errors == 0 else None,
        problems=problems,
        summary=summary,
        environment_error=loaded.environment_error,
        sources=loaded.files,
    )
