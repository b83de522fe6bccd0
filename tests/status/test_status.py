"""``ntsplan status``: the figures, each output format, the deadline counted from today.

The day is fixed with the hidden ``--today`` option, so the output does not depend on the
clock. Golden files live in tests/golden/status.*; ``UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS
from ntsplan.check import check_folder
from ntsplan.commands.status import run as run_status
from ntsplan.link.model import Plan
from ntsplan.plan.completeness import Section, assess
from ntsplan.settings import StatusSettings

CASES = TESTS / "cases"
FIXTURE = TESTS / "fixtures" / "render-plan"
TODAY = "2025-06-01"  # 30 days before the base case's deadline (2025-07-01)


def _plan(folder: Path) -> Plan:
    plan = check_folder(folder).plan
    assert plan is not None
    return plan


@pytest.fixture
def data(plan_folder: Callable[..., Path]) -> Path:
    return plan_folder()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_exact_output(
    fmt: str, data: Path, invoke: Callable[..., Any], golden: Callable[[str, str], None]
) -> None:
    result = invoke("status", "--data", "data", "--format", fmt, "--today", TODAY, cwd=data.parent)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(f"status.{fmt}", result.stdout)


def test_text_is_the_default_format(data: Path, invoke: Callable[..., Any]) -> None:
    plain = invoke("status", "--data", "data", "--today", TODAY, cwd=data.parent).stdout
    text = invoke(
        "status", "--data", "data", "-f", "text", "--today", TODAY, cwd=data.parent
    ).stdout
    assert plain == text


def test_json_figures_of_the_base_plan(data: Path, invoke: Callable[..., Any]) -> None:
    result = invoke(
        "status", "--data", "data", "--format", "json", "--today", TODAY, cwd=data.parent
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == [
        "plan",
        "today",
        "deadline",
        "days_left",
        "overall",
        "valuechains",
        "plan_parts_missing",
        "untranslated",
        "languages",
        "warnings",
    ]
    assert document["plan"] == {"title": "Testplan", "edition": "0.1", "status": "concept"}
    assert (document["today"], document["deadline"], document["days_left"]) == (
        "2025-06-01",
        "2025-07-01",
        30,
    )
    # chips: 2 of 9 sections, 0 of 1 activity, not final: 2/11. qubits: 5 of 9, 1 of 2: 6/12.
    # Overall: the mean of 2/11 and 6/12 = 34.09 %.
    assert document["overall"] == {
        "percent": 34,
        "valuechains": 2,
        "expected_valuechains": 2,
        "complete_valuechains": 0,
        "activities": 3,
        "complete_activities": 1,
        "technologies": 2,
        "expected_technologies": 2,
        "technologies_without_ambition": ["photonics", "quantum"],
    }
    chips, qubits = document["valuechains"]
    assert (chips["id"], chips["title"], chips["status"]) == ("chips", "Chips", "concept")
    assert chips["percent"] == 18
    assert chips["complete"] is False
    assert chips["sections"] == {
        "filled": 2,
        "total": 9,
        "missing": [
            "summary",
            "segments",
            "market",
            "ambition",
            "technology-ambitions",
            "alignment",
            "sources",
        ],
    }
    assert chips["activities"] == {
        "total": 1,
        "complete": 0,
        "incomplete": [{"id": "scan", "missing": ["period", "budget", "kpi"]}],
    }
    assert {"kind": "not-final", "subject": "concept"} in chips["gaps"]
    assert qubits["percent"] == 50
    assert qubits["sections"]["missing"] == [
        "segments",
        "ambition",
        "technology-ambitions",
        "sources",
    ]
    assert qubits["activities"]["incomplete"] == [{"id": "roadshow", "missing": ["budget", "kpi"]}]
    assert document["warnings"] == 0


@pytest.mark.parametrize(
    ("today", "words", "days"),
    [
        ("2025-06-30", "1 day left", 1),
        ("2025-07-01", "due today", 0),
        ("2025-07-04", "3 days overdue", -3),
    ],
)
def test_days_left_count_from_today_not_from_the_edition_date(
    today: str, words: str, days: int, data: Path, invoke: Callable[..., Any]
) -> None:
    text = invoke("status", "--data", "data", "--today", today, cwd=data.parent).stdout
    assert f"Deadline 2025-07-01: {words} (today is {today})\n" in text
    as_json = invoke(
        "status", "--data", "data", "-f", "json", "--today", today, cwd=data.parent
    ).stdout
    assert json.loads(as_json)["days_left"] == days


def test_without_today_the_clock_is_used(data: Path) -> None:
    out = io.StringIO()
    assert run_status(StatusSettings(data_dir=data, format="json"), out) == 0
    document = json.loads(out.getvalue())
    assert document["today"] in {
        dt.date.today().isoformat(),
        (dt.date.today() - dt.timedelta(days=1)).isoformat(),  # run across midnight
    }


def test_a_bad_today_is_a_usage_error(data: Path, invoke: Callable[..., Any]) -> None:
    result = invoke("status", "--data", "data", "--today", "1 June", cwd=data.parent)
    assert result.exit_code == 2
    assert "'1 June' is not a date; write YYYY-MM-DD" in result.stderr


def test_errors_are_reported_as_validate_reports_them(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder(CASES / "invalid" / "unknown-rom")
    validate = invoke("validate", "--data", "data", "--format", "text", cwd=data.parent)
    status = invoke("status", "--data", "data", "--today", TODAY, cwd=data.parent)
    assert status.exit_code == 1
    assert status.stdout == validate.stdout
    assert "data/plan.yaml:5:21: error:" in status.stdout
    as_json = invoke("status", "--data", "data", "-f", "json", "--today", TODAY, cwd=data.parent)
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["summary"]["errors"] == 5
    markdown = invoke(
        "status", "--data", "data", "-f", "markdown", "--today", TODAY, cwd=data.parent
    )
    assert markdown.exit_code == 1
    as_table = invoke("validate", "--data", "data", "--format", "markdown", cwd=data.parent)
    assert markdown.stdout == as_table.stdout
    assert "unknown-rom" in markdown.stdout


def test_warnings_are_counted_not_shown(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder(CASES / "invalid" / "count-mismatch")
    result = invoke("status", "--data", "data", "--today", TODAY, cwd=data.parent)
    assert result.exit_code == 0
    assert "Value chains: 2 of 15 expected, 0 complete\n" in result.stdout
    assert "2 warnings in the data: run ntsplan validate to see them\n" in result.stdout
    # 13 chains not yet written count as 0 % in the overall figure.
    assert "overall                                1/3    4%\n" in result.stdout


def test_a_missing_folder_is_an_environment_error(
    tmp_path: Path, invoke: Callable[..., Any]
) -> None:
    result = invoke("status", "--data", "nowhere", cwd=tmp_path)
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_markdown_escapes_table_cells(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder()
    chips = data / "valuechains" / "chips.yaml"
    chips.write_text(
        chips.read_text(encoding="utf-8").replace("title: Chips", "title: Chips | wafers"),
        encoding="utf-8",
    )
    result = invoke("status", "--data", "data", "-f", "markdown", "--today", TODAY, cwd=data.parent)
    assert "| Chips \\| wafers (`chips`) | concept |" in result.stdout
    chips.write_text(
        chips.read_text(encoding="utf-8").replace(
            "title: Chips | wafers", "title: '[Chips](https://x.example) <b>*</b>'"
        ),
        encoding="utf-8",
    )
    result = invoke("status", "--data", "data", "-f", "markdown", "--today", TODAY, cwd=data.parent)
    assert "| \\[Chips\\](https://x.example) \\<b\\>\\*\\</b\\> (`chips`) |" in result.stdout


# The shared computation ------------------------------------------------------------------


def test_a_complete_chain_scores_100_and_one_gap_less() -> None:
    figures = assess(_plan(FIXTURE))
    chips = figures.chains[0]
    # fotonica-chips is final with everything filled, except that ai-data has no ambition.
    assert chips.chain_id == "fotonica-chips"
    assert chips.missing_sections == (Section.TECHNOLOGY_AMBITIONS,)
    assert chips.incomplete_activities == {}
    assert chips.percent < 100
    done = dataclasses.replace(chips, gaps=())
    assert (done.complete, done.percent) == (True, 100)


def test_status_and_document_differ_only_in_the_day_counted_from() -> None:
    plan = _plan(FIXTURE)
    document = assess(plan)
    status = assess(plan, dt.date(2025, 6, 21))
    assert document.date == plan.info.date
    assert status.date == dt.date(2025, 6, 21)
    assert status.days_left == (plan.info.deadline - dt.date(2025, 6, 21)).days
    assert dataclasses.replace(status, date=document.date, days_left=document.days_left) == (
        document
    )


def test_missing_prose_parts_and_translations_are_counted() -> None:
    """The render fixture asks for an English edition and leaves some parts out."""
    figures = assess(_plan(FIXTURE))
    assert [part.value for part in figures.missing_parts] == [
        "conclusions",
        "asks.provinces",
        "reference",
        "licence",
    ]
    # Given in both languages: the plan's title and summary, one chain's title, one activity.
    # Every prose part of a chain counts: segments, market, roles, descriptions, KPIs,
    # funding, consortia and alignment; stakeholders' names (their own form) do not.
    assert [(gap.file, gap.field) for gap in figures.untranslated] == [
        ("plan.yaml", "subtitle"),
        ("plan.yaml", "introduction"),
        ("plan.yaml", "asks.ministry"),
        ("plan.yaml", "commissioned_by"),
        ("plan.yaml", "colophon"),
        ("plan.yaml", "history[0].changes"),
        ("valuechains/fotonica-chips.yaml", "title"),
        ("valuechains/fotonica-chips.yaml", "summary"),
        ("valuechains/fotonica-chips.yaml", "segments.end_customers[0].name"),
        ("valuechains/fotonica-chips.yaml", "segments.end_suppliers[0].name"),
        ("valuechains/fotonica-chips.yaml", "segments.end_suppliers[0].description"),
        ("valuechains/fotonica-chips.yaml", "segments.innovative_suppliers[0].name"),
        ("valuechains/fotonica-chips.yaml", "market.growth"),
        ("valuechains/fotonica-chips.yaml", "ambition"),
        ("valuechains/fotonica-chips.yaml", "technologies[0].role"),
        ("valuechains/fotonica-chips.yaml", "technologies[1].role"),
        ("valuechains/fotonica-chips.yaml", "activities[0].title"),
        ("valuechains/fotonica-chips.yaml", "activities[0].description"),
        ("valuechains/fotonica-chips.yaml", "activities[0].budget.source"),
        ("valuechains/fotonica-chips.yaml", "activities[0].kpis[0].indicator"),
        ("valuechains/fotonica-chips.yaml", "activities[0].kpis[0].unit"),
        ("valuechains/fotonica-chips.yaml", "activities[1].title"),
        ("valuechains/fotonica-chips.yaml", "activities[1].kpis[0].indicator"),
        ("valuechains/fotonica-chips.yaml", "activities[1].kpis[0].unit"),
        ("valuechains/fotonica-chips.yaml", "consortia[0].name"),
        ("valuechains/fotonica-chips.yaml", "consortia[0].aim"),
        ("valuechains/fotonica-chips.yaml", "alignment[0].note"),
        ("valuechains/quantum-keten.yaml", "technologies[0].role"),
        ("valuechains/quantum-keten.yaml", "activities[1].title"),
    ]
    assert {gap.language for gap in figures.untranslated} == {"en"}


def test_translations_are_not_counted_unless_plan_yaml_asks_for_them() -> None:
    plan = _plan(FIXTURE)
    info = plan.info.model_copy(update={"translations": []})
    figures = assess(dataclasses.replace(plan, info=info))
    assert figures.untranslated == ()
    assert len(figures.missing_parts) == 4  # the prose parts are counted all the same
