"""From a sliced ``Plan`` to the ``DocumentContext`` the templates read.

Iteration follows the plan's own order (ROM's as in roms.yaml, technologies by NTS number,
value chains by id, activities as written); anything gathered in sets is sorted.
"""

from __future__ import annotations

from ntsplan.link.model import Plan
from ntsplan.render import index
from ntsplan.render.labels import Labels
from ntsplan.render.slicing import Slice, takes_part
from ntsplan.render.timeline import build_timeline
from ntsplan.render.views import (
    ActivityView,
    ChainUse,
    ChainView,
    ConsortiumView,
    DocumentContext,
    Figures,
    Link,
    Matrix,
    MatrixColumn,
    MatrixRow,
    TechnologyRoleView,
    TechnologyView,
    TocEntry,
    activity_anchor,
    chain_anchor,
    rom_anchor,
    tech_anchor,
)
from ntsplan.rollup import rollup
from ntsplan.schema import Status, TaskKind, Technology

# Chapters that get a number, in document order; colophon and contents do not.
UNNUMBERED = frozenset({"colophon", "contents"})


def tech_name(technology: Technology, language: str) -> str:
    """The technology's name in the document's language."""
    return technology.name.en if language == "en" else technology.name.nl


class ContextBuilder:
    """Holds what every part needs: the full plan (for cross-chain links), the slice and
    the labels; each method builds one part of the context."""

    def __init__(self, full: Plan, sl: Slice, labels: Labels) -> None:
        self.full = full
        self.sl = sl
        self.plan = sl.plan
        self.labels = labels
        self.language = labels.language
        self.numbers = self._numbers()

    def has(self, section: str) -> bool:
        return section in self.sl.sections

    def _numbers(self) -> dict[str, str]:
        numbers: dict[str, str] = {}
        for section in self.sl.sections:
            if section in UNNUMBERED:
                continue
            anchors = (
                [chain_anchor(c) for c in self.plan.valuechains]
                if section == "valuechains"
                else [section]
            )
            for anchor in anchors:
                numbers[anchor] = str(len(numbers) + 1)
        return numbers

    def chain_link(self, chain_id: str) -> Link:
        chain = self.full.valuechains[chain_id]
        in_doc = self.has("valuechains") and chain_id in self.plan.valuechains
        return Link(chain.title, chain_anchor(chain_id) if in_doc else None)

    def tech_link(self, tech_id: str) -> Link:
        name = tech_name(self.plan.technologies[tech_id], self.language)
        return Link(name, tech_anchor(tech_id) if self.has("technologies") else None)

    # Activities and value chains -------------------------------------------------------

    def activity(self, chain_id: str, index_: int) -> ActivityView:
        chain = self.plan.valuechains[chain_id]
        activity = chain.activities[index_]
        depends = []
        for ref in activity.depends:
            target_chain, _, target_id = ref.rpartition("/")
            target_chain = target_chain or chain_id
            target = next(
                (a for a in self.full.valuechains[target_chain].activities if a.id == target_id),
                None,
            )
            title = target.title if target is not None else ref
            if target_chain != chain_id:
                title = f"{self.full.valuechains[target_chain].title}: {title}"
            in_doc = self.has("valuechains") and target_chain in self.plan.valuechains
            depends.append(
                Link(title, activity_anchor(target_chain, target_id) if in_doc else None)
            )
        return ActivityView(
            chain_id=chain_id,
            chain_title=chain.title,
            activity=activity,
            owner=self.plan.party(chain_id, activity.owner),
            partners=tuple(self.plan.party(chain_id, p) for p in activity.partners),
            depends=tuple(depends),
            anchor=activity_anchor(chain_id, activity.id),
        )

    def chain(self, chain_id: str) -> ChainView:
        chain = self.plan.valuechains[chain_id]
        views = [self.activity(chain_id, i) for i in range(len(chain.activities))]

        def role_view(tech_id: str, role: str) -> TechnologyRoleView:
            link = self.tech_link(tech_id)
            return TechnologyRoleView(tech_id, link.text, link.anchor, role)

        contact = chain.workgroup.contact
        return ChainView(
            id=chain_id,
            chain=chain,
            anchor=chain_anchor(chain_id),
            number=self.numbers.get(chain_anchor(chain_id), ""),
            lead=self.plan.roms[chain.workgroup.lead],
            roms=tuple(self.plan.roms[r] for r in chain.workgroup.roms),
            technologies=tuple(role_view(r.id, r.role) for r in chain.technologies),
            alignment=tuple((role_view(a.technology, ""), a.note) for a in chain.alignment),
            rom_tasks=tuple(v for v in views if v.activity.kind is TaskKind.ROM),
            other_tasks=tuple(v for v in views if v.activity.kind is TaskKind.STAKEHOLDER),
            timeline=build_timeline(views, self.labels),
            consortia=tuple(
                ConsortiumView(c, tuple(self.plan.party(chain_id, m) for m in c.members))
                for c in chain.consortia
            ),
            contact_rom=self.plan.roms[contact.rom] if contact and contact.rom else None,
        )

    # Overviews --------------------------------------------------------------------------

    def technologies(self) -> tuple[TechnologyView, ...]:
        views = []
        for tech_id, technology in self.plan.technologies.items():
            uses = tuple(
                ChainUse(self.chain_link(chain_id), role.role)
                for chain_id, chain in self.plan.valuechains.items()
                for role in chain.technologies
                if role.id == tech_id
            )
            other = technology.name.nl if self.language == "en" else technology.name.en
            views.append(
                TechnologyView(
                    tech_id,
                    technology,
                    tech_name(technology, self.language),
                    other,
                    tech_anchor(tech_id),
                    uses,
                )
            )
        return tuple(views)

    def tech_matrix(self) -> Matrix:
        columns = tuple(
            MatrixColumn(str(t.number), link.text, link.anchor)
            for tech_id, t in self.plan.technologies.items()
            for link in [self.tech_link(tech_id)]
        )
        rows = tuple(
            MatrixRow(
                self.chain_link(chain_id),
                tuple(
                    "member" if any(r.id == tech_id for r in chain.technologies) else ""
                    for tech_id in self.plan.technologies
                ),
            )
            for chain_id, chain in self.plan.valuechains.items()
        )
        return Matrix(columns, rows)

    def rom_matrix(self) -> Matrix:
        shown = self.sl.agenda_roms if self.has("agendas") else ()
        columns = tuple(
            MatrixColumn(rom.short, rom.name, rom_anchor(rom_id) if rom_id in shown else None)
            for rom_id, rom in self.plan.roms.items()
        )
        rows = tuple(
            MatrixRow(
                self.chain_link(chain_id),
                tuple(
                    "lead"
                    if rom_id == chain.workgroup.lead
                    else "member"
                    if rom_id in chain.workgroup.roms
                    else ""
                    for rom_id in self.plan.roms
                ),
            )
            for chain_id, chain in self.plan.valuechains.items()
        )
        return Matrix(columns, rows)

    def figures(self) -> Figures:
        activities = [a for _, a in self.plan.activities()]
        budget = rollup(self.plan)
        chains = self.plan.valuechains.values()
        return Figures(
            valuechains=len(self.plan.valuechains),
            expected_valuechains=self.plan.info.expects.valuechains,
            roms=sum(1 for r in self.plan.roms if any(takes_part(c, r) for c in chains)),
            roms_total=len(self.plan.roms),
            technologies=len({r.id for c in chains for r in c.technologies}),
            technologies_total=len(self.plan.technologies),
            activities=len(activities),
            rom_activities=sum(1 for a in activities if a.kind is TaskKind.ROM),
            other_activities=sum(1 for a in activities if a.kind is TaskKind.STAKEHOLDER),
            budget_indicative=budget.total.indicative,
            budget_committed=budget.total.committed,
            budget_total=budget.total.total,
            without_budget=budget.without_budget,
        )

    def toc(self, technologies: tuple[TechnologyView, ...]) -> tuple[TocEntry, ...]:
        entries: list[TocEntry] = []
        for section in self.sl.sections:
            if section == "contents":
                continue
            if section == "valuechains":
                entries.extend(
                    TocEntry(self.numbers[chain_anchor(c)], chain.title, chain_anchor(c))
                    for c, chain in self.plan.valuechains.items()
                )
                continue
            number = self.numbers.get(section, "")
            children: tuple[TocEntry, ...] = ()
            if section == "technologies":
                children = tuple(
                    TocEntry(f"{number}.{i}", t.name, t.anchor)
                    for i, t in enumerate(technologies, 1)
                )
            elif section == "agendas":
                children = tuple(
                    TocEntry(f"{number}.{i}", self.plan.roms[r].name, rom_anchor(r))
                    for i, r in enumerate(self.sl.agenda_roms, 1)
                )
            title = self.labels.text(f"chapters.{section}")
            entries.append(TocEntry(number, title, section, children))
        return tuple(entries)


def build_context(full: Plan, sl: Slice, labels: Labels) -> DocumentContext:
    """Everything the document template shows for the slice ``sl`` of the plan ``full``."""
    builder = ContextBuilder(full, sl, labels)
    plan = sl.plan
    technologies = builder.technologies()
    slice_title = None
    if sl.kind == "rom" and sl.id is not None:
        slice_title = plan.roms[sl.id].name
    elif sl.kind == "valuechain" and sl.id is not None:
        slice_title = plan.valuechains[sl.id].title
    return DocumentContext(
        plan=plan,
        language=labels.language,
        slice_kind=sl.kind,
        slice_title=slice_title,
        sections=sl.sections,
        numbers=builder.numbers,
        concept=any(c.status is not Status.FINAL for c in plan.valuechains.values()),
        publishers=tuple(plan.roms[p] for p in plan.info.publishers),
        toc=builder.toc(technologies),
        figures=builder.figures(),
        tech_matrix=builder.tech_matrix(),
        rom_matrix=builder.rom_matrix(),
        technologies=technologies,
        chains=tuple(builder.chain(c) for c in plan.valuechains),
        agendas=index.agendas(builder, sl.agenda_roms),
        completeness=index.completeness(builder),
        parties=index.parties(builder),
        sources=index.sources(builder),
    )
