"""The cross-cutting parts of the document: ROM agendas, completeness, parties, sources."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from markupsafe import Markup, escape

from ntsplan.collation import reading_key
from ntsplan.link.model import Plan
from ntsplan.plan.completeness import Gap, GapKind, assess
from ntsplan.plan.labels import Labels
from ntsplan.plan.rollup import Amounts, involving_rom, rollup
from ntsplan.plan.slicing import Selection
from ntsplan.render.views import (
    ActivityView,
    AgendaEntry,
    ChainGaps,
    CompletenessView,
    Link,
    OtherOwners,
    PartyEntry,
    RomAgenda,
    SourceEntry,
    rom_anchor,
)
from ntsplan.schema import Source


class ContextBuilder(Protocol):
    """What the index parts need from the document's context builder
    (``render.context.ContextBuilder``), named here so that this module does not import
    that one, which imports this."""

    plan: Plan
    labels: Labels
    sl: Selection

    def has(self, section: str) -> bool: ...

    def shown(self, value: str) -> tuple[str, str | None]: ...

    def chain_link(self, chain_id: str) -> Link: ...

    def tech_link(self, tech_id: str) -> Link: ...

    def activity(self, chain_id: str, index_: int) -> ActivityView: ...


ACTIVITY_GAPS = frozenset(
    {GapKind.ACTIVITY_NO_PERIOD, GapKind.ACTIVITY_NO_BUDGET, GapKind.ACTIVITY_NO_KPI}
)


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order a reader expects ('Ö' with 'O'); equal keys by the text itself."""
    return (reading_key(text), text)


def agendas(b: ContextBuilder, rom_ids: Iterable[str]) -> tuple[RomAgenda, ...]:
    """Per ROM, every activity it owns or joins, in value-chain and activity order."""
    result = []
    whole = rollup(b.plan)
    for rom_id in rom_ids:
        entries = []
        for chain_id, chain in b.plan.valuechains.items():
            for i, activity in enumerate(chain.activities):
                if activity.owner == rom_id:
                    entries.append(AgendaEntry(b.activity(chain_id, i), "owner"))
                elif rom_id in activity.partners:
                    entries.append(AgendaEntry(b.activity(chain_id, i), "partner"))
        owned = whole.by_rom.row(rom_id)
        involved = rollup(b.plan, where=involving_rom(rom_id))
        result.append(
            RomAgenda(
                b.plan.roms[rom_id],
                rom_anchor(rom_id),
                tuple(entries),
                owned.amounts if owned is not None else Amounts(),
                involved.total,
                owned.activities if owned is not None else 0,
                involved.budgeted,
            )
        )
    return tuple(result)


def other_owners(b: ContextBuilder) -> OtherOwners:
    """The activities a stakeholder other than a ROM leads, and the sums that show how
    the agendas' lead totals and these add up to the plan's total."""
    whole = rollup(b.plan)
    views = tuple(
        b.activity(chain_id, i)
        for chain_id, chain in b.plan.valuechains.items()
        for i, activity in enumerate(chain.activities)
        if activity.owner not in b.plan.roms
    )
    others = whole.by_rom.row(None)
    rom_rows = [row.amounts for row in whole.by_rom.rows if row.key is not None]
    return OtherOwners(
        activities=views,
        amounts=others.amounts if others is not None else Amounts(),
        budgeted=others.activities if others is not None else 0,
        roms=Amounts(
            math.fsum(a.indicative for a in rom_rows), math.fsum(a.committed for a in rom_rows)
        ),
        total=whole.total,
    )


def _gap_text(b: ContextBuilder, chain_id: str, gap: Gap) -> str:
    """The gap in words; an activity's title from the data keeps its own ``lang``."""
    template = b.labels.text(f"gaps.{gap.kind.value}")
    subject: str = gap.subject or ""
    language = None
    if gap.kind in ACTIVITY_GAPS:
        chain = b.plan.valuechains[chain_id]
        title = next(a.title for a in chain.activities if a.id == gap.subject)
        subject, language = b.shown(title)
    elif gap.kind is GapKind.TECHNOLOGY_NO_AMBITION:
        subject = b.tech_link(subject).text
    elif gap.kind is GapKind.NO_SEGMENT:
        subject = b.labels.text(f"segments.{subject}")
    elif gap.kind is GapKind.NOT_FINAL:
        subject = b.labels.text(f"status.{subject}")
    if language is None:
        return template.format(subject=subject)
    marked = Markup('<span lang="{}">{}</span>').format(language, subject)
    return escape(template).format(subject=marked)


def completeness(b: ContextBuilder) -> CompletenessView:
    """The completeness chapter: figures from ``ntsplan.plan.completeness``, gaps in words."""
    figures = assess(b.plan)
    chains = tuple(
        ChainGaps(
            b.chain_link(c.chain_id),
            c.status.value,
            tuple(_gap_text(b, c.chain_id, gap) for gap in c.gaps),
        )
        for c in figures.chains
    )
    missing = figures.technologies_without_ambition
    if b.sl.kind is not None:  # a slice: only the technologies its value chains use
        used = {r.id for chain in b.plan.valuechains.values() for r in chain.technologies}
        missing = tuple(t for t in missing if t in used)
    techs = tuple(b.tech_link(t) for t in missing)
    return CompletenessView(figures, chains, techs)


def parties(b: ContextBuilder) -> tuple[PartyEntry, ...]:
    """Every ROM and stakeholder, alphabetically, with the chains it appears in.

    Stakeholders are chain-local; the same name in several chains is one entry.
    """
    entries: list[PartyEntry] = []
    chains = b.plan.valuechains
    for rom_id, rom in b.plan.roms.items():
        entries.append(
            PartyEntry(
                name=rom.name,
                kind="rom",
                sme=None,
                chains=tuple(
                    b.chain_link(c)
                    for c, chain in chains.items()
                    if rom_id in chain.workgroup.roms
                    or any(rom_id in (a.owner, *a.partners) for a in chain.activities)
                    or any(rom_id in k.members for k in chain.consortia)
                ),
                owns=sum(1 for _, a in b.plan.activities() if a.owner == rom_id),
                joins=sum(1 for _, a in b.plan.activities() if rom_id in a.partners),
            )
        )
    by_name: dict[str, list[tuple[str, str]]] = {}
    for chain_id, chain in chains.items():
        for stakeholder in chain.stakeholders:
            by_name.setdefault(stakeholder.name.casefold(), []).append((chain_id, stakeholder.id))
    for places in by_name.values():
        first_chain, first_id = places[0]
        first = next(s for s in chains[first_chain].stakeholders if s.id == first_id)
        pairs = [(a, sid) for c, sid in places for a in chains[c].activities]
        entries.append(
            PartyEntry(
                name=first.name,
                kind=first.kind.value,
                sme=first.sme,
                chains=tuple(b.chain_link(c) for c in dict.fromkeys(c for c, _ in places)),
                owns=sum(1 for a, sid in pairs if a.owner == sid),
                joins=sum(1 for a, sid in pairs if sid in a.partners),
            )
        )
    return tuple(sorted(entries, key=lambda e: sort_key(e.name)))


def sources(b: ContextBuilder) -> tuple[SourceEntry, ...]:
    """Every source the document's parts cite, once per address, alphabetically by title,
    with where it is cited. A slice lists only what it shows: the colophon's sources when
    it has one, the ROM's of its agendas, the technologies when their chapter is in it."""
    cited: list[tuple[Source, Link, str]] = []  # the source, where cited, its data-src
    colophon = Link(b.labels.text("chapters.colophon"), "colophon" if b.has("colophon") else None)
    if b.has("colophon"):
        plan_sources = enumerate(b.plan.info.sources)
        cited.extend((s, colophon, f"plan#sources/{i}") for i, s in plan_sources)
    for rom in b.plan.roms.values():
        if b.sl.kind is not None and rom.id not in b.sl.agenda_roms:
            continue
        where = f"roms#roms/{rom.id}/sources"
        cited.extend((s, Link(rom.short), f"{where}/{i}") for i, s in enumerate(rom.sources))
    for tech_id, tech in b.plan.technologies.items() if b.has("technologies") else ():
        link, where = b.tech_link(tech_id), f"technology/{tech_id}#"
        if tech.ambition is not None:
            cited.append((tech.ambition.source, link, f"{where}ambition/source"))
        cited.extend((s, link, f"{where}sources/{i}") for i, s in enumerate(tech.sources))
    for chain_id, chain in b.plan.valuechains.items():
        link, where = b.chain_link(chain_id), f"valuechain/{chain_id}#"
        if chain.market is not None and chain.market.source is not None:
            cited.append((chain.market.source, link, f"{where}market/source"))
        cited.extend((s, link, f"{where}sources/{i}") for i, s in enumerate(chain.sources))
    first: dict[str, tuple[Source, str]] = {}
    places: dict[str, dict[Link, None]] = {}
    for source, link, origin in cited:
        url = source.url.strip()
        first.setdefault(url, (source, origin))
        places.setdefault(url, {})[link] = None
    entries = [
        SourceEntry(first[url][0], tuple(places[url]), origin=first[url][1]) for url in first
    ]
    return tuple(sorted(entries, key=lambda e: (*sort_key(e.source.title), e.source.url)))
