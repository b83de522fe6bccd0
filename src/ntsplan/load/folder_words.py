"""What the folder loader says about files it cannot use: which kind a stray file looks
like, what an empty file needs, which of two twins is read."""

from __future__ import annotations

from pathlib import Path

from ntsplan.load.layout import Kind


def both_message(twin: Path, read: str) -> str:
    return (
        f"'{twin.name}' is not read, '{read}' beside it is; move what you need into "
        f"'{read}' and delete '{twin.name}'"
    )


KIND_WORDS = {
    Kind.PLAN: "the plan's own settings (plan.yaml)",
    Kind.ROMS: "the ROM list (roms.yaml)",
    Kind.TECHNOLOGY: "a technology",
    Kind.VALUECHAIN: "a value chain",
}

READ_HERE = "ntsplan reads plan.yaml, roms.yaml, technologies/ and valuechains/"


def looks_like(data: object) -> Kind | None:
    """Which kind of data file ``data`` resembles, judged by its top-level keys."""
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if keys & {"workgroup", "activities", "stakeholders", "segments"}:
        return Kind.VALUECHAIN
    if {"number", "name"} <= keys or "agenda" in keys:
        return Kind.TECHNOLOGY
    if "roms" in keys:
        return Kind.ROMS
    if keys & {"publishers", "expects", "deadline"}:
        return Kind.PLAN
    return None


def empty_message(kind: Kind, only_comments: bool, ident: str = "ID") -> str:
    """What an empty data file of ``kind`` needs at least, and where to get a start: the
    ``ntsplan new`` command for this file's id, which writes it once the file is gone
    (it never overwrites a file)."""
    from pydantic import BaseModel  # noqa: PLC0415 - only for an empty file

    from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain  # noqa: PLC0415

    model: type[BaseModel] = {  # type: ignore[assignment]
        Kind.PLAN: PlanInfo,
        Kind.ROMS: RomRegistry,
        Kind.TECHNOLOGY: Technology,
        Kind.VALUECHAIN: ValueChain,
    }[kind]
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    state = "holds only comments" if only_comments else "is empty"
    start = {
        Kind.VALUECHAIN: f"; or delete this file and run 'ntsplan new valuechain {ident} "
        "--title ... --rom ... --rom ... --technology ...' to write one to start from",
        Kind.TECHNOLOGY: f"; or delete this file and run 'ntsplan new technology {ident} "
        "--name-nl ... --name-en ...' to write one to start from",
    }.get(kind, " (see 'The data folder' in the README)")
    return f"the file {state}; it needs at least: {', '.join(required)}{start}"
