"""Budget roll-ups: the one computation of the plan's money, used by the document and the workbook.

``rollup(plan)`` takes the linked ``Plan`` (or a slice's plan) and returns a ``BudgetRollup``:
the grand total and five views of it. Every figure the document or the workbook shows about
budgets comes from here, so the two never disagree.

API (all values are frozen dataclasses; amounts are euros as ``float``)::

    from ntsplan.plan.rollup import rollup, involving_rom

    r = rollup(plan)                      # the whole plan (or slice.plan for a slice)
    r = rollup(plan, where=involving_rom("bom"))   # only activities BOM owns or joins
    r.total.indicative, r.total.committed, r.total.total
    r.activities, r.budgeted, r.without_budget     # counts of activities
    for row in r.by_valuechain.rows:      # also by_rom, by_technology, by_year, by_status
        row.key        # chain id / ROM id / technology id / year (int) / budget status value
        row.amounts    # Amounts(indicative, committed); row.amounts.total
        row.activities # budgeted activities that contribute to this row
    r.by_year.row(2026)                   # one row by key, or None
    r.views()                             # (("valuechain", view), ("rom", view), ...)

The views and their rules:

- ``by_valuechain``: every value chain of the plan, in the plan's order (by title).
- ``by_rom``: every ROM of roms.yaml, in its order, with the activities it *owns*; then, when
  any exist, one row with key ``None`` for activities owned by a stakeholder that is not a ROM
  ("other owners"), so that the view adds up to the grand total.
- ``by_technology``: every technology, by NTS number. An activity's whole budget counts for
  *each* technology of its value chain (a chain with three technologies puts its activities'
  money under all three), because the plan does not divide money between technologies. The
  rows therefore overlap: their sum is larger than the grand total when a chain has more than
  one technology, and ``view.overlapping`` is True. Never add these rows up into a total; the
  view's ``total`` is the grand total, each activity counted once.
- ``by_year``: an amount is spread evenly over the quarters of its period (a year-only start
  or end covers all four quarters of that year) and summed per year, in ascending years,
  rounded to whole euros, or to the unit ``plan.yaml`` chooses (``budgets.round_years_to``),
  by largest remainder so that the years add up to the amount (``spread_by_year``); an
  activity with a budget but no period is one row with key ``None`` ("no year") at the end.
- ``by_status``: two rows, ``"indicative"`` then ``"committed"`` (``BudgetStatus`` values).

Chains, ROM's and technologies appear even with nothing budgeted (a zero row, ``activities ==
0``); a reader may leave those out. Years appear only when money falls in them.

Every view's ``total`` is the one grand total, computed once from the activities with
``math.fsum``. The rows of every view except ``by_technology`` add up to it (up to
floating-point rounding, far below a cent). Activities without a budget count in
``activities`` and ``without_budget`` and contribute no money.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ntsplan.link.model import Plan
from ntsplan.schema import Activity, BudgetStatus
from ntsplan.schema.activity import Period

ActivityFilter = Callable[[str, Activity], bool]
"""Chooses activities for a roll-up: called with the value chain's id and the activity."""

RowKey = str | int | None


@dataclass(frozen=True, slots=True)
class Amounts:
    """Euros split by budget status."""

    indicative: float = 0.0
    committed: float = 0.0

    @property
    def total(self) -> float:
        """Indicative and committed together."""
        return math.fsum((self.indicative, self.committed))

    def of(self, status: BudgetStatus) -> float:
        """The amount with one budget status."""
        return self.committed if status is BudgetStatus.COMMITTED else self.indicative


@dataclass(frozen=True, slots=True)
class RollupRow:
    """One line of a view: what it is about (``key``), its money and how many budgeted
    activities contribute to it."""

    key: RowKey
    amounts: Amounts
    activities: int


@dataclass(frozen=True, slots=True)
class RollupView:
    """The grand total cut one way. ``overlapping`` views (per technology) count an
    activity in more than one row, so their rows must not be summed."""

    rows: tuple[RollupRow, ...]
    total: Amounts
    overlapping: bool = False

    def row(self, key: RowKey) -> RollupRow | None:
        """The row for ``key``, or None when the view has none."""
        return next((row for row in self.rows if row.key == key), None)


@dataclass(frozen=True, slots=True)
class BudgetRollup:
    """The plan's budget: the grand total and its five views."""

    total: Amounts
    activities: int
    budgeted: int
    by_valuechain: RollupView
    by_rom: RollupView
    by_technology: RollupView
    by_year: RollupView
    by_status: RollupView
    round_years_to: int = 1
    """The unit of the per-year figures, in euros (``plan.yaml``'s ``budgets.round_years_to``)."""
    with_residue: int = 0
    """Budgeted activities over more than one year whose amount is not a whole number of
    that unit: the rest below the unit falls in one of the years (``spread_by_year``)."""

    @property
    def without_budget(self) -> int:
        """Activities that have no budget."""
        return self.activities - self.budgeted

    def views(self) -> tuple[tuple[str, RollupView], ...]:
        """Every view with its name, in a fixed order."""
        return (
            ("valuechain", self.by_valuechain),
            ("rom", self.by_rom),
            ("technology", self.by_technology),
            ("year", self.by_year),
            ("status", self.by_status),
        )


@dataclass(frozen=True, slots=True)
class _Item:
    """One budgeted activity, with what the views group it by."""

    chain: str
    owner: str
    technologies: tuple[str, ...]
    period: Period | None
    status: BudgetStatus
    amount: float


def involving_rom(rom_id: str) -> ActivityFilter:
    """A filter for the activities a ROM owns or takes part in as a partner."""

    def chosen(_chain: str, activity: Activity) -> bool:
        return activity.owner == rom_id or rom_id in activity.partners

    return chosen


def in_valuechains(chain_ids: Collection[str]) -> ActivityFilter:
    """A filter for the activities of some value chains."""
    wanted = frozenset(chain_ids)

    def chosen(chain: str, _activity: Activity) -> bool:
        return chain in wanted

    return chosen


def quarters(period: Period) -> list[tuple[int, int]]:
    """Every (year, quarter) a period covers, in order."""
    (y0, q0), (y1, q1) = period.start.first, period.end.last
    first, last = y0 * 4 + q0 - 1, y1 * 4 + q1 - 1
    return [(ordinal // 4, ordinal % 4 + 1) for ordinal in range(first, last + 1)]


def spread_grain(amount: float, unit: int = 1) -> tuple[Fraction, int]:
    """The grain a spread hands out and how many whole grains ``amount`` holds.

    The grain is ``unit`` euros; cents instead when the unit is 1 and the amount itself has
    cents (an amount written to the cent is spread to the cent). The amount's rest below one
    grain (``amount - grains * grain``, nothing for whole euros) is the residue.
    """
    exact = Fraction(amount)
    if unit == 1 and not float(amount).is_integer():
        cents = exact * 100
        return Fraction(1, 100), math.floor(cents + Fraction(1, 2))  # half up, as ROUND does
    return Fraction(unit), math.floor(exact / unit)


def spread_by_year(amount: float, period: Period, unit: int = 1) -> list[tuple[int, float]]:
    """``amount`` spread evenly over the period's quarters and summed per year, by year, in
    multiples of ``unit`` euros that add up to ``amount`` exactly (largest remainder).

    Each year's exact share is the amount times its quarters over all the period's quarters.
    The whole grains of the amount (``spread_grain``: units, or cents for an amount with
    cents and unit 1) are apportioned by Hamilton's method: every year gets the whole grains
    of its share, and the grains left over go one each to the years with the largest
    remainders, the earlier year first on a tie. What the amount has below one grain (the
    234 of € 1.234 at a unit of 1.000) goes to the next year in that order, so the parts add
    up to the printed amount; every part is within one unit of its exact share. The
    workbook's year columns compute the same with a formula
    (``ntsplan.workbook.activities``), so the document and the workbook print the same.
    """
    per_year: dict[int, int] = {}
    for year, _ in quarters(period):
        per_year[year] = per_year.get(year, 0) + 1
    covered = sum(per_year.values())
    grain, grains = spread_grain(amount, unit)
    residue = Fraction(amount) - grains * grain
    whole = {year: grains * count // covered for year, count in per_year.items()}
    remainder = {year: grains * count % covered for year, count in per_year.items()}
    leftover = grains - sum(whole.values())  # fewer than the years: each remainder < covered
    ranked = sorted(per_year, key=lambda year: (-remainder[year], year))
    given = {year: Fraction(whole[year]) * grain for year in per_year}
    for year in ranked[:leftover]:
        given[year] += grain
    given[ranked[leftover]] += residue
    return [(year, float(given[year])) for year in per_year]


def _amounts(parts: Iterable[tuple[BudgetStatus, float]]) -> Amounts:
    parts = list(parts)
    return Amounts(
        indicative=math.fsum(a for s, a in parts if s is BudgetStatus.INDICATIVE),
        committed=math.fsum(a for s, a in parts if s is BudgetStatus.COMMITTED),
    )


def _view(
    keys: Sequence[RowKey],
    parts: Iterable[tuple[RowKey, BudgetStatus, float]],
    total: Amounts,
    *,
    optional: Collection[RowKey] = (),
    overlapping: bool = False,
) -> RollupView:
    """Rows for ``keys`` in their order; a key in ``optional`` only when something falls in it."""
    grouped: dict[RowKey, list[tuple[BudgetStatus, float]]] = {key: [] for key in keys}
    for key, status, amount in parts:
        grouped[key].append((status, amount))
    rows = tuple(
        RollupRow(key, _amounts(grouped[key]), len(grouped[key]))
        for key in keys
        if grouped[key] or key not in optional
    )
    return RollupView(rows, total, overlapping)


def rollup(plan: Plan, where: ActivityFilter | None = None) -> BudgetRollup:
    """The budget roll-up of ``plan``'s activities (those ``where`` accepts, if given)."""
    chosen = [
        (chain_id, activity)
        for chain_id, activity in plan.activities()
        if where is None or where(chain_id, activity)
    ]
    items = [
        _Item(
            chain=chain_id,
            owner=activity.owner,
            technologies=tuple(
                dict.fromkeys(t.id for t in plan.valuechains[chain_id].technologies)
            ),
            period=activity.period,
            status=activity.budget.status,
            amount=activity.budget.amount,
        )
        for chain_id, activity in chosen
        if activity.budget is not None
    ]
    total = _amounts((i.status, i.amount) for i in items)

    by_valuechain = _view(
        list(plan.valuechains), ((i.chain, i.status, i.amount) for i in items), total
    )

    rom_keys: list[RowKey] = [*plan.roms, None]
    by_rom = _view(
        rom_keys,
        ((i.owner if i.owner in plan.roms else None, i.status, i.amount) for i in items),
        total,
        optional=(None,),
    )

    technology_keys: list[RowKey] = list(plan.technologies)
    by_technology = _view(
        technology_keys,
        ((t, i.status, i.amount) for i in items for t in i.technologies),
        total,
        overlapping=True,
    )

    unit = plan.info.budgets.round_years_to
    year_parts: list[tuple[RowKey, BudgetStatus, float]] = []
    with_residue = 0
    for i in items:
        if i.period is None:
            year_parts.append((None, i.status, i.amount))
        else:
            parts = spread_by_year(i.amount, i.period, unit)
            year_parts.extend((year, i.status, part) for year, part in parts)
            # A rest the reader sees (not the dust below a cent of an amount with cents), in
            # one of several years.
            with_residue += (
                len(parts) > 1 and spread_grain(i.amount, unit)[0] == unit and i.amount % unit != 0
            )
    years = sorted({key for key, _, _ in year_parts if isinstance(key, int)})
    by_year = _view([*years, None], year_parts, total, optional=(None,))

    by_status = _view(
        [status.value for status in BudgetStatus],
        ((i.status.value, i.status, i.amount) for i in items),
        total,
    )

    return BudgetRollup(
        total=total,
        activities=len(chosen),
        budgeted=len(items),
        by_valuechain=by_valuechain,
        by_rom=by_rom,
        by_technology=by_technology,
        by_year=by_year,
        by_status=by_status,
        round_years_to=unit,
        with_residue=with_residue,
    )
