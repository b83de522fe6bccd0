"""A zip package written the same way every time: entries in the order given, each with
the same date, permissions and compression, so that the same document gives the same bytes
(ODF and Office Open XML are both zip packages)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's modification time: the earliest a zip can hold, never the clock."""


def zip_package(
    entries: Iterable[tuple[str, bytes]], *, stored: frozenset[str] = frozenset()
) -> bytes:
    """The entries (name, data), in this order, as one zip; names in ``stored`` are not
    compressed (ODF's ``mimetype`` must be stored, and first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            package.writestr(info, data, compresslevel=None if name in stored else 6)
    return buffer.getvalue()
