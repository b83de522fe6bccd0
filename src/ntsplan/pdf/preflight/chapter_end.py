"""A chapter of several pages does not end with a page that holds almost nothing (a single
table row, a single source, a few lines).

The typesetting rule for it: the build sets each chapter this check reports a little
tighter (``typeset.tighten``: less space between sections, lines and rows) and lays the
document out once more, so that most such endings move back to the page before. A chapter
still short then (mostly tables, whose rows tight spacing barely moves) is set tighter
again, with smaller table text, and laid out once more. What is still short after that is
reported. A chapter begins on a page of its own, so its layout
depends on nothing outside it: one process and parallel parts choose the same chapters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ntsplan.pdf.preflight.codes import SHORT_ENDING
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.pdf.preflight.sparse import PLACEHOLDER, ends_chapter
from ntsplan.pdf.preflight.stranded import introduces
from ntsplan.pdf.weasy.pages import PageLayout, bottom_of, top_of

MIN_SHARE = 0.25
"""The least share of the text area's height that a chapter's last page fills."""


def filled(page: PageLayout, chapter: str) -> float:
    """The share of the page's text area that the chapter's content fills."""
    leaves = [p for p in page.leaves if p.chapter == chapter]
    if not leaves:
        return 0.0
    height = max(bottom_of(p.box) for p in leaves) - min(top_of(p.box) for p in leaves)
    return height / (page.bottom - page.top)


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    for index, page in enumerate(pages):
        chapters = page.chapters
        if index == 0 or not chapters or not ends_chapter(pages, index):
            continue
        chapter = chapters[-1]
        if chapter not in pages[index - 1].chapters:
            continue  # a chapter of one page
        leaves = [p for p in page.leaves if p.chapter == chapter]
        if all(introduces(p) == "the heading" or PLACEHOLDER in p.classes for p in leaves):
            continue  # the heading-only check says it better
        share = filled(page, chapter)
        if share < MIN_SHARE:
            yield Finding(
                SHORT_ENDING.name,
                page.number,
                f"the chapter's last page holds only {share:.0%} of a page"
                f" (less than {MIN_SHARE:.0%})",
                "this is a layout fault: report it to the ntsplan maintainers",
                leaves[-1].source if leaves else None,
                chapter,
            )


def short_chapters(findings: Iterable[Finding]) -> frozenset[str]:
    """The ids of the chapters that end with a short page, from a preflight's findings:
    the chapters the typesetting rule sets tighter (``typeset.tighten``)."""
    return frozenset(f.chapter for f in findings if f.code == SHORT_ENDING.name and f.chapter)
