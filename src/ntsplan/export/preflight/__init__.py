"""The preflight: print faults found in the laid-out pages, before the PDF is written.

``preflight(pages)`` runs every check of ``CHECKS`` over WeasyPrint ``Page`` objects (a
whole ``Document.pages``, or the pages of one part rendered alone) and returns
``Finding`` values; ``ntsplan.export.preflight.locate`` turns them into ``Problem``
values that point at the data behind each fault. One module per check:

* ``overflow``: nothing extends beyond the page's content area;
* ``stranded``: no heading, caption or table header is the last thing on a page;
* ``table_rows``: no table leaves a single row on a page;
* ``sparse``: no page holds less than a few lines unless it ends a chapter, and a
  chapter's last page holds more than a heading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ntsplan.export.preflight import overflow, sparse, stranded, table_rows
from ntsplan.export.preflight.findings import Finding
from ntsplan.export.preflight.layout import PageLayout, layout_pages

__all__ = ["CHECKS", "Finding", "preflight"]

Check = Callable[[Sequence[PageLayout]], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (overflow.check, stranded.check, table_rows.check, sparse.check)
"""Every check, in the order their findings are listed for a page."""


def preflight(pages: Sequence[Any], *, first_number: int = 1) -> list[Finding]:
    """Every print fault in ``pages`` (WeasyPrint ``Page`` objects), by page.

    ``first_number`` is the number of ``pages[0]`` in the whole document; a part that
    ends in the middle of a chapter cannot tell, so its last page counts as a chapter end.
    """
    laid = layout_pages(pages, first_number=first_number)
    found = [finding for check in CHECKS for finding in check(laid)]
    return sorted(found, key=lambda f: f.page)
