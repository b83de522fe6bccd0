"""Finds the files of a plan folder and loads each of them.

The layout::

    DATA_DIR/plan.yaml                the plan's metadata
    DATA_DIR/roms.yaml                the ROM registry
    DATA_DIR/technologies/<id>.yaml   one file per NTS technology
    DATA_DIR/valuechains/<id>.yaml    one file per value chain

A file that cannot be used is a problem, not a crash; the other files still load.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ntsplan.errors import DataFolderError
from ntsplan.load.ignore import IgnoreRules
from ntsplan.load.layout import FOLDERS, SINGLE_FILES, Kind, LoadResult, Reader, SourceFile
from ntsplan.load.reader import NotRegularFileError, read_document
from ntsplan.problems import Problem, Severity
from ntsplan.schema.base import ID_HELP, ID_RE, suggest_id


class _FolderLoader:
    def __init__(self, root: Path, reader: Reader) -> None:
        self.root = root
        self.reader = reader
        self.real_root = root.resolve()
        self.result = LoadResult()
        self.rules = IgnoreRules()

    def warn(self, file: Path, code: str, message: str) -> None:
        self.result.problems.append(Problem(file, 1, 1, code, message, Severity.WARNING))

    def error(self, file: Path, code: str, message: str) -> None:
        self.result.problems.append(Problem(file, 1, 1, code, message))

    def ignored(self, entry: Path, *, is_dir: bool | None = None, relative: str = "") -> bool:
        relative = relative or entry.relative_to(self.root).as_posix()
        return self.rules.ignores(relative, is_dir=entry.is_dir() if is_dir is None else is_dir)

    def inside(self, path: Path) -> bool:
        """Whether ``path``, links followed, lies inside the data folder."""
        try:
            # Resolve every file, not only links: a linked sub-folder leads outside as well.
            real = path.resolve()
        except RuntimeError:  # a symlink loop (Python < 3.13 raises RuntimeError)
            real = self.real_root
        return real.is_relative_to(self.real_root)

    def load(self, kind: Kind, file: Path, ident: str, *, plain_inside: bool = False) -> None:
        """Load one data file. ``plain_inside``: the caller knows it is a regular entry (no
        link, no folder) of a folder that lies inside the data folder, so nothing needs to
        be resolved (the language server re-runs this for every keystroke)."""
        self.result.files_seen += 1
        self.result.present[kind].add(ident)
        if not plain_inside and not self.inside(file):
            self.error(
                file,
                "outside-data",
                "this file lies outside the data folder (a link leads there); ntsplan reads "
                "only files inside it — copy the file in instead",
            )
            return
        if not plain_inside and file.is_dir():
            self.error(
                file,
                "not-a-file",
                f"'{file.name}' is a folder, not a file; move what is in it out, delete the "
                f"folder and write '{file.name}' as a YAML file",
            )
            return
        try:
            document, problems = self.reader(file)
        except NotRegularFileError:
            self.result.environment_error = True
            self.error(
                file,
                "unreadable",
                "cannot read the file: it is not a regular file (a pipe, socket or device); "
                "replace it with a plain YAML file",
            )
            return
        except OSError as exc:
            self.result.environment_error = True
            reason = exc.strerror or exc.__class__.__name__
            self.error(
                file, "unreadable", f"cannot read the file ({reason}); check its permissions"
            )
            return
        for problem in problems:
            if problem.code == "empty-file":
                try:
                    only_comments = bool(file.read_bytes().strip())
                except OSError:
                    only_comments = False
                message = empty_message(kind, only_comments, ident)
                self.result.problems.append(replace(problem, message=message))
            else:
                self.result.problems.append(problem)
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
                self.error(twin, "wrong-extension", both_message(twin, name))
            return
        if twin.is_file():
            self.error(twin, "wrong-extension", f"rename '{twin.name}' to '{name}'")
        else:
            self.error(file, "missing-file", f"'{name}' is missing; create it (see the README)")

    def use_ignore_list(self) -> None:
        """Add the ``ignore:`` patterns of plan.yaml (read raw: they steer the loading
        itself; the schema checks their form like any other field)."""
        for source in self.result.files:
            if source.kind is Kind.PLAN and isinstance(source.document.data, dict):
                extra = source.document.data.get("ignore")
                if isinstance(extra, list):
                    self.rules = IgnoreRules.with_extra(p for p in extra if isinstance(p, str))

    def scan_root(self) -> None:
        """Name every entry at the top of the plan folder that is not read."""
        known = {*SINGLE_FILES.values(), *FOLDERS.values()}
        known |= {Path(name).with_suffix(".yml").name for name in SINGLE_FILES.values()}
        for entry in sorted(self.root.iterdir(), key=lambda p: p.name):
            if entry.name in known or self.ignored(entry):
                continue
            if entry.is_dir():
                self.warn(
                    entry,
                    "ignored-file",
                    f"the folder '{entry.name}/' is not read ({READ_HERE}); move the files "
                    f"you need there, or add '{entry.name}/' to 'ignore' in plan.yaml",
                )
            elif entry.suffix in (".yaml", ".yml"):
                self.misplaced(entry)
            else:
                self.warn(
                    entry,
                    "ignored-file",
                    f"this file is not part of the plan ({READ_HERE}); move it out of the "
                    f"data folder, or add '{entry.name}' to 'ignore' in plan.yaml",
                )

    def misplaced(self, entry: Path) -> None:
        """A YAML file where none is read: say where it belongs, judged by its content."""
        try:
            document, _ = self.reader(entry)
        except OSError:
            document = None
        kind = looks_like(document.data) if document else None
        stem = entry.stem if ID_RE.match(entry.stem) else suggest_id(entry.stem) or "a-valid-id"
        if kind in FOLDERS:
            where = f"{FOLDERS[kind]}/{stem}.yaml"
            self.warn(
                entry,
                "misplaced-file",
                f"this file is not read: it looks like {KIND_WORDS[kind]}, and those are "
                f"read from {FOLDERS[kind]}/ — move it to '{where}'",
            )
        elif kind is not None:
            self.warn(
                entry,
                "misplaced-file",
                f"this file is not read: it looks like {KIND_WORDS[kind]}, but only "
                f"'{SINGLE_FILES[kind]}' is read — move what you need into it and delete "
                f"'{entry.name}'",
            )
        else:
            self.warn(
                entry,
                "misplaced-file",
                f"this file is not read ({READ_HERE}); move it into technologies/ or "
                "valuechains/, or out of the data folder",
            )

    def load_folder(self, kind: Kind, name: str) -> None:
        folder = self.root / name
        if not folder.is_dir():
            self.warn(folder, "missing-folder", f"the folder '{name}/' is missing; create it")
            return
        folder_inside = self.inside(folder)
        with os.scandir(folder) as scan:
            listing = sorted(scan, key=lambda e: e.name)
        for item in listing:
            entry = _child(folder, item.name)
            try:
                is_dir = item.is_dir()
            except OSError:  # a symlink loop: reported when the file is loaded
                is_dir = False
            if self.ignored(entry, is_dir=is_dir, relative=f"{name}/{item.name}"):
                continue
            stem = item.name[:-5]
            if not is_dir and item.name.endswith(".yaml") and ID_RE.match(stem):
                # The usual case, in plain string operations (pathlib's are slow).
                plain = folder_inside and not item.is_symlink()
                self.load(kind, entry, stem, plain_inside=plain)
                continue
            if is_dir:
                if entry.suffix in (".yaml", ".yml"):
                    self.error(
                        entry,
                        "not-a-file",
                        f"'{entry.name}' is a folder, not a file; move what is in it into "
                        f"'{name}/' and delete the folder",
                    )
                    continue
                self.warn(
                    entry,
                    "ignored-file",
                    f"sub-folders are not read; move the files into '{name}/' itself, or "
                    f"add '{name}/{entry.name}/' to 'ignore' in plan.yaml",
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
                    self.error(entry, "wrong-extension", both_message(entry, f"{stem}.yaml"))
                    continue
                self.error(
                    entry,
                    "wrong-extension",
                    f"ntsplan reads only .yaml files; rename it to '{stem}.yaml'",
                )
                continue
            if entry.suffix != ".yaml":
                self.warn(
                    entry,
                    "ignored-file",
                    "not a .yaml file, so not part of the plan; rename it to .yaml if it "
                    "is a data file, otherwise move it out of the data folder (or add "
                    f"'{name}/{entry.name}' to 'ignore' in plan.yaml)",
                )
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
            plain = folder_inside and not item.is_symlink()
            self.load(kind, entry, entry.stem, plain_inside=plain)


@lru_cache(maxsize=65536)
def _child(folder: Path, name: str) -> Path:
    """``folder / name``, the same object each time: the language server loads the folder on
    every keystroke, and a path that is not built again hashes at no cost."""
    return folder / name


def load_folder(root: Path, reader: Reader = read_document) -> LoadResult:
    """Load every data file under ``root``. Raises ``DataFolderError`` only when ``root``
    itself is missing or not a folder: then there is nothing to report on.

    ``reader`` reads one file; the default reads it from disk (the language server passes
    one that reads unsaved editor buffers and reuses unchanged documents)."""
    if not root.exists():
        raise DataFolderError(
            f"no such folder: {root}",
            hint="give the folder that holds plan.yaml, e.g. 'ntsplan validate --data data'",
        )
    if not root.is_dir():
        raise DataFolderError(f"not a folder: {root}", hint="give the folder that holds plan.yaml")
    loader = _FolderLoader(root, reader)
    for kind, name in SINGLE_FILES.items():
        loader.load_single(kind, name)
    loader.use_ignore_list()
    loader.scan_root()
    for kind, name in FOLDERS.items():
        loader.load_folder(kind, name)
    return loader.result


def both_message(twin: Path, read: str) -> str:
    return (
        f"'{twin.name}' is not read, '{read}' beside it is; move what you need into "
        f"'{read}' and delete '{twin.name}'"
    )


KIND_WORDS = {
    Kind.PLAN: "the plan's own settings (plan.yaml)",
    Kind.ROMS: "the ROM list (roms.yaml)",
    Kind.TECHNOLOGY: "a technology",
    Kind.VALUECHAIN: "a value chain",
}

READ_HERE = "ntsplan reads plan.yaml, roms.yaml, technologies/ and valuechains/"


def looks_like(data: object) -> Kind | None:
    """Which kind of data file ``data`` resembles, judged by its top-level keys."""
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if keys & {"workgroup", "activities", "stakeholders", "segments"}:
        return Kind.VALUECHAIN
    if {"number", "name"} <= keys or "agenda" in keys:
        return Kind.TECHNOLOGY
    if "roms" in keys:
        return Kind.ROMS
    if keys & {"publishers", "expects", "deadline"}:
        return Kind.PLAN
    return None


def empty_message(kind: Kind, only_comments: bool, ident: str = "ID") -> str:
    """What an empty data file of ``kind`` needs at least, and where to get a start: the
    ``ntsplan new`` command for this file's id, which writes it once the file is gone
    (it never overwrites a file)."""
    from pydantic import BaseModel  # noqa: PLC0415 - only for an empty file

    from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain  # noqa: PLC0415

    model: type[BaseModel] = {  # type: ignore[assignment]
        Kind.PLAN: PlanInfo,
        Kind.ROMS: RomRegistry,
        Kind.TECHNOLOGY: Technology,
        Kind.VALUECHAIN: ValueChain,
    }[kind]
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    state = "holds only comments" if only_comments else "is empty"
    start = {
        Kind.VALUECHAIN: f"; or delete this file and run 'ntsplan new valuechain {ident} "
        "--title ... --rom ... --rom ... --technology ...' to write one to start from",
        Kind.TECHNOLOGY: f"; or delete this file and run 'ntsplan new technology {ident} "
        "--name-nl ... --name-en ...' to write one to start from",
    }.get(kind, " (see 'The data folder' in the README)")
    return f"the file {state}; it needs at least: {', '.join(required)}{start}"
