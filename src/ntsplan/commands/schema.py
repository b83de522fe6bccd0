"""``ntsplan schema``: write the JSON Schema files that editors use, or check them.

The files are generated from the models (``ntsplan.schema.jsonschema``). An unchanged file
is left alone, so its modification time says when the schema last changed.
"""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.errors import EXIT_OK, EXIT_PROBLEMS
from ntsplan.export.atomic import ensure_folder, write_if_changed
from ntsplan.schema.jsonschema import json_schemas
from ntsplan.schema.plain import KnownIds
from ntsplan.settings import SchemaSettings


def known_ids(settings: SchemaSettings) -> KnownIds | None:
    """The ROM's and technologies of the plan folder, offered as examples in the schemas;
    None without a plan folder. Files with errors add nothing (``validate`` reports them)."""
    from ntsplan.load import load_folder  # noqa: PLC0415 - only when a folder is given
    from ntsplan.validate import validate_files  # noqa: PLC0415

    data = settings.data_dir
    if data is None or not (data / "plan.yaml").is_file():
        return None
    validated = validate_files(load_folder(data))
    roms = validated.roms.model.roms if validated.roms else []
    return KnownIds(
        roms={rom.id: rom.short for rom in roms},
        technologies={
            tech_id: checked.model.name.nl for tech_id, checked in validated.technologies.items()
        },
    )


def stale_schemas(settings: SchemaSettings) -> list[str]:
    """The names of the schema files in ``settings.out_dir`` that are missing or differ
    from what the models give."""
    stale = []
    for filename, text in json_schemas(known_ids(settings)).items():
        path = settings.out_dir / filename
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(filename)
    return stale


def run_schema(settings: SchemaSettings, stream: IO[str] | None = None) -> int:
    """Write (or with ``check``, compare) the schema files; return the exit code."""
    out = stream or sys.stdout
    if settings.check:
        stale = stale_schemas(settings)
        for filename in stale:
            out.write(f"{settings.out_dir / filename}: out of date with the models\n")
        if stale:
            out.write("ntsplan: run 'ntsplan schema' to write them again\n")
            return EXIT_PROBLEMS
        out.write(f"ntsplan: the schemas in {settings.out_dir} are up to date\n")
        return EXIT_OK
    ensure_folder(settings.out_dir)
    for filename, text in json_schemas(known_ids(settings)).items():
        path = settings.out_dir / filename
        changed = write_if_changed(path, text.encode("utf-8"))
        out.write(f"{'wrote' if changed else 'unchanged'} {path}\n")
    return EXIT_OK
