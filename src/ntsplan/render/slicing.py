"""Slices of the plan: one ROM's part, or one value chain, as a document of its own."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ntsplan.errors import UsageError
from ntsplan.link.model import Plan
from ntsplan.schema import ValueChain
from ntsplan.validate.suggest import did_you_mean

# The parts of the document in reading order: the body of the report, then the annexes
# (bijlagen, lettered A, B, ...), which hold the working material.
FULL_SECTIONS = (
    "colophon",
    "contents",
    "summary",
    "introduction",
    "matrices",
    "technologies",
    "valuechains",
    "agendas",
    "conclusions",
    "completeness",
    "parties",
    "sources",
    "abbreviations",
)
# A ROM reads its own agenda first, then the chains it works in.
ROM_SECTIONS = (
    "colophon",
    "contents",
    "summary",
    "introduction",
    "agendas",
    "valuechains",
    "completeness",
    "sources",
    "abbreviations",
)
VALUECHAIN_SECTIONS = ("contents", "summary", "valuechains", "completeness", "abbreviations")
ANNEXES = frozenset({"completeness", "parties", "sources", "abbreviations"})


class UnknownSliceError(UsageError):
    """The ROM or value chain asked for as a slice does not exist in the plan."""


@dataclass(frozen=True, slots=True)
class Slice:
    """The part of the plan a document shows.

    ``plan`` holds only the value chains in the slice (ROM's and technologies stay whole,
    since chains refer to them); ``agenda_roms`` are the ROM's whose agendas are shown.
    """

    plan: Plan
    kind: str | None
    id: str | None
    sections: tuple[str, ...]
    agenda_roms: tuple[str, ...]


def takes_part(chain: ValueChain, rom_id: str) -> bool:
    """Whether a ROM is in the chain's working group, an activity or a consortium."""
    return (
        rom_id in chain.workgroup.roms
        or any(a.owner == rom_id or rom_id in a.partners for a in chain.activities)
        or any(rom_id in c.members for c in chain.consortia)
    )


def apply_slice(plan: Plan, rom: str | None, valuechain: str | None) -> Slice:
    """The slice asked for; the whole plan when neither ``rom`` nor ``valuechain`` is set.

    Raises ``UnknownSliceError`` (a usage error) for an id that is not in the plan.
    """
    if rom is not None and valuechain is not None:
        raise UsageError("choose either a ROM or a value chain to slice by, not both")
    if rom is not None:
        if rom not in plan.roms:
            raise UnknownSliceError(
                f"no ROM '{rom}' in roms.yaml{did_you_mean(rom, plan.roms)}",
                hint=f"known ROM's: {', '.join(plan.roms)}",
            )
        chains = {cid: c for cid, c in plan.valuechains.items() if takes_part(c, rom)}
        return Slice(replace(plan, valuechains=chains), "rom", rom, ROM_SECTIONS, (rom,))
    if valuechain is not None:
        if valuechain not in plan.valuechains:
            raise UnknownSliceError(
                f"no value chain '{valuechain}' in valuechains/"
                f"{did_you_mean(valuechain, plan.valuechains)}",
                hint=f"known value chains: {', '.join(plan.valuechains)}",
            )
        chains = {valuechain: plan.valuechains[valuechain]}
        return Slice(
            replace(plan, valuechains=chains), "valuechain", valuechain, VALUECHAIN_SECTIONS, ()
        )
    return Slice(plan, None, None, FULL_SECTIONS, tuple(plan.roms))
