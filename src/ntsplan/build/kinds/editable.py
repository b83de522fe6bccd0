"""The editable editions (odt, docx) as outputs of a build (``ntsplan.build.run``): which
kinds they are, what their cache key adds to the document's, and their bytes from the
document read out of the rendered HTML (``ntsplan.editable``)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ntsplan.editable.document import EditableDocument
    from ntsplan.editable.styles import StyleSheet

EDITABLE_KINDS = ("odt", "docx")
HOUSE_STYLE = "house-style.yaml"
"""A plan's own house style for the editable editions: this file beside plan.yaml, in the
shape of templates/editable/styles.yaml, replaces ntsplan's."""


def house_style(data_dir: Path) -> Path | None:
    """The plan's house style file, or None for ntsplan's own."""
    path = data_dir / HOUSE_STYLE
    return path if path.is_file() else None


def editable_options(style_sheet: Path | None) -> dict[str, str]:
    """What besides the document's inputs changes an editable edition's bytes: the plan's
    own house style (ntsplan's is among the templates the key hashes already)."""
    if style_sheet is None:
        return {"house_style": ""}
    try:
        digest = hashlib.sha256(style_sheet.read_bytes()).hexdigest()
    except OSError:
        digest = "unreadable"
    return {"house_style": f"{style_sheet}:{digest}"}


def editable_bytes(kind: str, document: EditableDocument, styles: StyleSheet) -> bytes:
    """The ``kind`` ('odt' or 'docx') of ``document`` in the house style ``styles``."""
    if kind == "odt":
        from ntsplan.editable.odt import write_odt  # noqa: PLC0415

        return write_odt(document, styles)
    from ntsplan.editable.docx import write_docx  # noqa: PLC0415

    return write_docx(document, styles)
