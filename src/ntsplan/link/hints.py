"""What to write for a reference that names nothing: the id a name stands for, the nearest
id, or the ids there are.

An id that passes the schema but is unknown (``oost-nl`` where the ROM is ``oost``,
``fotonica`` for ``photonics``) may still be a name: every name in ``roms.yaml`` and the
technology files, accents and case folded, points to its id. Otherwise a did-you-mean, and
failing that the list of ids that exist, so the editor never has to guess.
"""

from __future__ import annotations

from collections.abc import Iterable

from ntsplan.suggest import closest, hint
from ntsplan.validate import ValidationResult
from ntsplan.validate.names import NameIndex, fold

_SHOWN = 12
"""At most this many ids in a list; a longer list ends with the count of the rest."""


def listing(ids: Iterable[str]) -> str:
    """'a, b, c' (sorted), shortened for long lists."""
    ordered = sorted(set(ids))
    if len(ordered) > _SHOWN:
        return ", ".join(ordered[:_SHOWN]) + f" and {len(ordered) - _SHOWN} more"
    return ", ".join(ordered)


def names_of(validated: ValidationResult) -> NameIndex:
    """The names of the valid ROM's and technologies, by folded name."""
    index = NameIndex()
    if validated.roms is not None:
        for rom in validated.roms.model.roms:
            NameIndex._add(index.roms, rom.id, (rom.id, str(rom.name), str(rom.short)))
    for tech_id, checked in validated.technologies.items():
        model = checked.model
        names = [tech_id, str(model.name.nl), str(model.name.en), *map(str, model.aliases)]
        NameIndex._add(index.technologies, tech_id, names)
    return index


def fix_for(
    written: str, known: Iterable[str], names: dict[str, str], what: str
) -> tuple[str, str | None]:
    """(text to append to the message, certain suggestion) for an unknown ``written``."""
    known = set(known)
    named = names.get(fold(written))
    if named is not None and named in known:
        return f"; '{written}' is the name of {what} '{named}': write {named}", named
    match = closest(written, known)
    if match:
        return hint(match), match
    if known:
        return f"; the {what} ids are: {listing(known)}", None
    if what == "technology":
        return "; there are no technology files yet: add one with 'ntsplan new technology'", None
    return "; there are none yet: add it to roms.yaml", None
