"""Names written where an id belongs: "Oost NL" for ``oost``, "Fotonica" for ``photonics``.

An editor who knows a ROM or a technology by its name writes that name. The schema then
refuses it as an id, and a slug of the name ("oost-nl") would only fail the next check. So
every name in ``roms.yaml`` (official and short) and in the technology files (Dutch,
English, aliases), accents and case folded, points to its id, and the message says which
id to write. Where no name matches, the message lists the ids there are instead of
suggesting a slug that names nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ntsplan.edits import Applicability
from ntsplan.load import Kind, LoadResult
from ntsplan.load.characters import invisible_in
from ntsplan.load.document import DocPath, Document
from ntsplan.problems import Problem


def fold(text: str) -> str:
    """'Oost-NL', 'oost nl' and 'Óost NL' all as 'oost nl'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


@dataclass(slots=True)
class NameIndex:
    """Folded names of ROM's and technologies (and a chain's stakeholders) to their ids."""

    roms: dict[str, str] = field(default_factory=dict)
    technologies: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_load(cls, loaded: LoadResult) -> NameIndex:
        """Built from the raw documents, so that names help even when a file is invalid."""
        index = cls()
        for source in loaded.files:
            data = source.document.data
            if source.kind is Kind.ROMS and isinstance(data, dict):
                for rom in data.get("roms") or []:
                    if isinstance(rom, dict) and isinstance(rom.get("id"), str):
                        rom_names = [rom.get("id"), rom.get("name"), rom.get("short")]
                        index._add(index.roms, rom["id"], rom_names)
            elif source.kind is Kind.TECHNOLOGY and isinstance(data, dict):
                name = data.get("name")
                names: list[object] = [source.id, *(data.get("aliases") or [])]
                if isinstance(name, dict):
                    names += list(name.values())
                index._add(index.technologies, source.id, names)
        return index

    @staticmethod
    def _add(table: dict[str, str], ident: str, names: Iterable[object]) -> None:
        for name in names:
            if isinstance(name, str) and fold(name):
                table.setdefault(fold(name), ident)


def _stakeholders(document: Document) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in document.get(("stakeholders",)) or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            for name in (item.get("id"), item.get("name")):
                if isinstance(name, str) and fold(name):
                    found.setdefault(fold(name), item["id"])
    return found


_ROM_PLACES = (
    ("workgroup", "lead"),
    ("workgroup", "roms", int),
    ("workgroup", "contact", "rom"),
    ("publishers", int),
)
_PARTY_PLACES = (
    ("activities", int, "owner"),
    ("activities", int, "partners", int),
    ("consortia", int, "members", int),
)
_TECHNOLOGY_PLACES = (("technologies", int, "id"), ("alignment", int, "technology"))


def _matches(path: DocPath, places: tuple[tuple[object, ...], ...]) -> bool:
    return any(
        len(place) == len(path)
        and all(
            (p is int and isinstance(s, int)) or p == s for p, s in zip(place, path, strict=True)
        )
        for place in places
    )


def id_for(
    index: NameIndex, document: Document, path: DocPath, text: str
) -> tuple[str, str] | None:
    """(what, id) for a name written at ``path``, e.g. ("ROM", "oost")."""
    key = fold(text)
    if not key:
        return None
    if _matches(path, _ROM_PLACES) and key in index.roms:
        return "ROM", index.roms[key]
    if _matches(path, _PARTY_PLACES):
        if key in index.roms:
            return "ROM", index.roms[key]
        stakeholders = _stakeholders(document)
        if key in stakeholders:
            return "stakeholder", stakeholders[key]
    if _matches(path, _TECHNOLOGY_PLACES) and key in index.technologies:
        return "technology", index.technologies[key]
    return None


def known_ids(
    index: NameIndex, path: DocPath, document: Document | None = None
) -> tuple[str, list[str]] | None:
    """What may be written at ``path`` and the ids there are, for a name that matches none."""
    if _matches(path, _ROM_PLACES):
        return "ROM", sorted(set(index.roms.values()))
    if _matches(path, _PARTY_PLACES):
        stakeholders = set(_stakeholders(document).values()) if document else set()
        return "ROM or stakeholder", sorted(set(index.roms.values()) | stakeholders)
    if _matches(path, _TECHNOLOGY_PLACES):
        return "technology", sorted(set(index.technologies.values()))
    return None


def reword_names(problems: list[Problem], loaded: LoadResult) -> list[Problem]:
    """Invalid-id problems where a name was written: say whose name it is and which id to
    write; where no name matches, list the ids instead of a slug that names nothing."""
    if not any(p.code == "invalid-value" and p.path for p in problems):
        return problems
    index = NameIndex.from_load(loaded)
    documents = {source.document.file: source.document for source in loaded.files}
    reworded: list[Problem] = []
    for problem in problems:
        document = documents.get(problem.file)
        value = document.get(problem.path) if document and problem.path else None
        if (
            problem.code != "invalid-value"
            or not isinstance(value, str)
            or document is None
            or invisible_in(value) is not None  # that message names the hidden character
        ):
            reworded.append(problem)
            continue
        found = id_for(index, document, problem.path, value)
        if found is not None and fold(found[1]) == fold(value):
            reworded.append(problem)  # 'Noord' for 'noord': "write 'noord'" says it all
            continue
        if found is not None:
            what, ident = found
            message = f"'{value}' is the name of {what} '{ident}'; write its id: {ident}"
            fix = document.replacement(problem.path, ident, applicability=Applicability.SAFE)
            reworded.append(replace(problem, message=message, fix=fix))
            continue
        choices = known_ids(index, problem.path, document)
        if choices and choices[1] and "is not a valid id" in problem.message:
            what, ids = choices
            message = (
                f"'{value}' is not a {what} id, nor the name of one; write one of: {', '.join(ids)}"
            )
            reworded.append(replace(problem, message=message, fix=None))
            continue
        reworded.append(problem)
    return reworded
