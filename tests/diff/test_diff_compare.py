"""The pure comparison of two plans, and the words the diff reporters share."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import TESTS
from ntsplan.check import check_folder
from ntsplan.diff.compare import Change, FieldChange, compare, field_changes
from ntsplan.diff.report import change_words, counts_words, describe, value_words
from ntsplan.link.model import Plan
from ntsplan.schema import Status

BASE = TESTS / "cases" / "base"


@pytest.fixture(scope="module")
def plan() -> Plan:
    result = check_folder(BASE).plan
    assert result is not None
    return result


def _with_chain(plan: Plan, chain_id: str, **update: object) -> Plan:
    chain = plan.valuechains[chain_id].model_copy(update=update)
    return dataclasses.replace(plan, valuechains={**plan.valuechains, chain_id: chain})


def test_a_plan_equals_itself(plan: Plan) -> None:
    diff = compare(plan, plan)
    assert diff.empty
    assert [c.change for c in diff.chains] == [Change.UNCHANGED, Change.UNCHANGED]
    assert diff.budget_before == diff.budget_after
    assert diff.budget_after.committed == 250000


def test_reordered_activities_are_no_change(plan: Plan) -> None:
    qubits = plan.valuechains["qubits"]
    after = _with_chain(plan, "qubits", activities=list(reversed(qubits.activities)))
    assert compare(plan, after).empty


def test_only_the_status_changed(plan: Plan) -> None:
    diff = compare(plan, _with_chain(plan, "chips", status=Status.REVIEW))
    (chips,) = diff.changed_chains
    assert (chips.change, chips.status_changed) == (Change.CHANGED, True)
    assert (chips.status_before, chips.status_after) == (Status.CONCEPT, Status.REVIEW)
    assert chips.fields == ()
    assert chips.activities == ()


def test_a_technology_role_is_a_field_change(plan: Plan) -> None:
    chips = plan.valuechains["chips"]
    role = chips.technologies[0].model_copy(update={"role": "Light between chips."})
    diff = compare(plan, _with_chain(plan, "chips", technologies=[role]))
    (changed,) = diff.changed_chains
    assert changed.fields == (
        FieldChange("technologies.photonics.role", "Light on chips.", "Light between chips."),
    )
    assert (changed.technologies_added, changed.technologies_removed) == ((), ())


def test_roms_and_technologies_of_the_plan(plan: Plan) -> None:
    zuid = plan.roms["zuid"].model_copy(update={"short": "ZOM!"})
    quantum = plan.technologies["quantum"]
    after = dataclasses.replace(
        plan,
        roms={"noord": plan.roms["noord"], "zuid": zuid},
        technologies={"photonics": plan.technologies["photonics"], "ai": quantum},
    )
    diff = compare(plan, after)
    assert [(r.id, r.change, r.fields) for r in diff.roms] == [
        ("zuid", Change.CHANGED, (FieldChange("short", "ZOM", "ZOM!"),)),
        ("oost", Change.REMOVED, ()),
    ]
    assert [(t.id, t.change) for t in diff.technologies] == [
        ("ai", Change.ADDED),
        ("quantum", Change.REMOVED),
    ]


def test_field_changes_open_parts_one_level() -> None:
    before = {"title": "A", "budget": {"amount": 1.0, "status": "indicative"}, "kpis": [1]}
    after = {"title": "A", "budget": {"amount": 2.0, "status": "indicative"}, "kpis": [2]}
    assert field_changes(before, after) == (
        FieldChange("budget.amount", 1.0, 2.0),
        FieldChange("kpis", [1], [2]),
    )
    assert field_changes(before, after, skip=frozenset({"budget.amount"})) == (
        FieldChange("kpis", [1], [2]),
    )
    assert field_changes({"budget": None}, {"budget": {"amount": 1.0}}) == (
        FieldChange("budget", None, {"amount": 1.0}),
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (FieldChange("status", "planned", "running"), "status: planned → running"),
        (
            FieldChange("budget.amount", 250000.0, 1250000.5),
            "budget.amount: €250,000 → €1,250,000.50",
        ),
        (FieldChange("budget", None, {"amount": 1.0}), "budget added"),
        (FieldChange("period", {"start": "2026"}, None), "period removed"),
        (FieldChange("description", "short", "x" * 41), "description"),
        (FieldChange("partners", ["oost"], ["oost", "fab"]), "partners: oost → oost, fab"),
        (FieldChange("partners", [], ["oost"]), "partners: none → oost"),
        (FieldChange("kpis", [{"target": 1}], [{"target": 2}]), "kpis"),
        (FieldChange("sme", None, True), "sme: none → true"),
        (FieldChange("year", 2027, 2028), "year: 2027 → 2028"),
        (FieldChange("target", 1_000_000.0, 2.5), "target: 1000000 → 2.5"),
    ],
)
def test_describe(change: FieldChange, words: str) -> None:
    assert describe(change) == words


def test_value_words_leave_out_what_is_long() -> None:
    assert value_words("summary", "line one\nline two") is None
    assert value_words("partners", ["a-very-long-party-name"] * 3) is None


def test_change_words_round_to_the_cent() -> None:
    assert change_words(0.1 + 0.2, 0.3) == "€0.30"
    assert change_words(300.0, 250.0) == "€300 → €250 (-€50)"


def test_counts_words_leave_out_zeros(plan: Plan) -> None:
    after = _with_chain(plan, "chips", activities=[])
    after = dataclasses.replace(
        after, valuechains={k: v for k, v in after.valuechains.items() if k != "qubits"}
    )
    assert counts_words(compare(plan, after)) == (
        "1 value chain removed, 1 changed; 3 activities removed"
    )
