"""The document's table of contents and reading guide."""

from __future__ import annotations

from typing import Protocol

from ntsplan.link.model import Plan
from ntsplan.plan.labels import Labels
from ntsplan.plan.slicing import ANNEXES, UNNUMBERED, Selection
from ntsplan.render.views import GuideEntry, TechnologyView, TocEntry, chain_anchor, rom_anchor


class ContentsBuilder(Protocol):
    """What the contents need from the document's context builder
    (``render.context.ContextBuilder``), named here so that this module does not import
    that one, which imports this."""

    sl: Selection
    plan: Plan
    labels: Labels
    numbers: dict[str, str]

    def shown(self, value: str) -> tuple[str, str | None]: ...


def section_title(b: ContentsBuilder, section: str) -> str:
    """A chapter's title; the agendas in the singular when the edition shows one ROM's."""
    if section == "agendas" and len(b.sl.agenda_roms) == 1:
        return b.labels.text("chapters.agenda")
    return b.labels.text(f"chapters.{section}")


def toc(b: ContentsBuilder, technologies: tuple[TechnologyView, ...]) -> tuple[TocEntry, ...]:
    """The table of contents: chapters (value chains one by one), with sub-entries."""
    entries: list[TocEntry] = []
    for section in b.sl.sections:
        if section == "contents":
            continue
        if section == "valuechains":
            entries.extend(
                TocEntry(b.numbers[chain_anchor(c)], *b.shown(chain.title), chain_anchor(c))
                for c, chain in b.plan.valuechains.items()
            )
            continue
        if section in ANNEXES:
            continue
        number = b.numbers.get(section, "")
        children: tuple[TocEntry, ...] = ()
        if section == "technologies":
            children = tuple(
                TocEntry(f"{number}.{i}", t.name, None, t.anchor)
                for i, t in enumerate(technologies, 1)
            )
        elif section == "agendas":
            children = tuple(
                TocEntry(f"{number}.{i}", *b.shown(b.plan.roms[r].name), rom_anchor(r))
                for i, r in enumerate(b.sl.agenda_roms, 1)
            )
            led_by_others = b.sl.kind is None and any(
                a.owner not in b.plan.roms for _, a in b.plan.activities()
            )
            if led_by_others:
                title = b.labels.text("agenda.others_title")
                n = len(children) + 1
                children += (TocEntry(f"{number}.{n}", title, None, "agenda-others"),)
        title = section_title(b, section)
        entries.append(TocEntry(number, title, None, section, children))
    return tuple(entries)


def toc_annexes(b: ContentsBuilder) -> tuple[TocEntry, ...]:
    """The annexes in the table of contents."""
    return tuple(
        TocEntry(b.numbers[s], b.labels.text(f"chapters.{s}"), None, s)
        for s in b.sl.sections
        if s in ANNEXES
    )


def guide(b: ContentsBuilder) -> tuple[GuideEntry, ...]:
    """The reading guide: every part after the introduction, and what it holds."""
    entries = []
    chains = list(b.plan.valuechains)
    for section in b.sl.sections:
        if section in UNNUMBERED or section == "introduction":
            continue
        text = b.labels.text(f"guide.{section}")
        if section == "valuechains":
            if not chains:
                continue
            first, last = (
                b.numbers[chain_anchor(chains[0])],
                b.numbers[chain_anchor(chains[-1])],
            )
            ref = (
                b.labels.text("guide.chapter").format(number=first)
                if first == last
                else b.labels.text("guide.chapters").format(first=first, last=last)
            )
            entries.append(
                GuideEntry(
                    ref,
                    b.labels.text("chapters.valuechains"),
                    chain_anchor(chains[0]),
                    text.format(count=len(chains)),
                )
            )
            continue
        key = "guide.annex" if section in ANNEXES else "guide.chapter"
        ref = b.labels.text(key).format(number=b.numbers[section])
        entries.append(GuideEntry(ref, section_title(b, section), section, text))
    return tuple(entries)
