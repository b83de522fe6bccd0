"""Line breaks inside words: none in a table cell or a label unless the word is longer than
its column, and hyphenation a reader does not trip over.

Each block's lines are read in order. Where a line ends and the next begins inside one
word (the line ends with WeasyPrint's hyphen "‐", U+2010, or the element's text has no
space or hyphen at that place), the word is broken. That is a fault

* in a table cell or a label (``dt``), unless the word is wider than ``LONG_WORD`` of the
  text area, so that no column could be given its width (breaking it is the last resort);
  a column narrower than its longest word is the fault; reported as ``pdf-broken-word``;
* anywhere, when the break is a hyphenation that leaves fewer than three letters on one
  side, breaks a word of the exceptions list elsewhere than at its points, or breaks a
  foreign term (``typesetting.yaml``) in an element of another language; reported as
  ``pdf-bad-hyphenation``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ntsplan.pdf.preflight.codes import BAD_HYPHEN, BROKEN_WORD
from ntsplan.pdf.preflight.findings import Finding, quoted
from ntsplan.pdf.typeset import MIN_SIDE, Rules, rules_of_root, shipped_rules
from ntsplan.pdf.weasy.pages import PageLayout, Placed, boxes, line_texts

HYPHEN = "\u2010"
"""What WeasyPrint draws at a hyphenated line break (CSS hyphenate-character: auto)."""
_TAIL = re.compile(r"[^\W\d_]+$")
_HEAD = re.compile(r"^[^\W\d_]+")
_SPACE = re.compile(r"\s+")
LABELS = frozenset({"dt", "th", "td"})
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "cite",
        "code",
        "em",
        "i",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    ]
)
"""Elements whose text runs on with their neighbours' (everything else, and <br>, is a
break between words)."""
LANGUAGES = {"en": "an English", "nl": "a Dutch"}
LONG_WORD = 0.4
"""A word wider than this share of the text area may break in a table cell: no column
can be given its width (a long compound in a table of seven columns)."""


@dataclass(frozen=True, slots=True)
class Break:
    """A line break inside a word: the word's two pieces, hyphenated or not."""

    before: str
    after: str
    hyphenated: bool
    width: float
    """The width of the whole word, estimated from its first piece (CSS pixels)."""
    line: Placed


def line_text(placed: Placed) -> str:
    return "".join(p.text for p in line_texts(placed.box) if isinstance(p, boxes.TextBox))


def _pieces(element: Any) -> Iterator[str]:
    """The text of an element, with a space for each ``<br>`` and around each block."""
    tag = str(getattr(element, "tag", "")).rpartition("}")[2]
    spaced = tag == "br" or tag not in INLINE
    if spaced:
        yield " "
    yield element.text or ""
    for child in element:
        yield from _pieces(child)
        yield child.tail or ""
    if spaced:
        yield " "


def _source_text(element: Any) -> str:
    text = "".join(_pieces(element)) if hasattr(element, "tag") else ""
    return _SPACE.sub(" ", text.replace("\u00ad", ""))


def word_breaks(lines: Sequence[Placed]) -> Iterator[Break]:
    """The breaks inside words between consecutive lines of one element's block."""
    if len(lines) < 2:
        return
    source = _source_text(lines[0].box.element)
    at = 0
    texts = [line_text(line) for line in lines]
    for index, (line, text) in enumerate(zip(lines[:-1], texts[:-1], strict=True)):
        following = texts[index + 1].lstrip()
        hyphenated = text.endswith(HYPHEN)
        piece = text[:-1] if hyphenated else text.rstrip()
        tail, head = _TAIL.search(piece), _HEAD.match(following)
        if not tail or not head:
            if piece:
                found = source.find(piece.strip(), at)
                at = found + len(piece.strip()) if found >= 0 else at
            continue
        stripped = piece.strip()
        found = source.find(stripped, at) if stripped else -1
        joined = False
        if found >= 0:
            at = found + len(stripped)
            joined = at < len(source) and source[at : at + len(head.group(0))] == head.group(0)
        if hyphenated or joined:
            before, after = tail.group(0), head.group(0)
            yield Break(before, after, hyphenated, _width(line, before, after), line)


def _width(line: Placed, before: str, after: str) -> float:
    """The word's width, from the width of its first piece (the end of ``line``)."""
    parts = [p for p in line_texts(line.box) if isinstance(p, boxes.TextBox)]
    if not parts:
        return 0.0
    last = parts[-1]
    per_letter = float(last.width) / max(len(last.text), 1)
    return per_letter * (len(before) + len(after) + 1)


def _blocks(page: PageLayout) -> Iterator[list[Placed]]:
    """The lines of the page grouped by the element whose block they are in."""
    group: list[Placed] = []
    for placed in page.placed:
        if not isinstance(placed.box, boxes.LineBox):
            continue
        if group and placed.box.element is not group[-1].box.element:
            yield group
            group = []
        group.append(placed)
    if group:
        yield group


def _is_label(placed: Placed) -> bool:
    """In a table cell (``td``, ``th``) or a term (``dt``); not the value of a list of facts,
    which print.css lays out as a table cell too but which is running text."""
    return bool(LABELS & set(placed.tags))


def _lang(placed: Placed) -> str:
    lang = placed.box.style["lang"] or ""
    return str(lang).split("-")[0].lower()


def rules_of_pages(pages: Sequence[PageLayout]) -> Rules:
    """The word lists of the document the pages are from (its head's meta elements)."""
    for page in pages:
        for placed in page.placed:
            element = placed.box.element
            if placed.tags[:1] == ("html",) and element is not None:
                return rules_of_root(element)
    return shipped_rules()


def _bad_hyphenation(found: Break, rules: Rules, lang: str) -> str | None:
    word = found.before + found.after
    if min(len(found.before), len(found.after)) < MIN_SIDE:
        return f"leaves {min(len(found.before), len(found.after))} letters on one side"
    points = rules.exceptions.get(lang, {}).get(word.lower())
    if points is not None and len(found.before) not in points:
        return "is not at one of the break points of the exceptions list"
    for term, term_lang in rules.foreign.items():
        if term_lang != lang and word.lower() in term.split():
            name = LANGUAGES.get(term_lang, f"'{term_lang}'")
            return f"breaks {name} term by the patterns of the text around it"
    return None


def check(pages: Sequence[PageLayout], rules: Rules | None = None) -> Iterator[Finding]:
    rules = rules if rules is not None else rules_of_pages(pages)
    for page in pages:
        for block in _blocks(page):
            for found in word_breaks(block):
                shown = quoted(f"{found.before}{HYPHEN if found.hyphenated else ''}{found.after}")
                if _is_label(found.line) and found.width < (page.right - page.left) * LONG_WORD:
                    yield Finding(
                        BROKEN_WORD.name,
                        page.number,
                        f"the word {shown} is broken over two lines in a table cell or a"
                        " label, though it is not wider than its column",
                        "shorten the text, or report the layout fault to the ntsplan maintainers",
                        found.line.source,
                    )
                    continue
                if not found.hyphenated:
                    continue
                why = _bad_hyphenation(found, rules, _lang(found.line))
                if why:
                    yield Finding(
                        BAD_HYPHEN.name,
                        page.number,
                        f"the hyphenation {shown} {why}",
                        "add the word with its break points to typesetting.hyphenation in"
                        " plan.yaml, or a foreign term to typesetting.foreign",
                        found.line.source,
                    )
