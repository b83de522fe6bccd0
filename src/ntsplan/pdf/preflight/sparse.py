"""No page holds less than a few lines unless it ends a chapter, and a chapter's last
page holds more than a heading."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ntsplan.pdf.preflight.codes import HEADING_ONLY, SPARSE
from ntsplan.pdf.preflight.findings import Finding, mm
from ntsplan.pdf.preflight.stranded import introduces
from ntsplan.pdf.weasy.pages import PageLayout, bottom_of, top_of

MIN_LINES = 4
PLACEHOLDER = "empty"
"""The class of a paragraph that stands for missing content ("Nog niet ingevuld")."""
LINE_PX = 9.5 * 1.45 * 96 / 72
"""One line of body text in print (9.5 pt at line-height 1.45), in CSS pixels."""


def ends_chapter(pages: Sequence[PageLayout], index: int) -> bool:
    chapters = pages[index].chapters
    if index + 1 == len(pages) or not chapters:
        return True
    following = pages[index + 1].chapters
    return not following or following[0] != chapters[-1]


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    for index, page in enumerate(pages):
        leaves = page.leaves
        if not leaves:
            continue
        if ends_chapter(pages, index):
            if all(introduces(p) == "the heading" or PLACEHOLDER in p.classes for p in leaves):
                yield Finding(
                    HEADING_ONLY.name,
                    page.number,
                    "the last page of a chapter holds nothing but a heading"
                    " (and a placeholder for what is not filled in yet)",
                    "give the section content, or leave it out of the data",
                    leaves[-1].source,
                )
            continue
        height = max(bottom_of(p.box) for p in leaves) - min(top_of(p.box) for p in leaves)
        if height < MIN_LINES * LINE_PX:
            yield Finding(
                SPARSE.name,
                page.number,
                f"the page holds only {mm(height)} of content (less than {MIN_LINES} lines)"
                " and does not end a chapter",
                "this is a layout fault: report it to the ntsplan maintainers",
                leaves[-1].source,
            )
