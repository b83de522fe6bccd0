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

* a name or term in another language than the text around it (``templates/typesetting.yaml``
  and the plan's ``typesetting.foreign``: "Smart manufacturing" in Dutch text) is set in a
  ``<span lang="en">``, so it is hyphenated by its own language's patterns;
* a word of the exceptions list (``typesetting.yaml`` and the plan's
  ``typesetting.hyphenation``: "maak-indus-trie") is set in a ``<span class="hy">`` with soft
  hyphens at its listed break points only;
* every break point keeps at least three letters on each side (print.css says the same to
  WeasyPrint: ``hyphenate-limit-chars``), and none falls between letters that form a
  ligature ("ff", "fi", "fl", "ffi"): WeasyPrint 70 maps a ligature glyph whose cluster holds
  a soft hyphen to no text at all, so "efficiënt" would extract as "e ciënt".

The plan's own lists reach this pass inside the HTML, as ``<meta name="ntsplan-hyphenation"
lang="..">`` and ``<meta name="ntsplan-foreign" lang="..">`` in its head (written by the
render stage), so one process and parallel parts read the same lists.

The HTML is read tag by tag with ``pdf.markup``, the same reading the cut into parts uses.
"""

from __future__ import annotations

import functools
import html as html_text
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import pyphen  # type: ignore[import-untyped]  # WeasyPrint's hyphenation dictionaries
import yaml

from ntsplan.pdf.markup import VOID, pieces
from ntsplan.resources import templates_dir

TREMA = "ëïöüËÏÖÜ"
_OPEN_TAG = re.compile(r"<(?:section|div)\b[^>]*>")
_ID = re.compile(r'\bid="([^"]*)"')
_CLASS = re.compile(r'\bclass="([^"]*)"')
_LANG = re.compile(r'\blang="([^"]*)"')
_SKIP = frozenset({"head", "svg", "title", "textarea"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
"""Headings are never hyphenated (print.css) and are the PDF's bookmark labels: a soft
hyphen there would show in the outline ("Sleu-tel-tech-no-lo-gieën")."""
_WORD = re.compile(rf"[^\W\d_]*[{TREMA}][^\W\d_]*")
_SUSPENDED = re.compile(r"\b(en|of|tot|and|or) (-[^\W\d_]+)")


MIN_SIDE = 3
"""Letters a hyphenated break leaves on each side of it, at least."""
LIGATURES = ("ff", "fi", "fl")
"""Letter pairs Noto Sans sets as one glyph (also inside "ffi", "ffl"): no soft hyphen there."""
_META = re.compile(r'<meta name="ntsplan-(hyphenation|foreign)" lang="([^"]*)" content="([^"]*)">')
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.cache
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    fallback = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=fallback, left=MIN_SIDE, right=MIN_SIDE) if fallback else None


def _base(lang: str) -> str:
    return lang.split("-", maxsplit=1)[0].lower()


@dataclass(frozen=True)
class Rules:
    """The word lists of the typesetting pass: exceptions to hyphenation (a word in lower
    case -> its break points) and foreign terms (the term in lower case -> its language),
    each by the language of the text they occur in (``""``: any)."""

    exceptions: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    foreign: dict[str, str] = field(default_factory=dict)

    def with_lists(self, hyphenation: dict[str, list[str]], foreign: dict[str, list[str]]) -> Rules:
        """These rules and the given lists (by language), the given ones winning."""
        exceptions = {lang: dict(words) for lang, words in self.exceptions.items()}
        for lang, entries in hyphenation.items():
            for entry in entries:
                word, points = parse_exception(entry)
                if word:
                    exceptions.setdefault(_base(lang), {})[word] = points
        terms = dict(self.foreign)
        for lang, names in foreign.items():
            for name in names:
                if name.strip():
                    terms[" ".join(name.lower().split())] = lang
        return Rules(exceptions, terms)

    @functools.cached_property
    def foreign_pattern(self) -> re.Pattern[str] | None:
        if not self.foreign:
            return None
        alternatives = sorted(self.foreign, key=len, reverse=True)  # longest first
        escaped = (r"\s+".join(re.escape(part) for part in term.split()) for term in alternatives)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(escaped)})(?![\w])", re.IGNORECASE)


def parse_exception(entry: str) -> tuple[str, tuple[int, ...]]:
    """An exceptions-list entry ("maak-indus-trie") as the word in lower case and the
    positions where it may break (4, 9)."""
    parts = [part for part in entry.strip().lower().split("-") if part]
    points, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        points.append(at)
    return "".join(parts), tuple(points)


@functools.cache
def shipped_rules() -> Rules:
    """The lists of ``templates/typesetting.yaml``."""
    data = yaml.safe_load((templates_dir() / "typesetting.yaml").read_text(encoding="utf-8"))
    return Rules().with_lists(data.get("hyphenation") or {}, data.get("foreign") or {})


def rules_of(html: str) -> Rules:
    """The shipped lists with the plan's, as the render stage wrote them into ``html``."""
    head = html[: html.find("</head>")] if "</head>" in html else ""
    return rules_from(
        (kind, lang, html_text.unescape(content)) for kind, lang, content in _META.findall(head)
    )


def rules_from(metas: Iterable[tuple[str, str, str]]) -> Rules:
    """The shipped lists with the plan's, from the ``ntsplan-*`` meta elements of the
    document's head as (kind, lang, content): kind "hyphenation" or "foreign", the items
    of content separated by "|"."""
    hyphenation: dict[str, list[str]] = {}
    foreign: dict[str, list[str]] = {}
    for kind, lang, content in metas:
        items = [item.strip() for item in content.split("|")]
        target = hyphenation if kind == "hyphenation" else foreign
        target.setdefault(lang, []).extend(item for item in items if item)
    return shipped_rules().with_lists(hyphenation, foreign)


def rules_of_root(root: object) -> Rules:
    """The lists of a parsed document (WeasyPrint's root element), as ``rules_of``."""
    metas = []
    for meta in getattr(root, "iter", lambda _: ())("meta"):
        name = meta.get("name") or ""
        if name.startswith("ntsplan-"):
            kind = name.removeprefix("ntsplan-")
            metas.append((kind, meta.get("lang") or "", meta.get("content") or ""))
    return rules_from(metas)


def allowed(word: str, point: int) -> bool:
    """Whether a soft hyphen may stand before ``word[point]``: three letters each side,
    and not inside a ligature."""
    if point < MIN_SIDE or len(word) - point < MIN_SIDE:
        return False
    return word[point - 1 : point + 1].lower() not in LIGATURES


def with_soft_hyphens(word: str, points: tuple[int, ...] | list[int]) -> str:
    """``word`` with a soft hyphen at each allowed point of ``points``."""
    out, last = [], 0
    for point in sorted(set(points)):
        if allowed(word, point):
            out.append(word[last:point])
            last = point
    out.append(word[last:])
    return "\u00ad".join(out)


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
    return with_soft_hyphens(word, [p for p in dictionary.positions(word) if word[p] not in TREMA])


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


def prepare_for_print(html: str, rules: Rules | None = None) -> str:
    """The HTML as WeasyPrint should lay it out (see the module's docstring). ``rules``:
    the word lists; by default the shipped ones with the plan's from ``html``'s head."""
    rules = rules if rules is not None else rules_of(html)
    out: list[str] = []
    counter = 0

    def word(match: re.Match[str], lang: str) -> str:
        nonlocal counter
        text = match.group(0)
        points = rules.exceptions.get(_base(lang), {}).get(text.lower())
        if points is not None:
            return f'<span class="hy">{with_soft_hyphens(text, points)}</span>'
        if _base(lang) != "nl" or not _WORD.fullmatch(text):
            return text
        if not breaks_before_trema(text, lang):
            return text
        counter += 1
        return f'<span class="tw" data-tw="{counter}">{soft_hyphenated(text, lang)}</span>'

    def words(text: str, lang: str) -> str:
        return _LETTERS.sub(functools.partial(word, lang=lang), text)

    def foreign(text: str, lang: str) -> str:
        pattern = rules.foreign_pattern
        if pattern is None:
            return words(text, lang)
        pieces, last = [], 0
        for match in pattern.finditer(text):
            term_lang = rules.foreign[" ".join(match.group(0).lower().split())]
            if _base(term_lang) == _base(lang):
                continue
            pieces.append(words(text[last : match.start()], lang))
            pieces.append(f'<span lang="{term_lang}">{words(match.group(0), term_lang)}</span>')
            last = match.end()
        pieces.append(words(text[last:], lang))
        return "".join(pieces)

    for piece, changeable, lang, heading in _segments(html):
        text = piece
        if changeable and not heading:
            parts = _SUSPENDED.split(text)
            # _SUSPENDED has two groups: the text between matches, then "en", "-software".
            rebuilt = []
            for index in range(0, len(parts), 3):
                rebuilt.append(foreign(parts[index], lang))
                if index + 2 < len(parts):
                    rebuilt.append(
                        f'<span class="nobreak">{parts[index + 1]} {parts[index + 2]}</span>'
                    )
            text = "".join(rebuilt)
        elif changeable:
            text = _SUSPENDED.sub(r'<span class="nobreak">\1 \2</span>', text)
        out.append(text)
    return "".join(out)


def tighten(html: str, chapters: Collection[str], *, tighter: Collection[str] = ()) -> str:
    """``html`` with the class ``tight`` added to each chapter (``.chapter[id]``) named in
    ``chapters``: print.css sets such a chapter with less space, so a short last page
    moves back to the page before (see ``preflight.chapter_end``). A chapter also in
    ``tighter`` (still short when set tight) gets ``tighter`` too: smaller table text and
    cell padding, for chapters that are mostly tables."""
    if not chapters:
        return html

    def mark(match: re.Match[str]) -> str:
        tag = match.group(0)
        ids = _ID.search(tag)
        classes = _CLASS.search(tag)
        if not ids or ids.group(1) not in chapters or not classes:
            return tag
        if "chapter" not in classes.group(1).split():
            return tag
        added = " tight tighter" if ids.group(1) in tighter else " tight"
        return tag[: classes.end(1)] + added + tag[classes.end(1) :]

    return _OPEN_TAG.sub(mark, html)
