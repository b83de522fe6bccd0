"""The document's own stylesheets, parsed once by the build and shared by every part.

Every part of the parallel PDF carries the same ``<head>``: the two ``<style>`` elements
with ntsplan's stylesheets (about 25 KB). Parsing them took about a third of what a small
part costs on top of its content. The build parses them once before it forks the workers
(:func:`parse_stylesheets`); inside a worker, :func:`shared_stylesheets` makes WeasyPrint's
``find_stylesheets`` take the parsed sheet for a ``<style>`` element with the same text,
base URL and media type instead of parsing it again. A sheet that touches the state of
one document (``@font-face``, ``@counter-style``, ``@import``) is never shared.

What WeasyPrint keeps of a parsed sheet is read only during the cascade: its selector
matcher, and the ``@page`` rules and layers it adds to the document's lists (which the
shared sheet adds again, in the same order, and points to, as a freshly parsed one does).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import weasyprint  # type: ignore[import-untyped]
import weasyprint.css  # type: ignore[import-untyped]

_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_UNSHARED = ("@font-face", "@counter-style", "@import")
_MEDIA_TYPE = "print"


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    """A stylesheet as WeasyPrint parsed it, with the ``@page`` rules and layers that
    parsing added to the (then empty) lists of the document."""

    css: Any
    page_rules: tuple[Any, ...]
    layers: tuple[Any, ...]


SheetKey = tuple[str, str, str]
"""(the sheet's text, its base URL, the media type)."""


def parse_stylesheets(html: str, base_url: str, url_fetcher: Any) -> dict[SheetKey, ParsedSheet]:
    """Parse the ``<style>`` elements of ``html`` (the part of the document before the
    chapters), as WeasyPrint would for each part."""
    base_url = weasyprint.HTML(string="", base_url=base_url).base_url  # as WeasyPrint has it
    parsed: dict[SheetKey, ParsedSheet] = {}
    for match in _STYLE.finditer(html):
        text = match.group(1)
        if any(rule in text for rule in _UNSHARED):
            continue
        page_rules: list[Any] = []
        layers: list[Any] = []
        css = weasyprint.CSS(
            string=text,
            base_url=base_url,
            url_fetcher=url_fetcher,
            media_type=_MEDIA_TYPE,
            page_rules=page_rules,
            layers=layers,
        )
        parsed[(text, base_url, _MEDIA_TYPE)] = ParsedSheet(css, tuple(page_rules), tuple(layers))
    return parsed


@contextmanager
def shared_stylesheets(parsed: Mapping[SheetKey, ParsedSheet]) -> Iterator[None]:
    """Within the block, a ``<style>`` element whose sheet is in ``parsed`` is not parsed
    again (see the module's docstring)."""
    original = weasyprint.css.CSS

    def css(**options: Any) -> Any:
        text = options.get("string")
        sheet = None
        if isinstance(text, str) and _plain(options):
            key = (text, str(options.get("base_url")), str(options.get("media_type")))
            sheet = parsed.get(key)
        if sheet is None:
            return original(**options)
        page_rules, layers = options["page_rules"], options["layers"]
        page_rules.extend(sheet.page_rules)
        layers.extend(sheet.layers)
        sheet.css.page_rules, sheet.css.layers = page_rules, layers
        return sheet.css

    weasyprint.css.CSS = css
    try:
        yield
    finally:
        weasyprint.css.CSS = original


def _plain(options: Mapping[str, Any]) -> bool:
    """Whether a ``CSS(...)`` call is find_stylesheets' for a ``<style>`` element: text,
    the document's lists, no layer of its own."""
    return (
        options.get("page_rules") is not None
        and options.get("layers") is not None
        and options.get("layer") is None
        and options.get("matcher") is None
    )
