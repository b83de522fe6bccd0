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
