"""The plan as a report: the order of its parts, the prose parts and their placeholders,
the budget roll-ups as a reader sees them, slices about their slice, and the English
edition's language marks. Everything is read from the rendered HTML."""

from __future__ import annotations

import dataclasses
import functools
import re
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5

from conftest import REPO, TESTS
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.rollup import involving_rom, rollup
from ntsplan.render import render_html
from ntsplan.schema import Status

FIXTURE = TESTS / "fixtures" / "render-plan"
SHIPPED = REPO / "data"


@functools.cache
def load(folder: str) -> Plan:
    result = check_folder(REPO / folder)
    assert result.plan is not None, result.problems
    return result.plan


@functools.cache
def rendered(folder: str, language: str = "nl", rom: str | None = None) -> ET.Element:
    html = render_html(load(folder), Edition(language=language, rom=rom))
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return root


def text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def by_id(root: ET.Element, anchor: str) -> ET.Element:
    found = root.find(f".//*[@id='{anchor}']")
    assert found is not None, f"no element #{anchor}"
    return found


def money(text: str) -> float:
    """'€ 1.550.000,50' (Dutch) as a number; '–' (nothing budgeted) adds nothing."""
    if text == "–":
        return 0.0
    plain = text.replace("€", "").replace("\xa0", "").replace(" ", "").replace(".", "")
    return float(plain.replace(",", "."))


def column_sum(table: ET.Element, column: int) -> tuple[float, float]:
    """The sum of a money column over the body rows, and the total row's figure (the
    table's last row: a tfoot would repeat on every page in print)."""
    assert table.find("./tfoot") is None
    *body, last = table.findall("./tbody/tr")
    assert last.get("class") == "total-row"
    cells = [row.findall("./td")[column] for row in body]
    foot = last.findall("./td")[column]
    return sum(money(text_of(cell)) for cell in cells), money(text_of(foot))


SHIPPED_DIR = str(SHIPPED.relative_to(REPO))
FIXTURE_DIR = str(FIXTURE.relative_to(REPO))


# Order of the parts ---------------------------------------------------------------------


def test_body_then_lettered_annexes() -> None:
    root = rendered(SHIPPED_DIR)
    main = root.find(".//main")
    assert main is not None
    ids = [part.get("id") for part in main]
    chains = [f"vc-{chain}" for chain in load(SHIPPED_DIR).valuechains]
    assert ids == [
        "colophon",
        "contents",
        "summary",
        "introduction",
        "matrices",
        "technologies",
        *chains,
        "agendas",
        "conclusions",
        "completeness",
        "parties",
        "sources",
        "abbreviations",
    ]
    headings = [text_of(by_id(root, a).find("h2")) for a in ids[-4:]]  # type: ignore[arg-type]
    assert headings == [
        "Bijlage A Volledigheid en wat nog ontbreekt",
        "Bijlage B Register van partijen",
        "Bijlage C Bronnen",
        "Bijlage D Afkortingen",
    ]
    assert text_of(by_id(root, "conclusions").find("h2")).startswith("20 ")  # type: ignore[arg-type]
    annexes = [text_of(li) for li in by_id(root, "contents").findall(".//ol[@class]/li")][-4:]
    assert annexes[0].startswith("A Volledigheid")


def test_the_countdown_is_only_in_the_completeness_annex() -> None:
    root = rendered(SHIPPED_DIR)
    main = root.find(".//main")
    assert main is not None
    countdown = re.compile(r"Nog \d+ dag(en)? tot de oplevering")
    holding = [part.get("id") for part in main if countdown.search(text_of(part))]
    assert holding == ["completeness"]
    assert "Nog 61 dagen tot de oplevering." in text_of(by_id(root, "completeness"))


def test_no_data_file_paths_anywhere_in_the_document() -> None:
    for language in ("nl", "en"):
        html = render_html(load(SHIPPED_DIR), Edition(language=language))
        assert re.findall(r"[\w/-]+\.ya?ml", html) == []


def test_abbreviations_include_the_fixed_ones_and_the_roms() -> None:
    terms = {
        text_of(dt): text_of(dd)
        for div in by_id(rendered(SHIPPED_DIR), "abbreviations").findall(".//dl/div")
        for dt, dd in [tuple(div)]
    }
    assert terms["KIA ST"] == "Kennis- en Innovatieagenda Sleuteltechnologieën"
    assert terms["mkb"] == "midden- en kleinbedrijf"
    assert terms["BOM"] == "Brabantse Ontwikkelings Maatschappij"
    assert list(terms) == sorted(terms, key=str.casefold)


# Prose parts, placeholders, reading guide, empty sections ------------------------------


def test_prose_parts_and_placeholders_in_a_concept_edition() -> None:
    root = rendered(FIXTURE_DIR)
    assert "Het testplan in één alinea." in text_of(by_id(root, "summary"))
    assert "Waarom dit testplan er is." in text_of(by_id(root, "introduction"))
    conclusions = by_id(root, "conclusions")
    notes = [text_of(p) for p in conclusions.findall(".//div[@class='placeholder']")]
    assert notes == [
        "Nog in te vullen: De conclusies en het vervolg – door de redactie van het plan "
        "(de uitgevende ROM's).",
        "Nog in te vullen: Wat de ROM's vragen van de provincies – door de ROM's samen, na "
        "afstemming met de werkgroepen.",
    ]
    assert "Het ministerie wordt gevraagd om een test." in text_of(conclusions)
    colophon = text_of(by_id(root, "colophon"))
    assert "Opdrachtgever Ministerie van Testzaken" in colophon
    assert "Kenmerk Nog in te vullen: Het kenmerk" in colophon
    assert "0.8 1 maart 2025 Eerste opzet." in colophon


def test_a_final_edition_has_no_placeholders() -> None:
    plan = load(FIXTURE_DIR)
    final = dataclasses.replace(plan, info=plan.info.model_copy(update={"status": Status.FINAL}))
    html = render_html(final, Edition())
    assert 'class="placeholder"' not in html
    assert "Nog in te vullen" not in html
    assert 'id="conclusions-ministry"' in html  # written, so shown
    assert 'id="conclusions-provinces"' not in html  # not written: left out


def test_reading_guide_follows_the_document() -> None:
    guide = by_id(rendered(SHIPPED_DIR), "reading-guide")
    lines = [text_of(li).replace(" ,", ",").replace(" :", ":") for li in guide.findall(".//li")]
    refs = [line.split(":")[0] for line in lines]
    assert refs == [
        "Hoofdstuk 2, Overzicht",
        "Hoofdstuk 3, Sleuteltechnologieën",
        "Hoofdstukken 4 tot en met 18, Waardeketens",
        "Hoofdstuk 19, Agenda's van de ROM's",
        "Hoofdstuk 20, Conclusies en vervolg",
        "Bijlage A, Volledigheid en wat nog ontbreekt",
        "Bijlage B, Register van partijen",
        "Bijlage C, Bronnen",
        "Bijlage D, Afkortingen",
    ]
    assert "de 15 waardeketens" in lines[2]
    links = [a.get("href") for a in guide.findall(".//a")]
    assert links[0] == "#matrices" and links[-1] == "#abbreviations"


def test_empty_sections_are_left_out_of_the_chapter_and_listed_in_the_annex() -> None:
    root = rendered(FIXTURE_DIR)
    chapter = by_id(root, "vc-quantum-keten")
    ids = {element.get("id") for element in chapter.iter() if element.get("id")}
    for empty in ("segments", "market", "ambition", "stakeholders", "alignment", "sources"):
        assert f"vc-quantum-keten-{empty}" not in ids
    assert "Nog niet ingevuld" not in text_of(chapter)
    assert {"vc-quantum-keten-workgroup", "vc-quantum-keten-activities"} <= ids
    gaps = text_of(by_id(root, "completeness"))
    assert "De markt en de verwachte marktgroei." in gaps
    assert "Betrokkenen." in gaps


# Budget roll-ups in the document --------------------------------------------------------


def test_budget_views_in_the_document_add_up_to_one_total() -> None:
    root = rendered(SHIPPED_DIR)
    plan = load(SHIPPED_DIR)
    summary = by_id(root, "summary").find(".//table[@class='budget-table']")
    assert summary is not None
    rows, total = column_sum(summary, 0)
    assert rows == pytest.approx(total, abs=0.01)
    assert total == pytest.approx(rollup(plan).total.total, abs=0.01)
    assert total > 0
    for view in ("valuechain", "rom", "year"):
        table = root.find(f".//table[@aria-labelledby='budget-{view}-title']")
        assert table is not None, view
        for column in range(3):  # indicative, committed, total
            summed, foot = column_sum(table, column)
            assert summed == pytest.approx(foot, abs=0.05), (view, column)
        assert column_sum(table, 2)[1] == pytest.approx(total, abs=0.01)
    # Per technology the rows overlap (a chain's money counts for each of its technologies);
    # the foot is still the one total and the note says why the rows add up to more.
    per_tech = root.find(".//table[@aria-labelledby='budget-technology-title']")
    assert per_tech is not None
    summed, foot = column_sum(per_tech, 2)
    assert foot == pytest.approx(total, abs=0.01) and summed > foot
    # Each value chain's own chapter, and the overview's row for it, agree.
    chapters = 0.0
    for chain_id in plan.valuechains:
        table = root.find(f".//table[@aria-labelledby='vc-{chain_id}-budget-title']")
        if table is None:
            continue
        chapters += column_sum(table, 2)[1]
    assert chapters == pytest.approx(total, abs=0.01)


def test_agendas_show_what_each_rom_leads_and_all_it_takes_part_in() -> None:
    root = rendered(SHIPPED_DIR)
    plan = load(SHIPPED_DIR)
    whole = rollup(plan)
    led = 0.0
    for rom_id, rom in plan.roms.items():
        agenda = by_id(root, f"rom-{rom_id}")
        foot = [tr for tr in agenda.findall(".//tbody/tr") if "total-row" in tr.get("class", "")]
        if not foot:
            continue
        owned, involved = (money(text_of(row.findall("td")[-1])) for row in foot)
        row = whole.by_rom.row(rom_id)
        assert owned == pytest.approx(row.amounts.total if row else 0, abs=0.01), rom.short
        assert involved == pytest.approx(
            rollup(plan, where=involving_rom(rom_id)).total.total, abs=0.01
        )
        assert involved >= owned
        led += owned
    others = whole.by_rom.row(None)
    assert led + (others.amounts.total if others else 0) == pytest.approx(
        whole.total.total, abs=0.01
    )


# Slices ---------------------------------------------------------------------------------


def test_rom_slice_is_about_its_rom() -> None:
    plan = load(SHIPPED_DIR)
    root = rendered(SHIPPED_DIR, rom="oost-nl")
    chains = [c for c in plan.valuechains.values() if "oost-nl" in c.workgroup.roms]
    cover = text_of(by_id(root, "cover"))
    assert "vijftien waardeketens" not in cover
    assert "Uitsnede voor Oost NL" in cover
    shown = len(root.findall(".//main/section[@class='chapter valuechain']"))
    assert shown >= len(chains)
    assert f"{shown} waardeketens van de 15" in cover
    figures = {
        text_of(div.find("dt")): text_of(div.find("dd"))  # type: ignore[arg-type]
        for div in by_id(root, "summary").findall(".//div[@class='key-figure']")
    }
    assert figures["Waardeketens"] == str(shown)
    assert int(figures["Andere ROM's in deze ketens"]) <= 8  # never '9 van de 9'
    budget = by_id(root, "summary").find(".//table[@class='budget-table']")
    assert budget is not None
    own = rollup(plan, where=involving_rom("oost-nl")).total.total
    assert column_sum(budget, 0)[1] == pytest.approx(own, abs=0.01)
    assert own < rollup(plan).total.total


def test_valuechain_slice_counts_its_chain() -> None:
    plan = load(SHIPPED_DIR)
    html = render_html(plan, Edition(valuechain="medtech"))
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    cover = text_of(by_id(root, "cover"))
    count = len(plan.valuechains["medtech"].activities)
    assert f"1 waardeketen van de 15 · {count} activiteiten" in cover
    budget = by_id(root, "summary").find(".//table[@class='budget-table']")
    assert budget is not None
    medtech = rollup(plan).by_valuechain.row("medtech")
    assert medtech is not None
    assert column_sum(budget, 0)[1] == pytest.approx(medtech.amounts.total, abs=0.01)


# The English edition ---------------------------------------------------------------------


def nearest_lang(parents: dict[ET.Element, ET.Element], element: ET.Element) -> str | None:
    node: ET.Element | None = element
    while node is not None:
        if node.get("lang"):
            return node.get("lang")
        node = parents.get(node)
    return None


def lang_of_text(root: ET.Element, text: str) -> set[str | None]:
    """The language every element holding ``text`` (directly) is marked with."""
    parents = {child: parent for parent in root.iter() for child in parent}
    # Inside the timeline's SVG a text cannot be marked in part; its table marks it.
    svgs = [node for node in root.iter() if str(node.tag).endswith("svg")]
    in_svg = {node for svg in svgs for node in svg.iter()}
    found = {
        nearest_lang(parents, element)
        for element in root.iter()
        if element not in in_svg
        and (text in (element.text or "") or any(text in (c.tail or "") for c in element))
    }
    assert found, f"'{text}' is not in the document"
    return found


def test_english_edition_uses_english_where_given_and_marks_the_rest_dutch() -> None:
    root = rendered(FIXTURE_DIR, "en")
    assert root.get("lang") == "en"
    assert text_of(by_id(root, "cover").find("h1")) == "Regional Reinforcement Plan NTS"  # type: ignore[arg-type]
    assert lang_of_text(root, "Regional Reinforcement Plan NTS") == {"en"}
    assert lang_of_text(root, "Quantum chain") == {"en"}
    assert lang_of_text(root, "Exploration with SMEs") == {"en"}
    assert lang_of_text(root, "The test plan in") == {"en"}
    # Given only in Dutch, or not translatable: marked as Dutch wherever it appears.
    for dutch in (
        "Fotonische chips",
        "Testplan voor de weergave",
        "Waarom dit testplan er is.",
        "Sterke groei verwacht.",
        "Mkb-bedrijven krijgen toegang tot de pilotlijn.",
        "Bedrijven geholpen",
        "Chipfab B.V.",
        "Netwerk opzetten",
    ):
        assert lang_of_text(root, dutch) == {"nl"}, dutch
    colophon = text_of(by_id(root, "colophon"))
    assert re.search(r"\d+ texts are not translated into English", colophon)
    # The timeline shows the English title too.
    # (Timeline labels are numbered, "1. Exploration with SMEs", keyed to the table.)
    labels = [
        re.sub(r"^\d+\. ", "", text_of(node))
        for node in root.iter()
        if str(node.tag).endswith("text")
    ]
    assert "Exploration with SMEs" in labels
    assert "Verkenning met het mkb" not in labels


def test_dutch_edition_marks_nothing_of_its_own_language() -> None:
    html = render_html(load(FIXTURE_DIR), Edition())
    # <html lang="nl">, then only the English names of the technologies.
    technologies = len(load(FIXTURE_DIR).technologies)
    assert re.findall(r'lang="(\w+)"', html) == ["nl"] + ["en"] * technologies
    assert "Regional Reinforcement Plan NTS" not in html
