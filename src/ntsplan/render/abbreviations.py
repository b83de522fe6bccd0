"""The abbreviations annex lists exactly the abbreviations that occur in the document.

Which terms occur depends on the edition (its language, its slice), so it is read from the
rendered HTML: the annex is rendered with every candidate (the label catalogue's fixed list,
the plan's own and the ROM's short names), each entry marked ``data-term``, and
``keep_occurring`` then drops the entries whose term does not appear in the document's
text outside the annex. The HTML is ntsplan's own, rendered with autoescaping, so its
tags can be found with regular expressions.
"""

from __future__ import annotations

import html as html_text
import re
from typing import Protocol

from ntsplan.link.model import Plan
from ntsplan.plan.labels import Labels
from ntsplan.render.index import sort_key
from ntsplan.render.views import Abbreviation

_ANNEX = re.compile(
    r'(<section class="chapter abbreviations" id="abbreviations">.*?</section>)', re.DOTALL
)
_ENTRY = re.compile(r'<div data-term="([^"]*)">.*?</div>\n', re.DOTALL)
_TAG = re.compile(r"<(style|script|title)\b.*?</\1>|<[^>]*>", re.DOTALL)


class Builder(Protocol):
    """What the candidates need from the document's context builder."""

    plan: Plan
    labels: Labels

    def shown(self, value: str) -> tuple[str, str | None]: ...


def candidates(b: Builder) -> tuple[Abbreviation, ...]:
    """Every abbreviation the annex may list, alphabetically: the label catalogue's fixed
    ones, the plan's own (plan.yaml ``abbreviations``) and the ROM's short names."""
    items = b.labels.data.get("abbreviations", {}).get("items", {})
    found: dict[str, tuple[str, str | None]] = {
        str(term): (str(meaning), None) for term, meaning in items.items()
    }
    for item in b.plan.info.abbreviations:
        found.setdefault(item.term, b.shown(item.meaning))
    for rom in b.plan.roms.values():
        if rom.short != rom.name:
            found.setdefault(rom.short, b.shown(rom.name))
    return tuple(Abbreviation(term, *found[term]) for term in sorted(found, key=sort_key))


def occurs(term: str, text: str) -> bool:
    """Whether ``term`` stands in ``text`` as a word of its own ('ROM' in "ROM's" and
    'ROM-taken', not in 'ROMANS'); a lower-case term ('mkb') also capitalised."""
    flags = re.IGNORECASE if term.islower() else 0
    return re.search(rf"(?<![^\W_]){re.escape(term)}(?![^\W\d_])", text, flags) is not None


def keep_occurring(document: str) -> str:
    """``document`` with the annex's entries for terms that do not occur left out."""
    found = _ANNEX.search(document)
    if found is None:
        return document
    rest = document[: found.start()] + document[found.end() :]
    text = html_text.unescape(_TAG.sub(" ", rest))

    def entry(match: re.Match[str]) -> str:
        return match.group(0) if occurs(html_text.unescape(match.group(1)), text) else ""

    annex = _ENTRY.sub(entry, found.group(1))
    return document[: found.start()] + annex + document[found.end() :]
