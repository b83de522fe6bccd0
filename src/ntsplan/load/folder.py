"""Finds the files of a plan folder and loads each of them.

The layout::

    DATA_DIR/plan.yaml                the plan's metadata
    DATA_DIR/roms.yaml                the ROM registry
    DATA_DIR/technologies/<id>.yaml   one file per NTS technology
    DATA_DIR/valuechains/<id>.yaml    one file per value chain

A file that cannot be used is a problem, not a crash; the other files still load.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.errors import DataFolderError
from ntsplan.load.document import Document
from ntsplan.load.reader import NotRegularFileError, read_document
from ntsplan.problems import Problem, Severity
from ntsplan.schema.base import ID_HELP, ID_RE, suggest_id


class Kind(enum.StrEnum):
    """The kinds of file in a plan folder."""

    PLAN = "plan"
    ROMS = "roms"
    TECHNOLOGY = "technology"
    VALUECHAIN = "valuechain"


SINGLE_FILES = {Kind.PLAN: "plan.yaml", Kind.ROMS: "roms.yaml"}
FOLDERS = {Kind.TECHNOLOGY: "technologies", Kind.VALUECHAIN: "valuechains"}


@dataclass(slots=True)
class SourceFile:
    """A loaded data file: what kind it is, its id (file stem) and its document."""

    kind: Kind
    id: str
    document: Document


@dataclass(slots=True)
class LoadResult:
    """Everything the load stage found: usable documents, problems, files seen.

    ``present`` holds the id of every data file found, loaded or not: a file with a syntax
    error still exists, so references to it are not "unknown" and it counts as present.
    """

    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present: dict[Kind, set[str]] = field(default_factory=lambda: {kind: set() for kind in Kind})
    files_seen: int = 0
    environment_error: bool = False


def _both_message(twin: Path, read: str) -> str:
    return (
        f"'{twin.name}' is not read, '{read}' beside it is; move what you need into "
        f"'{read}' and delete '{twin.name}'"
    )


class _FolderLoader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.result = LoadResult()

    def warn(self, file: Path, code: str, message: str) -> None:
        self.result.problems.append(Problem(file, 1, 1, code, message, Severity.WARNING))

    def error(self, file: Path, code: str, message: str) -> None:
        self.result.problems.append(Problem(file, 1, 1, code, message))

    def load(self, kind: Kind, file: Path, ident: str) -> None:
        self.result.files_seen += 1
        self.result.present[kind].add(ident)
        try:
            # Resolve every file, not only links: a linked sub-folder leads outside as well.
            real = file.resolve()
        except RuntimeError:  # a symlink loop (Python < 3.13 raises RuntimeError)
            real = self.real_root
        if not real.is_relative_to(self.real_root):
            self.error(
                file,
                "outside-data",
                "this file lies outside the data folder (a link leads there); ntsplan reads "
                "only files inside it — copy the file in instead",
            )
            return
        try:
            document, problems = read_document(file)
        except NotRegularFileError:
            self.result.environment_error = True
            self.error(
                file,
                "unreadable",
                "cannot read the file: it is not a regular file (a pipe, socket, device or "
                "folder); replace it with a plain YAML file",
            )
            return
        except OSError as exc:
            self.result.environment_error = True
            reason = exc.strerror or exc.__class__.__name__
            self.error(
                file, "unreadable", f"cannot read the file ({reason}); check its permissions"
            )
            return
        self.result.problems.extend(problems)
        if document is not None:
            self.result.files.append(SourceFile(kind, ident, document))

    def load_single(self, kind: Kind, name: str) -> None:
        file = self.root / name
        twin = file.with_suffix(".yml")
        if file.exists() or file.is_symlink():
            # Whatever stands there is loaded, so that a pipe, a folder or a broken link
            # is reported as such rather than as a missing file.
            self.load(kind, file, kind.value)
            if twin.exists():
                self.error(twin, "wrong-extension", _both_message(twin, name))
            return
        if twin.is_file():
            self.error(twin, "wrong-extension", f"rename '{twin.name}' to '{name}'")
        else:
            self.error(file, "missing-file", f"'{name}' is missing; create it (see the README)")

    def load_folder(self, kind: Kind, name: str) -> None:
        folder = self.root / name
        if not folder.is_dir():
            self.warn(folder, "missing-folder", f"the folder '{name}/' is missing; create it")
            return
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.startswith("."):
                continue  # .gitkeep, editor swap files
            if entry.is_dir():
                self.warn(
                    entry,
                    "ignored-file",
                    f"sub-folders are not read; move the files into '{name}/' itself",
                )
                continue
            if entry.suffix == ".yml":
                stem = (
                    entry.stem
                    if ID_RE.match(entry.stem)
                    else suggest_id(entry.stem) or "a-valid-id"
                )
                if entry.with_suffix(".yaml").exists():
                    # Renaming would overwrite the file that is read; say so instead.
                    self.error(entry, "wrong-extension", _both_message(entry, f"{stem}.yaml"))
                    continue
                self.error(
                    entry,
                    "wrong-extension",
                    f"ntsplan reads only .yaml files; rename it to '{stem}.yaml'",
                )
                continue
            if entry.suffix != ".yaml":
                self.warn(entry, "ignored-file", "not a .yaml file, so not part of the plan")
                continue
            if not ID_RE.match(entry.stem):
                slug = suggest_id(entry.stem)
                self.error(
                    entry,
                    "bad-id",
                    f"the file name '{entry.stem}' is not a valid id ({ID_HELP}); "
                    f"rename the file to '{slug or 'a-valid-id'}.yaml'",
                )
                continue
            self.load(kind, entry, entry.stem)


def load_folder(root: Path) -> LoadResult:
    """Load every data file under ``root``. Raises ``DataFolderError`` only when ``root``
    itself is missing or not a folder: then there is nothing to report on."""
    if not root.exists():
        raise DataFolderError(
            f"no such folder: {root}",
            hint="give the folder that holds plan.yaml, e.g. 'ntsplan validate --data data'",
        )
    if not root.is_dir():
        raise DataFolderError(f"not a folder: {root}", hint="give the folder that holds plan.yaml")
    loader = _FolderLoader(root)
    for kind, name in SINGLE_FILES.items():
        loader.load_single(kind, name)
    for kind, name in FOLDERS.items():
        loader.load_folder(kind, name)
    return loader.result
