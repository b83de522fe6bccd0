"""The preflight finds what a person finds: a document seeded with one of each print fault
(``tests/fixtures/seeded-faults/faults.html``) gives exactly those findings, each at the
element that carries it, and every code the preflight has occurs among them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("weasyprint")

import weasyprint  # type: ignore[import-untyped]

import ntsplan.pdf.preflight.codes  # noqa: F401  (registers the preflight's codes)
from ntsplan.codes import REGISTRY
from ntsplan.pdf.preflight.registry import preflight

FIXTURE = Path(__file__).parents[1] / "fixtures" / "seeded-faults" / "faults.html"


@pytest.fixture(scope="module")
def found() -> list[tuple[str, str | None]]:
    pages = weasyprint.HTML(filename=str(FIXTURE)).render().pages
    return [(finding.code, finding.source) for finding in preflight(pages)]


def seeded() -> set[tuple[str, str]]:
    """Each element at fault: its code and its data-src, as the fixture marks them."""
    marks = re.findall(r'data-src="(fault/([a-z-]+)/\d+)"', FIXTURE.read_text(encoding="utf-8"))
    return {(code, source) for source, code in marks}


def test_every_seeded_fault_is_found_and_nothing_else(found: list[tuple[str, str | None]]) -> None:
    assert set(found) == seeded()


KINDS = {
    "pdf-overflow",
    "pdf-text-off-page",
    "pdf-stranded-heading",
    "pdf-single-row",
    "pdf-sparse-page",
    "pdf-heading-only-page",
    "pdf-short-chapter-end",
    "pdf-broken-word",
    "pdf-bad-hyphenation",
    "pdf-no-gutter",
}
"""Every kind of print fault: the fixture seeds each one at least once."""


def test_every_preflight_code_is_seeded() -> None:
    preflight_codes = {code.name for code in REGISTRY.values() if code.stage == "preflight"}
    assert preflight_codes == KINDS
    assert {code for code, _ in seeded()} == KINDS


def test_a_foreign_term_broken_by_dutch_patterns_is_named(
    found: list[tuple[str, str | None]],
) -> None:
    pages = weasyprint.HTML(filename=str(FIXTURE)).render().pages
    messages = [f.message for f in preflight(pages) if f.source == "fault/pdf-bad-hyphenation/3"]
    assert any("'Integra‐ted'" in m and "English term" in m for m in messages)
    short = [f.message for f in preflight(pages) if f.source == "fault/pdf-bad-hyphenation/1"]
    assert short == ["the hyphenation 'program‐ma' leaves 2 letters on one side"]
