"""The kinds of output a build makes: one module each, one line each in ``KINDS``.

An output kind says what it is called (the file suffix and the ``--only`` choice), what
it is made from, the key of its inputs and how its bytes are made. ``build.run`` does the
rest alike for every kind: the freshness check against the stamp beside the output, the
staging, and the one commit of all outputs (or none).

A new kind (say ``odt``) is one module here with a subclass of ``OutputKind``, and one
line in ``KINDS``. Its heavy imports go inside ``make``, so that a rebuild with nothing
changed, and every other command, never pay for them.
"""

from __future__ import annotations

from ntsplan.build.kinds.base import BuildInputs, Made, OutputKind
from ntsplan.build.kinds.editable import DocxOutput, OdtOutput
from ntsplan.build.kinds.html import HtmlOutput
from ntsplan.build.kinds.pdf import PdfOutput
from ntsplan.build.kinds.xlsx import WorkbookOutput

__all__ = ["KINDS", "BuildInputs", "Made", "OutputKind"]

KINDS: dict[str, OutputKind] = {
    kind.name: kind
    for kind in (
        HtmlOutput(),
        PdfOutput(),
        WorkbookOutput(),
        OdtOutput(),
        DocxOutput(),
    )
}
"""Every output kind by name, in the order a build makes them (``build --only`` picks one)."""
