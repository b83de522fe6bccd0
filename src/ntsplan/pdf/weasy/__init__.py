"""Everything that touches WeasyPrint: the one-process render (``document``), the asset
fetcher (``fetcher``), the laid-out pages as the preflight reads them (``pages``), and the
copy of WeasyPrint's layout step that the parallel render drives part by part (``layout``;
BSD-3, see LICENSES/WeasyPrint.txt).

The copy and ``pages`` use WeasyPrint's private API, which may change in any release. So
the parallel render runs only on the WeasyPrint the copy was checked against
(``CHECKED_VERSION``); on another, the build renders the PDF in one process, with
WeasyPrint's public API only, and says so in one line. A test fails when WeasyPrint's own
``layout_document`` no longer matches the copy (tests/pdf/test_parallel.py).

This package's own import is cheap: WeasyPrint is imported by its modules, not here.
"""

from __future__ import annotations

from ntsplan.resources import package_version

CHECKED_VERSION = "70.0"
"""The WeasyPrint release whose ``layout_document`` ``layout.numbered_layout`` copies.
Bring the copy up to a new release, then change this (and LICENSES/README.md)."""


def parallel_refusal(installed: str | None = None) -> str | None:
    """Why the parallel render cannot be used with the installed WeasyPrint (a one-line
    notice for the build's report), or None when it can."""
    installed = installed or package_version("weasyprint")
    if installed == CHECKED_VERSION:
        return None
    return (
        f"WeasyPrint {installed} is not the version the parallel layout was checked against"
        f" ({CHECKED_VERSION}); rendered in one process"
    )
