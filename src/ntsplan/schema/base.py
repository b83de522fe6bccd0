"""Shared building blocks of the schema: the strict base model and the small value types.

Every model forbids unknown fields and coerces nothing silently (``strict``): a ``yes`` in
a yes/no field stays text and is reported, instead of quietly becoming ``True``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from typing import Annotated, Any, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    WithJsonSchema,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_HELP = "lower-case letters, digits and single hyphens, e.g. 'oost-nl'"
ACTIVITY_HELP = "an activity id of this chain, or 'valuechain-id/activity-id' for another chain"

ID_MAX_LENGTH = 64


def suggest_id(text: str) -> str:
    """An id made from ``text``: accents dropped, lower case, hyphens between words
    ('Eiwittransitie & Voeding' -> 'eiwittransitie-voeding'); empty if nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:ID_MAX_LENGTH].rstrip("-")


URL_PATTERN = r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$"


class Model(BaseModel):
    """Base of every ntsplan model: unknown fields are errors, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN, min_length=1, max_length=ID_MAX_LENGTH, description=f"An id: {ID_HELP}."
    ),
]
"""A reference to something by its id."""


class _Prose:
    """Marks the ``Markdown`` type, so that checks can find every prose field."""

    def __repr__(self) -> str:
        return "PROSE"


PROSE = _Prose()

Text = Annotated[str, Field(min_length=1, description="Plain text on one or a few lines.")]
Markdown = Annotated[
    str,
    Field(
        min_length=1,
        description="Prose in Markdown: paragraphs, lists, emphasis and links (http, https, "
        "mailto). Raw HTML is shown as text.",
    ),
    PROSE,
]
Url = Annotated[
    str,
    Field(pattern=URL_PATTERN, description="A web address starting with https:// or http://."),
]


class Quarter(NamedTuple):
    """A year, or a quarter of a year, as used for activity periods."""

    year: int
    quarter: int | None = None

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def first(self) -> tuple[int, int]:
        """The first quarter this value covers, as (year, quarter)."""
        return (self.year, self.quarter or 1)

    @property
    def last(self) -> tuple[int, int]:
        """The last quarter this value covers, as (year, quarter)."""
        return (self.year, self.quarter or 4)


_QUARTER_RE = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def _parse_quarter(value: Any) -> Quarter:
    if isinstance(value, Quarter):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("write a year such as 2026 or a quarter such as 2026-Q1")
    match = _QUARTER_RE.match(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a year or quarter; write 2026 or 2026-Q1")
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise ValueError(f"year {year} is out of range; write a year between 2000 and 2100")
    return Quarter(year, int(match.group(2)) if match.group(2) else None)


YearQuarter = Annotated[
    Quarter,
    PlainValidator(_parse_quarter),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 2000, "maximum": 2100},
                # The same range as the integer: 2000 to 2100, with an optional quarter.
                {"type": "string", "pattern": r"^(20\d\d|2100)(-Q[1-4])?$"},
            ],
            "description": "A year (2026) or a quarter of a year (2026-Q1).",
        }
    ),
]


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> dt.date:
    # Only text of the form YYYY-MM-DD: pydantic's lax mode would read 20250701 as a Unix time.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError("write a date as YYYY-MM-DD, for example 2025-07-01")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date; write YYYY-MM-DD") from None


Date = Annotated[
    dt.date,
    PlainValidator(_parse_date),
    PlainSerializer(dt.date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date as YYYY-MM-DD."}),
]


class SourceLanguage(enum.StrEnum):
    """The language a source is written in, when it is not the plan's own."""

    NL = "nl"
    EN = "en"
    DE = "de"
    FR = "fr"


class Source(Model):
    """A public source that a fact in this file was read from."""

    title: Text = Field(description="What the source is called, as a reader would find it.")
    url: Url = Field(description="Where the source can be read.")
    publisher: Text | None = Field(
        default=None, description="Who published it (a ministry, a ROM, a news site)."
    )
    accessed: Date | None = Field(
        default=None, description="The date the source was read, as YYYY-MM-DD."
    )
    language: Annotated[SourceLanguage, Strict(False)] | None = Field(
        default=None,
        description=(
            "The language the source is written in, when it is not the plan's language "
            "(en for an English title in a Dutch plan): its title is then marked as that "
            "language, so that it is hyphenated and read aloud in it. Titles are never "
            "translated."
        ),
    )
