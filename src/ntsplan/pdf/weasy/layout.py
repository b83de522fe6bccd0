"""WeasyPrint's layout of one part, with page numbers that continue from the parts before.

A part is laid out by WeasyPrint as a document of its own. Two things in it depend on the
other parts: the page counters (``counter(page)`` and ``counter(pages)`` in the running
footer, "pagina X van Y") and the page numbers of targets in other parts
(``target-counter()`` in the contents). Neither changes how the part's own content is
laid out, so the part is paginated first and the numbers are set afterwards:

- :func:`numbered_layout` is WeasyPrint 70's ``layout_document`` with one step inserted
  between pagination and the margin boxes: it reports the part's page count and anchors
  and receives the number of its first page and the document's total (the parent process
  knows them once every part has been paginated);
- :class:`KnownTargets` gives ``target-counter()`` the page of an anchor in another part,
  as if the anchor were in the document.

Both are installed only inside a worker process that renders one part
(:func:`patched_weasyprint`); a one-process build uses WeasyPrint untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import weasyprint.document  # type: ignore[import-untyped]
from weasyprint.css.targets import TargetCollector, TargetLookupItem  # type: ignore[import-untyped]
from weasyprint.layout import (  # type: ignore[import-untyped]
    PROGRESS_LOGGER,
    initialize_page_maker,
    layout_backgrounds,
    layout_fixed_boxes,
    make_all_pages,
    make_margin_boxes,
)


@dataclass(frozen=True, slots=True)
class Paginated:
    """What a part's pagination tells the parent: pages kept and where its anchors are."""

    pages: int
    anchors: dict[str, int] = field(default_factory=dict)
    """Anchor name -> index of its page among the part's kept pages."""
    used: dict[str, int] = field(default_factory=dict)
    """The page numbers of anchors in other parts that the layout used (``target-counter``
    in the contents): when one of them turns out wrong, the part is laid out again."""


@dataclass(frozen=True, slots=True)
class Numbering:
    """The parent's answer: the number of the part's first page and the document's total."""

    first: int
    total: int


class Aborted(Exception):
    """The parent no longer needs this part (its numbers will be redone in a new pass)."""


@dataclass(frozen=True, slots=True)
class Retarget:
    """The parent's other answer: the pages of the anchors in other parts as they turned
    out, when they differ from the ones the part was laid out with. The part sets them
    and makes again only the pages whose text changed (the contents' lines), in the same
    process, then reports its pagination again."""

    targets: dict[str, int]


Exchange = Callable[[Paginated], Numbering | Retarget | None]


@dataclass(slots=True)
class _Plan:
    """What the installed layout needs to know about the part being rendered."""

    first_id: str | None
    exchange: Exchange
    skip: int = 0
    numbering: Numbering | None = None
    used: dict[str, int] = field(default_factory=dict)
    marks: list[tuple[str, float, float]] = field(default_factory=list)
    """The steps of the layout as they began: (step, monotonic clock, the process's CPU
    time). Steps: ``paginate``, ``wait for numbers``, ``renumber``, ``number and draw``."""
    renumbered: int = 0
    """Times the part was paginated again in place for its foreign page numbers."""

    def mark(self, step: str) -> None:
        self.marks.append((step, time.perf_counter(), time.process_time()))


_current: _Plan | None = None
_known_targets: Mapping[str, int] = {}


class _ForeignTarget:
    """Stands in for the box of an anchor in another part: it has no counters of its own."""

    def __init__(self, name: str, page: int) -> None:
        self.name = name
        self.page = page
        self.cached_counter_values: dict[str, list[int]] = {}


class KnownTargets(TargetCollector):  # type: ignore[misc]
    """A target collector that already knows the page of every anchor in other parts."""

    def __init__(self) -> None:
        super().__init__()
        for name, page in _known_targets.items():
            item = TargetLookupItem("up-to-date")
            item.target_box = _ForeignTarget(name, page)
            item.cached_page_counter_values = {"page": [page]}
            self.target_lookup_items[name] = item

    def lookup_target(
        self, anchor_token: Any, source_box: Any, css_token: str, parse_again: Any
    ) -> Any:
        item = super().lookup_target(anchor_token, source_box, css_token, parse_again)
        target = item.target_box
        if isinstance(target, _ForeignTarget) and _current is not None:
            _current.used[target.name] = target.page
        return item


def _page_anchors(page: Any) -> Iterator[str]:
    for box in page.descendants(placeholders=True):
        anchor = box.style["anchor"]
        if anchor:
            yield anchor


def numbered_layout(html: Any, root_box: Any, context: Any, max_loops: int = 8) -> Any:
    """WeasyPrint 70's ``layout_document`` (its pagination loop in ``_paginate``, its end in
    ``_finish``), with the part's numbering set before the margin boxes are made. (Kept in
    step with WeasyPrint: see tests/pdf/test_parallel.py.)"""
    plan = _current
    assert plan is not None, "numbered_layout runs only inside patched_weasyprint()"
    plan.mark("paginate")
    initialize_page_maker(context, root_box)
    pages, footnotes = _paginate(
        html, root_box, context, pages=[], original_footnotes=None, max_loops=max_loops
    )

    # --- ntsplan: the part's place in the whole document --------------------------------
    plan.mark("wait for numbers")
    answer = plan.exchange(_paginated(plan, pages))
    while isinstance(answer, Retarget):
        plan.mark("renumber")
        plan.renumbered += 1
        _retarget(context, plan, answer.targets)
        pages, footnotes = _paginate(
            html, root_box, context, pages=pages, original_footnotes=footnotes, max_loops=max_loops
        )
        plan.mark("wait for numbers")
        answer = plan.exchange(_paginated(plan, pages))
    if answer is None:
        raise Aborted
    plan.mark("number and draw")
    numbering = plan.numbering = answer
    delta = numbering.first - 1 - plan.skip
    for _, _, _, page_state, _ in context.page_maker[1 : len(pages) + 1]:
        counters = page_state[1]
        counters["page"] = [value + delta for value in counters.get("page", [0])]
        counters["pages"] = [numbering.total]
    # --- end of ntsplan's step ----------------------------------------------------------
    yield from _finish(pages, context)


def _paginate(
    html: Any,
    root_box: Any,
    context: Any,
    *,
    pages: list[Any],
    original_footnotes: list[Any] | None,
    max_loops: int,
) -> tuple[list[Any], list[Any]]:
    """The pagination loop of WeasyPrint 70's ``layout_document``: pages are made (again,
    when ``pages`` are given: only the ones whose content changed) until no page's content
    and no page count a page shows changes. Returns the pages and the footnotes as they
    were before the first loop."""
    actual_total_pages = len(pages)
    first = original_footnotes is None
    original_footnotes = original_footnotes or []
    for loop in range(max_loops):
        if loop > 0 or not first:
            PROGRESS_LOGGER.info("Step 5 - Creating layout - Repagination #%d", loop)
            context.footnotes = original_footnotes.copy()
        initial_total_pages = actual_total_pages
        if loop == 0 and first:
            original_footnotes = context.footnotes.copy()
        pages = list(make_all_pages(context, root_box, html, pages))
        actual_total_pages = len(pages)
        reloop_content = False
        reloop_pages = False
        for page_data in context.page_maker:
            _, _, _, page_state, remake_state = page_data
            page_state[1]["pages"] = [actual_total_pages]
            if remake_state["content_changed"]:
                reloop_content = True
            if remake_state["pages_wanted"]:
                reloop_pages = initial_total_pages != actual_total_pages
        if not reloop_content and not reloop_pages:
            break
    return pages, original_footnotes


def _paginated(plan: _Plan, pages: list[Any]) -> Paginated:
    """What the part tells the parent: its own pages (from its first chapter on: the
    cover before it is only there for its running strings) and where its anchors are."""
    anchors_by_page = [list(_page_anchors(page)) for page in pages]
    skip = 0
    if plan.first_id:
        skip = next(
            (index for index, names in enumerate(anchors_by_page) if plan.first_id in names), 0
        )
    plan.skip = skip
    anchors: dict[str, int] = {}
    for index, names in enumerate(anchors_by_page[skip:]):
        for name in names:
            anchors.setdefault(name, index)
    return Paginated(len(pages) - skip, anchors, dict(plan.used))


def _retarget(context: Any, plan: _Plan, targets: Mapping[str, int]) -> None:
    """Give the anchors in other parts their real pages, and mark for a remake the pages
    that show one of them: what WeasyPrint's ``cache_target_page_counters`` does when an
    anchor of the document itself turns out on another page."""
    collector = context.target_collector
    changed = set()
    for name, page in targets.items():
        item = collector.target_lookup_items.get(name)
        if item is None or not isinstance(item.target_box, _ForeignTarget):
            continue
        if item.cached_page_counter_values != {"page": [page]}:
            item.target_box.page = page
            item.cached_page_counter_values = {"page": [page]}
            changed.add(name)
    page_maker = context.page_maker
    for (box, css_token), lookup in collector.counter_lookup_items.items():
        if css_token != "content" or not changed & _target_names(box, lookup):
            continue
        index = lookup.page_maker_index
        if index is None or index >= len(page_maker):
            continue
        page_maker[index][-1]["content_changed"] = True
        lookup.parse_again(lookup.cached_page_counter_values)


def _target_names(box: Any, lookup: Any) -> set[str]:
    """The anchors whose page the box's content shows. WeasyPrint keys them by the
    ``target-counter()`` argument's anchor name, which is None for ``attr(href)`` (the
    contents' form): that one is the box's own link."""
    names = set(lookup.missing_target_counters)
    if None in names:
        names.discard(None)
        href = box.element.get("href", "") if box.element is not None else ""
        names.add(href.removeprefix("#"))
    return names


def _finish(pages: list[Any], context: Any) -> Iterator[Any]:
    """The end of WeasyPrint 70's ``layout_document``: bookmarks, page-based counters
    outside ``content``, string sets, fixed boxes, margin boxes and backgrounds."""
    watch_elements: list[Any] = []
    watch_elements_before: list[Any] = []
    watch_elements_after: list[Any] = []
    for i, page in enumerate(pages):
        _, _, _, page_state, _ = context.page_maker[i + 1]
        page_counter_values = page_state[1]
        for child in page.descendants():
            if child.bookmark_label:
                if child.element_tag.endswith("::before"):
                    checklist = watch_elements_before
                elif child.element_tag.endswith("::after"):
                    checklist = watch_elements_after
                else:
                    checklist = watch_elements
                if child.element in checklist:
                    child.bookmark_label = ""
                else:
                    checklist.append(child.element)
            if child.missing_link:
                for (box, css_token), item in context.target_collector.counter_lookup_items.items():
                    if child.missing_link == box and css_token != "content":
                        if css_token == "bookmark-label" and not child.bookmark_label:
                            continue
                        item.parse_again(page_counter_values)
                        if css_token == "bookmark-label":
                            child.bookmark_label = box.bookmark_label
            string_sets = child.string_set
            if string_sets and string_sets != "none":
                for string_set in string_sets:
                    string_name, text = string_set
                    context.string_set[string_name][i + 1].append(text)

    for i, page in enumerate(pages):
        root_children: list[Any] = []
        root, footnote_area, note_area = page.children
        root_children.extend(layout_fixed_boxes(context, pages[:i], page))
        root_children.extend(root.children)
        root_children.extend(layout_fixed_boxes(context, pages[i + 1 :], page))
        root.children = root_children
        context.current_page = i + 1
        state = context.page_maker[context.current_page][3]
        children = [root]
        if footnote_area.children:
            children.append(footnote_area)
        if note_area.children:
            children.append(note_area)
        children.extend(make_margin_boxes(context, page, state))
        page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
        yield page


@contextmanager
def patched_weasyprint(
    *, first_id: str | None, exchange: Exchange, known_targets: Mapping[str, int]
) -> Iterator[_Plan]:
    """Install the numbered layout and the known targets for the part being rendered.

    Yields the plan, whose ``skip`` tells after layout how many leading pages (the cover,
    repeated for its running strings) are not the part's own.
    """
    global _current, _known_targets
    plan = _Plan(first_id, exchange)
    saved = weasyprint.document.layout_document, weasyprint.document.TargetCollector
    _current, _known_targets = plan, dict(known_targets)
    weasyprint.document.layout_document = numbered_layout
    weasyprint.document.TargetCollector = KnownTargets
    try:
        yield plan
    finally:
        weasyprint.document.layout_document, weasyprint.document.TargetCollector = saved
        _current, _known_targets = None, {}
