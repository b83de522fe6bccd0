"""What writing a PDF gave: one record from the layout to the report of the build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ntsplan.pdf.preflight.findings import Finding


@dataclass(slots=True)
class PdfResult:
    """A rendered PDF: its bytes and page count, what WeasyPrint had to say while making it
    (``refused`` URLs, error ``messages``) and, once written, its ``path`` and the
    ``seconds`` it took."""

    data: bytes
    pages: int
    refused: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    path: Path | None = None
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    """What the preflight found in the laid-out pages (``pdf.preflight``)."""
    parts: int = 1
    """The parts it was rendered in (1: in one process)."""
    rendered: int = 1
    """Part renders done: cached parts count 0, a part laid out twice counts 2."""
    second_passes: int = 0
    """Parts laid out again because the page numbers they showed turned out wrong."""
    on_commit: Callable[[], None] | None = field(default=None, repr=False)
    """What to do once the PDF is in place (write the part cache)."""

    def committed(self) -> None:
        """Called once the build's outputs are in place: only then is the part cache
        written, so a failed or interrupted build leaves nothing new in the folder."""
        if self.on_commit is not None:
            self.on_commit()
