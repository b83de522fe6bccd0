"""No heading, caption or table header is the last thing on a page: what it introduces
must follow it on the same page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ntsplan.pdf.preflight.codes import STRANDED
from ntsplan.pdf.preflight.findings import Finding, quoted
from ntsplan.pdf.weasy.pages import HEADINGS, PageLayout, Placed, boxes, line_texts

CODE = STRANDED.name
COMPANIONS = frozenset({"kicker", "meta", "status-line"})
"""Classes of the lines that go with a heading (print.css keeps them with what follows)."""


def introduces(placed: Placed) -> str | None:
    """What kind of introducing element a leaf belongs to, if any."""
    tags = set(placed.tags)
    if tags & HEADINGS:
        return "the heading"
    if "caption" in tags:
        return "the table caption"
    if "thead" in tags:
        return "the table header"
    return None


def text_of(placed: Placed) -> str:
    return "".join(p.text for p in line_texts(placed.box) if isinstance(p, boxes.TextBox))


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    """Every page but the last: its last line must not be a heading, caption or header."""
    for page in pages[:-1]:
        leaves = page.leaves
        if not leaves:
            continue
        # A heading's companions (its kicker, its meta line, a chain's status line) belong
        # to it: a heading with only its subtitle under it stands alone just the same.
        position = len(leaves) - 1
        while position > 0 and COMPANIONS & leaves[position].classes:
            position -= 1
        last = leaves[position]
        kind = introduces(last)
        if kind is None:
            continue
        # A heading of several lines reports its first, so the message quotes all of it.
        block = [p for p in leaves if p.tags == last.tags]
        text = " ".join(text_of(p) for p in block)
        yield Finding(
            CODE,
            page.number,
            f"{kind} {quoted(text)} is the last thing on the page; what it introduces"
            " starts on the next page",
            "this is a layout fault: report it to the ntsplan maintainers",
            last.source,
        )
