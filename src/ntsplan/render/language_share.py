"""How much of an edition is in its own language: the words of the document's visible
text, counted by the language they are marked with (the nearest ``lang``).

Read from the rendered HTML, the document a reader gets, so the labels, the data's texts
in the version the edition shows and anything left untranslated all count. Text in
``<head>``, ``<style>``, ``<script>`` and the screen-only side navigation (a second copy
of the contents) does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SKIP = frozenset({"head", "style", "script", "title", "nav"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
)
LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


@dataclass(frozen=True, slots=True)
class LanguageShare:
    """The words of an edition in ``language`` and in all languages together."""

    language: str
    words: int
    total: int

    @property
    def percent(self) -> float:
        """The share in per cent, 100 for an empty document."""
        return 100.0 if self.total == 0 else 100.0 * self.words / self.total

    def line(self) -> str:
        """'English edition: 96.2% of its 23,456 words in English'."""
        name = LANGUAGE_NAMES.get(self.language, self.language)
        return (
            f"{name} edition: {self.percent:.1f}% of its {self.total:,} words in {name}"
            f" ({self.total - self.words:,} in another language)"
        )


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang")
        parent_lang = self.stack[-1][1] if self.stack else None
        skipped = (bool(self.stack) and self.stack[-1][2]) or tag in _SKIP
        self.stack.append((tag, lang or parent_lang, skipped))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1][2]:
            return
        lang = self.stack[-1][1] or ""
        self.counts[lang] = self.counts.get(lang, 0) + len(_WORD.findall(data))


def language_share(html: str, language: str) -> LanguageShare:
    """The share of the words of ``html`` (an edition in ``language``) marked as that
    language, by the ``lang`` of the element they stand in."""
    counter = _Counter()
    counter.feed(html)
    counter.close()
    total = sum(counter.counts.values())
    own = sum(n for lang, n in counter.counts.items() if lang.split("-")[0] == language)
    return LanguageShare(language, own, total)
