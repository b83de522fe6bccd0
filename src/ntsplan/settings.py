"""What a command was asked to do, as one typed value (built by the CLI, read by stages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ValidateSettings:
    """Settings of ``ntsplan validate``."""

    data_dir: Path
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
    format: str = "auto"
    strict: bool = False
