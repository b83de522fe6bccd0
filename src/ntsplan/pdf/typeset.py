"""Print-only changes to the document's HTML before WeasyPrint lays it out.

The HTML file that ``ntsplan build`` writes is left as it is; only the copy that becomes
the PDF is changed, and only in its text (never in tags or attributes), so the PDF's text,
bookmarks and structure read as the HTML does:

* a suspended compound stays on one line: "Quantumhardware en -software" never breaks
  between "en" and "-software" or after the hyphen (``<span class="nobreak">``);
* a Dutch word in which pyphen's nl patterns allow a break just before a trema
  ("technologie-ën", wrong: Dutch drops the trema there, "technologie-en") is set in a
  ``<span class="tw">`` with soft hyphens at every other break point, so it is never split
  before its trema (``soft_hyphenated``). Writing "technologie-" / "en" at such a break
  would take a second layout; it is not done, so that one process and parallel parts
  give the same PDF.

The HTML is read tag by tag with ``pdf.markup``, the same reading the cut into parts uses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pyphen  # type: ignore[import-untyped]  # WeasyPrint's hyphenation dictionaries

from ntsplan.pdf.markup import VOID, pieces

TREMA = "ëïöüËÏÖÜ"
_LANG = re.compile(r'\blang="([^"]*)"')
_SKIP = frozenset({"head", "svg", "title", "textarea"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
"""Headings are never hyphenated (print.css) and are the PDF's bookmark labels: a soft
hyphen there would show in the outline ("Sleu-tel-tech-no-lo-gieën")."""
_WORD = re.compile(rf"[^\W\d_]*[{TREMA}][^\W\d_]*")
_SUSPENDED = re.compile(r"\b(en|of|tot|and|or) (-[^\W\d_]+)")


@functools.cache
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    fallback = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=fallback, left=2, right=2) if fallback else None


def breaks_before_trema(word: str, lang: str = "nl") -> bool:
    """Whether the hyphenation patterns for ``lang`` allow a break just before a trema."""
    dictionary = _dictionary(lang)
    if dictionary is None:
        return False
    return any(end[:1] in TREMA and end for _, end in dictionary.iterate(word))


def soft_hyphenated(word: str, lang: str = "nl") -> str:
    """``word`` with a soft hyphen at each of pyphen's break points except the ones just
    before a trema. In its own span, the word is then hyphenated at those points only
    (CSS: a word with soft hyphens is not hyphenated automatically), in one process or in
    parts alike, so no line can start with "ën"."""
    dictionary = _dictionary(lang)
    if dictionary is None:
        return word
    points = [p for p in dictionary.positions(word) if word[p] not in TREMA]
    out, last = [], 0
    for point in points:
        out.append(word[last:point])
        last = point
    out.append(word[last:])
    return "\u00ad".join(out)


def _segments(html: str) -> Iterator[tuple[str, bool, str, bool]]:
    """Each piece of ``html``: its text, whether it is text that may be changed, the
    language it is in, and whether it lies inside a heading."""
    stack: list[tuple[str, str]] = [("", "")]
    skipping = 0
    for piece, token in pieces(html):
        if token is None:
            heading = any(name in _HEADINGS for name, _ in stack)
            yield piece, skipping == 0, stack[-1][1], heading
            continue
        name = (token.group(3) or "").lower()
        if name and token.group(2) == "/":
            if name in _SKIP:
                skipping = max(0, skipping - 1)
            while len(stack) > 1:
                if stack.pop()[0] == name:
                    break
        elif name:
            if name in _SKIP:
                skipping += 1
            if name not in VOID and not piece.endswith("/>"):
                lang = _LANG.search(piece)
                stack.append((name, lang.group(1) if lang else stack[-1][1]))
        yield piece, False, stack[-1][1], False


def prepare_for_print(html: str) -> str:
    """The HTML as WeasyPrint should lay it out (see the module's docstring)."""
    out: list[str] = []
    counter = 0

    def mark(match: re.Match[str], lang: str) -> str:
        nonlocal counter
        word = match.group(0)
        if not breaks_before_trema(word, lang or "nl"):
            return word
        counter += 1
        return f'<span class="tw" data-tw="{counter}">{soft_hyphenated(word, lang or "nl")}</span>'

    for piece, changeable, lang, heading in _segments(html):
        text = piece
        if changeable:
            text = _SUSPENDED.sub(r'<span class="nobreak">\1 \2</span>', text)
            if lang.startswith("nl") and not heading:
                text = _WORD.sub(functools.partial(mark, lang=lang), text)
        out.append(text)
    return "".join(out)
