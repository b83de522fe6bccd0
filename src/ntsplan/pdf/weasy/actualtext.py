"""The text of a table cell that shows a sign: ``/ActualText`` on its structure element.

A matrix cell shows a mark ("●", "○") that means words ("gebruikt deze technologie"). On
screen the words are in a visually hidden span; WeasyPrint would lay that span out past the
page's edge (``position: absolute``), so the PDF would carry text outside the page. In
print the span is not laid out (``display: none``, print.css); the cell carries the words
in ``data-actualtext`` and this module writes them as the ``/ActualText`` (and ``/Alt``) of
the cell's ``TD`` structure element of a tagged PDF, which is what a screen reader reads
and what a text extractor that honours the structure returns.

WeasyPrint 70 has no way to set either for an HTML element: this module wraps its private
``weasyprint.pdf.tags._build_box_tree`` for the length of one ``write_pdf`` call
(``tests/pdf/test_text_layer.py`` fails when upstream renames or reshapes it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer
from weasyprint.pdf import tags  # type: ignore[import-untyped]

ATTRIBUTE = "data-actualtext"
"""The attribute of an HTML element whose value is its structure element's text."""


def _with_actual_text(original: Any) -> Any:
    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        for element in original(box, parent, *args):
            html = getattr(box, "element", None)
            text = html.get(ATTRIBUTE) if html is not None and hasattr(html, "get") else None
            if text and element.get("S") in ("/TD", "/TH"):
                element["ActualText"] = pydyf.String(text)
                element["Alt"] = pydyf.String(text)
            yield element

    return build


@contextmanager
def actual_text() -> Iterator[None]:
    """While open, tagged PDFs written by WeasyPrint carry ``data-actualtext`` as the
    ``/ActualText`` of table cells. Not thread-safe (no PDF is written in a thread)."""
    original = tags._build_box_tree
    tags._build_box_tree = _with_actual_text(original)
    try:
        yield
    finally:
        tags._build_box_tree = original
