"""How WordprocessingML writes things down: its namespaces and units, a run of text, and
ntsplan's own fields (never text from the data)."""

from __future__ import annotations

import re

from ntsplan.editable import xml
from ntsplan.editable.document import EditableDocument
from ntsplan.editable.styles import StyleSheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DOC_NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:pic="{PIC}"'
    f' xmlns:asvg="{ASVG}"'
)
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_PT = 12700
TABLE_STYLE = "PlanTable"
BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="C9D3DD"'
HEAD_FILL = "E8EEF5"
BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]")
BULLETS = 1
"""The numbering instance of bulleted lists; numbered lists get one each (from 2), so that
each starts at 1."""


def text_run(text: str, rpr: str = "") -> str:
    if not text:
        return ""
    parts = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{xml.text(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def simple_field(instruction: str, shown: str = "") -> str:
    """One of ntsplan's own fields (never text from the data), showing ``shown`` until the
    word processor works it out (LibreOffice does for PAGE, not for STYLEREF)."""
    result = f"<w:r><w:t>{xml.text(shown)}</w:t></w:r>" if shown else ""
    return f'<w:fldSimple w:instr="{xml.attr(instruction)}">{result}</w:fldSimple>'


def text_width_twips(styles: StyleSheet) -> int:
    """The width of the text between the margins, in twentieths of a point."""
    page = styles.page
    return round((page.width - page.margins[1] - page.margins[3]) * TWIPS_PER_MM)


def bookmark_names(document: EditableDocument) -> dict[str, str]:
    """Word's bookmark names for the document's anchors: letters, digits and underscores,
    at most 40 characters, unique; the same anchors always get the same names."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for anchor in sorted(document.anchors):
        base = BOOKMARK_CHARS.sub("_", anchor)
        if not base[:1].isalpha():
            base = "b" + base
        name = base[:40]
        counter = 1
        while name in taken:
            counter += 1
            suffix = f"_{counter}"
            name = base[: 40 - len(suffix)] + suffix
        taken.add(name)
        names[anchor] = name
    return names
