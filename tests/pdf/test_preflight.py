"""The preflight: print faults found in WeasyPrint's laid-out pages, located in the data.

Each check is run on a small document made to show its fault (a few tenths of a second to
lay out), and the locator on a data file; ``test_pdf.py`` runs the preflight on the shipped
plan and on a plan with a long URL, a wide table and an empty section.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("weasyprint")

import weasyprint  # type: ignore[import-untyped]

from ntsplan.load import load_folder
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.pdf.preflight.locate import Locator
from ntsplan.pdf.preflight.registry import CHECKS, preflight

PAGE = "@page { size: 100mm 70mm; margin: 10mm; } body { margin: 0; font: 10pt/14pt sans-serif; }"


def run(body: str, css: str = "") -> list[Finding]:
    html = f"<html lang='nl'><head><style>{PAGE}{css}</style></head><body>{body}</body></html>"
    return preflight(weasyprint.HTML(string=html).render().pages)


def codes(findings: list[Finding]) -> list[tuple[str, int, str | None]]:
    return [(f.code, f.page, f.source) for f in findings]


def test_a_clean_page_has_no_findings() -> None:
    assert (
        run("<section class='chapter' id='a'><h2>Titel</h2><p>Een regel tekst.</p></section>") == []
    )


def test_every_check_is_registered() -> None:
    assert len(CHECKS) == 8


def test_an_unbreakable_url_past_the_edge_names_its_source() -> None:
    url = "https://example.org/" + "a" * 120
    body = (
        "<section class='chapter' id='a'><h2>Bronnen</h2><ul>"
        "<li data-src='valuechain/chips#sources/1'>"
        f"<span style='white-space: nowrap'>{url}</span></li>"
        "</ul></section>"
    )
    found = run(body)
    assert codes(found) == [("pdf-overflow", 1, "valuechain/chips#sources/1")]
    assert "past the right edge" in found[0].text
    assert found[0].text.startswith("PDF page 1: the text 'https://example.org/aaa")


def test_a_table_wider_than_the_text_area_is_reported_once() -> None:
    rows = "".join(
        f"<tr data-src='valuechain/chips#activities/{n}'><td>x</td></tr>" for n in range(3)
    )
    body = (
        "<section data-src='valuechain/chips#activities'>"
        f"<table style='width: 120mm'>{rows}</table></section>"
    )
    assert codes(run(body)) == [("pdf-overflow", 1, "valuechain/chips#activities")]


def test_text_wider_than_its_table_column() -> None:
    body = (
        "<table style='table-layout: fixed; width: 80mm'><tr><td style='width: 10mm'>"
        "Halfgeleiderapparatuur</td><td>b</td></tr></table>"
    )
    found = run(body)
    assert [f.code for f in found] == ["pdf-overflow"]
    assert "wider than its table column" in found[0].message


def test_a_heading_last_on_a_page() -> None:
    body = (
        "<section class='chapter' id='a'><p style='margin: 0 0 34mm'>Tekst.</p>"
        "<h3 data-src='valuechain/chips#sources'>Bronnen</h3>"
        "<p style='break-inside: avoid'>een<br>twee<br>drie<br>vier</p></section>"
    )
    found = run(body, "h3 { break-after: auto; margin: 0; }")
    assert codes(found) == [("pdf-stranded-heading", 1, "valuechain/chips#sources")]
    assert "'Bronnen'" in found[0].message


def test_a_table_leaving_one_row_on_a_page() -> None:
    rows = "".join(
        f"<tr data-src='valuechain/chips#activities/a{n}' style='height: 9mm'><td>{n}</td></tr>"
        for n in range(4)
    )
    body = (
        "<section class='chapter' id='a'><p style='margin: 0 0 15mm'>x</p>"
        f"<table>{rows}</table></section>"
    )
    found = [f for f in run(body) if f.code == "pdf-single-row"]
    assert codes(found) == [("pdf-single-row", 2, "valuechain/chips#activities/a3")]


def test_the_print_stylesheet_keeps_two_rows_together() -> None:
    """The same table with print.css's rules: no single row on either page."""
    rows = "".join(f"<tr style='height: 9mm'><td>{n}</td></tr>" for n in range(4))
    body = (
        "<section class='chapter' id='a'><p style='margin: 0 0 15mm'>x</p>"
        f"<table>{rows}</table></section>"
    )
    css = (
        "tbody > tr:first-child { break-after: avoid; }"
        " tbody > tr:last-child { break-before: avoid; }"
    )
    assert [f.code for f in run(body, css) if f.code == "pdf-single-row"] == []


def test_a_sparse_page_inside_a_chapter() -> None:
    body = (
        "<section class='chapter' id='a' data-src='valuechain/chips'><p>Eén regel.</p>"
        "<div style='break-before: page'><p>Verder.</p></div></section>"
    )
    assert codes(run(body)) == [
        ("pdf-sparse-page", 1, "valuechain/chips"),
        ("pdf-short-chapter-end", 2, "valuechain/chips"),  # one line on the chapter's last page
    ]


def test_a_short_last_page_of_a_chapter_is_fine_but_not_a_lone_heading() -> None:
    body = (
        "<section class='chapter' id='a'><p>Eén regel.</p></section>"
        "<section class='chapter' id='b' style='break-before: page'><p>1<br>2<br>3<br>4<br>5</p>"
        "<section data-src='valuechain/chips#sources' style='break-before: page'>"
        "<h3>Bronnen</h3><p class='empty'>Nog niet ingevuld.</p></section></section>"
    )
    assert codes(run(body)) == [("pdf-heading-only-page", 3, "valuechain/chips#sources")]


def test_page_numbers_count_from_the_part_s_first_page() -> None:
    html = (
        "<section class='chapter' id='a'><p>x</p><div style='break-before: page'>y</div></section>"
    )
    pages = weasyprint.HTML(string=html).render().pages
    assert [f.page for f in preflight(pages, first_number=41)] == [41, 42]


def test_the_locator_points_at_the_data_behind_a_finding(tmp_path: Path) -> None:
    chains = tmp_path / "data" / "valuechains"
    chains.mkdir(parents=True)
    (chains / "chips.yaml").write_text(
        "title: Chips\nactivities:\n  - id: scan\n    title: Scan\n"
        "  - id: pilot\n    title: Pilot\n"
        "sources:\n  - title: A\n    url: https://a.example\n  - title: B\n    url: https://b.example\n",
        encoding="utf-8",
    )
    loaded = load_folder(tmp_path / "data")  # the documents a build is checked from
    locator = Locator(loaded.files, tmp_path / "build" / "versterkingsplan.pdf")
    source = Finding(
        "pdf-overflow", 3, "the text is long", "shorten it", "valuechain/chips#sources/1"
    )
    problem = locator.problem(source)
    assert (problem.file, problem.line, problem.column) == (chains / "chips.yaml", 10, 5)
    assert problem.message == "PDF page 3: the text is long; shorten it"
    by_id = locator.problem(
        Finding("pdf-single-row", 1, "m", "h", "valuechain/chips#activities/pilot")
    )
    assert by_id.line == 5
    layout = locator.problem(Finding("pdf-sparse-page", 7, "m", "h", None))
    assert (layout.file.name, layout.line) == ("versterkingsplan.pdf", 1)
