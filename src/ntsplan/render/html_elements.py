"""What the rendered HTML is made of that its readers must agree on: the void elements.

The PDF stage (parts, typesetting), the editable editions' reader and the language share all
walk the HTML this stage writes; one list of elements without a closing tag serves them all.
"""

from __future__ import annotations

VOID = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("param", "source", "track", "wbr"),
    }
)
"""HTML elements without a closing tag."""
