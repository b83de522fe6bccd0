"""From a sliced ``Plan`` to the ``DocumentContext`` the templates read.

Iteration follows the plan's own order (ROM's as in roms.yaml, technologies by NTS number,
value chains by id, activities as written); anything gathered in sets is sorted.
"""

from __future__ import annotations

import string
from collections import Counter

from ntsplan.link.model import Plan
from ntsplan.plan.completeness import translatable_texts
from ntsplan.plan.formatting import spread_note
from ntsplan.plan.labels import Labels
from ntsplan.plan.rollup import BudgetRollup, in_valuechains, involving_rom, rollup
from ntsplan.plan.slicing import ANNEXES, UNNUMBERED, Selection, takes_part
from ntsplan.render import abbreviations, contents, index
from ntsplan.render.environment import pick_text
from ntsplan.render.timeline import build_timeline
from ntsplan.render.views import (
    ActivityView,
    BudgetLine,
    BudgetTable,
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
    activity_anchor,
    chain_anchor,
    rom_anchor,
    tech_anchor,
)
from ntsplan.schema import Status, TaskKind, Technology
from ntsplan.schema.localized import LocalText


def tech_name(technology: Technology, language: str) -> str:
    """The technology's name in the document's language."""
    return technology.name.en if language == "en" else technology.name.nl


class ContextBuilder:
    """Holds what every part needs: the full plan (for cross-chain links), the slice and
    the labels; each method builds one part of the context."""

    def __init__(self, full: Plan, sl: Selection, labels: Labels) -> None:
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
        chapters = 0
        letters = iter(string.ascii_uppercase)
        for section in self.sl.sections:
            if section in UNNUMBERED:
                continue
            if section in ANNEXES:
                numbers[section] = next(letters)
                continue
            anchors = (
                [chain_anchor(c) for c in self.plan.valuechains]
                if section == "valuechains"
                else [section]
            )
            for anchor in anchors:
                chapters += 1
                numbers[anchor] = str(chapters)
        return numbers

    def shown(self, value: str) -> tuple[str, str | None]:
        """A text from the data in the document's language where it is given, and its
        language when that is not the document's (for ``lang``)."""
        text, language = pick_text(value, self.language, self.plan.info.language.value)
        return text, (None if language == self.language else language)

    def resolved(self, value: str) -> LocalText:
        """The text with only the version shown here: read as text (the timeline) it is
        that version, and ``tx`` still marks its language."""
        text, language = pick_text(value, self.language, self.plan.info.language.value)
        return LocalText(text, {language: text})

    def link(self, value: str, anchor: str | None) -> Link:
        text, language = self.shown(value)
        return Link(text, anchor, language)

    def chain_link(self, chain_id: str) -> Link:
        chain = self.full.valuechains[chain_id]
        in_doc = self.has("valuechains") and chain_id in self.plan.valuechains
        return self.link(chain.title, chain_anchor(chain_id) if in_doc else None)

    def tech_link(self, tech_id: str) -> Link:
        name = tech_name(self.plan.technologies[tech_id], self.language)
        return Link(name, tech_anchor(tech_id) if self.has("technologies") else None)

    # Activities and value chains -------------------------------------------------------

    def activity(self, chain_id: str, index_: int) -> ActivityView:
        chain = self.plan.valuechains[chain_id]
        activity = chain.activities[index_]
        depends = []
        for ref in activity.depends_ids:
            target_chain, _, target_id = ref.rpartition("/")
            target_chain = target_chain or chain_id
            target = next(
                (a for a in self.full.valuechains[target_chain].activities if a.id == target_id),
                None,
            )
            title, language = self.shown(target.title) if target is not None else (ref, None)
            if target_chain != chain_id:
                chain_title, chain_language = self.shown(self.full.valuechains[target_chain].title)
                title = f"{chain_title}: {title}"
                language = language or chain_language
            in_doc = self.has("valuechains") and target_chain in self.plan.valuechains
            anchor = activity_anchor(target_chain, target_id) if in_doc else None
            depends.append(Link(title, anchor, language))
        return ActivityView(
            chain_id=chain_id,
            chain_title=self.resolved(chain.title),
            activity=activity.model_copy(update={"title": self.resolved(activity.title)}),
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
        budget = rollup(self.plan, where=in_valuechains([chain_id]))
        part = None
        if self.sl.kind == "rom" and self.sl.id is not None:
            rom_part = involving_rom(self.sl.id)
            part = rollup(self.plan, where=lambda c, a: c == chain_id and rom_part(c, a))
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
            timeline=build_timeline(
                views,
                self.labels,
                edition=self.plan.info.date,
                deadline=self.plan.info.deadline,
                chain_title=self.shown(chain.title)[0],
                text=lambda value: self.shown(value)[0],
            ),
            consortia=tuple(
                ConsortiumView(c, tuple(self.plan.party(chain_id, m) for m in c.members))
                for c in chain.consortia
            ),
            contact_rom=self.plan.roms[contact.rom] if contact and contact.rom else None,
            budget=budget,
            budget_years=tuple(
                BudgetLine(self.year_link(row.key), row.amounts, row.activities)
                for row in budget.by_year.rows
            ),
            year_note=self.year_note(budget),
            slice_part=part,
        )

    def year_note(self, budget: BudgetRollup) -> str:
        return spread_note(self.labels, budget.round_years_to, rest=budget.with_residue > 0)

    def year_link(self, key: object) -> Link:
        return Link(self.labels.text("budget.no_year") if key is None else str(key))

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

    def budget(self) -> BudgetRollup:
        """The slice's roll-up: for a ROM, the activities it owns or joins."""
        if self.sl.kind == "rom" and self.sl.id is not None:
            return rollup(self.plan, where=involving_rom(self.sl.id))
        return rollup(self.plan)

    def figures(self) -> Figures:
        activities = [a for _, a in self.plan.activities()]
        chains = self.plan.valuechains.values()
        roms = [r for r in self.plan.roms if any(takes_part(c, r) for c in chains)]
        if self.sl.kind == "rom" and self.sl.id is not None:
            # A ROM's slice: its own activities, and the other ROM's it works with.
            rom_id = self.sl.id
            activities = [a for a in activities if rom_id in (a.owner, *a.partners)]
            roms = [r for r in roms if r != rom_id]
        return Figures(
            valuechains=len(self.plan.valuechains),
            final_valuechains=sum(1 for c in chains if c.status is Status.FINAL),
            expected_valuechains=self.plan.info.expects.valuechains,
            roms=len(roms),
            roms_total=len(self.plan.roms) - (self.sl.kind == "rom"),
            technologies=len({r.id for c in chains for r in c.technologies}),
            technologies_total=len(self.plan.technologies),
            activities=len(activities),
            rom_activities=sum(1 for a in activities if a.kind is TaskKind.ROM),
            other_activities=sum(1 for a in activities if a.kind is TaskKind.STAKEHOLDER),
            budget=self.budget(),
        )

    def budget_tables(self) -> tuple[BudgetTable, ...]:
        """The overview's budget tables: per value chain, ROM (as owner), technology, year."""
        r = rollup(self.plan)
        other = self.labels.text("budget.other_owners")

        def rom_label(key: object) -> Link:
            if key is None:
                return Link(other)
            anchor = rom_anchor(str(key)) if str(key) in self.sl.agenda_roms else None
            return self.link(self.plan.roms[str(key)].name, anchor if self.has("agendas") else None)

        views = (
            ("valuechain", r.by_valuechain, lambda k: self.chain_link(str(k))),
            ("rom", r.by_rom, rom_label),
            ("technology", r.by_technology, lambda k: self.tech_link(str(k))),
            ("year", r.by_year, self.year_link),
        )
        return tuple(
            BudgetTable(
                name,
                tuple(BudgetLine(label(row.key), row.amounts, row.activities) for row in view.rows),
                view.total,
                view.overlapping,
                self.year_note(r) if name == "year" else "",
            )
            for name, view, label in views
        )

    def untranslated(self) -> dict[str, int]:
        """Per data file, how many texts that may be given per language appear in another."""
        elsewhere = (f for f, _, text in translatable_texts(self.plan) if self.shown(text)[1])
        return dict(Counter(elsewhere))


def build_context(full: Plan, sl: Selection, labels: Labels) -> DocumentContext:
    """Everything the document template shows for the slice ``sl`` of the plan ``full``."""
    builder = ContextBuilder(full, sl, labels)
    plan = sl.plan
    technologies = builder.technologies()
    slice_title = plan.roms[sl.id].name if sl.kind == "rom" and sl.id is not None else None
    if sl.kind == "valuechain" and sl.id is not None:
        slice_title = builder.shown(plan.valuechains[sl.id].title)[0]
    return DocumentContext(
        plan=plan,
        language=labels.language,
        slice_kind=sl.kind,
        slice_title=slice_title,
        sections=sl.sections,
        numbers=builder.numbers,
        concept=any(c.status is not Status.FINAL for c in plan.valuechains.values()),
        publishers=tuple(plan.roms[p] for p in plan.info.publishers),
        toc=contents.toc(builder, technologies),
        toc_annexes=contents.toc_annexes(builder),
        annexes=ANNEXES & frozenset(sl.sections),
        edition_concept=plan.info.status is not Status.FINAL,
        guide=contents.guide(builder),
        abbreviations=abbreviations.candidates(builder),
        untranslated=builder.untranslated(),
        figures=builder.figures(),
        budget_tables=builder.budget_tables(),
        tech_matrix=builder.tech_matrix(),
        rom_matrix=builder.rom_matrix(),
        technologies=technologies,
        chains=tuple(builder.chain(c) for c in plan.valuechains),
        agendas=index.agendas(builder, sl.agenda_roms),
        other_owners=index.other_owners(builder) if sl.kind is None else None,
        completeness=index.completeness(builder),
        parties=index.parties(builder),
        sources=index.sources(builder),
    )
