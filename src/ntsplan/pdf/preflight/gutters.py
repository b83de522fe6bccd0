"""Every two columns of a table keep a gutter: the text of one cell ends at least
``MIN_GUTTER`` before the text of the next cell in its row begins."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from ntsplan.pdf.preflight.codes import NO_GUTTER
from ntsplan.pdf.preflight.findings import PX_PER_MM, Finding, mm, quoted
from ntsplan.pdf.weasy.pages import TOLERANCE, Box, PageLayout, boxes, left_of, right_of

MIN_GUTTER = 2 * PX_PER_MM
"""The least room between the text of two cells side by side, in CSS pixels."""


def _text_extent(cell: Box) -> tuple[float, float, str] | None:
    """Left and right edge of the text (and images) in a cell, and its text; None when the
    cell is empty or its text runs out of the cell (the overflow check reports that)."""
    parts = [
        child
        for child in cell.descendants()
        if (isinstance(child, boxes.TextBox) and child.text.strip())
        or isinstance(child, boxes.ReplacedBox)
    ]
    if not parts:
        return None
    text = " ".join(p.text for p in parts if isinstance(p, boxes.TextBox))
    left, right = min(left_of(p) for p in parts), max(right_of(p) for p in parts)
    if right > right_of(cell) + TOLERANCE:
        return None
    return left, right, text


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    for page in pages:
        for placed in page.placed:
            if not isinstance(placed.box, boxes.TableRowBox):
                continue
            cells = [c for c in placed.box.children if isinstance(c, boxes.TableCellBox)]
            extents = [_text_extent(cell) for cell in sorted(cells, key=lambda c: c.position_x)]
            for before, after in itertools.pairwise(extents):
                if before is None or after is None:
                    continue
                gap = after[0] - before[1]
                if gap < MIN_GUTTER:
                    yield Finding(
                        NO_GUTTER.name,
                        page.number,
                        f"the text {quoted(before[2], 30)} ends {mm(max(gap, 0))} before"
                        f" {quoted(after[2], 30)} in the next column begins (at least"
                        f" {mm(MIN_GUTTER)})",
                        "this is a layout fault: report it to the ntsplan maintainers",
                        placed.source,
                    )
                    break  # one finding per row
