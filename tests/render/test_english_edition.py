"""The English edition is English, or says where it is not: the shipped data's share of
English words, sentence frames in the language of the text they hold, untranslated
passages marked on the page, labels and metadata in English, and the share on the build's
last line."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import tinyhtml5

from conftest import REPO, TESTS, RunCli
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import plan_metadata
from ntsplan.render import render_html
from ntsplan.render.language_share import language_share

FIXTURE = TESTS / "fixtures" / "render-plan"


@functools.cache
def plan(folder: str) -> Plan:
    result = check_folder(REPO / folder)
    assert result.plan is not None, result.problems
    return result.plan


@functools.cache
def english(folder: str) -> str:
    return render_html(plan(folder), Edition("en"))


def parse(html: str) -> ET.Element:
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return root


def text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def test_the_shipped_english_edition_is_at_least_95_percent_english() -> None:
    share = language_share(english("data"), "en")
    assert share.total > 10_000
    # Organisation names keep their own (Dutch) form and count as Dutch.
    assert share.percent >= 95.0, share.line()


def test_the_share_counts_words_by_their_marked_language() -> None:
    html = '<html lang="en"><body><p>one two</p><p lang="nl">drie vier vijf</p></body></html>'
    share = language_share(html, "en")
    assert (share.words, share.total) == (2, 5)
    assert (
        share.line() == "English edition: 40.0% of its 5 words in English (3 in another language)"
    )


def test_a_sentence_frame_follows_the_language_of_the_text_it_holds() -> None:
    root = parse(english(str(FIXTURE.relative_to(REPO))))
    kpis = root.findall(".//ul[@class='kpis']/li")
    assert kpis
    for li in kpis:
        text = text_of(li)
        if li.get("lang") == "nl":
            # "30 bedrijven by 2026 (now 0)" was English around Dutch words.
            assert " by " not in text and "(now" not in text, text
            assert re.search(r" in \d{4}", text), text
        else:
            assert " by " in text, text
    for source in root.findall(".//span[@class='budget-source']"):
        text = text_of(source)
        assert text.startswith("Financiering:" if source.get("lang") == "nl" else "Funding:")


def test_untranslated_passages_are_marked_on_the_page() -> None:
    root = parse(english(str(FIXTURE.relative_to(REPO))))
    marked = root.findall(".//*[@data-untranslated]")
    assert marked and all(element.get("lang") == "nl" for element in marked)
    chapter = root.find(".//section[@id='vc-fotonica-chips']")
    assert chapter is not None
    note = chapter.find(".//p[@class='untranslated-note']")
    assert note is not None
    assert "have no English version yet: they appear in Dutch, marked NL." in text_of(note)
    # Every activity description shown in Dutch is marked.
    for prose in chapter.findall(".//div[@lang='nl']"):
        assert prose.get("data-untranslated") is not None, text_of(prose)


def test_shipped_prose_has_its_english_version() -> None:
    root = parse(english("data"))
    chain = root.find(".//section[@id='vc-medtech']")
    assert chain is not None
    assert chain.find(".//p[@class='untranslated-note']") is None
    assert "Route for clinical validation of SME innovations" in text_of(chain)
    assert "SME innovations in a clinical validation programme: 12 innovations by 2027" in (
        text_of(chain)
    )
    colophon = root.find(".//section[@id='colophon']")
    assert colophon is not None
    assert "Ministry of Economic Affairs (EZ)" in text_of(colophon)
    assert "Ministerie van" not in text_of(colophon)


def test_labels_and_metadata_of_the_english_edition_are_english() -> None:
    html = english("data")
    root = parse(html)
    body = root.find(".//body")
    assert body is not None
    for parent in list(body.iter()):
        for child in list(parent):
            if child.get("lang") == "nl":
                parent.remove(child)  # Dutch text keeps its own spelling
    words = text_of(body)
    assert "ROMs" in words
    assert "ROM's" not in words
    assert "Edition 0.1 (concept)" not in words and "Edition 0.1" in words
    title = root.find(".//title")
    assert title is not None and text_of(title) == "Regional Reinforcement Plan NTS"
    assert plan_metadata(plan("data"), language="en").title == "Regional Reinforcement Plan NTS"
    assert plan_metadata(plan("data"), language="nl").title == "Regionaal Versterkingsplan NTS"


def test_the_build_ends_with_the_share_of_its_language(run_cli: RunCli, tmp_path: Path) -> None:
    out = str(tmp_path)
    result = run_cli("build", "--data", "data", "--out", out, "--only", "html", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(
        r"English edition: \d+\.\d% of its [\d,]+ words in English \([\d,]+ in another language\)",
        last,
    ), last
