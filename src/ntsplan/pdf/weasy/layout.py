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


Exchange = Callable[[Paginated], Numbering | None]


@dataclass(slots=True)
class _Plan:
    """What the installed layout needs to know about the part being rendered."""

    first_id: str | None
    exchange: Exchange
    skip: int = 0
    numbering: Numbering | None = None
    used: dict[str, int] = field(default_factory=dict)


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


def numbered_layout(  # noqa: PLR0915 - WeasyPrint's function, kept whole to compare
    html: Any, root_box: Any, context: Any, max_loops: int = 8
) -> Any:
    """WeasyPrint 70's ``layout_document``, with the part's numbering set before the
    margin boxes are made. (Kept in step with WeasyPrint: see tests/test_parallel.py.)"""
    plan = _current
    assert plan is not None, "numbered_layout runs only inside patched_weasyprint()"
    initialize_page_maker(context, root_box)
    pages: list[Any] = []
    original_footnotes: list[Any] = []
    actual_total_pages = 0

    for loop in range(max_loops):
        if loop > 0:
            PROGRESS_LOGGER.info("Step 5 - Creating layout - Repagination #%d", loop)
            context.footnotes = original_footnotes.copy()
        initial_total_pages = actual_total_pages
        if loop == 0:
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

    # --- ntsplan: the part's place in the whole document --------------------------------
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
    numbering = plan.exchange(Paginated(len(pages) - skip, anchors, dict(plan.used)))
    if numbering is None:
        raise Aborted
    plan.numbering = numbering
    delta = numbering.first - 1 - skip
    for _, _, _, page_state, _ in context.page_maker[1 : len(pages) + 1]:
        counters = page_state[1]
        counters["page"] = [value + delta for value in counters.get("page", [0])]
        counters["pages"] = [numbering.total]
    # --- end of ntsplan's step ----------------------------------------------------------

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
