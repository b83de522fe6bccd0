"""The rendered plan (the HTML the PDF is made from) read into an ``EditableDocument``.

Reading the same HTML as the PDF keeps the two editions equal by construction: the same
chapters, sections, tables, figures and words, in the same order, with the same numbers.
What exists only for a screen (the side navigation, skip links, the "back to contents"
button, text hidden for screen readers) is left out; the printed contents list becomes the
word processor's own contents field.

The HTML is ntsplan's own (every text from the data in it is escaped), so it is read with
the standard library's parser into a small element tree; text stays text, and only http,
https and mailto addresses, or anchors of this document, become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ntsplan.editable.charts import svg_markup
from ntsplan.editable.document import (
    Block,
    Cell,
    Contents,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    kicker_below_heading,
    tidy_runs,
)
from ntsplan.editable.raster import timeline_png
from ntsplan.editable.tree import BLOCK_TAGS, Element, parse_html

SKIPPED_CLASSES = frozenset(
    {
        "side-nav",
        "skip-link",
        "screen-only",
        "back-to-contents",
        "document-footer",
        "visually-hidden",
        "scroll-hint",
        "swatch",
    }
)
"""Parts only a screen shows (or a screen reader reads); the PDF does not print them."""
SKIPPED_TAGS = frozenset({"head", "script", "style", "template", "title"})
LINK_SCHEMES = ("http://", "https://", "mailto:")

PARAGRAPH_CLASSES = {
    "note": "Note",
    "missing": "Note",
    "empty": "Note",
    "legend": "Note",
    "source-line": "Source",
    "depends": "Note",
    "cover-kicker": "Subtitle",
    "cover-subtitle": "Subtitle",
    "cover-slice": "Subtitle",
    "concept-mark": "Status",
    "status-line": "Status",
    "kicker": "Kicker",
    "cover-publishers": "Text Body",
    "toc-group": "Text Body",
}
"""Paragraph styles for the HTML's classes of paragraph (otherwise ``Text Body``)."""

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Context:
    lang: str | None = None
    strong: bool = False
    emphasis: bool = False
    href: str | None = None
    style: str = "Text Body"


@dataclass
class DocumentReader:
    """Turns the plan's HTML into blocks; ``language`` is the document's."""

    language: str
    money_language: str
    anchors: set[str] = field(default_factory=set)
    _pending: list[str] = field(default_factory=list)
    contents: tuple[tuple[int, str], ...] = ()

    def read(self, html: str) -> tuple[Block, ...]:
        root = parse_html(html)
        body = root.find("body") or root
        blocks = kicker_below_heading(tuple(self.blocks(body, _Context())))
        # The contents field is delivered filled, as a word processor would fill it.
        entries = tuple(
            (1, "".join(run.text for run in block.runs))
            for block in blocks
            if isinstance(block, Heading) and block.level == 1
        )
        return tuple(
            Contents(block.title, entries) if isinstance(block, Contents) else block
            for block in blocks
        )

    # Blocks ---------------------------------------------------------------------------

    def blocks(self, element: Element, ctx: _Context) -> Iterator[Block]:
        """The blocks inside ``element``; loose text and inline elements make paragraphs."""
        inline: list[Element | str] = []
        for child in element.children:
            if isinstance(child, Element) and self._skipped(child):
                continue
            if isinstance(child, Element) and child.tag in BLOCK_TAGS:
                yield from self._paragraph(inline, ctx, ctx.style)
                inline = []
                # Bold of a row's heading cell is its own text's, not its blocks' (as in print).
                yield from self.block(child, _Context(ctx.lang, False, False, None, ctx.style))
            else:
                inline.append(child)
        yield from self._paragraph(inline, ctx, ctx.style)

    def block(self, element: Element, ctx: _Context) -> Iterator[Block]:
        ctx = self._with_lang(element, ctx)
        self._take_anchor(element)
        tag = element.tag
        if tag == "h1":
            yield from self._paragraph(element.children, ctx, "Title")
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            runs = tidy_runs(tuple(self.runs(element.children, ctx)))
            if runs:
                yield Heading(int(tag[1]) - 1, runs, self._anchors(), ctx.lang)
        elif tag == "p":
            style = next(
                (PARAGRAPH_CLASSES[c] for c in sorted(element.classes) if c in PARAGRAPH_CLASSES),
                ctx.style,
            )
            yield from self._paragraph(element.children, ctx, style)
        elif tag in ("ul", "ol"):
            yield from self._list(element, ctx)
        elif tag == "dl":
            yield from self._definitions(element, ctx)
        elif tag == "table":
            yield self._table(element, ctx)
        elif tag == "figure" and element.find("svg") is not None:
            yield self._figure(element, ctx)
        elif tag == "nav" and "toc" in element.classes:
            heading = element.find("h2")
            yield Contents(heading.text().strip() if heading else "", self.contents)
        elif tag == "blockquote":
            yield from self.blocks(element, _replace_style(ctx, "Quotation"))
        elif tag == "pre":
            text = element.text().rstrip("\n")
            yield Paragraph("Preformatted Text", (Run(text, lang=ctx.lang),), self._anchors())
        elif tag == "hr":
            return
        elif tag == "dt":
            yield from self._paragraph(element.children, ctx, "Definition Term")
        elif tag == "dd":
            yield from self.blocks(element, _replace_style(ctx, "Definition"))
        elif tag == "figcaption":
            yield from self._paragraph(element.children, ctx, "Caption")
        else:  # div, section, main, header, figure without a chart...
            yield from self.blocks(element, ctx)

    def _paragraph(self, nodes: list[Element | str], ctx: _Context, style: str) -> Iterator[Block]:
        runs = tidy_runs(tuple(self.runs(nodes, ctx)))
        if runs:
            yield Paragraph(style, runs, self._anchors(), ctx.lang)

    def _list(self, element: Element, ctx: _Context) -> Iterator[Block]:
        items = []
        item_ctx = _replace_style(ctx, "List Paragraph")
        for child in element.children:
            if isinstance(child, Element) and child.tag == "li" and not self._skipped(child):
                li_ctx = self._with_lang(child, item_ctx)
                self._take_anchor(child)
                blocks = tuple(self.blocks(child, li_ctx))
                if blocks:
                    items.append(blocks)
        if items:
            yield ListBlock(element.tag == "ol", tuple(items))

    def _definitions(self, element: Element, ctx: _Context) -> Iterator[Block]:
        for child in element.children:
            if not isinstance(child, Element) or self._skipped(child):
                continue
            if child.tag == "div":  # <div><dt/><dd/></div>: one term with its descriptions
                self._take_anchor(child)
                yield from self._definitions(child, self._with_lang(child, ctx))
            else:
                yield from self.block(child, ctx)

    def _table(self, element: Element, ctx: _Context) -> Table:
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        foot: list[tuple[Cell, ...]] = []
        caption: tuple[Run, ...] = ()
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "caption":
                self._take_anchor(child)
                caption = tidy_runs(tuple(self.runs(child.children, ctx)))
            target = {"thead": head, "tfoot": foot}.get(child.tag, body)
            rows = [child] if child.tag == "tr" else _children(child, "tr")
            for row in rows:
                target.append(self._row(row, ctx, head=child.tag == "thead"))
        classes = sorted(element.classes)
        return Table(tuple(head), tuple(body), tuple(foot), caption, classes[0] if classes else "")

    def _row(self, row: Element, ctx: _Context, *, head: bool = False) -> tuple[Cell, ...]:
        self._take_anchor(row)
        ctx = self._with_lang(row, ctx)
        cells = []
        for cell in row.children:
            if not isinstance(cell, Element) or cell.tag not in ("td", "th"):
                continue
            cell_ctx = self._with_lang(cell, _replace_style(ctx, "Table Contents"))
            header = cell.tag == "th"
            numeric = "num" in cell.classes
            if head:
                style = "Table Heading Number" if numeric else "Table Heading"
            else:  # a row's heading: its own words bold, its description not
                style = "Table Number" if numeric else "Table Contents"
                if header:
                    cell_ctx = _Context(cell_ctx.lang, True, False, None, cell_ctx.style)
            cell_ctx = _replace_style(cell_ctx, style)
            self._take_anchor(cell)
            blocks = tuple(self.blocks(cell, cell_ctx))
            number, currency = (None, False)
            if numeric:
                number, currency = self._number(cell)
            span = int(cell.attrs.get("colspan", "1") or "1")
            nowrap = "nowrap" in cell.classes
            cells.append(Cell(blocks, header, number, currency, numeric, max(1, span), nowrap))
        return tuple(cells)

    def _number(self, cell: Element) -> tuple[float | None, bool]:
        """The cell's value when it shows exactly one amount or number, as the PDF does."""
        text = _SPACE.sub(" ", cell.text()).strip()
        currency = text.startswith("€")
        digits = text.removeprefix("€").strip()
        group, decimal = (".", ",") if self.money_language == "nl" else (",", ".")
        pattern = rf"-?\d{{1,3}}(?:\{group}\d{{3}})*(?:\{decimal}\d+)?|-?\d+(?:\{decimal}\d+)?"
        if not re.fullmatch(pattern, digits):
            return None, False
        return float(digits.replace(group, "").replace(decimal, ".")), currency

    def _figure(self, element: Element, ctx: _Context) -> Figure:
        svg = element.find("svg")
        assert svg is not None  # checked by the caller
        title = svg.find("title")
        alt = _SPACE.sub(" ", title.text()).strip() if title is not None else ""
        caption_element = element.find("figcaption")
        caption = (
            tidy_runs(tuple(self.runs(caption_element.children, ctx)))
            if caption_element is not None
            else ()
        )
        width = float(svg.attrs.get("width", "400"))
        height = float(svg.attrs.get("height", "200"))
        # SVG user units are CSS pixels: 96 to the inch, 72 points.
        return Figure(
            svg_markup(svg),
            width * 0.75,
            height * 0.75,
            alt,
            caption,
            self._anchors(),
            png=timeline_png(svg),
        )

    # Runs -----------------------------------------------------------------------------

    def runs(self, nodes: list[Element | str], ctx: _Context) -> Iterator[Run]:
        for index, node in enumerate(nodes):
            if isinstance(node, str):
                text = _SPACE.sub(" ", node)
                if text:
                    yield Run(text, ctx.strong, ctx.emphasis, ctx.lang, ctx.href)
                continue
            if self._skipped(node) or node.tag in ("svg", "img"):
                continue
            self._take_anchor(node)
            inner = self._with_lang(node, ctx)
            tag = node.tag
            if tag == "br":
                yield Run("", lang=ctx.lang, line_break=True)
                continue
            if "legend-item" in node.classes and any(
                isinstance(n, Element) and "legend-item" in n.classes for n in nodes[:index]
            ):
                yield Run(" · ", lang=ctx.lang)  # the PDF parts them with coloured swatches
            if tag in ("strong", "b"):
                inner = _Context(inner.lang, True, inner.emphasis, inner.href, inner.style)
            elif tag in ("em", "i", "cite"):
                inner = _Context(inner.lang, inner.strong, True, inner.href, inner.style)
            elif tag == "a":
                inner = _Context(
                    inner.lang, inner.strong, inner.emphasis, self._href(node), inner.style
                )
            yield from self.runs(node.children, inner)

    def _href(self, link: Element) -> str | None:
        href = link.attrs.get("href", "")
        if href.startswith("#"):
            return href  # checked against the anchors once all are known
        if href.lower().startswith(LINK_SCHEMES):
            return href
        return None

    # Attributes -----------------------------------------------------------------------

    def _skipped(self, element: Element) -> bool:
        return (
            element.tag in SKIPPED_TAGS
            or bool(element.classes & SKIPPED_CLASSES)
            or element.attrs.get("hidden") is not None
        )

    def _with_lang(self, element: Element, ctx: _Context) -> _Context:
        lang = element.attrs.get("lang")
        if lang is None:
            return ctx
        lang = None if lang == self.language else lang
        return _Context(lang, ctx.strong, ctx.emphasis, ctx.href, ctx.style)

    def _take_anchor(self, element: Element) -> None:
        anchor = element.attrs.get("id")
        if anchor and anchor not in self.anchors:
            self.anchors.add(anchor)
            self._pending.append(anchor)

    def _anchors(self) -> tuple[str, ...]:
        taken = tuple(self._pending)
        self._pending.clear()
        return taken


def _replace_style(ctx: _Context, style: str) -> _Context:
    return _Context(ctx.lang, ctx.strong, ctx.emphasis, ctx.href, style)


def _children(element: Element, tag: str) -> list[Element]:
    return [c for c in element.children if isinstance(c, Element) and c.tag == tag]
