"""The JSON Schema files on disk: write them, or tell which are out of date.

The files are generated from the models (``ntsplan.schema.jsonschema``). An unchanged file
is left alone, so its modification time says when the schema last changed.
"""

from __future__ import annotations

from pathlib import Path

from ntsplan.export.atomic import ensure_folder, write_if_changed
from ntsplan.schema.jsonschema import json_schemas


def stale_schemas(out_dir: Path) -> list[str]:
    """The names of the schema files in ``out_dir`` that are missing or differ from what
    the models give."""
    stale = []
    for filename, text in json_schemas().items():
        path = out_dir / filename
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(filename)
    return stale


def write_schemas(out_dir: Path) -> list[tuple[Path, bool]]:
    """Write every schema file into ``out_dir``; each path, and whether it changed."""
    ensure_folder(out_dir)
    written = []
    for filename, text in json_schemas().items():
        path = out_dir / filename
        written.append((path, write_if_changed(path, text.encode("utf-8"))))
    return written
