"""A source's title is marked with the source's own language (`language:`), never with the
document's or the plan's by default alone: an English title in the Dutch edition is
hyphenated and read aloud as English, a Dutch one in the English edition as Dutch."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
from pydantic import BaseModel

from conftest import REPO
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.render import render_html
from ntsplan.schema import Source


@functools.cache
def shipped() -> Plan:
    result = check_folder(REPO / "data")
    assert result.plan is not None, result.problems
    return result.plan


def sources_in(value: object) -> list[Source]:
    """Every Source anywhere inside a model (a file's list, an ambition's, a ROM's)."""
    if isinstance(value, Source):
        return [value]
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields for s in sources_in(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in sources_in(item)]
    return []


def expected_languages(plan: Plan) -> dict[str, set[str]]:
    """Every source title of the plan's data, with the language(s) it is written in."""
    data_language = plan.info.language.value
    found: dict[str, set[str]] = {}
    models = [plan.info, *plan.roms.values(), *plan.technologies.values()]
    sources = sources_in([*models, *plan.valuechains.values()])
    for source in sources:
        language = source.language.value if source.language else data_language
        found.setdefault(source.title, set()).add(language)
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_source_title_carries_its_own_language(language: str) -> None:
    plan = shipped()
    expected = expected_languages(plan)
    assert any("en" in v for v in expected.values()), "the shipped plan cites English sources"
    root: ET.Element = tinyhtml5.parse(
        render_html(plan, Edition(language)), namespace_html_elements=False
    )
    cites = root.findall(".//cite")
    assert cites
    for cite in cites:
        title = " ".join("".join(cite.itertext()).split())
        assert title in expected, title
        (wanted,) = expected[title]
        # lang only where the title's language differs from the document's (html lang)
        assert cite.get("lang", language) == wanted, (title, cite.attrib)
        link = cite.find("a")
        if link is not None and wanted != plan.info.language.value:
            assert link.get("hreflang") == wanted
