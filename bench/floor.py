"""The floor for ``ntsplan validate``: the least any pydantic + PyYAML tool must do.

Start Python, import pydantic (its ``BaseModel``, which a tool needs to validate anything)
and PyYAML, and parse every ``.yaml`` file of the folder with libyaml's CSafeLoader.
Run as a separate process: ``python bench/floor.py DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from pydantic import BaseModel


def parse_all(root: Path) -> int:
    """Parse every .yaml file under ``root``; the number of files parsed."""
    count = 0
    for file in sorted(root.rglob("*.yaml")):
        with file.open("rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    assert BaseModel is not None  # imported on purpose: part of the floor's cost
    parse_all(Path(sys.argv[1]))
