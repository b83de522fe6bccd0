"""Cut the plan's HTML at chapter boundaries into parts that render in parallel.

The document is ``<body>`` with the cover, then ``<main>`` whose children are the chapters
(``.chapter``: the colophon, the contents, every value chain, ...), then the screen-only
footer. A part is the document with only some of the chapters in ``<main>``: the head
(stylesheets), the body's attributes and the cover stay in every part, so that running
strings set on the cover (the plan's title in the page header) and the body's words for
"pagina X van Y" are the same as in one process; the cover's page is dropped again after
layout in every part but the first.

The cut is found by reading the HTML tag by tag (``pdf.markup``), so any markup inside a
chapter is kept as written. Each chapter carries its weight (its length in
characters, a fair measure of its layout time) and the ids it defines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ntsplan.pdf.markup import TOKEN, VOID, element_id


@dataclass(frozen=True, slots=True)
class Chapter:
    """One child of ``<main>``: its markup, its first id and every id defined in it."""

    html: str
    id: str
    ids: frozenset[str]

    @property
    def weight(self) -> int:
        return len(self.html)


@dataclass(frozen=True, slots=True)
class Part:
    """A part to render: its place, its chapters, its HTML (the frame with only those
    chapters), its layout key (see ``cache``) and the ids it links to in other parts."""

    index: int
    chapters: tuple[Chapter, ...]
    html: str
    base_key: str
    foreign: frozenset[str]


@dataclass(frozen=True, slots=True)
class SplitDocument:
    """The HTML around ``<main>``'s children, and the children themselves."""

    before: str
    """Everything up to and including ``<main ...>`` (head, cover)."""
    chapters: tuple[Chapter, ...]
    after: str
    """Everything from ``</main>`` on."""
    front_ids: frozenset[str]
    """Ids defined before ``<main>`` (the cover)."""

    def part_html(self, chapters: tuple[Chapter, ...], *, first: bool = True) -> str:
        """The HTML of a part: the frame with only ``chapters`` inside ``<main>``.

        What follows ``</main>`` (the footer, hidden in print) is in every part: it makes
        no box, so it changes no page. A part after the ``first`` gets the lean frame
        (``lean_front``): its cover page is dropped after layout anyway.
        """
        before = self.before if first else lean_front(self.before)
        return before + "".join(chapter.html for chapter in chapters) + self.after


PART_WEIGHT = 400_000
"""The most characters of HTML in one part (about 80 pages), so that no process holds
a large plan's whole layout in memory."""
MIN_PART = 10_000
"""Fewer characters than this (about two pages) are not worth a process of their own: a
part costs about 0.2 s besides its content (its start, its cover page, its PDF's frame)."""
PIECES_PER_JOB = 6
"""A run of chapters of one kind (the value chains) is cut into pieces of about a sixth
of the work per process (two value chains at the shipped size): an edit to one chain
renders its piece again, not a third of the plan."""
_TOC = re.compile(r'<[a-z]+[^>]*\bclass="[^"]*\btoc\b')
_CLASS = re.compile(r'<[a-z]+[^>]*\bclass="chapter ([\w-]+)')
_HIDDEN_IN_PRINT = re.compile(r'\bclass="[^"]*\b(?:screen-only|skip-link)\b')
_COVER = re.compile(r'\bclass="cover"')
_COVER_TITLE = re.compile(r'\bclass="cover-title"')


def lean_front(before: str) -> str:
    """The front of the document for a part that is not the first: the elements that
    print hides (``screen-only``, the skip link) left out, and of the cover only its
    element and its title, which sets the running header's ``plan-title``. The part's
    cover page is still one page of its own (``.cover`` breaks after itself) and is
    dropped after layout, so the part's pages are the same; only less is styled and laid
    out. The whole front is kept when the cover or its title is not found."""
    body = before.find("<body")
    if body < 0:
        return before
    spans: list[tuple[int, int]] = []
    cover = title = None
    for token in TOKEN.finditer(before, body):
        if not token.group(3) or token.group(2) == "/":
            continue
        attributes = token.group(4) or ""
        if spans and token.start() < spans[-1][1]:
            continue  # inside an element already left out
        if _HIDDEN_IN_PRINT.search(attributes):
            spans.append((token.start(), _element_end(before, token)))
        elif cover is None and _COVER.search(attributes):
            cover = (token.end(), _element_end(before, token))
        elif cover is not None and title is None and _COVER_TITLE.search(attributes):
            title = (token.start(), _element_end(before, token))
    if cover is None or title is None or not cover[0] <= title[0] < title[1] <= cover[1]:
        return before
    closing = before.rfind("</", cover[0], cover[1])
    spans.append((cover[0], title[0]))
    spans.append((title[1], closing))
    kept: list[str] = []
    at = 0
    for start, stop in sorted(spans):
        kept.append(before[at:start])
        at = max(at, stop)
    kept.append(before[at:])
    return "".join(kept)


def _element_end(html: str, opening: re.Match[str]) -> int:
    """Where the element that ``opening`` starts ends (after its closing tag)."""
    name = opening.group(3).lower()
    if name in VOID:
        return opening.end()
    depth = 0
    for token in TOKEN.finditer(html, opening.end()):
        if token.group(3) and token.group(3).lower() == name:
            depth += -1 if token.group(2) == "/" else 1
            if depth < 0:
                return token.end()
    return len(html)


def split_document(html: str) -> SplitDocument | None:
    """The document cut at ``<main>``'s children; None when it has no ``<main>`` with
    at least one chapter (the caller then renders it whole)."""
    main = re.search(r"<main(?:\s[^>]*)?>", html)
    if main is None:
        return None
    front_ids = {
        found
        for token in TOKEN.finditer(html, 0, main.start())
        if token.group(3) and (found := element_id(token.group(4) or ""))
    }
    depth = 0
    chapters: list[tuple[int, int, str, set[str]]] = []
    current: tuple[int, str, set[str]] | None = None
    close = -1
    for token in TOKEN.finditer(html, main.end()):
        name = token.group(3)
        if not name:
            continue  # a comment or a script/style element: no depth change
        closing = token.group(2) == "/"
        if closing:
            if name.lower() in VOID:
                continue
            depth -= 1
            if depth < 0:  # </main>
                close = token.start()
                break
            if depth == 0 and current is not None:
                chapters.append((current[0], token.end(), current[1], current[2]))
                current = None
            continue
        attributes = token.group(4) or ""
        tag_id = element_id(attributes)
        if depth == 0:
            current = (token.start(), tag_id or "", set())
        if tag_id and current is not None:
            current[2].add(tag_id)
        if name.lower() in VOID or attributes.rstrip().endswith("/"):
            if depth == 0 and current is not None:
                chapters.append((current[0], token.end(), current[1], current[2]))
                current = None
            continue
        depth += 1
    if close < 0 or not chapters:
        return None
    # Text between children (newlines) goes with the child before it, so nothing is lost.
    bounds = [start for start, _, _, _ in chapters] + [close]
    parts = tuple(
        Chapter(html[bounds[index] : bounds[index + 1]], chapter_id, frozenset(ids))
        for index, (_, _, chapter_id, ids) in enumerate(chapters)
    )
    return SplitDocument(
        before=html[: bounds[0]], chapters=parts, after=html[close:], front_ids=frozenset(front_ids)
    )


def balance(weights: list[int], count: int, *, first: int = 0) -> list[tuple[int, int]]:
    """Cut ``weights[first:]`` into at most ``count`` contiguous runs of near-equal sum.

    Returns ``(start, stop)`` index pairs. Greedy by the ideal running total, so the
    result depends on the weights only (the same cut for the same document).
    """
    items = len(weights) - first
    count = max(1, min(count, items))
    total = sum(weights[first:])
    runs: list[tuple[int, int]] = []
    start = first
    running = 0
    for index in range(first, len(weights)):
        running += weights[index]
        remaining_runs = count - len(runs) - 1
        remaining_items = len(weights) - index - 1
        target = total * (len(runs) + 1) / count
        if remaining_runs > 0 and (
            running >= target
            or remaining_items == remaining_runs
            or (running + weights[index + 1] - target > target - running and running > 0)
        ):
            runs.append((start, index + 1))
            start = index + 1
    runs.append((start, len(weights)))
    return [run for run in runs if run[0] < run[1]]


def digest(*texts: str) -> str:
    """A SHA-256 of length-prefixed texts."""
    hasher = hashlib.sha256()
    for text in texts:
        data = text.encode()
        hasher.update(f"{len(data)}:".encode())
        hasher.update(data)
    return hasher.hexdigest()


def plan_parts(split: SplitDocument, jobs: int) -> list[tuple[Chapter, ...]]:
    """The chapters of each part.

    The front matter through the contents is one part (it is small, and the only one
    renumbered when page numbers move). The rest is grouped by kind of chapter (the
    summary, the matrices, the value chains, the agendas, ...), so that an edit to one
    value chain leaves the parts of other kinds alone unless their own content changed;
    runs smaller than ``MIN_PART`` join their neighbour, and runs larger than a fair share
    of the work are cut into balanced pieces (at least ``jobs`` parts in all).
    """
    chapters = split.chapters
    toc = next((i for i, c in enumerate(chapters) if _TOC.match(c.html)), None)
    first = 0 if toc is None else toc + 1
    groups: list[tuple[Chapter, ...]] = [] if toc is None else [chapters[:first]]
    body = chapters[first:]
    if not body:
        return groups
    total = sum(chapter.weight for chapter in body)
    share = max(MIN_PART, min(PART_WEIGHT, total // max(1, PIECES_PER_JOB * jobs)))
    runs: list[list[Chapter]] = []
    for chapter in body:
        if runs and _kind(runs[-1][-1]) == _kind(chapter):
            runs[-1].append(chapter)
        else:
            runs.append([chapter])
    merged: list[list[Chapter]] = []
    for run in runs:
        if merged and (_weight(run) < MIN_PART or _weight(merged[-1]) < MIN_PART):
            merged[-1].extend(run)
        else:
            merged.append(run)
    for run in merged:
        pieces = max(1, round(_weight(run) / share))
        weights = [chapter.weight for chapter in run]
        groups += [tuple(run[a:b]) for a, b in balance(weights, pieces)]
    return [group for group in groups if group]


def _kind(chapter: Chapter) -> str:
    match = _CLASS.match(chapter.html)
    return match.group(1) if match else ""


def _weight(run: list[Chapter]) -> int:
    return sum(chapter.weight for chapter in run)
