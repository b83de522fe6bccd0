"""What writing a PDF gave: one record from the layout to the report of the build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
