"""The Activities sheet (one row per activity) and the KPIs sheet (one row per KPI).

The Activities sheet is what the Budgets sheet's formulas add up. Periods are four number
columns (start year and quarter, end year and quarter) so that they sort and can be
computed with; each activity's budget is spread over the years of its period by a formula
per row (``Budget 2026`` …), the same even spread over quarters, rounded by largest
remainder to the plan's unit, as ``ntsplan.plan.rollup``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.plan.formatting import format_number
from ntsplan.plan.labels import Labels
from ntsplan.plan.rollup import ActivityFilter, spread_by_year
from ntsplan.schema import Activity, Kpi, TaskKind
from ntsplan.workbook.cells import NOT_BUDGETED, Cell, Formula, Kind, column_letter
from ntsplan.workbook.model import Column, Sheet
from ntsplan.workbook.provenance import activity_key, kpi_key

# The fixed columns, in order: (label key under workbook.activities, kind, width).
FIXED_COLUMNS: tuple[tuple[str, Kind, float], ...] = (
    ("chain", Kind.TEXT, 28),
    ("chain_id", Kind.TEXT, 18),
    ("id", Kind.TEXT, 18),
    ("title", Kind.TEXT, 40),
    ("kind", Kind.TEXT, 16),
    ("owner", Kind.TEXT, 20),
    ("owner_id", Kind.TEXT, 14),
    ("owner_kind", Kind.TEXT, 14),
    ("partners", Kind.TEXT, 30),
    ("start_year", Kind.YEAR, 10),
    ("start_quarter", Kind.QUARTER, 10),
    ("end_year", Kind.YEAR, 10),
    ("end_quarter", Kind.QUARTER, 10),
    ("status", Kind.TEXT, 12),
    ("amount", Kind.MONEY, 16),
    ("budget_status", Kind.TEXT, 14),
    ("funding", Kind.TEXT, 24),
    ("kpis", Kind.WRAPPED, 48),
    ("depends", Kind.TEXT, 24),
    ("technologies", Kind.TEXT, 24),
    ("source", Kind.TEXT, 34),
)
TECHNOLOGY_SEPARATOR = ", "  # the Budgets sheet's formulas match ids between these
KEY_COLUMN = "key"
"""The hidden last column of the Activities and KPIs sheets: the row's provenance key."""
KPI_COLUMNS: tuple[tuple[str, Kind, float], ...] = (
    ("chain", Kind.TEXT, 28),
    ("chain_id", Kind.TEXT, 18),
    ("activity_id", Kind.TEXT, 18),
    ("activity", Kind.TEXT, 40),
    ("owner", Kind.TEXT, 20),
    ("indicator", Kind.TEXT, 36),
    ("unit", Kind.TEXT, 14),
    ("baseline", Kind.NUMBER, 12),
    ("target", Kind.NUMBER, 12),
    ("year", Kind.YEAR, 10),
)


@dataclass(frozen=True, slots=True)
class ActivitiesLayout:
    """Where things are on the Activities sheet, for the formulas that refer to it."""

    sheet: str
    columns: dict[str, int]
    years: tuple[int, ...]
    activities: tuple[tuple[str, Activity], ...]
    """The activities shown, with their value chain's id, in document order."""

    def year_column(self, year: int) -> int:
        """The column of the budget spread over ``year``."""
        return self.columns["budget_year"] + self.years.index(year)

    def letter(self, key: str) -> str:
        """The column letter of a fixed column or of ``no_period``."""
        return column_letter(self.columns[key])


def plan_years(activities: Sequence[tuple[str, Activity]]) -> tuple[int, ...]:
    """Every year from the first to the last that any activity's period covers."""
    periods = [a.period for _, a in activities if a.period is not None]
    if not periods:
        return ()
    first = min(p.start.year for p in periods)
    last = max(p.end.year for p in periods)
    return tuple(range(first, last + 1))


def layout(plan: Plan, labels: Labels, where: ActivityFilter | None = None) -> ActivitiesLayout:
    """The layout of the Activities sheet for ``plan``'s activities (those ``where``
    accepts, if given: the same filter as the roll-up's)."""
    activities = tuple((c, a) for c, a in plan.activities() if where is None or where(c, a))
    columns = {key: index for index, (key, _, _) in enumerate(FIXED_COLUMNS)}
    years = plan_years(activities)
    columns["budget_year"] = len(FIXED_COLUMNS)
    columns["no_period"] = len(FIXED_COLUMNS) + len(years)
    return ActivitiesLayout(
        sheet=labels.text("workbook.sheets.activities"),
        columns=columns,
        years=years,
        activities=activities,
    )


def kpi_text(kpi: Kpi, labels: Labels) -> str:
    """'mkb-bedrijven begeleid: 0 → 40 bedrijven in 2027'."""
    language = labels.language
    values = {
        "indicator": kpi.indicator,
        "unit": kpi.unit,
        "target": format_number(kpi.target, language),
        "year": kpi.year,
    }
    if kpi.baseline is None:
        return labels.text("workbook.kpi_no_baseline").format(**values)
    baseline = format_number(kpi.baseline, language)
    return labels.text("workbook.kpi").format(baseline=baseline, **values)


def _year_formula(
    lay: ActivitiesLayout, excel_row: int, year: int, unit: int, cached: float | None
) -> Formula:
    """The part of the row's amount that falls in ``year``, as ``spread_by_year`` spreads it:
    largest remainder over the years of the period, in grains of ``unit`` euros (cents for
    an amount with cents when the unit is 1), the rest below a grain in the next year in line.

    A period's years have at most three shares: the first year's (its quarters from the
    start quarter), the middle years' (four quarters each, all equal) and the last year's
    (up to the end quarter). So a year's rank among the remainders needs no array over the
    other years' cells: it counts the first year when that one is earlier and its remainder
    at least as large, the last year when that one is later and its remainder larger, and
    the middle years with a larger remainder, or an equal one and earlier. Remainders are
    compared as whole numbers (grains times quarters, less the period's quarters times the
    year's whole grains), which a spreadsheet computes exactly, so ties fall as in
    ``spread_by_year``.
    """
    n = excel_row

    def cell(key: str) -> str:
        return f"${lay.letter(key)}{n}"

    amount, start_year, end_year = cell("amount"), cell("start_year"), cell("end_year")
    start_quarter, end_quarter = cell("start_quarter"), cell("end_quarter")
    if unit == 1:  # cents for an amount that has cents, as spread_grain
        cents = f"{amount}=INT({amount})"
        grains = f"IF({cents},{amount},ROUND({amount}*100,0))"
        grain = f"IF({cents},1,0.01)"
    else:
        grains, grain = f"INT({amount}/{unit})", str(unit)
    covered = f"(({end_year}-{start_year})*4+{end_quarter}-{start_quarter}+1)"
    middle = f"MAX(0,{end_year}-{start_year}-1)"  # the years of four quarters
    first_quarters, last_quarters = f"(5-{start_quarter})", end_quarter
    # The year's quarters, for a year of a period that spans more than one year.
    quarters = (
        f"(4-({start_year}={year})*({start_quarter}-1)-({end_year}={year})*(4-{end_quarter}))"
    )

    def whole(quarters: str) -> str:  # the whole grains of a share
        return f"INT({grains}*{quarters}/{covered})"

    def remainder(quarters: str) -> str:  # not MOD: old Excel refuses large quotients
        return f"({grains}*{quarters}-{covered}*{whole(quarters)})"

    left = f"({grains}-{whole(first_quarters)}-{middle}*{whole('4')}-{whole(last_quarters)})"
    own = remainder(quarters)
    ahead = (
        f"(({start_year}<{year})*({remainder(first_quarters)}>={own})"
        f"+({end_year}>{year})*({remainder(last_quarters)}>{own})"
        f"+({remainder('4')}>{own})*{middle}"
        f"+({remainder('4')}={own})*MAX(0,{year}-{start_year}-1))"
    )
    # A whole grain for the first `left` years in line, the rest below a grain for the next.
    rest = f"({amount}-{grains}*{grain})"
    extra = f"MIN({grain},MAX(0,({left}-{ahead})*{grain}+{rest}))"
    part = f"{whole(quarters)}*{grain}+{extra}"
    outside = f"OR({year}<{start_year},{year}>{end_year})"
    spread = f"IF({outside},0,IF({start_year}={end_year},{amount},{part}))"
    # No amount: "–", not budgeted (as the document prints it), never € 0.
    formula = f'=IF({amount}="","{NOT_BUDGETED}",IF({start_year}="",0,{spread}))'
    return Formula(formula, cached)


def _no_period_formula(lay: ActivitiesLayout, excel_row: int, cached: float | None) -> Formula:
    amount, start = f"${lay.letter('amount')}{excel_row}", f"${lay.letter('start_year')}{excel_row}"
    return Formula(f'=IF({amount}="","{NOT_BUDGETED}",IF({start}="",{amount},0))', cached)


def _party_names(plan: Plan, chain_id: str, ids: list[str]) -> str:
    return "; ".join(plan.party(chain_id, party_id).name for party_id in ids)


def _owner_kind(plan: Plan, chain_id: str, activity: Activity, labels: Labels) -> str:
    party = plan.party(chain_id, activity.owner)
    kind = "rom" if party.is_rom or party.stakeholder is None else party.stakeholder.kind.value
    return labels.text(f"party_kind.{kind}")


def activity_row(
    plan: Plan,
    lay: ActivitiesLayout,
    labels: Labels,
    index: int,
    *,
    chain_id: str,
    activity: Activity,
) -> tuple[Cell, ...]:
    """The row of one activity; ``index`` counts the data rows from 0."""
    chain = plan.valuechains[chain_id]
    excel_row = index + 2  # 1-based, below the header
    period, budget = activity.period, activity.budget
    unit = plan.info.budgets.round_years_to
    spread = dict(spread_by_year(budget.amount, period, unit)) if budget and period else {}
    kind = "rom" if activity.kind is TaskKind.ROM else "stakeholder"
    cells: list[Cell] = [
        chain.title,
        chain_id,
        activity.id,
        activity.title,
        labels.text(f"workbook.kind.{kind}"),
        plan.party(chain_id, activity.owner).name,
        activity.owner,
        _owner_kind(plan, chain_id, activity, labels),
        _party_names(plan, chain_id, activity.partners),
        period.start.first[0] if period else None,
        period.start.first[1] if period else None,
        period.end.last[0] if period else None,
        period.end.last[1] if period else None,
        labels.text(f"activity_status.{activity.status.value}"),
        budget.amount if budget else None,
        labels.text(f"budget_status.{budget.status.value}") if budget else None,
        budget.source if budget else None,
        "\n".join(kpi_text(kpi, labels) for kpi in activity.kpis),
        ", ".join(activity.depends_ids),
        TECHNOLOGY_SEPARATOR.join(dict.fromkeys(t.id for t in chain.technologies)),
        plan.locations.get((chain_id, activity.id)),
    ]

    def known(value: float) -> float | None:  # None: "–", the activity has no budget
        return value if budget else None

    cells.extend(
        _year_formula(lay, excel_row, y, unit, known(spread.get(y, 0.0))) for y in lay.years
    )
    no_period = known(budget.amount if budget and period is None else 0.0)
    cells.append(_no_period_formula(lay, excel_row, no_period))
    cells.append(activity_key(chain_id, activity.id))
    return tuple(cell if cell != "" else None for cell in cells)


def activities_sheet(plan: Plan, lay: ActivitiesLayout, labels: Labels) -> Sheet:
    """The Activities sheet: every activity of ``plan`` in document order."""

    def label(key: str) -> str:
        return labels.text(f"workbook.activities.{key}")

    columns = [
        Column(label(key), kind, width, total=key == "amount") for key, kind, width in FIXED_COLUMNS
    ]
    columns.extend(
        Column(label("year").format(year=year), Kind.MONEY, 16, total=True) for year in lay.years
    )
    columns.append(Column(label("no_period"), Kind.MONEY, 18, total=True))
    columns.append(Column(labels.text("workbook.key"), Kind.TEXT, 10, hidden=True))
    rows = tuple(
        activity_row(plan, lay, labels, index, chain_id=chain_id, activity=activity)
        for index, (chain_id, activity) in enumerate(lay.activities)
    )
    statuses = (labels.text("budget_status.indicative"), labels.text("budget_status.committed"))
    return Sheet(
        name=lay.sheet,
        table="Activities",
        columns=tuple(columns),
        rows=rows,
        total_label=label("total"),
        choices={lay.columns["budget_status"]: statuses},
    )


def kpis_sheet(plan: Plan, lay: ActivitiesLayout, labels: Labels) -> Sheet:
    """The KPIs sheet: one row per KPI, with its activity and value chain."""

    def label(key: str) -> str:
        return labels.text(f"workbook.kpis.{key}")

    columns = (
        *(Column(label(key), kind, width) for key, kind, width in KPI_COLUMNS),
        Column(labels.text("workbook.key"), Kind.TEXT, 10, hidden=True),
    )
    rows = tuple(
        (
            plan.valuechains[chain_id].title,
            chain_id,
            activity.id,
            activity.title,
            plan.party(chain_id, activity.owner).name,
            kpi.indicator,
            kpi.unit,
            kpi.baseline,
            kpi.target,
            kpi.year,
            kpi_key(chain_id, activity.id, place),
        )
        for chain_id, activity in lay.activities
        for place, kpi in enumerate(activity.kpis, start=1)
    )
    return Sheet(labels.text("workbook.sheets.kpis"), "KPIs", columns, rows)
