"""What the messages say: the words an editor reads to fix a problem.

The case folders check codes and places; these tests check the words, through
``check_folder`` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ntsplan.check import check_folder
from ntsplan.problems import Problem

CHIPS = """\
title: Chips
status: concept
workgroup:
  lead: noord
  roms: [noord, oost]
technologies:
  - id: photonics
    role: Light on chips.
"""


@pytest.fixture
def check(plan_folder: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """``check({"valuechains/chips.yaml": text})``: the problems of the base plan with
    these files replaced."""

    def run(files: dict[str, str]) -> list[Problem]:
        data = plan_folder()
        for name, text in files.items():
            (data / name).write_text(text, encoding="utf-8")
        return check_folder(data).problems

    return run


def one(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def test_unknown_field_suggests_the_closest_field(check: Callable[..., list[Problem]]) -> None:
    problems = check({"valuechains/chips.yaml": CHIPS + "sumary: Short.\n"})
    problem = one(problems, "unknown-field")
    assert problem.message == "unknown field 'sumary' — did you mean 'summary'?"
    assert (problem.line, problem.column) == (9, 1)


def test_unknown_field_without_a_close_match_lists_the_allowed_fields(
    check: Callable[..., list[Problem]],
) -> None:
    problems = check({"technologies/photonics.yaml": "number: 1\nname: {nl: F, en: P, xyz: Q}\n"})
    assert one(problems, "unknown-field").message == (
        "unknown field 'xyz'; allowed here: nl, en; rename it to one of them, or move it"
    )


def test_yes_in_a_true_false_field_says_what_to_write(
    check: Callable[..., list[Problem]],
) -> None:
    text = CHIPS + "stakeholders:\n  - id: fab\n    name: Fab\n    kind: company\n    sme: yes\n"
    problem = one(check({"valuechains/chips.yaml": text}), "wrong-type")
    assert problem.message == "'yes' is read as text here; write true or false"
    assert (problem.line, problem.column) == (13, 10)


def test_duplicate_key_names_both_lines(check: Callable[..., list[Problem]]) -> None:
    problem = one(check({"valuechains/chips.yaml": CHIPS + "title: Again\n"}), "duplicate-key")
    assert problem.message == "duplicate key 'title': it is also on line 1; keep one of the two"
    assert (problem.line, problem.column) == (9, 1)


def test_missing_field_is_reported_at_the_parent_key(
    check: Callable[..., list[Problem]],
) -> None:
    text = CHIPS.replace("  lead: noord\n", "")
    problem = one(check({"valuechains/chips.yaml": text}), "missing-field")
    assert (problem.line, problem.column) == (3, 1)  # the key 'workgroup'
    assert problem.message.startswith("missing field 'lead': ")
    assert "ROM that leads the working group" in problem.message
    assert problem.message.endswith("— add it")


def test_missing_field_in_a_list_item_is_reported_at_the_item(
    check: Callable[..., list[Problem]],
) -> None:
    text = CHIPS.replace("    role: Light on chips.\n", "")
    problem = one(check({"valuechains/chips.yaml": text}), "missing-field")
    assert (problem.line, problem.column) == (7, 5)
    assert "'role'" in problem.message


def test_enum_value_suggests_the_closest_choice(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS.replace("status: concept", "status: finale")
    problem = one(check({"valuechains/chips.yaml": text}), "invalid-value")
    assert problem.message == (
        "'finale' is not allowed here; write 'concept', 'review' or 'final' — did you mean 'final'?"
    )
    assert (problem.line, problem.column) == (2, 9)


def test_leading_zero_says_why_it_is_text(check: Callable[..., list[Problem]]) -> None:
    problem = one(
        check({"technologies/photonics.yaml": "number: 01\nname: {nl: F, en: P}\n"}), "wrong-type"
    )
    assert (
        problem.message
        == "'01' is read as text because of its leading zero; write 1 without the zero"
    )


def test_number_where_text_is_expected_says_to_quote(
    check: Callable[..., list[Problem]],
) -> None:
    text = CHIPS.replace("title: Chips", "title: 2030")
    problem = one(check({"valuechains/chips.yaml": text}), "wrong-type")
    assert problem.message == 'expected text, got the number 2030; put it in quotes: "2030"'


def test_bad_id_suggests_a_valid_one(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS + "stakeholders:\n  - id: My Stakeholder\n    name: Fab\n    kind: company\n"
    problem = one(check({"valuechains/chips.yaml": text}), "invalid-value")
    assert "'My Stakeholder' is not a valid id" in problem.message
    assert problem.message.endswith("write 'my-stakeholder'")


def test_a_rom_named_by_something_else_lists_the_rom_ids(
    check: Callable[..., list[Problem]],
) -> None:
    """No slug ('noord-nl') that would only fail the next check: the ids there are."""
    text = CHIPS.replace("lead: noord", "lead: Noord NL")
    problem = one(check({"valuechains/chips.yaml": text}), "invalid-value")
    assert problem.message == (
        "'Noord NL' is not a ROM id, nor the name of one; write one of: noord, oost, zuid"
    )


def test_unknown_rom_suggests_a_rom(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS.replace("roms: [noord, oost]", "roms: [noord, oots]")
    problem = one(check({"valuechains/chips.yaml": text}), "unknown-rom")
    assert problem.message == (
        "unknown ROM 'oots'; ROM's are listed in roms.yaml — did you mean 'oost'?"
    )


def test_unknown_technology_suggests_a_technology(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS.replace("id: photonics", "id: fotonics")
    problem = one(check({"valuechains/chips.yaml": text}), "unknown-technology")
    assert problem.message.endswith("— did you mean 'photonics'?")
    assert (problem.line, problem.column) == (7, 9)


def test_unknown_activity_in_another_chain_suggests_one_there(
    check: Callable[..., list[Problem]],
) -> None:
    text = CHIPS + (
        "activities:\n  - id: scan\n    title: Scan\n    kind: rom\n    owner: noord\n"
        "    status: proposed\n    depends: [qubits/roadshw]\n"
    )
    problem = one(check({"valuechains/chips.yaml": text}), "unknown-activity")
    assert (
        problem.message
        == "no activity 'roadshw' in value chain 'qubits' — did you mean 'roadshow'?"
    )
    assert (problem.line, problem.column) == (15, 15)


def test_cycle_message_shows_the_whole_circle(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS + (
        "activities:\n"
        "  - {id: a, title: A, kind: rom, owner: noord, status: proposed, depends: [b]}\n"
        "  - {id: b, title: B, kind: rom, owner: noord, status: proposed, depends: [a]}\n"
    )
    problem = one(check({"valuechains/chips.yaml": text}), "dependency-cycle")
    assert problem.message == (
        "activities depend on each other in a circle: chips/a → chips/b → chips/a; "
        "remove one dependency"
    )
    assert (problem.line, problem.column) == (10, 76)  # the b in [b]


def test_period_ending_before_it_starts(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS + (
        "activities:\n  - id: scan\n    title: Scan\n    kind: rom\n    owner: noord\n"
        "    status: proposed\n    period:\n      start: 2026-Q3\n      end: 2026-Q2\n"
    )
    problem = one(check({"valuechains/chips.yaml": text}), "invalid-value")
    assert problem.message == (
        "the period ends (2026-Q2) before it starts (2026-Q3); write an end that is the same "
        "as or later than the start"
    )
    assert (problem.line, problem.column) == (17, 12)


def test_sme_only_for_companies(check: Callable[..., list[Problem]]) -> None:
    text = CHIPS + "stakeholders:\n  - {id: gld, name: Gelderland, kind: province, sme: false}\n"
    problem = one(check({"valuechains/chips.yaml": text}), "invalid-value")
    assert problem.message == "only a company can be an SME; remove 'sme' from this province"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ('"1000"', "'1000' is text because of the quotes; write 1000 without quotes"),
        (".nan", "'.nan' is not a usable number; write a number instead"),
        (".inf", "'.inf' is not a usable number; write a number instead"),
        (
            "1e400",
            "'1e400' is far too large a number: the value must lie between 0 and "
            "1000000000000; write a number in that range",
        ),
        ("1.000.000", "'1.000.000' is text; write the plain number 1000000"),
        ("1e13", "10000000000000 is out of range: the value must be at most 1000000000000"),
        ("-5", "-5 is out of range: the value must be at least 0"),
        ("yes", "expected a number, got the text 'yes'; write it with digits only, e.g. 2026"),
    ],
)
def test_number_messages(amount: str, message: str, check: Callable[..., list[Problem]]) -> None:
    text = CHIPS + (
        "activities:\n  - id: scan\n    title: Scan\n    kind: rom\n    owner: noord\n"
        f"    status: proposed\n    budget:\n      amount: {amount}\n      status: indicative\n"
    )
    problems = check({"valuechains/chips.yaml": text})
    # A number too large to be one is also a warning from the loader (see test_yaml_loader).
    errors = [p for p in problems if p.is_error]
    assert [(p.line, p.column, p.message) for p in errors] == [(16, 15, message)]
