"""The one reading of ntsplan's own HTML by tags, shared by the print typesetting
(``typeset``) and the cut into parts (``parallel.parts``).

The HTML is ntsplan's own, rendered with autoescaping: Jinja escapes every "<" and ">" in
text and attribute values, so a tag ends at the first ">" and splitting at tags is exact.
Style and script elements are read whole (their text is CSS or code, which may hold
anything: print.css mentions "<style>" in a comment), and so are comments and the
doctype.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ntsplan.render.html_elements import VOID

__all__ = ["TOKEN", "VOID", "element_id", "pieces"]


TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<(script|style)\b.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)((?:\s[^>]*)?)>",
    re.DOTALL | re.IGNORECASE,
)
"""A comment, the doctype, a whole script or style element, or a tag. For a tag, group 2
is "/" when it closes, group 3 its name and group 4 its attributes; the others have no
group 3."""

_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def element_id(attributes: str) -> str | None:
    """The ``id`` in a tag's attributes (``TOKEN`` group 4), if any."""
    match = _ID.search(attributes) if "id" in attributes else None
    if match is None:
        return None
    return next(group for group in match.groups() if group is not None) or None


def pieces(html: str) -> Iterator[tuple[str, re.Match[str] | None]]:
    """``html`` as a run of pieces: text (with None) and tokens (with their match)."""
    last = 0
    for token in TOKEN.finditer(html):
        if token.start() > last:
            yield html[last : token.start()], None
        yield token.group(0), token
        last = token.end()
    if last < len(html):
        yield html[last:], None
