"""The editable editions (odt, docx) as output kinds: one document read out of the rendered
HTML (``ntsplan.editable``) in the house style, written as OpenDocument or as Word.

The document and the house style are made once per build and shared by both kinds; a
house style that cannot be used stops the build in ``check``, before anything is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ntsplan.build.kinds.base import BuildInputs, Made, OutputKind
from ntsplan.build.stamps import cache_key

if TYPE_CHECKING:
    from ntsplan.editable.document import EditableDocument
    from ntsplan.editable.styles import StyleSheet

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


class EditableOutput(OutputKind):
    """An editable edition: the key adds the house style, the bytes come from ``write``."""

    def check(self, inputs: BuildInputs) -> None:
        _styles(inputs)  # raises UsageError naming the file and the style

    def key(self, inputs: BuildInputs) -> str:
        extra = {"output": self.name, **editable_options(inputs.house_style)}
        return cache_key(inputs.plan, {**inputs.options, **extra}, (inputs.templates,))

    def make(self, inputs: BuildInputs, target: Path) -> Made:
        del target
        return Made(self.write(_document(inputs), _styles(inputs)))

    def write(self, document: EditableDocument, styles: StyleSheet) -> bytes:
        raise NotImplementedError


class OdtOutput(EditableOutput):
    """The OpenDocument text, for LibreOffice and for quoting and commenting."""

    name = "odt"
    description = "OpenDocument text"

    def write(self, document: EditableDocument, styles: StyleSheet) -> bytes:
        from ntsplan.editable.odt import write_odt  # noqa: PLC0415

        return write_odt(document, styles)


class DocxOutput(EditableOutput):
    """The Word document, for readers who work in Word."""

    name = "docx"
    description = "Word"

    def write(self, document: EditableDocument, styles: StyleSheet) -> bytes:
        from ntsplan.editable.docx import write_docx  # noqa: PLC0415

        return write_docx(document, styles)


def _styles(inputs: BuildInputs) -> StyleSheet:
    from ntsplan.editable.styles import load_style_sheet  # noqa: PLC0415

    styles: StyleSheet = inputs.shared(
        "editable.styles", lambda: load_style_sheet(inputs.house_style)
    )
    return styles


def _document(inputs: BuildInputs) -> EditableDocument:
    from ntsplan.editable import editable_document  # noqa: PLC0415

    document: EditableDocument = inputs.shared(
        "editable.document", lambda: editable_document(inputs.plan, inputs.edition, inputs.html())
    )
    return document
