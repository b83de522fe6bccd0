"""Nothing extends beyond the page's content area (a table too wide, a URL that cannot
break, a chart too tall)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ntsplan.pdf.preflight.codes import OVERFLOW
from ntsplan.pdf.preflight.findings import Finding, mm, quoted
from ntsplan.pdf.weasy.pages import (
    TOLERANCE,
    Box,
    PageLayout,
    Placed,
    bottom_of,
    boxes,
    left_of,
    line_texts,
    right_of,
)

CODE = OVERFLOW.name


def _extent(box: Box) -> tuple[float, float, float]:
    """Left, right and bottom edge of what a box paints. A line box is as wide as its
    block; the text inside it is what can stick out."""
    if isinstance(box, boxes.LineBox):
        parts = list(line_texts(box))
        if not parts:
            return (float("inf"), float("-inf"), float("-inf"))
        return (
            min(left_of(p) for p in parts),
            max(right_of(p) for p in parts),
            max(bottom_of(p) for p in parts),
        )
    return left_of(box), right_of(box), bottom_of(box)


def _what(box: Box, tags: tuple[str, ...]) -> str:
    if "table" in tags:
        return "a table"
    if isinstance(box, boxes.LineBox):
        text = "".join(p.text for p in line_texts(box) if isinstance(p, boxes.TextBox))
        return f"the text {quoted(text)}"
    return f"a <{box.element_tag}> element"


def _past_column(placed: Placed, right: float) -> Finding | None:
    """A line of text wider than its table column runs over the next column."""
    cell = placed.cell
    if cell is None or not isinstance(placed.box, boxes.LineBox):
        return None
    over = right - (cell.content_box_x() + cell.width + cell.padding_right)
    if over <= TOLERANCE:
        return None
    return Finding(
        CODE,
        0,
        f"{_what(placed.box, ())} is {mm(over)} wider than its table column",
        "shorten the text, or report the layout fault to the ntsplan maintainers",
        placed.source,
    )


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    """One finding for each outermost box that sticks out (a table, not its every row)."""
    for page in pages:
        inside: set[int] = set()  # the boxes within one already reported
        for placed in page.placed:
            box = placed.box
            if isinstance(box, boxes.TextBox | boxes.InlineBox) or id(box) in inside:
                continue
            if box.element_tag == "html":
                # The root box paints nothing of its own, and root margins do not collapse:
                # on the last page of a parallel part it holds the trailing bottom margin
                # of its last child, which a page break would have truncated. Its
                # descendants, which do paint, are each checked below.
                continue
            left, right, bottom = _extent(box)
            over = max(right - page.right, page.left - left, bottom - page.bottom)
            if over <= TOLERANCE:
                column = _past_column(placed, right)
                if column is not None:
                    column = replace(column, page=page.number)
                    inside.update(id(child) for child in box.descendants())
                    yield column
                continue
            inside.update(id(child) for child in box.descendants())
            side = (
                "right"
                if over == right - page.right
                else ("left" if over == page.left - left else "bottom")
            )
            yield Finding(
                CODE,
                page.number,
                f"{_what(box, placed.tags)} runs {mm(over)} past the {side} edge of the text area",
                "shorten the text (a URL: link to a shorter address) or report the layout"
                " fault to the ntsplan maintainers",
                placed.source,
            )
