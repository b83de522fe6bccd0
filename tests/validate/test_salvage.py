"""A file with schema errors still takes part in the cross-file checks where its data can be
repaired without inventing anything (ntsplan/validate/salvage.py), through `check_folder`,
the computation of `ntsplan validate` and the language server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ntsplan.check import check_folder

BASE = Path(__file__).resolve().parents[1] / "cases" / "base"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


def codes(plan: Path, before: str, after: str) -> list[tuple[int, str]]:
    chain = plan / "valuechains" / "chips.yaml"
    text = chain.read_text(encoding="utf-8")
    assert before in text
    chain.write_text(text.replace(before, after, 1), encoding="utf-8")
    result = check_folder(plan)
    assert result.plan is None  # nothing is built from a salvaged file
    return [(p.line, p.code) for p in result.problems if p.is_error]


def test_a_wrong_choice_keeps_the_unknown_owner(plan: Path) -> None:
    got = codes(
        plan,
        "    owner: noord\n    partners: [oost, fab]\n    status: proposed",
        ("    owner: nord\n    partners: [oost, fab]\n    status: propossed"),
    )
    assert got == [(18, "unknown-party"), (20, "invalid-value")]


def test_an_unknown_key_and_a_bad_optional_field_keep_the_unknown_dependency(plan: Path) -> None:
    got = codes(
        plan,
        "    depends: [qubits/lab]",
        ("    depends: [qubits/labb]\n    budgett: 5\n    period: {start: soon, end: 2027}"),
    )
    assert [code for _, code in got] == ["unknown-activity", "unknown-field", "invalid-value"]


def test_a_stand_in_choice_raises_no_problem_of_its_own(plan: Path) -> None:
    # 'kind' stands in as 'rom' (the first choice); the owner is a stakeholder, which would
    # contradict the stand-in, not the file: only the schema's problem is reported.
    got = codes(plan, "    kind: rom\n    owner: noord", "    kind: robot\n    owner: fab")
    assert [code for _, code in got] == ["invalid-value"]


def test_a_broken_required_field_leaves_the_file_out_as_before(plan: Path) -> None:
    # The title of an activity cannot be repaired without inventing one: the unknown owner
    # waits until the title is fixed.
    got = codes(
        plan,
        "    title: Scan the chain\n    kind: rom\n    owner: noord",
        ("    title: [Scan]\n    kind: rom\n    owner: nord"),
    )
    assert [code for _, code in got] == ["wrong-type"]
