"""The render stage's small parts: formatting, label catalogues, completeness, timeline,
the Jinja environment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import pytest

from conftest import REPO, TESTS
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.completeness import Gap, GapKind, assess, chain_gaps, days_to_deadline
from ntsplan.plan.edition import Edition
from ntsplan.plan.formatting import (
    format_date,
    format_money,
    format_number,
    format_period,
    format_quarter,
)
from ntsplan.plan.labels import LANGUAGES, load_labels
from ntsplan.plan.slicing import select
from ntsplan.render.context import build_context
from ntsplan.render.environment import make_environment
from ntsplan.render.timeline import FONT, LABEL_CHARS, MIN_FONT, print_size_pt
from ntsplan.resources import assets_dir, templates_dir
from ntsplan.schema import Quarter

FIXTURE = TESTS / "fixtures" / "render-plan"


@functools.cache
def fixture_plan() -> Plan:
    plan = check_folder(FIXTURE).plan
    assert plan is not None
    return plan


# Formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date", "expected"),
    [
        ("nl", dt.date(2025, 7, 1), "1 juli 2025"),
        ("en", dt.date(2025, 7, 1), "1 July 2025"),
        ("nl", dt.date(2026, 3, 31), "31 maart 2026"),
        ("en", dt.date(2025, 12, 9), "9 December 2025"),
    ],
)
def test_dates(language: str, date: dt.date, expected: str) -> None:
    assert format_date(date, load_labels(language)) == expected


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (1250000, "€ 1.250.000", "€1,250,000"),
        (1250000.5, "€ 1.250.000,50", "€1,250,000.50"),
        (0, "€ 0", "€0"),
        (999.999, "€ 1.000", "€1,000"),
        (12.3, "€ 12,30", "€12.30"),
    ],
)
def test_money(amount: float, nl: str, en: str) -> None:
    assert format_money(amount, "nl") == nl
    assert format_money(amount, "en") == en


def test_numbers() -> None:
    assert format_number(1250.0, "nl") == "1.250"
    assert format_number(1250.0, "en") == "1,250"
    assert format_number(4.5, "nl") == "4,5"
    assert format_number(4.25, "en") == "4.25"


def test_quarters_and_periods() -> None:
    labels = load_labels("nl")
    assert format_quarter(Quarter(2026, 3), labels) == "Q3 2026"
    assert format_quarter(Quarter(2026), labels) == "2026"
    assert format_period(Quarter(2025, 3), Quarter(2026, 1), labels) == "Q3 2025 – Q1 2026"
    assert format_period(Quarter(2026), Quarter(2026), labels) == "2026"


# Label catalogues -------------------------------------------------------------------------


def shape(value: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf key of a catalogue with the placeholders its text uses."""
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            result.update(shape(item, f"{prefix}{key}."))
        return result
    if isinstance(value, list):
        return {prefix: len(value)}
    fields = {f for _, f, _, _ in string.Formatter().parse(str(value)) if f is not None}
    return {prefix: frozenset(fields)}


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    nl, en = (shape(load_labels(language).data) for language in LANGUAGES)
    assert set(nl) == set(en)
    assert nl == en  # same placeholders per label, twelve months each


def test_catalogue_values_are_text() -> None:
    for language in LANGUAGES:
        for key, value in shape(load_labels(language).data).items():
            assert isinstance(value, frozenset | int), (language, key)
        assert len(load_labels(language).months) == 12


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="no labels for language 'fr'"):
        load_labels("fr")


# Environment ------------------------------------------------------------------------------


def test_environment_escapes_and_rejects_undefined_names() -> None:
    env = make_environment("nl")
    assert env.autoescape is True
    template = env.from_string("{{ value }}")
    assert template.render(value="<b>&") == "&lt;b&gt;&amp;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ t.no_such_label }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_environment_loads_only_from_the_templates_folder() -> None:
    env = make_environment("en")
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    assert [Path(p) for p in env.loader.searchpath] == [templates_dir()]
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("../pyproject.toml")


def test_resource_folders() -> None:
    assert (templates_dir() / "document.html.j2").is_file()
    assert templates_dir().parent == REPO.resolve()
    assert assets_dir() == templates_dir() / "assets"


# Completeness ---------------------------------------------------------------------------------


def test_days_to_deadline_from_plan_dates() -> None:
    info = fixture_plan().info
    assert days_to_deadline(info) == 60
    later = info.model_copy(update={"date": dt.date(2025, 7, 11)})
    assert days_to_deadline(later) == -10


def test_gaps_of_a_concept_chain() -> None:
    gaps = chain_gaps(fixture_plan(), "quantum-keten")
    assert gaps == (
        Gap(GapKind.NOT_FINAL, "concept"),
        Gap(GapKind.NO_SUMMARY),
        Gap(GapKind.NO_SEGMENT, "end_customers"),
        Gap(GapKind.NO_SEGMENT, "end_suppliers"),
        Gap(GapKind.NO_SEGMENT, "innovative_suppliers"),
        Gap(GapKind.NO_MARKET),
        Gap(GapKind.NO_AMBITION),
        Gap(GapKind.TECHNOLOGY_NO_AMBITION, "quantum"),
        Gap(GapKind.NO_STAKEHOLDERS),
        Gap(GapKind.NO_ALIGNMENT),
        Gap(GapKind.NO_SOURCES),
        Gap(GapKind.ACTIVITY_NO_BUDGET, "verkenning"),
        Gap(GapKind.ACTIVITY_NO_KPI, "verkenning"),
        Gap(GapKind.ACTIVITY_NO_PERIOD, "netwerk"),
        Gap(GapKind.ACTIVITY_NO_BUDGET, "netwerk"),
        Gap(GapKind.ACTIVITY_NO_KPI, "netwerk"),
    )


def test_assess_the_whole_plan() -> None:
    result = assess(fixture_plan())
    assert (result.valuechains, result.expected_valuechains) == (2, 3)
    assert result.technologies_without_ambition == ("quantum", "ai-data")
    assert [c.chain_id for c in result.chains] == ["fotonica-chips", "quantum-keten"]
    assert result.complete_chains == 0
    chips = result.chains[0]
    assert chips.gaps == (Gap(GapKind.TECHNOLOGY_NO_AMBITION, "ai-data"),)


def test_a_chain_without_activities() -> None:
    plan = fixture_plan()
    chain = plan.valuechains["quantum-keten"].model_copy(update={"activities": []})
    plan = dataclasses.replace(plan, valuechains={"quantum-keten": chain})
    assert chain_gaps(plan, "quantum-keten")[-1] == Gap(GapKind.NO_ACTIVITIES)


# Timeline ---------------------------------------------------------------------------------


def test_timeline_geometry() -> None:
    plan = fixture_plan()
    context = build_context(plan, select(plan, Edition()), load_labels("nl"))
    chips = next(c for c in context.chains if c.id == "fotonica-chips")
    timeline = chips.timeline
    assert timeline is not None
    # The edition (2 May 2025) widens the axis to Q2 2025; the activities run to Q4 2027:
    # eleven quarters of (600 - 214 - 6) / 11 = 34.5 units, between x=214 and x=594.
    assert [y.label for y in timeline.years] == ["2025", "2026", "2027"]
    assert len(timeline.quarters) == 11
    assert timeline.quarter_lines[0] == "214.0" and timeline.quarter_lines[-1] == "594.0"
    first, second = timeline.bars
    assert (first.x, first.width) == ("248.5", "138.2")  # Q3 2025 - Q2 2026: four quarters
    assert (second.x, second.width) == ("317.6", "276.4")  # 2026 - 2027: eight quarters
    assert (first.kind, second.kind) == ("rom", "stakeholder")
    # 'onderzoek' depends on 'pilotlijn': an arrow from the end of one bar to the other.
    (arrow,) = timeline.arrows
    assert arrow.path.startswith("M 386.7 ") and arrow.path.endswith(" H 316.6")
    assert arrow.head.startswith("317.6,")
    # The edition a third into Q2 2025, the deadline at the start of Q3 2025.
    edition, deadline = timeline.markers
    assert (edition.key, edition.x, edition.label) == ("edition", "225.8", "Editie 2 mei 2025")
    assert (deadline.key, deadline.x) == ("deadline", "248.5")
    assert deadline.label == "Oplevering 1 juli 2025"
    quantum = next(c for c in context.chains if c.id == "quantum-keten")
    assert quantum.timeline is not None
    assert [v.activity.id for v in quantum.timeline.without_period] == ["netwerk"]


def test_timeline_text_is_at_least_7_pt_in_print() -> None:
    assert print_size_pt(MIN_FONT) >= 7
    assert print_size_pt(FONT) >= 7
    template = (templates_dir() / "partials" / "timeline.html.j2").read_text(encoding="utf-8")
    sizes = {float(size) for size in re.findall(r'font-size="([0-9.]+)"', template)}
    assert sizes and min(sizes) >= MIN_FONT


def test_long_titles_are_wrapped_in_full_on_the_timeline() -> None:
    plan = fixture_plan()
    chain = plan.valuechains["fotonica-chips"]
    long_title = "Een bijzonder lange titel voor een activiteit die niet op een regel past"
    first = chain.activities[0].model_copy(update={"title": long_title})
    chain = chain.model_copy(update={"activities": [first, *chain.activities[1:]]})
    plan = dataclasses.replace(plan, valuechains={"fotonica-chips": chain})
    context = build_context(plan, select(plan, Edition()), load_labels("nl"))
    timeline = context.chains[0].timeline
    assert timeline is not None
    lines = [line for line, _ in timeline.bars[0].lines]
    assert len(lines) > 1 and all(len(line) <= LABEL_CHARS for line in lines)
    assert " ".join(lines) == f"1. {long_title}"
    # The next row starts below the wrapped label.
    assert float(timeline.bars[1].y) >= float(timeline.bars[0].lines[-1][1])
    assert long_title in timeline.alt and "Q3 2025 – Q2 2026" in timeline.alt
    assert "na 1" in timeline.alt  # the dependency, in words
