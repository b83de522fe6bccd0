"""What a preflight check reports: a ``Finding`` on a page, naming the data behind it."""

from __future__ import annotations

from dataclasses import dataclass

PX_PER_MM = 96 / 25.4


@dataclass(frozen=True, slots=True)
class Finding:
    """One print fault on one page.

    ``source`` is the ``data-src`` of the element at fault (``valuechain/ID#path``), or
    None when no data file stands behind it (the fault is then in the layout itself).
    ``message`` is said about the page, without its number; ``hint`` says what to do.
    ``chapter`` is the id of the chapter the fault is in, where the check names one.
    """

    code: str
    page: int
    message: str
    hint: str
    source: str | None = None
    chapter: str | None = None

    @property
    def text(self) -> str:
        """The message as the reporters show it: the page first, then what to do."""
        return f"PDF page {self.page}: {self.message}; {self.hint}"


def mm(pixels: float) -> str:
    """CSS pixels as millimetres, one decimal, for a message."""
    return f"{pixels / PX_PER_MM:.1f} mm"


def quoted(text: str, limit: int = 60) -> str:
    """A piece of the page's text for a message: on one line, shortened, in quotes."""
    flat = " ".join(text.split())
    return f"'{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}'"
