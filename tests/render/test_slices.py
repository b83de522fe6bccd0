"""Slices are about the slice: every annex, list and total of a ROM's or a value chain's
edition covers what the edition holds and says so; and in every edition the annex of
abbreviations lists exactly the abbreviations that occur in it."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5

from conftest import REPO
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.render import render_html

ROM = "impuls-zeeland"
EDITIONS = {
    "nl": Edition("nl"),
    "en": Edition("en"),
    "rom": Edition("nl", rom=ROM),
    "valuechain": Edition("nl", valuechain="medtech"),
}


@functools.cache
def shipped() -> Plan:
    result = check_folder(REPO / "data")
    assert result.plan is not None
    return result.plan


@functools.cache
def page(name: str) -> ET.Element:
    root: ET.Element = tinyhtml5.parse(
        render_html(shipped(), EDITIONS[name]), namespace_html_elements=False
    )
    return root


def text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def section(root: ET.Element, anchor: str) -> ET.Element:
    found = root.find(f".//*[@id='{anchor}']")
    assert found is not None, anchor
    return found


def body_text_without(root: ET.Element, anchor: str) -> str:
    """The text of the page (the cover too) with the section ``anchor`` left out."""
    body = root.find(".//body")
    assert body is not None
    for parent in list(body.iter()):
        for child in list(parent):
            if child.get("id") == anchor:
                parent.remove(child)
    return text_of(body)


@pytest.mark.parametrize("name", list(EDITIONS))
def test_the_abbreviations_annex_lists_exactly_those_that_occur(name: str) -> None:
    root = tinyhtml5.parse(
        render_html(shipped(), EDITIONS[name]), namespace_html_elements=False
    )  # a copy of its own: the text is read with the annex taken out
    annex = section(root, "abbreviations")
    listed = [text_of(dt) for dt in annex.findall(".//dt")]
    assert listed
    text = body_text_without(root, "abbreviations")
    for term in listed:
        flags = re.IGNORECASE if term.islower() else 0
        assert re.search(rf"(?<![^\W_]){re.escape(term)}(?![^\W\d_])", text, flags), (name, term)
    # The catalogue's IPO (Interprovinciaal Overleg) occurs in no edition of the shipped plan.
    assert "IPO" not in listed
    # The plan defines ICT in plan.yaml and the chapter of OT-security uses it.
    assert ("ICT" in listed) == (name in ("nl", "en"))


def test_the_rom_slice_annexes_cover_the_slice() -> None:
    root = page("rom")
    plan = shipped()
    rom = plan.roms[ROM]
    chains = [c for c in plan.valuechains.values() if ROM in c.workgroup.roms] or []
    completeness = text_of(section(root, "completeness"))
    assert "Deze uitsnede beslaat" in completeness
    assert "verwachte waardeketens zijn beschreven" not in completeness
    assert "verwachte sleuteltechnologieën zijn beschreven" not in completeness
    assert chains
    # Sources: only what the slice shows (its chains, its colophon, its ROM), not the
    # technologies' sources, whose chapter a ROM's slice does not have.
    sources = section(root, "sources").findall(".//ol/li")
    whole = section(page("nl"), "sources").findall(".//ol/li")
    assert 0 < len(sources) < len(whole)
    for item in sources:
        cited = item.find(".//span[@class='cited-in']")
        assert cited is not None
        assert "technologie" not in text_of(cited).lower(), text_of(item)
    # The agenda chapter holds one ROM's agenda: its title is in the singular.
    agendas = section(root, "agendas")
    heading = agendas.find("h2")
    assert heading is not None and text_of(heading).endswith("Agenda van de ROM")
    assert rom.name in text_of(agendas)


def test_the_whole_plan_agendas_show_the_activities_without_a_rom_lead() -> None:
    root = page("nl")
    plan = shipped()
    others = [a for _, a in plan.activities() if a.owner not in plan.roms]
    assert others
    section_ = section(root, "agenda-others")
    rows = section_.findall(".//tbody/tr")
    assert len(rows) == len(others) + 1  # and the total
    assert "Totaal van de activiteiten met een andere trekker" in text_of(rows[-1])


def test_a_rom_slice_pdf_and_workbook_give_the_same_figures() -> None:
    import io  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    from ntsplan.plan.formatting import format_money  # noqa: PLC0415
    from ntsplan.plan.metadata import plan_metadata  # noqa: PLC0415
    from ntsplan.plan.rollup import involving_rom  # noqa: PLC0415
    from ntsplan.plan.slicing import select  # noqa: PLC0415
    from ntsplan.workbook import workbook_bytes  # noqa: PLC0415

    plan, rom = shipped(), "bom"
    edition = Edition("nl", rom=rom)
    html = render_html(plan, edition)
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    data = workbook_bytes(
        select(plan, edition).plan,
        plan_metadata(plan, language="nl"),
        language="nl",
        whole_plan=False,
        where=involving_rom(rom),
        edition=f"rom:{rom}",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Begrotingen"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    by_chain = {key: total for view, key, _, _, _, total in rows if view == "Waardeketen"}
    # The total is named for what it covers, not "Heel het plan".
    assert rows[-1][2] == "De activiteiten van BOM, als trekker of partner"
    assert "uitsnede" in str(sheet["A1"].value)
    checked = 0
    for chain_id, total in by_chain.items():
        chapter = root.find(f".//section[@id='vc-{chain_id}']")
        assert chapter is not None
        part = chapter.find(".//p[@class='note slice-part']")
        if part is None:  # the chain has no budget at all: the workbook says "–"
            assert total == "–", chain_id
            continue
        printed = text_of(part).rsplit(": ", 1)[1].rstrip(".")
        assert printed == ("–" if total == "–" else format_money(total, "nl")), chain_id
        checked += printed != "–"
    assert checked
    summary = text_of(section(root, "summary"))
    assert f"Totaal {format_money(float(rows[-1][5]), 'nl')}" in summary
