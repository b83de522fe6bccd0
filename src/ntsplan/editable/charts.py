"""The timeline charts as image files: the SVG the HTML draws, written out standalone."""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.tree import Element

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Noto Sans"
_DROPPED_ATTRIBUTES = frozenset({"role", "aria-labelledby", "aria-hidden", "tabindex", "class"})


def svg_markup(svg: Element) -> str:
    """The ``<svg>`` element as a standalone SVG file (UTF-8, with its XML declaration)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _element(svg, top=True)


def _element(element: Element, *, top: bool = False) -> str:
    attrs = {k: v for k, v in element.attrs.items() if k not in _DROPPED_ATTRIBUTES}
    if top:
        attrs["xmlns"] = SVG_NS
        # The page gives the chart its typeface in print; a file of its own must name it.
        attrs.setdefault("font-family", FONT)
    if element.tag == "title" and not top:
        attrs.pop("id", None)
    head = element.tag + "".join(f' {k}="{xml.attr(v)}"' for k, v in attrs.items())
    inner = "".join(
        xml.text(child) if isinstance(child, str) else _element(child) for child in element.children
    )
    return f"<{head}>{inner}</{element.tag}>" if inner else f"<{head}/>"
