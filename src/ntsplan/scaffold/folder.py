"""What ``ntsplan new`` needs to know about the plan folder it adds a file to.

Read through the load stage, so a file with a mistake elsewhere does not stop a new one
being made: only the ROM ids, the technology ids and numbers, and the plan's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.load import Kind, load_folder
from ntsplan.schema.base import ID_MAX_LENGTH, ID_RE


@dataclass(frozen=True, slots=True)
class KnownIds:
    """The ids a new file can refer to, and what else it should fit in with."""

    roms: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    valuechains: tuple[str, ...] = ()
    technology_numbers: dict[int, str] = field(default_factory=dict)
    language: str = "nl"
    roms_readable: bool = False


def known_ids(data_dir: Path) -> KnownIds:
    """The ROM, technology and value chain ids in ``data_dir``; raises ``DataFolderError``
    when it is not a folder."""
    loaded = load_folder(data_dir)
    roms: list[str] = []
    numbers: dict[int, str] = {}
    language = "nl"
    roms_readable = False
    for source in loaded.files:
        data = source.document.data
        if not isinstance(data, dict):
            continue
        if source.kind is Kind.ROMS and isinstance(data.get("roms"), list):
            roms_readable = True
            roms += [r["id"] for r in data["roms"] if isinstance(r, dict) and _is_id(r.get("id"))]
        elif source.kind is Kind.TECHNOLOGY and isinstance(data.get("number"), int):
            numbers.setdefault(data["number"], source.id)
        elif source.kind is Kind.PLAN and data.get("language") in {"nl", "en"}:
            language = data["language"]
    return KnownIds(
        roms=tuple(dict.fromkeys(roms)),
        technologies=tuple(sorted(loaded.present[Kind.TECHNOLOGY])),
        valuechains=tuple(sorted(loaded.present[Kind.VALUECHAIN])),
        technology_numbers=numbers,
        language=language,
        roms_readable=roms_readable,
    )


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_RE.match(value))


def is_valid_id(value: str) -> bool:
    """Whether ``value`` can be an id (and so a file name)."""
    return len(value) <= ID_MAX_LENGTH and bool(ID_RE.match(value))
