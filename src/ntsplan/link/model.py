"""The linked plan: every file validated and every cross-reference resolved.

This is what the render stage receives; templates never see raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ntsplan.schema import Activity, PlanInfo, Rom, Stakeholder, Technology, ValueChain


@dataclass(frozen=True, slots=True)
class Party:
    """Someone who can own or join an activity: a ROM, or a stakeholder of a value chain."""

    id: str
    name: str
    rom: Rom | None = None
    stakeholder: Stakeholder | None = None

    @property
    def is_rom(self) -> bool:
        return self.rom is not None


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole plan, ready to render. Mappings keep a stable, meaningful order:
    ROM's as in roms.yaml, technologies by NTS number, value chains by title.

    ``locations`` says where each activity is written, ``valuechains/<file>:<line>`` by
    (chain id, activity id): for readers who go back to the YAML (the workbook shows it).
    It is not part of the plan's content (an edit to a comment moves it)."""

    info: PlanInfo
    roms: dict[str, Rom]
    technologies: dict[str, Technology]
    valuechains: dict[str, ValueChain]
    locations: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def party(self, chain_id: str, party_id: str) -> Party:
        """The ROM or stakeholder that ``party_id`` names inside a value chain."""
        rom = self.roms.get(party_id)
        if rom is not None:
            return Party(party_id, rom.short, rom=rom)
        for stakeholder in self.valuechains[chain_id].stakeholders:
            if stakeholder.id == party_id:
                return Party(party_id, stakeholder.name, stakeholder=stakeholder)
        raise KeyError(f"{chain_id}: no party {party_id}")  # the link stage rules this out

    def activities(self) -> list[tuple[str, Activity]]:
        """Every activity with its value chain's id, in document order."""
        return [
            (chain_id, activity)
            for chain_id, chain in self.valuechains.items()
            for activity in chain.activities
        ]
