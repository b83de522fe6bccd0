"""After layout: the marked words (``typeset.prepare_for_print``) that WeasyPrint split
just before a trema, for ``typeset.set_trema_breaks`` to set again the Dutch way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

from ntsplan.export.typeset import HYPHEN, TREMA


def trema_breaks(pages: Sequence[Any]) -> dict[str, int]:
    """For each marked word split before a trema: its number and where it was split."""
    pieces: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    for page in pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if not isinstance(box, boxes.TextBox) or element is None:
                continue
            number = element.get("data-tw")
            if number is None or "tw" not in (element.get("class") or "").split():
                continue
            pieces.setdefault(number, []).append(box.text)
            words[number] = "".join(element.itertext())
    found = {}
    for number, parts in pieces.items():
        if len(parts) < 2 or not parts[0].endswith(HYPHEN):
            continue
        at = len(parts[0]) - len(HYPHEN)
        word = words[number]
        if word[at : at + 1] and word[at] in TREMA:
            found[number] = at
    return found
