"""The language of a passage on its structure element: ``/Lang`` in the tagged PDF.

WeasyPrint 70 writes the document's language once, on the catalogue, and nothing for an
element with a ``lang`` of its own, so a screen reader reads the Dutch passages of the
English edition with English rules. ``mark_languages()`` wraps WeasyPrint's private
``weasyprint.pdf.tags._build_box_tree`` (the one step that makes a structure element per
box) and gives each element made for an HTML element with a ``lang`` attribute that
``/Lang``; the elements inside inherit it, as PDF structure does.

The same wrapper writes a table cell's ``data-actualtext`` as its ``/ActualText`` and ``/Alt``
(see ``ACTUAL_TEXT``).

The only use of that private function; ``tests/pdf/test_weasy_fence.py`` fails when
WeasyPrint renames it or changes its arguments.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, no type hints
from weasyprint.pdf import tags  # type: ignore[import-untyped]

EXPECTED_PARAMETERS = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")
_SKIP = frozenset({"html", "body"})
ACTUAL_TEXT = "data-actualtext"
"""The attribute of a table cell whose value is its structure element's ``/ActualText``:
a matrix cell shows a mark ("●") that means words ("gebruikt deze technologie"); in print
the visually hidden span with those words is not laid out (WeasyPrint would place it past
the page's edge), so the words reach the text layer this way (print.css)."""


def _with_lang(original: Any) -> Any:
    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = None
        if element is not None and getattr(box, "element_tag", None) not in _SKIP:
            lang = element.get("lang")
        actual = element.get(ACTUAL_TEXT) if element is not None else None
        for struct in original(box, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            if actual and struct.get("S") in ("/TD", "/TH"):
                struct["ActualText"] = pydyf.String(actual)
                struct["Alt"] = pydyf.String(actual)
            yield struct

    build_box_tree.ntsplan_lang = True  # type: ignore[attr-defined]
    build_box_tree.wrapped = original  # type: ignore[attr-defined]
    return build_box_tree


def mark_languages() -> None:
    """Make WeasyPrint write ``/Lang`` on the structure elements of passages with a
    ``lang`` of their own; done once per process."""
    current = tags._build_box_tree
    if getattr(current, "ntsplan_lang", False):
        return
    tags._build_box_tree = _with_lang(current)


def upstream_parameters() -> tuple[str, ...]:
    """The parameters of WeasyPrint's function as it is now (for the fence test)."""
    original = tags._build_box_tree
    original = getattr(original, "wrapped", original)
    return tuple(inspect.signature(original).parameters)
