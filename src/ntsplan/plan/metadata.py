"""The document's metadata (title, authors, language, date), taken from ``plan.yaml`` and
never from the clock: the PDF's document information and the workbook's properties."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import MutableMapping
from dataclasses import dataclass

from ntsplan import __version__
from ntsplan.link import Plan
from ntsplan.schema.localized import LocalText


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """Title, authors, language and dates written into the PDF and the workbook."""

    title: str
    authors: tuple[str, ...]
    language: str
    date: dt.date
    generator: str = f"ntsplan {__version__}"

    @property
    def w3c_date(self) -> str:
        """The edition date as WeasyPrint expects it (W3C date, ``YYYY-MM-DD``)."""
        return self.date.isoformat()


def plan_metadata(
    plan: Plan, *, language: str, title_suffix: str | None = None
) -> DocumentMetadata:
    """Metadata for the whole plan or, with ``title_suffix``, for one slice of it.

    The author is the publishing ROM's, by their official names in the order of
    ``plan.yaml``; creation and modification date are the edition date.
    """
    # The title in the edition's language: an English PDF's window title is English.
    own = plan.info.title
    if isinstance(own, LocalText):
        own = LocalText(own.pick(language, plan.info.language.value)[0])
    if isinstance(title_suffix, LocalText):
        title_suffix = title_suffix.pick(language, plan.info.language.value)[0]
    title = str(own) if not title_suffix else f"{own} — {title_suffix}"
    authors = tuple(plan.roms[rom_id].name for rom_id in plan.info.publishers)
    return DocumentMetadata(title=title, authors=authors, language=language, date=plan.info.date)


def source_date_epoch(date: dt.date) -> str:
    """Seconds from 1970 to midnight UTC of ``date``, as SOURCE_DATE_EPOCH expects."""
    midnight = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    return str(int(midnight.timestamp()))


def ensure_source_date_epoch(date: dt.date, environ: MutableMapping[str, str] | None = None) -> str:
    """Set SOURCE_DATE_EPOCH from the edition date unless the caller already set it.

    Why: WeasyPrint 70 writes no clock time of its own once the metadata dates are set,
    but when HarfBuzz cannot subset a font it falls back to fontTools, which stamps the
    font's ``head.modified`` with the current time unless SOURCE_DATE_EPOCH is set
    (https://reproducible-builds.org/specs/source-date-epoch/). Setting it keeps the PDF
    byte-identical on such a machine too. A value the caller set (a distribution's
    reproducible build) wins. Returns the value in effect.
    """
    env = os.environ if environ is None else environ
    return env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(date))
