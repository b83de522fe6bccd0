"""Prose fields (schema type ``Markdown``) to safe HTML, with markdown-it-py.

What a YAML author writes is never passed through as markup:

* raw HTML is shown as text (``html`` off);
* links are kept only for http, https and mailto; any other link stays visible as text;
* images are never fetched: an image becomes its alt text;
* headings are demoted below the heading that holds the prose, keeping their relative
  order and closing gaps, so the document's outline stays sound.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def allowed_link(url: str) -> bool:
    """Whether ``url`` may become a link: only http, https and mailto addresses."""
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _image_as_alt(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<span class="image-alt">{escapeHtml(alt)}</span>'


def _demote_headings(tokens: Sequence[Token], base_level: int) -> None:
    """Map the prose's heading levels, in order, onto base_level, base_level + 1, ... (max 6).

    With ``base_level`` 0 headings become paragraphs: table cells may hold no headings.
    """
    if base_level == 0:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = "p"
                if token.type == "heading_open":
                    token.attrSet("class", "prose-heading")
        return
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    mapping = {level: min(base_level + rank, 6) for rank, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{mapping[int(token.tag[1])]}"


class ProseRenderer:
    """Renders Markdown prose to HTML that is safe to put in the document."""

    def __init__(self) -> None:
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        # markdown-it asks this hook for every link and autolink; refused ones stay text.
        md.validateLink = allowed_link  # type: ignore[method-assign]
        md.add_render_rule("image", _image_as_alt)
        self._md = md

    def render(self, text: str, base_level: int = 4) -> Markup:
        """``text`` as HTML; headings in it start at ``base_level`` (h4 by default), or
        become paragraphs with ``base_level`` 0."""
        tokens = self._md.parse(text)
        _demote_headings(tokens, base_level)
        html = self._md.renderer.render(tokens, self._md.options, {})
        # markdown-it has escaped every piece of text and refused raw HTML above.
        return Markup(html)
