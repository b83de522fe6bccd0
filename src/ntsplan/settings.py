"""What a command was asked to do, as one typed value (built by the CLI, read by stages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ValidateSettings:
    """Settings of ``ntsplan validate``."""

    data_dir: Path
    format: str = "auto"
    strict: bool = False


@dataclass(frozen=True, slots=True)
class FixSettings:
    """Settings of ``ntsplan fix``: apply unsafe fixes too, show a diff instead of writing."""

    data_dir: Path
    unsafe: bool = False
    diff: bool = False
    format: str = "auto"
    strict: bool = False


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """Settings of ``ntsplan build``.

    ``only`` is ``"html"``, ``"pdf"`` or None for both; ``language`` None means the
    plan's own (``plan.yaml``); ``rom`` and ``valuechain`` select a slice of the plan.
    """

    data_dir: Path
    out_dir: Path = Path("build")
    only: str | None = None
    language: str | None = None
    rom: str | None = None
    valuechain: str | None = None
    pdf_variant: str | None = None
    jobs: int | None = None
    """Processes for the PDF; None: the number of CPUs."""
    format: str = "auto"
    strict: bool = False
    today: dt.date | None = None
    """For the deadline notice (and tests); None: the machine's date."""


@dataclass(frozen=True, slots=True)
class SchemaSettings:
    """Settings of ``ntsplan schema``: the folder for the files, and whether only to
    check that the files there are up to date."""

    out_dir: Path = Path("schemas")
    check: bool = False
    data_dir: Path | None = None
    """The plan folder whose ROM and technology ids the schemas offer as examples."""


@dataclass(frozen=True, slots=True)
class NewValueChainSettings:
    """Settings of ``ntsplan new valuechain``: the first ROM leads the working group."""

    id: str
    title: str
    roms: tuple[str, ...]
    technologies: tuple[str, ...]
    data_dir: Path = Path("data")


@dataclass(frozen=True, slots=True)
class NewTechnologySettings:
    """Settings of ``ntsplan new technology``; ``number`` None takes the next free one."""

    id: str
    name_nl: str
    name_en: str
    number: int | None = None
    data_dir: Path = Path("data")


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """Settings of ``ntsplan serve``: the plan folder and where to serve its preview.

    ``port`` 0 picks any free port (the address is printed).
    """

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass(frozen=True, slots=True)
class StatusSettings:
    """Settings of ``ntsplan status``. ``today`` None means the machine's date; tests and
    reproducible reports fix it (the hidden ``--today`` option)."""

    data_dir: Path
    format: str = "text"
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DiffSettings:
    """Settings of ``ntsplan diff``: two git revisions (``head`` None: the working tree)
    and the data folder, as a path in the working tree."""

    base: str
    head: str | None = None
    data_dir: Path = Path("data")
    format: str = "text"


@dataclass(frozen=True, slots=True)
class ImportSettings:
    """Settings of ``ntsplan import``: the returned workbook, the plan folder, whether to
    write (otherwise a dry run), whether conflicting rows are written anyway, and the
    format of the report."""

    workbook: Path
    data_dir: Path = Path("data")
    write: bool = False
    force: bool = False
    format: str = "auto"
