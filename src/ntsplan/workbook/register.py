"""The Parties sheet (the register of ROM's and stakeholders) and the Completeness sheet.

Parties follow the document's register: every ROM, then every stakeholder once per name
(stakeholders are chain-local; the same name in several chains is one party), sorted by
name. Completeness shows ``ntsplan.plan.completeness``, the computation behind ``ntsplan status``
and the document's completeness chapter, so the percentages agree everywhere.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.plan.completeness import (
    ACTIVITY_FIELD_OF,
    ChainCompleteness,
    Gap,
    GapKind,
    Section,
    assess,
)
from ntsplan.plan.labels import Labels
from ntsplan.plan.slicing import takes_part
from ntsplan.workbook.cells import Cell, Kind, Link
from ntsplan.workbook.model import Column, Sheet, Summary


@dataclass(frozen=True, slots=True)
class _Party:
    name: str
    kind: str
    sme: bool | None
    chains: tuple[str, ...]
    url: str | None
    owns: int
    joins: int


def _sort_key(name: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return ("".join(c for c in folded if not unicodedata.combining(c)), name)


def parties(plan: Plan) -> list[_Party]:
    """Every ROM and stakeholder, by name, with the chains it is in and its activities."""
    activities = plan.activities()
    found = [
        _Party(
            name=rom.name,
            kind="rom",
            sme=None,
            chains=tuple(c for c, chain in plan.valuechains.items() if takes_part(chain, rom_id)),
            url=rom.url,
            owns=sum(1 for _, a in activities if a.owner == rom_id),
            joins=sum(1 for _, a in activities if rom_id in a.partners),
        )
        for rom_id, rom in plan.roms.items()
    ]
    by_name: dict[str, list[tuple[str, str]]] = {}
    for chain_id, chain in plan.valuechains.items():
        for stakeholder in chain.stakeholders:
            by_name.setdefault(stakeholder.name.casefold(), []).append((chain_id, stakeholder.id))
    for places in by_name.values():
        first_chain, first_id = places[0]
        first = next(s for s in plan.valuechains[first_chain].stakeholders if s.id == first_id)
        pairs = [(a, sid) for c, sid in places for a in plan.valuechains[c].activities]
        found.append(
            _Party(
                name=first.name,
                kind=first.kind.value,
                sme=first.sme,
                chains=tuple(dict.fromkeys(c for c, _ in places)),
                url=first.url,
                owns=sum(1 for a, sid in pairs if a.owner == sid),
                joins=sum(1 for a, sid in pairs if sid in a.partners),
            )
        )
    return sorted(found, key=lambda p: _sort_key(p.name))


def parties_sheet(plan: Plan, labels: Labels) -> Sheet:
    """The register of parties."""

    def label(key: str) -> str:
        return labels.text(f"workbook.parties.{key}")

    columns = (
        Column(label("name"), Kind.TEXT, 40),
        Column(label("kind"), Kind.TEXT, 16),
        Column(label("sme"), Kind.TEXT, 8),
        Column(label("chains"), Kind.TEXT, 48),
        Column(label("website"), Kind.LINK, 36),
        Column(label("owns"), Kind.INTEGER, 12),
        Column(label("joins"), Kind.INTEGER, 12),
    )
    yes, no = labels.text("stakeholder.yes"), labels.text("stakeholder.no")
    rows: list[tuple[Cell, ...]] = [
        (
            party.name,
            labels.text(f"party_kind.{party.kind}"),
            None if party.sme is None else yes if party.sme else no,
            "; ".join(plan.valuechains[c].title for c in party.chains) or None,
            Link(party.url, party.url) if party.url else None,
            party.owns,
            party.joins,
        )
        for party in parties(plan)
    ]
    return Sheet(labels.text("workbook.sheets.parties"), "Parties", columns, tuple(rows))


def gap_text(plan: Plan, chain_id: str, gap: Gap, labels: Labels) -> str:
    """A gap in words, as the document's completeness chapter words it."""
    template = labels.text(f"gaps.{gap.kind.value}")
    subject = gap.subject or ""
    if gap.kind in ACTIVITY_FIELD_OF:
        chain = plan.valuechains[chain_id]
        subject = next(a.title for a in chain.activities if a.id == gap.subject)
    elif gap.kind is GapKind.TECHNOLOGY_NO_AMBITION:
        tech = plan.technologies[subject]
        subject = tech.name.en if labels.language == "en" else tech.name.nl
    elif gap.kind is GapKind.NO_SEGMENT:
        subject = labels.text(f"segments.{subject}")
    elif gap.kind is GapKind.NOT_FINAL:
        subject = labels.text(f"status.{subject}")
    return template.format(subject=subject)


def _chain_row(plan: Plan, chain: ChainCompleteness, labels: Labels) -> tuple[Cell, ...]:
    return (
        plan.valuechains[chain.chain_id].title,
        chain.chain_id,
        labels.text(f"status.{chain.status.value}"),
        chain.percent / 100,
        chain.sections_filled,
        len(Section),
        chain.activities_complete,
        len(chain.activities),
        "\n".join(gap_text(plan, chain.chain_id, gap, labels) for gap in chain.gaps) or None,
    )


def completeness_sheet(plan: Plan, labels: Labels, *, whole_plan: bool) -> Sheet:
    """Per value chain its percentage and what is missing; for the whole plan (not a
    slice) also the overall percentage, as ``ntsplan status`` gives it."""

    def label(key: str) -> str:
        return labels.text(f"workbook.completeness.{key}")

    figures = assess(plan)
    columns = (
        Column(label("chain"), Kind.TEXT, 28),
        Column(label("chain_id"), Kind.TEXT, 18),
        Column(label("status"), Kind.TEXT, 12),
        Column(label("percent"), Kind.PERCENT, 12),
        Column(label("sections"), Kind.INTEGER, 14),
        Column(label("sections_total"), Kind.INTEGER, 10),
        Column(label("activities"), Kind.INTEGER, 14),
        Column(label("activities_total"), Kind.INTEGER, 12),
        Column(label("missing"), Kind.WRAPPED, 60),
    )
    rows = tuple(_chain_row(plan, chain, labels) for chain in figures.chains)
    summary = (
        Summary(label("overall"), figures.percent / 100, Kind.PERCENT, "OverallCompleteness", 3)
        if whole_plan
        else None
    )
    return Sheet(
        labels.text("workbook.sheets.completeness"), "Completeness", columns, rows, summary=summary
    )
