"""Print-only typesetting of the HTML: suspended compounds kept together, and the Dutch
trema rule at a hyphenated line break ("technologie-" / "en", never "technologie-" / "ën")."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

from ntsplan.pdf.typeset import breaks_before_trema, prepare_for_print, soft_hyphenated
from ntsplan.plan.metadata import DocumentMetadata


def test_pyphen_s_dutch_patterns_break_before_the_trema() -> None:
    """Why the fix exists: nl_NL allows 'technologie-ën', which Dutch writes 'technologie-en'."""
    assert breaks_before_trema("financiële")
    assert breaks_before_trema("ingenieërs")
    assert not breaks_before_trema("werkgroep")
    # Three letters on each side of a break: 'technologie-ën' is no break point at all now.
    assert not breaks_before_trema("Sleuteltechnologieën")


def test_only_dutch_body_text_is_marked() -> None:
    html = (
        '<html lang="nl"><head><title>Sleuteltechnologieën</title>'
        "<style>/* inside <style media=print> */</style></head><body>"
        '<p title="Sleuteltechnologieën">KIA financiële</p>'
        '<p lang="en">ideeën</p><svg><text>technologieën</text></svg>'
        "<p>Quantumhardware en -software</p>"
        '<h2 id="t">3 <span>Sleuteltechnologieën</span></h2></body></html>'
    )
    marked = prepare_for_print(html)
    assert marked.count('class="tw"') == 1
    # Headings are the PDF's bookmark labels: no soft hyphen may show up in the outline.
    assert '<h2 id="t">3 <span>Sleuteltechnologieën</span></h2>' in marked
    assert '<p title="Sleuteltechnologieën">KIA <span class="tw" data-tw="1">' in marked
    assert marked.count('class="hy"') == 0  # no exception word in the body text
    assert "<title>Sleuteltechnologieën</title>" in marked
    assert '<p lang="en">ideeën</p>' in marked
    assert "<text>technologieën</text>" in marked
    assert 'Quantumhardware <span class="nobreak">en -software</span>' in marked


def test_a_marked_word_gets_soft_hyphens_but_none_before_its_trema() -> None:
    assert (
        soft_hyphenated("Sleuteltechnologieën")
        == "Sleu\u00adtel\u00adtech\u00adno\u00adlo\u00adgieën"
    )


def test_the_pdf_never_splits_a_word_just_before_its_trema(tmp_path: Path) -> None:
    """Paragraphs of every width from 25 to 55 mm: without the soft hyphens some break the
    word just before 'ën' ('Sleuteltechnologie-' / 'ën'), which Dutch does not allow."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from ntsplan.pdf.weasy.document import render_pdf  # noqa: PLC0415
    from ntsplan.pdf.weasy.fetcher import AssetFetcher  # noqa: PLC0415 - imports WeasyPrint

    paragraphs = "".join(
        f'<p style="width: {w / 2}mm">Sleuteltechnologieën</p>' for w in range(50, 110)
    )
    html = (
        '<html lang="nl"><head><style>body { font: 10pt "Noto Sans"; hyphens: auto; }'
        f"</style></head><body>{paragraphs}</body></html>"
    )
    metadata = DocumentMetadata("Test", ("ntsplan",), "nl", dt.date(2025, 5, 1))
    result = render_pdf(html, metadata=metadata, fetcher=AssetFetcher(()), base_dir=tmp_path)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(result.data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    pairs = list(itertools.pairwise(lines))
    assert ("Sleuteltechnolo\u2010", "gieën") in pairs  # hyphenated where Dutch allows
    assert not any(line.startswith(("ën", "en")) for line in lines)
    assert sum(line == "Sleuteltechnologieën" for line in lines) > 10  # most need no break


def test_tighten_marks_only_the_chapters_named() -> None:
    from ntsplan.pdf.typeset import tighten  # noqa: PLC0415

    html = (
        '<section class="chapter valuechain" id="vc-a"><div class="x" id="vc-a-1"></div>'
        '</section><section class="chapter" id="vc-b"></section><div id="vc-a"></div>'
    )
    assert tighten(html, {"vc-a"}) == html.replace(
        'class="chapter valuechain" id="vc-a"', 'class="chapter valuechain tight" id="vc-a"'
    )
    assert tighten(html, set()) == html


def test_a_chapter_still_short_when_tight_is_set_tighter_too() -> None:
    from ntsplan.pdf.typeset import tighten  # noqa: PLC0415

    html = '<section class="chapter" id="agendas"></section><section class="chapter" id="vc-b">'
    assert tighten(html, {"agendas", "vc-b"}, tighter={"agendas"}) == (
        '<section class="chapter tight tighter" id="agendas"></section>'
        '<section class="chapter tight" id="vc-b">'
    )


def test_an_exception_word_breaks_at_its_points_only() -> None:
    from ntsplan.pdf.typeset import Rules  # noqa: PLC0415

    rules = Rules().with_lists(
        {"nl": ["maak-indus-trie", "ef-fi-ci-ent"]}, {"en": ["Smart manufacturing"]}
    )
    marked = prepare_for_print(
        '<html lang="nl"><body><p>De Maakindustrie en Smart manufacturing, efficient.</p>'
        "</body></html>",
        rules,
    )
    assert '<span class="hy">Maak\u00adindus\u00adtrie</span>' in marked
    assert '<span lang="en">Smart manufacturing</span>' in marked
    # Three letters each side and no soft hyphen inside a ligature ("ff", "fi"):
    assert '<span class="hy">effi\u00adci\u00adent</span>' in marked


def test_a_plan_s_lists_come_from_the_html_head() -> None:
    html = (
        '<html lang="nl"><head><meta name="ntsplan-hyphenation" lang="nl" content="ge-mi-ni">'
        '<meta name="ntsplan-foreign" lang="en" content="Open Lab|Big Data"></head>'
        "<body><p>Het gemini project van Open Lab over big data.</p></body></html>"
    )
    marked = prepare_for_print(html)
    assert '<span class="hy">gemini</span>' in marked  # "ge-mi-ni": no side of 3 letters
    assert '<span lang="en">Open Lab</span>' in marked
    assert '<span lang="en">big data</span>' in marked
