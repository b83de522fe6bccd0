"""The order a reader expects in an alphabetical list: accents and case do not count.

One key for every sorted list of names (the value chains in the plan, the index of
parties and sources in the document), so that 'Ééndimensionaal' sorts with the E's
everywhere.
"""

from __future__ import annotations

import unicodedata


def reading_key(text: str) -> str:
    """``text`` with accents dropped and case folded: 'Öko' and 'oko' sort together."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()
