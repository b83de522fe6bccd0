"""The layout of a plan folder, and what loading it gives.

DATA_DIR/plan.yaml                the plan's metadata
DATA_DIR/roms.yaml                the ROM registry
DATA_DIR/technologies/<id>.yaml   one file per NTS technology
DATA_DIR/valuechains/<id>.yaml    one file per value chain
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.load.document import Document
from ntsplan.problems import Problem


class Kind(enum.StrEnum):
    """The kinds of file in a plan folder."""

    PLAN = "plan"
    ROMS = "roms"
    TECHNOLOGY = "technology"
    VALUECHAIN = "valuechain"


Reader = Callable[[Path], tuple[Document | None, list[Problem]]]
"""Reads and parses one data file (``read_document``). Another reader can serve an editor's
unsaved buffers or cached documents; it raises OSError as ``read_document`` does."""

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
