"""The budget roll-up: every view adds up to the one grand total, by the documented rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from fractions import Fraction
from typing import Any

import pytest

from conftest import TESTS
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.rollup import (
    Amounts,
    BudgetRollup,
    in_valuechains,
    involving_rom,
    quarters,
    rollup,
    spread_by_year,
)
from ntsplan.schema import BudgetStatus, PlanInfo, Rom, Technology, ValueChain
from ntsplan.schema.activity import Period
from ntsplan.schema.plan import ROUNDING_UNITS, BudgetSettings

CENT = 0.005


def _plan(chains: dict[str, dict[str, Any]]) -> Plan:
    info = PlanInfo.model_validate(
        {
            "title": "Testplan",
            "edition": "1",
            "date": "2026-01-15",
            "deadline": "2026-07-01",
            "publishers": ["noord"],
            "expects": {"technologies": 3, "valuechains": 2},
            "status": "concept",
        }
    )
    roms = {
        rid: Rom.model_validate({"id": rid, "name": rid.title(), "short": rid, "provinces": ["P"]})
        for rid in ("noord", "oost", "zuid")
    }
    technologies = {
        tid: Technology.model_validate({"number": n, "name": {"nl": tid, "en": tid}})
        for n, tid in enumerate(("ai", "photonics", "quantum"), start=1)
    }
    valuechains = {cid: ValueChain.model_validate(data) for cid, data in chains.items()}
    return Plan(info, roms, technologies, valuechains)


def _activity(
    aid: str,
    owner: str,
    amount: float | None,
    status: str = "indicative",
    *,
    period: tuple[str, str] | None = None,
    partners: tuple[str, ...] = (),
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": aid,
        "title": aid,
        "kind": "rom",
        "owner": owner,
        "partners": list(partners),
        "status": "planned",
    }
    if amount is not None:
        data["budget"] = {"amount": amount, "status": status}
    if period is not None:
        data["period"] = {"start": period[0], "end": period[1]}
    return data


def _chain(title: str, technologies: list[str], activities: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "title": title,
        "status": "concept",
        "workgroup": {"lead": "noord", "roms": ["noord", "oost"]},
        "technologies": [{"id": t, "role": "role"} for t in technologies],
        "stakeholders": [{"id": "lab", "name": "Lab", "kind": "institute"}],
        "activities": activities,
    }


def sample_plan() -> Plan:
    return _plan(
        {
            "chips": _chain(
                "Chips",
                ["photonics", "ai"],
                [
                    _activity("a1", "noord", 100000, "committed", period=("2025-Q4", "2026-Q2")),
                    _activity(
                        "a2",
                        "lab",
                        250000.5,
                        "indicative",
                        period=("2026", "2027"),
                        partners=("zuid",),
                    ),
                    _activity("a3", "oost", 1000, "indicative"),
                    _activity("a4", "noord", None, period=("2026", "2026")),
                ],
            ),
            "quantum": _chain(
                "Quantum",
                ["quantum"],
                [
                    _activity("q1", "zuid", 33333.33, "committed", period=("2026-Q3", "2026-Q3")),
                    _activity("q2", "noord", 0.1, "indicative", period=("2025", "2026-Q1")),
                ],
            ),
        }
    )


def _sum(amounts: list[Amounts]) -> Amounts:
    return Amounts(
        math.fsum(a.indicative for a in amounts), math.fsum(a.committed for a in amounts)
    )


def assert_reconciles(r: BudgetRollup) -> None:
    """Each view's total is the grand total; the rows of every non-overlapping view add up to it."""
    for name, view in r.views():
        assert view.total == r.total, name
        summed = _sum([row.amounts for row in view.rows])
        if view.overlapping:
            assert summed.total >= r.total.total - CENT, name
            for row in view.rows:
                assert row.amounts.total <= r.total.total + CENT, (name, row.key)
        else:
            assert abs(summed.indicative - r.total.indicative) < CENT, name
            assert abs(summed.committed - r.total.committed) < CENT, name


def test_grand_total_and_counts() -> None:
    r = rollup(sample_plan())
    assert r.total.indicative == pytest.approx(250000.5 + 1000 + 0.1)
    assert r.total.committed == pytest.approx(100000 + 33333.33)
    assert r.total.total == pytest.approx(r.total.indicative + r.total.committed)
    assert (r.activities, r.budgeted, r.without_budget) == (6, 5, 1)
    assert_reconciles(r)


def test_by_valuechain_in_plan_order() -> None:
    r = rollup(sample_plan())
    assert [row.key for row in r.by_valuechain.rows] == ["chips", "quantum"]
    chips = r.by_valuechain.row("chips")
    assert chips is not None
    assert chips.amounts == Amounts(251000.5, 100000)
    assert chips.activities == 3  # a4 has no budget


def test_by_rom_counts_owners_and_gathers_other_owners() -> None:
    r = rollup(sample_plan())
    assert [row.key for row in r.by_rom.rows] == ["noord", "oost", "zuid", None]
    noord = r.by_rom.row("noord")
    zuid = r.by_rom.row("zuid")
    other = r.by_rom.row(None)
    assert noord is not None and zuid is not None and other is not None
    assert noord.amounts == Amounts(0.1, 100000)
    assert zuid.amounts == Amounts(0, 33333.33)  # a partner of a2 is not its owner
    assert other.amounts == Amounts(250000.5, 0)


def test_by_rom_without_other_owners_has_no_none_row() -> None:
    r = rollup(sample_plan(), where=lambda _c, a: a.owner != "lab")
    assert r.by_rom.row(None) is None
    assert_reconciles(r)


def test_by_technology_counts_an_activity_for_each_technology_of_its_chain() -> None:
    r = rollup(sample_plan())
    assert r.by_technology.overlapping
    assert [row.key for row in r.by_technology.rows] == ["ai", "photonics", "quantum"]
    ai, photonics, quantum = r.by_technology.rows
    chips = r.by_valuechain.row("chips")
    assert chips is not None
    assert ai.amounts == photonics.amounts == chips.amounts
    assert quantum.amounts == Amounts(0.1, 33333.33)
    # The rows overlap (chips counts twice) but the view's total counts each activity once.
    assert _sum([row.amounts for row in r.by_technology.rows]).total == pytest.approx(
        r.total.total + chips.amounts.total
    )
    assert r.by_technology.total == r.total


def test_by_year_spreads_evenly_over_quarters() -> None:
    r = rollup(sample_plan())
    assert [row.key for row in r.by_year.rows] == [2025, 2026, 2027, None]
    y2025, y2026, y2027, no_year = r.by_year.rows
    # a1: 2025-Q4..2026-Q2, three quarters: one in 2025, two in 2026.
    # q2: 2025..2026-Q1, five quarters: four in 2025, one in 2026.
    # Whole euros (cents for an amount with cents) that add up to each amount: a1's
    # 100000 is 33333 + 66667, not 33333.33 + 66666.67.
    assert y2025.amounts.committed == 33333
    assert y2025.amounts.indicative == pytest.approx(0.08)
    assert y2026.amounts.committed == pytest.approx(66667 + 33333.33)
    assert y2026.amounts.indicative == pytest.approx(125000.25 + 0.02)
    assert y2027.amounts == Amounts(125000.25, 0)
    assert no_year.amounts == Amounts(1000, 0)  # a3 has a budget and no period
    assert_reconciles(r)


def test_by_status_has_both_statuses_in_order() -> None:
    r = rollup(sample_plan())
    assert [row.key for row in r.by_status.rows] == ["indicative", "committed"]
    indicative, committed = r.by_status.rows
    assert indicative.amounts == Amounts(r.total.indicative, 0)
    assert committed.amounts == Amounts(0, r.total.committed)
    assert (indicative.activities, committed.activities) == (3, 2)


def test_filters() -> None:
    plan = sample_plan()
    zuid = rollup(plan, where=involving_rom("zuid"))  # owns q1, partner in a2
    assert zuid.total == Amounts(250000.5, 33333.33)
    assert zuid.activities == 2
    quantum = rollup(plan, where=in_valuechains({"quantum"}))
    assert quantum.total == rollup(plan).by_valuechain.rows[1].amounts
    chips = quantum.by_valuechain.row("chips")
    assert chips is not None and chips.activities == 0 and chips.amounts == Amounts()
    assert_reconciles(zuid)
    assert_reconciles(quantum)


def test_empty_plan() -> None:
    r = rollup(_plan({"leeg": _chain("Leeg", ["ai"], [])}))
    assert r.total == Amounts()
    assert r.by_year.rows == ()
    assert [row.key for row in r.by_status.rows] == ["indicative", "committed"]
    assert_reconciles(r)


def test_quarters_and_spread() -> None:
    period = Period.model_validate({"start": "2025-Q3", "end": "2026"})
    assert quarters(period) == [(2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert spread_by_year(600, period) == [(2025, 200), (2026, 400)]


def test_spread_is_rounded_and_adds_up_to_the_amount() -> None:
    # Shown to a reader as "€ 22.222,22" and "€ 346.031,75" before: false precision.
    period = Period.model_validate({"start": "2025-Q4", "end": "2027"})
    assert spread_by_year(200000, period) == [(2025, 22222), (2026, 88889), (2027, 88889)]
    rng = random.Random(7)
    for _ in range(2000):
        start = rng.randint(2024, 2030)
        period = Period.model_validate(
            {"start": f"{start}-Q{rng.randint(1, 4)}", "end": f"{start + rng.randint(0, 4)}"}
        )
        amount = float(rng.randint(1, 5_000_000))
        parts = spread_by_year(amount, period)
        assert all(part.is_integer() for _, part in parts)
        assert math.fsum(part for _, part in parts) == amount
        even = amount / len(quarters(period))
        for year, part in parts:
            share = even * sum(1 for y, _ in quarters(period) if y == year)
            assert abs(part - share) < 1


def _period(start: str, end: str) -> Period:
    return Period.model_validate({"start": start, "end": end})


def _hamilton(amount: int, period: Period, unit: int) -> list[tuple[int, int]]:
    """Largest remainder, worked out plainly: exact shares as fractions, each year the whole
    units of its share, the units left over to the largest remainders (earlier year first),
    the rest below a unit to the next year in that order."""
    years = [year for year, _ in quarters(period)]
    shares = {y: Fraction(amount) * years.count(y) / len(years) for y in dict.fromkeys(years)}
    whole_units = amount // unit
    unit_shares = {y: Fraction(whole_units) * years.count(y) / len(years) for y in shares}
    parts = {y: math.floor(s) * unit for y, s in unit_shares.items()}
    order = sorted(shares, key=lambda y: (-(unit_shares[y] - math.floor(unit_shares[y])), y))
    left = whole_units - sum(parts.values()) // unit
    for year in order[:left]:
        parts[year] += unit
    parts[order[left]] += amount - whole_units * unit
    return list(parts.items())


def test_the_spread_is_largest_remainder_not_rounded_running_totals() -> None:
    # 20000 over 2025-Q2..2027 (11 quarters): shares 5454.55, 7272.73, 7272.73. Rounded running
    # totals gave 5455, 7272, 7273: the smallest remainder got the euro, and two equal
    # shares differed. Largest remainder gives both euros to the larger remainders.
    period = _period("2025-Q2", "2027")
    assert spread_by_year(20000, period) == [(2025, 5454), (2026, 7273), (2027, 7273)]
    assert spread_by_year(20000, period) == _hamilton(20000, period, 1)
    # 10000 over 2025-Q4..2027-Q1: 1666.67, 6666.67, 1666.67; the tie goes to the earlier year.
    period = _period("2025-Q4", "2027-Q1")
    assert spread_by_year(10000, period) == [(2025, 1667), (2026, 6667), (2027, 1666)]


def test_the_unit_of_the_spread() -> None:
    period = _period("2025-Q4", "2027")  # 1, 4 and 4 quarters
    assert spread_by_year(200000, period, 1000) == [(2025, 22000), (2026, 89000), (2027, 89000)]
    assert spread_by_year(200000, period, 100) == [(2025, 22200), (2026, 88900), (2027, 88900)]
    # A rest below the unit falls in the next year in line, so the years add up to 22222.
    assert spread_by_year(22222, _period("2026", "2028"), 1000) == [
        (2026, 8000),
        (2027, 7222),
        (2028, 7000),
    ]
    assert spread_by_year(1234, _period("2026", "2027"), 1000) == [(2026, 1000), (2027, 234)]
    assert spread_by_year(600, _period("2026", "2026"), 1000) == [(2026, 600)]


def test_an_amount_with_cents_is_spread_to_the_cent_at_unit_one() -> None:
    # 1000.10 over three years: 333.3667 each; the cent left over goes to the earliest year
    # (rounded running totals gave 333.37, 333.36, 333.37).
    assert spread_by_year(1000.10, _period("2026", "2028")) == [
        (2026, 333.37),
        (2027, 333.37),
        (2028, 333.36),
    ]
    assert spread_by_year(1000.10, _period("2026", "2028"), 10) == [
        (2026, 340.0),
        (2027, 330.1),
        (2028, 330.0),
    ]


def test_every_spread_is_the_largest_remainder_apportionment() -> None:
    rng = random.Random(17)
    differs = 0
    for _ in range(4000):
        start = rng.randint(2024, 2030)
        end = start + rng.choice([0, 1, 1, 2, 3, 6])
        first, last = rng.randint(1, 4), rng.randint(1, 4)
        if end == start and last < first:
            first, last = last, first
        period = _period(f"{start}-Q{first}", f"{end}-Q{last}")
        unit = rng.choice(ROUNDING_UNITS)
        amount = rng.choice(
            [rng.randint(0, 40), rng.randint(1, 3000) * 1000, rng.randint(0, 10**7)]
        )
        parts = spread_by_year(float(amount), period, unit)
        assert parts == _hamilton(amount, period, unit), (amount, period, unit)
        assert sum(Fraction(part) for _, part in parts) == amount
        covered = quarters(period)
        multiples = [part for _, part in parts if part % unit == 0]
        assert len(multiples) >= len(parts) - 1  # only the year with the rest is not
        for year, part in parts:
            share = Fraction(amount) * sum(1 for y, _ in covered if y == year) / len(covered)
            assert abs(part - share) < unit, (amount, period, unit, year)
        differs += parts != _running_totals(amount, period)
    assert differs > 100  # the cases above are not those where the two methods agree


def _running_totals(amount: int, period: Period) -> list[tuple[int, int]]:
    """The rounding before largest remainder, for the test above: per year, the rounded
    running total at its end minus the one at its start (whole euros, half up)."""
    years = [year for year, _ in quarters(period)]
    parts, before = [], 0
    for year in dict.fromkeys(years):
        count = years.count(year)
        low = math.floor(Fraction(amount * before, len(years)) + Fraction(1, 2))
        high = math.floor(Fraction(amount * (before + count), len(years)) + Fraction(1, 2))
        parts.append((year, high - low))
        before += count
    return parts


def test_the_plan_chooses_the_unit_of_its_years() -> None:
    plan = sample_plan()
    by_thousand = dataclasses.replace(
        plan, info=plan.info.model_copy(update={"budgets": BudgetSettings(round_years_to=1000)})
    )
    whole, thousands = rollup(plan), rollup(by_thousand)
    assert (whole.round_years_to, thousands.round_years_to) == (1, 1000)
    # a1: 100000 over 2025-Q4..2026-Q2 (1 and 2 quarters): 33333.33 and 66666.67.
    assert spread_by_year(100000, _period("2025-Q4", "2026-Q2"), 1000) == [
        (2025, 33000),
        (2026, 67000),
    ]
    y2025 = thousands.by_year.row(2025)
    assert y2025 is not None and y2025.amounts.committed == 33000
    assert whole.by_year.row(2025) != y2025
    assert_reconciles(thousands)
    # 250000.5 (a2, two years) and 0.1 (q2, two years) are no whole number of thousands;
    # 33333.33 (q1) is neither, but all of it falls in one year.
    assert (whole.with_residue, thousands.with_residue) == (0, 2)


def test_many_random_activities_reconcile() -> None:
    rng = random.Random(13)
    statuses = [s.value for s in BudgetStatus]
    owners = ["noord", "oost", "zuid", "lab"]
    activities = []
    for n in range(300):
        start = rng.randint(2024, 2030)
        end = start + rng.randint(0, 3)
        period = (f"{start}-Q{rng.randint(1, 4)}", str(end)) if n % 7 else None
        amount = None if n % 11 == 0 else round(rng.uniform(0, 5e6), 2)
        activities.append(
            _activity(f"a{n}", rng.choice(owners), amount, rng.choice(statuses), period=period)
        )
    plan = _plan(
        {
            "chips": _chain("Chips", ["ai", "photonics"], activities[:150]),
            "quantum": _chain("Quantum", ["quantum", "ai"], activities[150:]),
        }
    )
    r = rollup(plan)
    assert r.budgeted == sum(1 for a in activities if "budget" in a)
    expected = math.fsum(a["budget"]["amount"] for a in activities if "budget" in a)
    assert abs(r.total.total - expected) < CENT
    assert_reconciles(r)
    ai = r.by_technology.row("ai")
    assert ai is not None and abs(ai.amounts.total - r.total.total) < CENT  # in both chains


def test_the_result_is_deterministic_and_frozen() -> None:
    plan = sample_plan()
    first = rollup(plan)
    assert first == rollup(plan)
    with pytest.raises(AttributeError):
        first.total = Amounts()  # type: ignore[misc]


def test_the_edition_date_does_not_matter() -> None:
    plan = sample_plan()
    later = Plan(
        plan.info.model_copy(update={"date": dt.date(2030, 1, 1)}),
        plan.roms,
        plan.technologies,
        plan.valuechains,
    )
    assert rollup(later) == rollup(plan)


@pytest.mark.parametrize("folder", ["fixtures/render-plan", "../data"])
def test_real_plans_reconcile(folder: str) -> None:
    plan = check_folder(TESTS / folder).plan
    assert plan is not None
    r = rollup(plan)
    assert r.activities == len(plan.activities())
    assert_reconciles(r)
