"""What the preflight checks read from WeasyPrint's laid-out pages.

WeasyPrint 70 gives each ``Page`` a tree of boxes (``page._page_box``): block boxes, line
boxes, text, tables with their row groups, rows and cells. Boxes have no parent link, so
this module walks each page once and keeps, for every box, the chain of elements above it:
that is where a box finds the ``data-src`` attribute that names the data behind it, and
the chapter it belongs to. Everything here is plain geometry in CSS pixels.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

# Re-exported: the preflight checks test box classes; WeasyPrint is imported only here.
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

__all__ = [
    "HEADINGS",
    "TOLERANCE",
    "Box",
    "PageLayout",
    "Placed",
    "all_texts",
    "bottom_of",
    "boxes",
    "layout_pages",
    "left_of",
    "line_texts",
    "right_of",
    "top_of",
]

Box = Any
"""A WeasyPrint box (weasyprint.formatting_structure.boxes.Box); WeasyPrint is untyped."""

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TOLERANCE = 0.5
"""CSS pixels a box may stick out before it counts: rounding, not overflow."""


@dataclass(frozen=True, slots=True)
class Placed:
    """One box on a page, with what it inherits from the elements around it."""

    box: Box
    source: str | None
    """The nearest ``data-src`` above the box (or on it): ``valuechain/ID#path``."""
    chapter: str | None
    """The id of the chapter (``section.chapter``) the box is in, if any."""
    tags: tuple[str, ...]
    """The element tags from the page's root down to the box's element."""
    classes: frozenset[str] = frozenset()
    """The classes of the box's element and of every element above it."""
    cell: Box = None
    """The table cell the box is in, if any: its column is the box's limit."""


@dataclass(slots=True)
class PageLayout:
    """A laid-out page: its number, its content area and its boxes in document order."""

    number: int
    left: float
    top: float
    right: float
    bottom: float
    placed: list[Placed] = field(default_factory=list)
    width: float = 0.0
    """The width of the whole page (its paper), in CSS pixels."""

    @property
    def leaves(self) -> list[Placed]:
        """The boxes that carry content: lines of text, images, SVGs, empty table cells
        excepted. In document order, so the last one is the last thing on the page."""
        return [p for p in self.placed if _is_leaf(p.box)]

    @property
    def chapters(self) -> list[str]:
        """The chapters with content on this page, in order."""
        return list(dict.fromkeys(p.chapter for p in self.leaves if p.chapter))


def _is_leaf(box: Box) -> bool:
    if isinstance(box, boxes.LineBox):
        return any(True for _ in _texts(box))
    return isinstance(box, boxes.ReplacedBox) and not isinstance(box, boxes.InlineReplacedBox)


def _texts(box: Box) -> Iterator[Box]:
    for child in box.descendants():
        if isinstance(child, boxes.ReplacedBox) or (
            isinstance(child, boxes.TextBox) and child.text.strip()
        ):
            yield child


def bottom_of(box: Box) -> float:
    """The bottom of a box's border edge."""
    return float(box.position_y + box.margin_top + box.border_height())


def top_of(box: Box) -> float:
    return float(box.position_y + box.margin_top)


def right_of(box: Box) -> float:
    return float(box.position_x + box.margin_left + box.border_width())


def left_of(box: Box) -> float:
    return float(box.position_x + box.margin_left)


def layout_pages(pages: Sequence[Any], *, first_number: int = 1) -> list[PageLayout]:
    """Read WeasyPrint ``Page`` objects (``Document.pages``, or one part's pages) into
    ``PageLayout`` values. ``first_number`` is the first page's number in the whole
    document, so that a part rendered alone still names its pages right."""
    laid = []
    for index, page in enumerate(pages):
        page_box = page._page_box
        left, top = float(page_box.content_box_x()), float(page_box.content_box_y())
        layout = PageLayout(
            number=first_number + index,
            left=left,
            top=top,
            right=left + float(page_box.width),
            bottom=top + float(page_box.height),
            width=float(page_box.margin_width()),
        )
        for child in page_box.children:
            if not isinstance(child, boxes.MarginBox):  # the running header and footer
                _walk(child, _Inherited(None, None, (), frozenset()), None, layout.placed)
        laid.append(layout)
    return laid


@dataclass(frozen=True, slots=True)
class _Inherited:
    source: str | None
    chapter: str | None
    tags: tuple[str, ...]
    classes: frozenset[str]
    cell: Box = None


def _walk(box: Box, state: _Inherited, parent: Any, out: list[Placed]) -> None:
    element = box.element
    if element is not None and element is not parent:  # anonymous boxes share the element
        classes = (element.get("class") or "").split()
        chapter = state.chapter
        if "chapter" in classes and element.get("id"):
            chapter = element.get("id")
        state = _Inherited(
            element.get("data-src") or state.source,
            chapter,
            (*state.tags, box.element_tag),
            state.classes.union(classes) if classes else state.classes,
            state.cell,
        )
    if isinstance(box, boxes.TableCellBox):
        state = _Inherited(state.source, state.chapter, state.tags, state.classes, box)
    out.append(Placed(box, state.source, state.chapter, state.tags, state.classes, state.cell))
    if isinstance(box, boxes.LineBox):
        return  # a line is a leaf for every check; its inline boxes are read from it
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.Box):
            _walk(child, state, element, out)


def line_texts(box: Box) -> Iterator[Box]:
    """The text and replaced boxes inside a line box."""
    return _texts(box)


def all_texts(box: Box) -> Iterator[Box]:
    """Every text box inside ``box``, those of absolutely positioned elements included
    (WeasyPrint keeps them in an ``AbsolutePlaceholder``, which ``descendants`` skips)."""
    for item in getattr(box, "children", ()):
        child = getattr(item, "_box", item)  # an AbsolutePlaceholder's box
        if isinstance(child, boxes.TextBox):
            yield child
        elif isinstance(child, boxes.Box):
            yield from all_texts(child)
