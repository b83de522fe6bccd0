"""Which document to make: the language, and the whole plan or the slice for one ROM or
one value chain. Made and checked once, from the command's settings, by ``choose_edition``;
render and every output trust it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntsplan.errors import UsageError

if TYPE_CHECKING:
    from ntsplan.link.model import Plan

OUTPUT_STEM = "versterkingsplan"
LANGUAGES = ("nl", "en")
"""The languages of the document (one label catalogue each, templates/labels/)."""


class UnknownSliceError(UsageError):
    """The ROM or value chain asked for as a slice does not exist in the plan."""


@dataclass(frozen=True, slots=True)
class Edition:
    """One document: its ``language`` and its slice.

    ``rom`` or ``valuechain`` (never both) selects a slice; neither is the whole plan.
    ``title_suffix`` names the slice in the document's title and metadata.
    """

    language: str = "nl"
    rom: str | None = None
    valuechain: str | None = None
    title_suffix: str | None = None

    @property
    def stem(self) -> str:
        """The outputs' file name without extension: 'versterkingsplan-nom'."""
        part = self.rom or self.valuechain
        return f"{OUTPUT_STEM}-{part}" if part else OUTPUT_STEM

    @property
    def slice_kind(self) -> str | None:
        """'rom', 'valuechain' or None for the whole plan."""
        if self.rom:
            return "rom"
        return "valuechain" if self.valuechain else None


def choose_edition(
    plan: Plan,
    *,
    language: str | None = None,
    rom: str | None = None,
    valuechain: str | None = None,
) -> Edition:
    """The edition asked for; ``language`` None is the plan's own (plan.yaml).

    Raises ``UsageError`` for an unknown language or both slices at once, and
    ``UnknownSliceError`` for a ROM or value chain that is not in the plan.
    """
    from ntsplan.suggest import did_you_mean  # noqa: PLC0415 - keeps this module light

    chosen = language or plan.info.language.value
    if chosen not in LANGUAGES:
        raise UsageError(
            f"no language '{chosen}'{did_you_mean(chosen, LANGUAGES)}",
            hint=f"choose one of: {', '.join(LANGUAGES)}",
        )
    if rom is not None and valuechain is not None:
        raise UsageError("--rom and --valuechain cannot be combined: choose one slice")
    if rom is not None:
        known = plan.roms.get(rom)
        if known is None:
            raise UnknownSliceError(
                f"unknown ROM '{rom}'{did_you_mean(rom, plan.roms)}",
                hint="ROM ids: " + ", ".join(plan.roms),
            )
        return Edition(chosen, rom=rom, title_suffix=known.short)
    if valuechain is not None:
        chain = plan.valuechains.get(valuechain)
        if chain is None:
            raise UnknownSliceError(
                f"unknown value chain '{valuechain}'{did_you_mean(valuechain, plan.valuechains)}",
                hint="value chain ids: " + ", ".join(plan.valuechains),
            )
        return Edition(chosen, valuechain=valuechain, title_suffix=chain.title)
    return Edition(chosen)
