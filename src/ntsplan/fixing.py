"""Applying the fixes that problems carry, to a plan folder's texts, and checking again.

The engine of ``ntsplan fix`` (and of the tests that prove each fix): check the folder, take
the fixes of the problems (the safe ones, and with ``unsafe`` the unsafe ones too), apply
those that do not overlap with ``ntsplan.edits``, check again; repeat while fixes remain
and something changed (a fix whose edits overlap an earlier one waits for the next round,
as in ruff). A round whose fixes would add a problem that was not there before is undone
and its fixes are tried one by one, so that no fix ever makes the data worse. Nothing is
written here: the caller gets the new texts and decides (``--diff`` only shows them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.check import CheckResult, check_folder
from ntsplan.edits import EditConflictError, Fix, apply_edits, overlapping
from ntsplan.load.document import Document
from ntsplan.load.reader import document_from_bytes, read_document
from ntsplan.problems import Problem

MAX_ROUNDS = 8
"""Fixes that wait for a later round (overlaps) are few; a loop must end all the same."""


@dataclass(slots=True)
class FixOutcome:
    """What fixing a folder did: the texts before and after for each changed file, the
    fixes applied (in order), the fixes left unapplied (unsafe ones without ``unsafe``, and
    ones that would add a problem), and the check of the result."""

    before: dict[Path, str] = field(default_factory=dict)
    after: dict[Path, str] = field(default_factory=dict)
    applied: list[tuple[Problem, Fix]] = field(default_factory=list)
    withheld: list[tuple[Problem, Fix]] = field(default_factory=list)
    result: CheckResult | None = None

    @property
    def changed(self) -> dict[Path, str]:
        """The new text of every file whose text changed."""
        return {f: t for f, t in self.after.items() if self.before.get(f) != t}


SYNTAX_CODES = frozenset(
    {"yaml-syntax", "tab-indent", "duplicate-key", "empty-file", "encoding", "control-character"}
)
"""Problems a fix must never cause anywhere in a file: the file no longer reads."""


def _breaks(before: list[Problem], after: list[Problem], fixes: list[tuple[Problem, Fix]]) -> bool:
    """Whether applying ``fixes`` made things worse: a fixed problem is still there, or a
    new problem stands on a line the edits wrote (or the file no longer reads). Problems
    that only come to light (a chain that now validates gets its cross-file checks) are
    not the fix's doing."""
    old = {(p.file, p.code, p.line) for p in before}
    now = {(p.file, p.code, p.line, p.column) for p in after}
    lines: dict[Path, set[int]] = {}
    for problem, fix in fixes:
        if (problem.file, problem.code, problem.line, problem.column) in now:
            return True
        for edit in fix.edits:
            span = range(edit.start_line, edit.start_line + edit.text.count("\n") + 1)
            lines.setdefault(edit.file, set()).update(span)
    return any(
        (p.file, p.code, p.line) not in old
        and (p.line in lines.get(p.file, ()) or p.code in SYNTAX_CODES)
        for p in after
    )


class _Overlay:
    """A reader that takes the fixed texts where there are some, the disk elsewhere."""

    def __init__(self, texts: dict[Path, str]) -> None:
        self.texts = texts

    def __call__(self, file: Path) -> tuple[Document | None, list[Problem]]:
        text = self.texts.get(file)
        if text is None:
            return read_document(file)
        return document_from_bytes(file, text.encode("utf-8"))


def _text_of(file: Path, documents: dict[Path, Document]) -> str | None:
    """The text the fix's positions refer to: the parsed one, or for a file that does not
    parse (its fix is what makes it parse) the file's own text."""
    document = documents.get(file)
    if document is not None:
        return document.text
    try:
        return file.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def fix_folder(
    data_dir: Path,
    *,
    unsafe: bool = False,
    check: Callable[..., CheckResult] = check_folder,
) -> FixOutcome:
    """Apply the fixes of ``data_dir``'s problems in memory, round by round, and return
    what changed and the final check. Raises what ``check_folder`` raises."""
    outcome = FixOutcome()
    refused: set[tuple[tuple[str, int, int, str, str], str]] = set()
    texts: dict[Path, str] = {}
    reader = _Overlay(texts)
    result = check(data_dir, reader=reader)
    for _ in range(MAX_ROUNDS):
        documents = {s.document.file: s.document for s in result.sources if s.document}
        chosen: list[tuple[Problem, Fix]] = []
        for problem in result.problems:
            fix = problem.fix
            if fix is None:
                continue
            if not (fix.is_safe or unsafe):
                if (problem, fix) not in outcome.withheld:
                    outcome.withheld.append((problem, fix))
                continue
            if (problem.sort_key, fix.title) in refused:
                continue
            if any(overlapping(fix.edits, other.edits) for _, other in chosen):
                continue
            chosen.append((problem, fix))
        if not chosen:
            break
        kept = _apply_round(
            data_dir,
            chosen,
            documents=documents,
            texts=texts,
            outcome=outcome,
            result=result,
            check=check,
        )
        refused.update((p.sort_key, f.title) for p, f in outcome.withheld)
        if not kept:
            break
        result = check(data_dir, reader=reader)
    outcome.result = result
    outcome.after = dict(texts)
    return outcome


def _apply_round(
    data_dir: Path,
    chosen: list[tuple[Problem, Fix]],
    *,
    documents: dict[Path, Document],
    texts: dict[Path, str],
    outcome: FixOutcome,
    result: CheckResult,
    check: Callable[..., CheckResult],
) -> bool:
    """Apply ``chosen`` to ``texts`` if together they add no problem, else each one that
    adds none on its own; whether anything was applied."""

    def attempt(fixes: list[tuple[Problem, Fix]]) -> dict[Path, str] | None:
        current = {}
        for _, fix in fixes:
            for edit in fix.edits:
                if edit.file not in current:
                    text = texts.get(edit.file)
                    if text is None:
                        text = _text_of(edit.file, documents)
                        if text is None:
                            return None
                    current[edit.file] = text
        try:
            changed = apply_edits(current, [e for _, fix in fixes for e in fix.edits])
        except EditConflictError:
            return None
        trial = {**texts, **changed}
        after = check(data_dir, reader=_Overlay(trial))
        if _breaks(result.problems, after.problems, fixes):
            return None  # the fix would leave its problem or add one where it wrote
        return changed

    changed = attempt(chosen)
    if changed is not None:
        _keep(changed, chosen, documents, texts, outcome)
        return True
    for pair in chosen:
        changed = attempt([pair])
        if changed is None:
            outcome.withheld.append(pair)
            continue
        _keep(changed, [pair], documents, texts, outcome)
        return True  # the others' positions refer to the text before this one: next round
    return False


def _keep(
    changed: dict[Path, str],
    fixes: list[tuple[Problem, Fix]],
    documents: dict[Path, Document],
    texts: dict[Path, str],
    outcome: FixOutcome,
) -> None:
    for file in changed:
        if file not in outcome.before:
            outcome.before[file] = texts.get(file) or _text_of(file, documents) or ""
    texts.update(changed)
    outcome.applied.extend(fixes)
