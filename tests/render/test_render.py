"""The rendered plan document: golden files, slices and what a reader sees in it."""

from __future__ import annotations

import dataclasses
import functools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
import tinyhtml5

from conftest import TESTS
from ntsplan.check import check_folder
from ntsplan.errors import UsageError
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition, UnknownSliceError, choose_edition
from ntsplan.render import render_html
from ntsplan.resources import templates_dir
from ntsplan.schema import Status
from ntsplan.schema.activity import Period
from ntsplan.schema.plan import BudgetSettings

FIXTURE = TESTS / "fixtures" / "render-plan"

Golden = Callable[[str, str], None]


@functools.cache
def fixture_plan() -> Plan:
    """The small fixed plan of tests/fixtures/render-plan (valid, one warning)."""
    result = check_folder(FIXTURE)
    assert result.plan is not None, result.problems
    return result.plan


def parse(html: str) -> ET.Element:
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return root


def text_of(element: ET.Element) -> str:
    """The text a reader sees, with one space between pieces (cells, links) of markup."""
    text = " ".join(" ".join(element.itertext()).split())
    return re.sub(r" ([.,;:)])", r"\1", text)


def with_chain_status(plan: Plan, status: Status) -> Plan:
    chains = {cid: c.model_copy(update={"status": status}) for cid, c in plan.valuechains.items()}
    return dataclasses.replace(plan, valuechains=chains)


# Golden files --------------------------------------------------------------------------

GOLDEN_CASES = {
    "plan-nl.html": Edition(),
    "plan-en.html": Edition(language="en"),
    "slice-rom-oost.html": Edition(rom="oost"),
    "slice-valuechain-quantum-keten.html": Edition(valuechain="quantum-keten"),
}


def without_css(html: str) -> str:
    """The markup with the stylesheets' text left out: the golden files pin the HTML;
    CSS changes (print.css belongs to the PDF export) should not churn them."""
    return re.sub(r"(<style[^>]*>).*?(</style>)", r"\1/* css */\2", html, flags=re.S)


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_html(name: str, golden: Golden) -> None:
    golden(f"render/{name}", without_css(render_html(fixture_plan(), GOLDEN_CASES[name])))


def test_stylesheets_are_inlined_from_the_templates_folder() -> None:
    html = render_html(fixture_plan(), Edition())
    css = (templates_dir() / "css" / "document.css").read_text(encoding="utf-8")
    print_css = (templates_dir() / "css" / "print.css").read_text(encoding="utf-8")
    assert f"<style>\n{css}\n</style>" in html
    assert f'<style media="print">\n{print_css}\n</style>' in html


# Cover and CONCEPT marking ---------------------------------------------------------------


def test_cover_shows_title_edition_date_and_concept_mark() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    cover = root.find(".//header[@class='cover']")
    assert cover is not None
    text = text_of(cover)
    assert "Regionaal Versterkingsplan NTS" in text
    assert "Editie 0.9" in text
    assert "Datum 2 mei 2025" in text
    assert cover.find(".//p[@class='concept-mark']") is not None
    assert "Concept" in text


def test_no_concept_mark_when_every_chain_is_final() -> None:
    html = render_html(with_chain_status(fixture_plan(), Status.FINAL), Edition())
    assert 'class="concept-mark"' not in html
    assert '<body class="final"' in html


def test_concept_mark_while_one_chain_is_under_review() -> None:
    plan = with_chain_status(fixture_plan(), Status.FINAL)
    chain = plan.valuechains["quantum-keten"].model_copy(update={"status": Status.REVIEW})
    plan = dataclasses.replace(plan, valuechains={**plan.valuechains, "quantum-keten": chain})
    assert 'class="concept-mark"' in render_html(plan, Edition())


def test_english_cover_date_and_technology_names() -> None:
    html = render_html(fixture_plan(), Edition(language="en"))
    assert '<html lang="en">' in html
    assert "2 May 2025" in html
    assert "Optical systems and integrated photonics</h3>" in html
    assert "Draft" in html


# Summary ----------------------------------------------------------------------------------


def test_summary_budget_totals_by_status_dutch_and_english() -> None:
    nl = render_html(fixture_plan(), Edition())
    assert "€ 300.000,50" in nl  # indicative
    assert "€ 1.250.000" in nl  # committed
    assert "€ 1.550.000,50" in nl  # total
    en = render_html(fixture_plan(), Edition(language="en"))
    assert "€1,550,000.50" in en


def with_rounding(plan: Plan, unit: int, amount: float, start: str, end: str) -> Plan:
    """The plan with figures per year rounded to ``unit`` (plan.yaml's budgets.round_years_to)
    and its indicative activity 'onderzoek' given ``amount`` over ``start``..``end``."""
    chain = plan.valuechains["fotonica-chips"]
    activities = [
        a.model_copy(
            update={
                "budget": a.budget.model_copy(update={"amount": amount}),
                "period": Period.model_validate({"start": start, "end": end}),
            }
        )
        if a.id == "onderzoek" and a.budget is not None
        else a
        for a in chain.activities
    ]
    chains = {
        **plan.valuechains,
        "fotonica-chips": chain.model_copy(update={"activities": activities}),
    }
    info = plan.info.model_copy(update={"budgets": BudgetSettings(round_years_to=unit)})
    return dataclasses.replace(plan, info=info, valuechains=chains)


def year_rows(html: str, table_class: str) -> dict[str, str]:
    """A by-year budget table (the first of its class) as {year: its indicative amount}."""
    table = parse(html).find(f".//table[@class='budget-overview {table_class}']")
    assert table is not None
    rows = {}
    for tr in table.iter("tr"):
        header, cells = tr.find("th"), tr.findall("td")
        if header is not None and cells:
            rows[text_of(header)] = text_of(cells[0])
    return rows


@pytest.mark.parametrize("table", ["budget-year", "budget-chain-year"])
def test_plan_yaml_chooses_the_rounding_of_the_figures_per_year(table: str) -> None:
    # 200000 over 2025-Q4..2027: 1, 4 and 4 quarters of 22222.22 each.
    whole = render_html(with_rounding(fixture_plan(), 1, 200000, "2025-Q4", "2027"), Edition())
    rows = year_rows(whole, table)
    assert (rows["2025"], rows["2026"], rows["2027"]) == ("€ 22.222", "€ 88.889", "€ 88.889")
    assert "per jaar afgerond op hele euro's, zo dat de jaren samen precies" in text_of(
        parse(whole)
    )
    thousands = render_html(
        with_rounding(fixture_plan(), 1000, 200000, "2025-Q4", "2027"), Edition()
    )
    rows = year_rows(thousands, table)
    assert (rows["2025"], rows["2026"], rows["2027"]) == ("€ 22.000", "€ 89.000", "€ 89.000")
    assert rows["Totaal"] == "€ 200.000"
    text = text_of(parse(thousands))
    assert "gelijkmatig over de kwartalen" in text and "per jaar afgerond op € 1.000" in text
    assert "onder € 1.000" not in text  # every amount is a whole number of thousands


def test_the_note_says_where_the_rest_below_the_unit_goes() -> None:
    # 22222 at € 1.000 over three years: 8000, 7222 and 7000, which add up to 22222.
    en = render_html(with_rounding(fixture_plan(), 1000, 22222, "2026", "2028"), Edition("en"))
    rows = year_rows(en, "budget-chain-year")
    assert (rows["2026"], rows["2027"], rows["2028"]) == ("€8,000", "€7,222", "€7,000")
    text = text_of(parse(en))
    assert "rounded to €1,000 per year, so that the years add up to the amount exactly" in text
    assert "The part of an amount below €1,000 falls in one year." in text


# Matrices ---------------------------------------------------------------------------------


def matrix_rows(root: ET.Element, table_label: str) -> dict[str, dict[str, str]]:
    """A matrix as {row header: {column header: mark class}}."""
    table = root.find(f".//table[@aria-labelledby='{table_label}']")
    assert table is not None
    columns = [text_of(th) for th in table.findall("./thead/tr/th")][1:]
    rows = {}
    for tr in table.findall("./tbody/tr"):
        header = text_of(tr.find("th"))  # type: ignore[arg-type]
        cells = [td.get("class", "") for td in tr.findall("td")]
        rows[header] = dict(zip(columns, cells, strict=True))
    return rows


def test_rom_matrix_marks_the_lead_rom_in_text() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    rows = matrix_rows(root, "matrix-roms-title")
    assert rows["Fotonische chips"] == {
        "NTM": "mark",
        "OTM": "mark mark-member",
        "ZTM": "mark mark-lead",
    }
    assert rows["Quantumketen"]["NTM"] == "mark mark-lead"
    lead_cell = root.find(".//td[@class='mark mark-lead']")
    assert lead_cell is not None
    assert text_of(lead_cell) == "T trekker van de werkgroep"  # a mark and words, not colour


def test_technology_matrix() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    rows = matrix_rows(root, "matrix-technologies-title")
    assert rows["Fotonische chips"] == {
        "1": "mark mark-member",
        "2": "mark",
        "7": "mark mark-member",
    }


# Technologies and value chains -----------------------------------------------------------------


def test_technology_without_ambition_says_not_yet_known() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    section = root.find(".//section[@id='tech-quantum']")
    assert section is not None
    assert "Ambitie voor 2035 nog niet bekend" in text_of(section)
    assert "Quantumketen" in text_of(section)


def test_activities_split_into_rom_and_other_tasks() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    rom = root.find(".//table[@aria-labelledby='vc-fotonica-chips-rom-tasks']")
    other = root.find(".//table[@aria-labelledby='vc-fotonica-chips-other-tasks']")
    assert rom is not None and other is not None
    assert [tr.get("id") for tr in rom.findall("./tbody/tr")] == ["act-fotonica-chips--pilotlijn"]
    assert [tr.get("id") for tr in other.findall("./tbody/tr")] == ["act-fotonica-chips--onderzoek"]
    row = text_of(rom.find("./tbody/tr"))  # type: ignore[arg-type]
    assert "ZTM OTM, Chipfab B.V. Q3 2025 – Q2 2026 gepland € 1.250.000 toegezegd" in row
    assert "Bedrijven geholpen: 12 bedrijven in 2026 (nu 0)" in row


def test_cross_chain_dependency_links_to_the_activity() -> None:
    html = render_html(fixture_plan(), Edition())
    assert 'Volgt op: <a href="#act-fotonica-chips--pilotlijn">Fotonische chips: Toegang' in html


def test_timeline_is_inline_svg_with_titles() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    section = root.find(".//section[@id='vc-fotonica-chips-timeline']")
    assert section is not None
    svg = section.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    titles = [text_of(t) for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    # The chart's own title is its text alternative: every activity, its period, what
    # it depends on, and the dates marked on it.
    assert titles == [
        "Tijdlijn van de activiteiten in Fotonische chips, per kwartaal:"
        " 1. Toegang tot de pilotlijn (Q3 2025 – Q2 2026);"
        " 2. Gezamenlijk onderzoek (2026 – 2027; na 1)."
        " Editie 2 mei 2025; Oplevering 1 juli 2025.",
        "Toegang tot de pilotlijn (ZTM, Q3 2025 – Q2 2026)",
        "Gezamenlijk onderzoek (Technische Universiteit Zuid, 2026 – 2027)",
    ]


def test_activities_without_period_are_named_under_the_timeline() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    section = root.find(".//section[@id='vc-quantum-keten-timeline']")
    assert section is not None
    assert "Nog zonder periode: Netwerk opzetten" in text_of(section)


# ROM agendas, completeness, index, sources ------------------------------------------------------


def test_rom_agenda_lists_owned_and_joined_activities() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    agenda = root.find(".//section[@id='rom-oost']")
    assert agenda is not None
    rows = [text_of(tr) for tr in agenda.findall(".//tbody/tr") if not tr.get("class")]
    assert [r.split(" Fotonische")[0].split(" Quantum")[0] for r in rows] == [
        "Toegang tot de pilotlijn",
        "Verkenning met het mkb",
        "Netwerk opzetten",
    ]
    assert "partner" in rows[0] and "trekker" in rows[2]


def test_days_to_deadline_come_from_plan_dates() -> None:
    nl = parse(render_html(fixture_plan(), Edition()))
    callout = nl.find(".//div[@class='callout deadline']")
    assert callout is not None
    assert text_of(callout) == (
        "Nog 60 dagen tot de oplevering. "
        "Van de editiedatum 2 mei 2025 tot de opleverdatum 1 juli 2025."
    )
    en = render_html(fixture_plan(), Edition(language="en"))
    assert "60 days left until the plan is due." in en


def test_deadline_passed() -> None:
    plan = fixture_plan()
    info = plan.info.model_copy(update={"deadline": plan.info.date.replace(day=1)})
    html = render_html(dataclasses.replace(plan, info=info), Edition())
    assert "De oplevering is 1 dag verstreken." in html


def test_completeness_names_what_each_chain_lacks() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    table = root.find(".//table[@aria-labelledby='completeness-gaps']")
    assert table is not None
    rows = {text_of(tr.find("th")): tr for tr in table.findall("./tbody/tr")}  # type: ignore[arg-type]
    quantum = [text_of(li) for li in rows["Quantumketen"].iter("li")]
    assert "De status is concept, nog niet definitief." in quantum
    assert "Een samenvatting." in quantum
    assert "Een begroting voor ‘Netwerk opzetten’." in quantum
    assert "De ambitie voor 2035 van Kwantumtechnologieën." in quantum
    chips = [text_of(li) for li in rows["Fotonische chips"].iter("li")]
    assert chips == ["De ambitie voor 2035 van Kunstmatige intelligentie en datawetenschap."]


def test_party_index_is_alphabetical() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    table = root.find(".//table[@aria-labelledby='parties-title']")
    assert table is not None
    names = [text_of(tr.find("th")) for tr in table.findall("./tbody/tr")]  # type: ignore[arg-type]
    assert names == sorted(names, key=str.casefold)
    assert "Chipfab B.V." in names and "Oostelijke Testmaatschappij" in names


def test_sources_are_listed_once_per_address() -> None:
    root = parse(render_html(fixture_plan(), Edition()))
    chapter = root.find(".//section[@id='sources']")
    assert chapter is not None
    urls = [text_of(span) for span in chapter.iter("span") if span.get("class") == "url"]
    assert len(urls) == len(set(urls)) == 4
    plan_source = next(li for li in chapter.iter("li") if "example.org/plan" in text_of(li))
    assert "Gebruikt bij: Colofon, ZTM" in text_of(plan_source)


# Slices -----------------------------------------------------------------------------------


def activity_ids(html: str) -> set[str]:
    return set(re.findall(r'<tr id="(act-[^"]+)"', html))


def test_rom_slice_holds_only_that_roms_chains_and_agenda() -> None:
    html = render_html(fixture_plan(), Edition(rom="zuid"))
    assert activity_ids(html) == {"act-fotonica-chips--pilotlijn", "act-fotonica-chips--onderzoek"}
    assert 'id="rom-zuid"' in html
    assert 'id="rom-oost"' not in html
    assert 'id="vc-quantum-keten"' not in html
    assert "Uitsnede voor Zuidelijke Testmaatschappij" in html


def test_valuechain_slice_holds_cover_summary_toc_and_the_chain() -> None:
    html = render_html(fixture_plan(), Edition(valuechain="quantum-keten"))
    root = parse(html)
    chapters = [s.get("id") for s in root.find(".//main")]  # type: ignore[union-attr]
    assert chapters == ["contents", "summary", "vc-quantum-keten", "completeness", "abbreviations"]
    assert activity_ids(html) == {"act-quantum-keten--verkenning", "act-quantum-keten--netwerk"}
    # The dependency on another chain stays readable, without a dead link.
    assert "Volgt op: Fotonische chips: Toegang tot de pilotlijn" in text_of(root)
    assert 'href="#act-fotonica-chips--pilotlijn"' not in html


def test_unknown_slice_ids_suggest_the_closest() -> None:
    plan = fixture_plan()
    with pytest.raises(UnknownSliceError, match=r"unknown ROM 'oostt'.*did you mean 'oost'"):
        choose_edition(plan, rom="oostt")
    with pytest.raises(UnknownSliceError, match="did you mean 'quantum-keten'"):
        choose_edition(plan, valuechain="quantum")
    with pytest.raises(UsageError, match="cannot be combined"):
        choose_edition(plan, rom="oost", valuechain="quantum-keten")
    with pytest.raises(UsageError, match="no language 'de'"):
        choose_edition(plan, language="de")


def test_unknown_slice_is_a_usage_error_with_exit_code_2() -> None:
    with pytest.raises(UsageError) as raised:
        choose_edition(fixture_plan(), rom="nope")
    assert raised.value.exit_code == 2


_RENDER_SCRIPT = """
import sys
from pathlib import Path
from ntsplan.check import check_folder
from ntsplan.plan.edition import Edition
from ntsplan.render import render_html
plan = check_folder(Path(sys.argv[1])).plan
sys.stdout.buffer.write(render_html(plan, Edition(language=sys.argv[2])).encode())
"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_same_plan_gives_identical_bytes_in_separate_processes(language: str) -> None:
    def run(seed: str) -> bytes:
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        done = subprocess.run(
            [sys.executable, "-c", _RENDER_SCRIPT, str(FIXTURE), language],
            capture_output=True,
            check=True,
            env=env,
            timeout=120,
        )
        return done.stdout

    first, second = run("1"), run("2")
    assert first
    assert first == second
    assert first == render_html(fixture_plan(), Edition(language=language)).encode()
