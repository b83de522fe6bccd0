"""The façade of ``ntsplan new``: write a new data file that validates at once.

Everything is checked before the file is written: the id (a valid id, no such file yet),
the ROM and technology ids (they exist in the plan folder), the working group (two ROM's
at least). The rendered text is then read back through ntsplan's own loader and model, so
a scaffold that would not validate is a bug reported as such, never a file on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ntsplan.atomic import atomic_write
from ntsplan.errors import UsageError
from ntsplan.load.yamlfile import parse_text
from ntsplan.scaffold import KnownIds, known_ids, render_scaffold
from ntsplan.scaffold.environment import YamlText
from ntsplan.scaffold.folder import is_valid_id
from ntsplan.schema import Technology, ValueChain
from ntsplan.schema.base import ID_HELP, suggest_id
from ntsplan.schema.jsonschema import modeline
from ntsplan.settings import NewTechnologySettings, NewValueChainSettings
from ntsplan.suggest import did_you_mean

# The text for the one required prose field, in the plan's language; the editor replaces it.
ROLE_PLACEHOLDER = {
    "nl": "Nog te beschrijven: wat deze technologie in deze waardeketen doet.",
    "en": "To be written: what this technology does in this value chain.",
}


def _check_id(ident: str, what: str) -> None:
    if not is_valid_id(ident):
        slug = suggest_id(ident) or "a-valid-id"
        raise UsageError(
            f"'{ident}' is not a valid {what} id: use {ID_HELP} (at most 64) — try '{slug}'",
            hint="the id is also the file name; it cannot be changed without breaking links",
        )


def _target(data_dir: Path, folder: str, ident: str) -> Path:
    target = data_dir / folder / f"{ident}.yaml"
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{target} already exists; ntsplan new never overwrites a file",
            hint="choose another id, or edit the existing file",
        )
    return target


def _text(value: str, option: str) -> str:
    text = value.strip()
    if not text:
        raise UsageError(f"{option} is empty; give the text, e.g. {option} 'Groene waterstof'")
    return text


def _unknown(given: Iterable[str], known: Sequence[str], what: str) -> list[str]:
    return [f"unknown {what} '{g}'{did_you_mean(g, known)}" for g in given if g not in known]


def _no_repeats(given: Sequence[str], option: str) -> None:
    repeated = sorted({g for g in given if given.count(g) > 1})
    if repeated:
        raise UsageError(f"{option} {repeated[0]} is given twice; give each id once")


def _check_references(settings: NewValueChainSettings, known: KnownIds) -> None:
    if len(settings.roms) < 2:
        raise UsageError(
            "a value chain needs at least two ROM's in its working group: give --rom at "
            "least twice, the lead first",
            hint="for example: --rom nom --rom oost-nl",
        )
    if not settings.technologies:
        raise UsageError(
            "a value chain needs at least one NTS technology: give --technology",
            hint="for example: --technology photonics",
        )
    _no_repeats(settings.roms, "--rom")
    _no_repeats(settings.technologies, "--technology")
    if not known.roms_readable:
        raise UsageError(
            f"cannot read the ROM ids from {settings.data_dir / 'roms.yaml'}",
            hint=f"run 'ntsplan validate --data {settings.data_dir}' and fix roms.yaml first",
        )
    unknown = _unknown(settings.roms, known.roms, "ROM")
    unknown += _unknown(settings.technologies, known.technologies, "technology")
    if unknown:
        hints = [f"ROM ids: {', '.join(known.roms)}"]
        hints.append(f"technology ids: {', '.join(known.technologies) or '(none)'}")
        raise UsageError("; ".join(unknown), hint="; ".join(hints))


def _verified(text: str, model: type[BaseModel], target: Path) -> str:
    """``text`` if ntsplan's loader and model accept it; a scaffold that does not validate
    is a bug in ntsplan, not a mistake of the user."""
    document, problems = parse_text(target, text)
    if document is None or problems:
        raise RuntimeError(f"the scaffold for {target} does not parse: {problems}")
    try:
        model.model_validate(document.data)
    except ValidationError as error:
        raise RuntimeError(f"the scaffold for {target} does not validate: {error}") from None
    return text


def _write(target: Path, text: str) -> Path:
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {target.parent}: {error.strerror}") from None
    if target.exists():  # made by someone else since the check; still never overwrite
        raise UsageError(f"{target} already exists; ntsplan new never overwrites a file")
    atomic_write(target, text.encode("utf-8"))
    return target


def valuechain_text(settings: NewValueChainSettings, language: str, *, examples: bool) -> str:
    """The text of a new value chain file (``examples``: the commented examples active)."""
    return render_scaffold(
        "valuechain",
        examples=examples,
        modeline=YamlText(modeline("valuechain", 1)),
        title=settings.title.strip(),
        lead=settings.roms[0],
        roms=list(settings.roms),
        partner=settings.roms[1],
        technologies=list(settings.technologies),
        role=ROLE_PLACEHOLDER[language],
    )


def new_valuechain(settings: NewValueChainSettings) -> Path:
    """Check the options and write ``valuechains/<id>.yaml``; return its path."""
    _check_id(settings.id, "value chain")
    _text(settings.title, "--title")
    known = known_ids(settings.data_dir)
    target = _target(settings.data_dir, "valuechains", settings.id)
    _check_references(settings, known)
    text = _verified(valuechain_text(settings, known.language, examples=False), ValueChain, target)
    return _write(target, text)


def _number(settings: NewTechnologySettings, known: KnownIds) -> int:
    numbers = known.technology_numbers
    if settings.number is None:
        return max(numbers, default=0) + 1
    if settings.number in numbers:
        free = max(numbers, default=0) + 1
        raise UsageError(
            f"number {settings.number} is already used by technology "
            f"'{numbers[settings.number]}'; the next free number is {free}"
        )
    return settings.number


def technology_text(settings: NewTechnologySettings, number: int, *, examples: bool) -> str:
    """The text of a new technology file (``examples``: the commented examples active)."""
    return render_scaffold(
        "technology",
        examples=examples,
        modeline=YamlText(modeline("technology", 1)),
        number=number,
        name_nl=settings.name_nl.strip(),
        name_en=settings.name_en.strip(),
    )


def new_technology(settings: NewTechnologySettings) -> Path:
    """Check the options and write ``technologies/<id>.yaml``; return its path."""
    _check_id(settings.id, "technology")
    _text(settings.name_nl, "--name-nl")
    _text(settings.name_en, "--name-en")
    known = known_ids(settings.data_dir)
    target = _target(settings.data_dir, "technologies", settings.id)
    number = _number(settings, known)
    if number > 99:
        raise UsageError("technology numbers go up to 99; give a free one with --number")
    text = _verified(technology_text(settings, number, examples=False), Technology, target)
    return _write(target, text)
