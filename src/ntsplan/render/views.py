"""The typed context templates receive: the linked plan, rearranged for reading.

Everything a template shows that is not a field of the schema (counts, matrices, totals,
resolved parties, anchors) is computed in Python and lands in one of these records.
Anchors are built from ids, which hold only ``[a-z0-9-]`` and never ``--``, so they are
unique and stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntsplan.link.model import Party, Plan
from ntsplan.plan.completeness import PlanCompleteness
from ntsplan.plan.rollup import Amounts, BudgetRollup
from ntsplan.schema import Activity, Rom, Source, Technology, ValueChain
from ntsplan.schema.valuechain import Consortium


def chain_anchor(chain_id: str) -> str:
    """The id of a value chain's chapter."""
    return f"vc-{chain_id}"


def tech_anchor(tech_id: str) -> str:
    """The id of a technology's section."""
    return f"tech-{tech_id}"


def rom_anchor(rom_id: str) -> str:
    """The id of a ROM's agenda section."""
    return f"rom-{rom_id}"


def activity_anchor(chain_id: str, activity_id: str) -> str:
    """The id of an activity's row; '--' cannot occur inside an id."""
    return f"act-{chain_id}--{activity_id}"


@dataclass(frozen=True, slots=True)
class Link:
    """Text that links to a place in the document when that place is in it."""

    text: str
    anchor: str | None = None
    lang: str | None = None
    """The language of ``text`` when it is not the document's."""


@dataclass(frozen=True, slots=True)
class ActivityView:
    """An activity with its parties resolved and its dependencies as links."""

    chain_id: str
    chain_title: str
    activity: Activity
    owner: Party
    partners: tuple[Party, ...]
    depends: tuple[Link, ...]
    anchor: str


@dataclass(frozen=True, slots=True)
class TechnologyRoleView:
    """A technology as used in a value chain."""

    tech_id: str
    name: str
    anchor: str | None
    role: str


@dataclass(frozen=True, slots=True)
class ConsortiumView:
    """A consortium with its members resolved."""

    consortium: Consortium
    members: tuple[Party, ...]


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """A row of a budget overview: what it is about and its money."""

    label: Link
    amounts: Amounts
    activities: int


@dataclass(frozen=True, slots=True)
class ChainView:
    """One value chain's chapter."""

    id: str
    chain: ValueChain
    anchor: str
    number: str
    lead: Rom
    roms: tuple[Rom, ...]
    technologies: tuple[TechnologyRoleView, ...]
    alignment: tuple[tuple[TechnologyRoleView, str], ...]
    rom_tasks: tuple[ActivityView, ...]
    other_tasks: tuple[ActivityView, ...]
    timeline: Timeline | None
    consortia: tuple[ConsortiumView, ...]
    contact_rom: Rom | None
    budget: BudgetRollup
    """The chain's own money, by status and by year."""
    budget_years: tuple[BudgetLine, ...]
    """The chain's money per year, as table rows."""
    year_note: str
    """How the figures per year are made: spread evenly, rounded to the plan's unit."""
    slice_part: BudgetRollup | None = None
    """In a ROM's slice: the part of the chain's money in activities that ROM owns or joins
    (what the slice's workbook shows for the chain)."""


@dataclass(frozen=True, slots=True)
class ChainUse:
    """A value chain that uses a technology, and the role the technology plays there."""

    link: Link
    role: str


@dataclass(frozen=True, slots=True)
class TechnologyView:
    """One technology's section."""

    id: str
    technology: Technology
    name: str
    other_name: str
    anchor: str
    chains: tuple[ChainUse, ...]


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    """A column of an overview matrix: a short label and the full name."""

    label: str
    full: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A value chain's row; each cell is '', 'member' or 'lead'."""

    link: Link
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    """Value chains against technologies or ROM's."""

    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class Figures:
    """The summary in figures."""

    valuechains: int
    final_valuechains: int
    """How many of ``valuechains`` have the status final."""
    expected_valuechains: int
    roms: int
    roms_total: int
    technologies: int
    technologies_total: int
    activities: int
    rom_activities: int
    other_activities: int
    budget: BudgetRollup
    """The slice's money: the whole plan, one value chain, or what one ROM owns or joins."""


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An activity on a ROM's agenda, and whether the ROM owns or joins it."""

    activity: ActivityView
    role: str


@dataclass(frozen=True, slots=True)
class RomAgenda:
    """Everything one ROM owns or joins, across value chains."""

    rom: Rom
    anchor: str
    entries: tuple[AgendaEntry, ...]
    owned: Amounts
    """The money of the activities the ROM leads (its row of the roll-up by ROM)."""
    involved: Amounts
    """The money of every activity it leads or joins."""
    owned_budgeted: int = 0
    """How many activities it leads have a budget (none: the total is unknown, not 0)."""
    involved_budgeted: int = 0
    """How many activities it leads or joins have a budget."""


@dataclass(frozen=True, slots=True)
class OtherOwners:
    """The activities no ROM leads, which no agenda holds as its own, and how the
    agendas' lead totals add up to the plan's total."""

    activities: tuple[ActivityView, ...]
    amounts: Amounts
    budgeted: int
    roms: Amounts
    """The money of the activities the ROM's lead, all ROM's together."""
    total: Amounts


@dataclass(frozen=True, slots=True)
class PartyEntry:
    """An organisation in the index of parties, with the chains it appears in."""

    name: str
    kind: str
    sme: bool | None
    chains: tuple[Link, ...]
    owns: int
    joins: int


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source, listed once per address, with the places that cite it."""

    source: Source
    cited_in: tuple[Link, ...]
    origin: str | None = None
    """Where the first citation stands in the data (``data-src``), for the preflight."""


@dataclass(frozen=True, slots=True)
class ChainGaps:
    """A value chain's row in the completeness chapter: its gaps, worded for the reader."""

    link: Link
    status: str
    gaps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompletenessView:
    """The completeness chapter: the computed figures and the worded gaps per chain."""

    figures: PlanCompleteness
    chains: tuple[ChainGaps, ...]
    technologies_without_ambition: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line in the table of contents."""

    number: str
    title: str
    lang: str | None
    anchor: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class BudgetTable:
    """One view of the roll-up as a table. Rows of an ``overlapping`` view do not add up
    to the total (per technology an activity counts for every technology of its chain)."""

    name: str
    lines: tuple[BudgetLine, ...]
    total: Amounts
    overlapping: bool
    note: str = ""
    """Printed under the table (per year: how an amount is spread over the years)."""


@dataclass(frozen=True, slots=True)
class GuideEntry:
    """A line of the reading guide: a part of the document and what the reader finds there."""

    ref: str
    title: str
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation in the annex of abbreviations."""

    term: str
    meaning: str
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """Everything the document template needs, and nothing raw."""

    plan: Plan
    language: str
    slice_kind: str | None
    slice_title: str | None
    sections: tuple[str, ...]
    numbers: dict[str, str]
    concept: bool
    publishers: tuple[Rom, ...]
    toc: tuple[TocEntry, ...]
    toc_annexes: tuple[TocEntry, ...]
    annexes: frozenset[str]
    edition_concept: bool
    """Whether the plan as a whole is not final: missing parts get a marked placeholder."""
    guide: tuple[GuideEntry, ...]
    abbreviations: tuple[Abbreviation, ...]
    untranslated: dict[str, int]
    """How many texts that may be given per language are shown in another language."""
    figures: Figures
    budget_tables: tuple[BudgetTable, ...]
    tech_matrix: Matrix
    rom_matrix: Matrix
    technologies: tuple[TechnologyView, ...]
    chains: tuple[ChainView, ...]
    agendas: tuple[RomAgenda, ...]
    other_owners: OtherOwners | None
    """The activities without a ROM as lead (the whole plan's agendas only)."""
    completeness: CompletenessView
    parties: tuple[PartyEntry, ...]
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True, slots=True)
class TimelineBar:
    """One activity on the timeline; coordinates are final SVG user units, as text."""

    label: str
    title: str
    kind: str
    y: str
    text_y: str
    x: str
    width: str
    lines: tuple[tuple[str, str], ...] = ()
    """The label wrapped: each line with its baseline (y)."""


@dataclass(frozen=True, slots=True)
class TimelineArrow:
    """A dependency: an SVG path from the earlier activity's bar to the later one's, and
    the arrowhead's polygon points."""

    path: str
    head: str


@dataclass(frozen=True, slots=True)
class TimelineMarker:
    """A marked date (the edition, the deadline): a vertical line and its label."""

    key: str
    label: str
    x: str
    text_x: str
    text_y: str
    line_bottom: str
    anchor: str


@dataclass(frozen=True, slots=True)
class TimelineYear:
    """A labelled band on the timeline's axis: a year, or a quarter within it."""

    label: str
    x: str
    width: str
    text_x: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """An SVG timeline of a value chain's activities by quarter."""

    width: str
    height: str
    axis_y: str
    label_width: str
    plot_bottom: str
    years: tuple[TimelineYear, ...]
    quarters: tuple[TimelineYear, ...]
    quarter_lines: tuple[str, ...]
    bars: tuple[TimelineBar, ...]
    without_period: tuple[ActivityView, ...]
    """The activities without a period, named under the chart."""
    arrows: tuple[TimelineArrow, ...] = ()
    markers: tuple[TimelineMarker, ...] = ()
    alt: str = ""
    """The chart in words, for the SVG's title (a tagged PDF's alt text)."""
