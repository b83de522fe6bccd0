"""Which chapters go into which part of a parallel PDF build (see ``parallel``)."""

from __future__ import annotations

import re

from ntsplan.export.parts import Chapter, SplitDocument, balance

PART_WEIGHT = 400_000
"""The most characters of HTML in one part (about 80 pages), so that no process holds
a large plan's whole layout in memory."""
MIN_PART = 20_000
"""Fewer characters than this (about four pages) are not worth a process of their own."""
_TOC = re.compile(r'<[a-z]+[^>]*\bclass="[^"]*\btoc\b')
_CLASS = re.compile(r'<[a-z]+[^>]*\bclass="chapter ([\w-]+)')


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
