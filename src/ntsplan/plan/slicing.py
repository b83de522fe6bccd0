"""Slices of the plan: one ROM's part, or one value chain, as a document of its own."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.schema import ValueChain

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
# Chapters get a number in document order, annexes a letter; these get neither.
UNNUMBERED = frozenset({"colophon", "contents", "summary"})
ANNEXES = frozenset({"completeness", "parties", "sources", "abbreviations"})


@dataclass(frozen=True, slots=True)
class Selection:
    """The part of the plan an edition's document shows.

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


def select(plan: Plan, edition: Edition) -> Selection:
    """The part of ``plan`` that ``edition`` shows (checked by ``choose_edition``)."""
    if edition.rom is not None:
        rom = edition.rom
        chains = {cid: c for cid, c in plan.valuechains.items() if takes_part(c, rom)}
        return Selection(replace(plan, valuechains=chains), "rom", rom, ROM_SECTIONS, (rom,))
    if edition.valuechain is not None:
        valuechain = edition.valuechain
        chains = {valuechain: plan.valuechains[valuechain]}
        return Selection(
            replace(plan, valuechains=chains), "valuechain", valuechain, VALUECHAIN_SECTIONS, ()
        )
    return Selection(plan, None, None, FULL_SECTIONS, tuple(plan.roms))
