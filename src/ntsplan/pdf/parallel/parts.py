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
class SplitDocument:
    """The HTML around ``<main>``'s children, and the children themselves."""

    before: str
    """Everything up to and including ``<main ...>`` (head, cover)."""
    chapters: tuple[Chapter, ...]
    after: str
    """Everything from ``</main>`` on."""
    front_ids: frozenset[str]
    """Ids defined before ``<main>`` (the cover)."""

    def part_html(self, chapters: tuple[Chapter, ...]) -> str:
        """The HTML of a part: the frame with only ``chapters`` inside ``<main>``.

        What follows ``</main>`` (the footer, hidden in print) is in every part: it makes
        no box, so it changes no page.
        """
        return self.before + "".join(chapter.html for chapter in chapters) + self.after


PART_WEIGHT = 400_000
"""The most characters of HTML in one part (about 80 pages), so that no process holds
a large plan's whole layout in memory."""
MIN_PART = 20_000
"""Fewer characters than this (about four pages) are not worth a process of their own."""
_TOC = re.compile(r'<[a-z]+[^>]*\bclass="[^"]*\btoc\b')
_CLASS = re.compile(r'<[a-z]+[^>]*\bclass="chapter ([\w-]+)')


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
    laid out again when page numbers move). The rest is grouped by kind of chapter (the
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
    share = max(MIN_PART, min(PART_WEIGHT, total // max(1, 3 * jobs)))
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
