"""Text and attribute values made safe for XML, whatever the data holds: markup
characters escaped, and characters XML 1.0 cannot carry (control characters) dropped."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """``value`` as XML character data."""
    cleaned = _NOT_XML.sub("", value)
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
