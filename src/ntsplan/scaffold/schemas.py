"""The JSON Schema files on disk: write them, or tell which are out of date.

The files are generated from the models (``ntsplan.schema.jsonschema``). An unchanged file
is left alone, so its modification time says when the schema last changed.
"""

from __future__ import annotations

from pathlib import Path

from ntsplan.atomic import ensure_folder, write_if_changed
from ntsplan.schema.jsonschema import json_schemas
from ntsplan.schema.plain import KnownIds


def known_ids(data_dir: Path | None) -> KnownIds | None:
    """The ROM's and technologies of the plan folder, offered as examples in the schemas;
    None without a plan folder. Files with errors add nothing (``validate`` reports them)."""
    from ntsplan.load import load_folder  # noqa: PLC0415 - only when a folder is given
    from ntsplan.validate import validate_files  # noqa: PLC0415

    if data_dir is None or not (data_dir / "plan.yaml").is_file():
        return None
    validated = validate_files(load_folder(data_dir))
    roms = validated.roms.model.roms if validated.roms else []
    return KnownIds(
        roms={rom.id: rom.short for rom in roms},
        technologies={
            tech_id: checked.model.name.nl for tech_id, checked in validated.technologies.items()
        },
    )


def stale_schemas(out_dir: Path, data_dir: Path | None = None) -> list[str]:
    """The names of the schema files in ``out_dir`` that are missing or differ from what
    the models give (with the ids of ``data_dir`` as examples)."""
    stale = []
    for filename, text in json_schemas(known_ids(data_dir)).items():
        path = out_dir / filename
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(filename)
    return stale


def write_schemas(out_dir: Path, data_dir: Path | None = None) -> list[tuple[Path, bool]]:
    """Write every schema file into ``out_dir``; each path, and whether it changed."""
    ensure_folder(out_dir)
    written = []
    for filename, text in json_schemas(known_ids(data_dir)).items():
        path = out_dir / filename
        written.append((path, write_if_changed(path, text.encode("utf-8"))))
    return written
