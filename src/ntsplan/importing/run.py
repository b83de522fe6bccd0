"""The import façade: check the plan, read the workbook, find the edits, write them into
the YAML texts in memory, check the plan again with those texts, compare, and (with
``write``) replace the changed files, all of them or none.

Nothing is written while any error stands: a bad cell, an edit that cannot be placed, or
an edited plan that does not validate. The change report compares the plan before with
the plan the edited texts make, as ``ntsplan diff`` would after the write.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.check import CheckMemo, CheckResult, Summary, check_folder
from ntsplan.diff.compare import compare
from ntsplan.diff.report import DiffReport, Side
from ntsplan.edits import EditConflictError, TextEdit, apply_edits
from ntsplan.importing.activity_rows import ActivityRows
from ntsplan.importing.changes import Changes, Edit
from ntsplan.importing.kpi_rows import KpiRows
from ntsplan.importing.workbook import read_workbook
from ntsplan.importing.yaml_edits import FileEditor, NotPlacedError
from ntsplan.load import Document, Kind
from ntsplan.load.reader import document_from_bytes, read_document
from ntsplan.problems import Problem, Severity, sort_problems
from ntsplan.report.base import display_path

Parsed = tuple[Document | None, list[Problem]]


@dataclass(slots=True)
class ImportOutcome:
    """What an import found and did.

    ``result`` holds the problems to report (of the data folder, or of the workbook and
    its edits) with the data folder's summary; ``report`` the change, when there is one
    to show; ``files`` the files that change (written when ``written``).
    """

    result: CheckResult
    report: DiffReport | None = None
    files: list[Path] = field(default_factory=list)
    written: bool = False

    @property
    def conflicts(self) -> int:
        """Rows left out because their YAML changed since the workbook was made."""
        return sum(1 for p in self.result.problems if p.code == "row-conflict")


class _Reader:
    """Reads each data file once; serves edited texts in place of their files."""

    def __init__(self) -> None:
        self.cache: dict[Path, Parsed] = {}
        self.texts: dict[Path, str] = {}

    def __call__(self, file: Path) -> Parsed:
        text = self.texts.get(file)
        if text is not None:
            return document_from_bytes(file, text.encode("utf-8", "surrogatepass"))
        if file not in self.cache:
            self.cache[file] = read_document(file)
        return self.cache[file]


def _with_problems(result: CheckResult, problems: list[Problem]) -> CheckResult:
    found = sort_problems([*result.problems, *problems])
    errors = sum(1 for p in found if p.is_error)
    summary = dataclasses.replace(result.summary, errors=errors, warnings=len(found) - errors)
    return CheckResult(
        plan=result.plan,
        problems=found,
        summary=summary,
        environment_error=result.environment_error,
    )


def import_workbook(
    workbook: Path, data_dir: Path, *, write: bool = False, force: bool = False
) -> ImportOutcome:
    """Import ``workbook`` into the plan in ``data_dir``; write only with ``write``."""
    reader = _Reader()
    memo = CheckMemo(plan=True)
    before = check_folder(data_dir, reader=reader, memo=memo)
    if before.plan is None or before.has_errors() or before.environment_error:
        return ImportOutcome(before)
    book, problems = read_workbook(workbook)
    empty = CheckResult(
        plan=None, summary=dataclasses.replace(before.summary, errors=0, warnings=0)
    )
    if book is None:
        return ImportOutcome(_with_problems(empty, problems))
    changes = Changes()
    ActivityRows(book, before.plan, changes, force=force).read()
    KpiRows(book, before.plan, changes, force=force).read()
    found = list(changes.problems)
    if any(p.is_error for p in found):
        return ImportOutcome(_with_problems(empty, found))
    documents = {
        source.id: source.document for source in before.sources if source.kind is Kind.VALUECHAIN
    }
    edits, origin = _text_edits(book.file, changes, documents, found)
    if any(p.is_error for p in found):
        return ImportOutcome(_with_problems(empty, found))
    texts = {document.file: document.text for document in documents.values()}
    try:
        new_texts = apply_edits(texts, edits)
    except EditConflictError as error:
        first = next(iter(origin.values()))[0]
        found.append(_not_placed(book.file, first, Path(), str(error)))
        return ImportOutcome(_with_problems(empty, found))
    reader.texts = new_texts
    after = check_folder(data_dir, reader=reader, memo=memo)
    known = {p.sort_key for p in before.problems}
    invalid = [p for p in after.problems if p.is_error and p.sort_key not in known]
    if invalid or after.plan is None:
        found.extend(_invalid(book.file, p, after, origin) for p in invalid)
        return ImportOutcome(_with_problems(empty, found))
    diff = compare(before.plan, after.plan)
    report = DiffReport(Side(), Side(display_path(workbook)), diff)
    files = sorted(new_texts, key=lambda f: f.as_posix())
    files = [f for f in files if new_texts[f] != texts[f]]
    written = False
    if write and files:
        _write_all({f: new_texts[f] for f in files})
        written = True
    return ImportOutcome(_with_problems(empty, found), report, files, written)


def _text_edits(
    workbook: Path, changes: Changes, documents: dict[str, Document], found: list[Problem]
) -> tuple[list[TextEdit], dict[tuple[str, str], list[Edit]]]:
    """The text edits of every changed value chain file, and the workbook edits of each
    activity (to locate problems of the edited plan); a problem in ``found`` for each edit
    that cannot be placed."""
    edits: list[TextEdit] = []
    origin: dict[tuple[str, str], list[Edit]] = {}
    for chain_id in dict.fromkeys(chain for chain, _ in changes.edits):
        document = documents[chain_id]
        mine = {a: e for (c, a), e in changes.edits.items() if c == chain_id}
        origin.update({(chain_id, a): e for a, e in mine.items()})
        try:
            editor = FileEditor(document.file, document.text)
        except NotPlacedError as error:
            first = next(iter(mine.values()))[0]
            found.append(_not_placed(workbook, first, document.file, str(error)))
            continue
        for activity_id, activity_edits in mine.items():
            try:
                editor.apply(activity_id, activity_edits)
            except NotPlacedError as error:
                found.append(_not_placed(workbook, activity_edits[0], document.file, str(error)))
        edits.extend(editor.text_edits())
    return edits, origin


def _not_placed(workbook: Path, edit: Edit, file: Path, reason: str) -> Problem:
    where = f" in {display_path(file)}" if file.parts else ""
    return Problem(
        workbook,
        edit.cell.row,
        edit.cell.column,
        "edit-not-placed",
        f"this value cannot be written{where} as the YAML is laid out there ({reason}); "
        "write it into the YAML by hand",
        sheet=edit.sheet,
    )


def _invalid(
    workbook: Path, problem: Problem, after: CheckResult, origin: dict[tuple[str, str], list[Edit]]
) -> Problem:
    """A problem of the edited plan, at the cell whose value caused it."""
    chain_id = problem.file.stem
    cell_edit: Edit | None = None
    path = problem.path
    if len(path) >= 2 and path[0] == "activities" and isinstance(path[1], int):
        for source in after.sources:
            if source.kind is Kind.VALUECHAIN and source.id == chain_id:
                activity_id = source.document.get(("activities", path[1], "id"))
                edits = origin.get((chain_id, str(activity_id)), [])
                inner = tuple(path[2:])
                matching = [e for e in edits if inner[: len(e.path)] == e.path[: len(inner)]]
                cell_edit = next(iter(matching or edits), None)
    if cell_edit is None:
        cell_edit = next(e for edits in origin.values() for e in edits)
    return Problem(
        workbook,
        cell_edit.cell.row,
        cell_edit.cell.column,
        "edit-invalid",
        f"{problem.message} (the workbook's value, written into "
        f"{display_path(problem.file)}:{problem.line})",
        Severity.ERROR,
        sheet=cell_edit.sheet,
    )


def _write_all(texts: dict[Path, str]) -> None:
    """Replace every file, each in one step (a reader sees the old or the new file)."""
    from ntsplan.atomic import atomic_write  # noqa: PLC0415

    encoded = {file: text.encode("utf-8") for file, text in texts.items()}
    for file, data in encoded.items():
        atomic_write(file, data)


__all__ = ["ImportOutcome", "Summary", "import_workbook"]
