"""The list of preflight checks, and the function that runs them over laid-out pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ntsplan.pdf.preflight import (
    breaks,
    chapter_end,
    gutters,
    offpage,
    overflow,
    sparse,
    stranded,
    table_rows,
)
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.pdf.weasy.pages import PageLayout, layout_pages

Check = Callable[[Sequence[PageLayout]], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (
    overflow.check,
    offpage.check,
    stranded.check,
    table_rows.check,
    sparse.check,
    chapter_end.check,
    breaks.check,
    gutters.check,
)
"""Every check, in the order their findings are listed for a page."""


def after_layout(document: Any, info: Any) -> list[Finding]:
    """The preflight as a check of one part rendered alone (``pdf.parallel``): ``info``
    (a ``pdf.parallel.worker.PartInfo``) gives the number of the part's first page."""
    return preflight(document.pages, first_number=info.first_page)


def preflight(pages: Sequence[Any], *, first_number: int = 1) -> list[Finding]:
    """Every print fault in ``pages`` (WeasyPrint ``Page`` objects), by page.

    ``first_number`` is the number of ``pages[0]`` in the whole document; a part that
    ends in the middle of a chapter cannot tell, so its last page counts as a chapter end.
    """
    laid = layout_pages(pages, first_number=first_number)
    found = [finding for check in CHECKS for finding in check(laid)]
    return sorted(found, key=lambda f: f.page)
