"""The interface of an output kind, and what a build hands every kind."""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar, TypeVar, cast

from ntsplan.build.stamps import cache_key
from ntsplan.link.model import Plan
from ntsplan.pdf.result import PdfResult
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import DocumentMetadata

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildInputs:
    """Everything one build makes its outputs from; the same for every kind."""

    plan: Plan
    edition: Edition
    metadata: DocumentMetadata
    options: Mapping[str, str]
    """Everything besides the plan and the templates that changes an output's bytes
    (language, slice, PDF variant, title, authors, date, ...): part of every key."""
    templates: Path
    assets: Path
    html: Callable[[], str]
    """The rendered HTML document, rendered once on first use (only kinds made from the
    HTML ask for it, so a build of the workbook alone never renders)."""
    pdf_variant: str
    jobs: int = 1
    """Processes the PDF may be rendered on."""
    progress: IO[str] | None = field(default=None, repr=False)
    """Where a slow kind shows its progress (the PDF); None shows nothing."""
    house_style: Path | None = None
    """The plan's own house style for the editable editions (ntsplan's when None)."""
    _shared: dict[str, object] = field(default_factory=dict, repr=False)

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """What several kinds are made from (the editable editions' document), made once
        per build under ``name`` and handed to each."""
        if name not in self._shared:
            self._shared[name] = make()
        return cast(T, self._shared[name])


@dataclass(frozen=True, slots=True)
class Made:
    """An output's bytes, and for a PDF what its layout gave (pages, preflight findings)."""

    data: bytes
    pdf: PdfResult | None = None


class OutputKind(abc.ABC):
    """One kind of output file. Subclasses set ``name`` and implement ``make``."""

    name: ClassVar[str]
    """The file suffix (``versterkingsplan.NAME``) and the ``--only`` choice."""
    description: ClassVar[str]
    """What the output is, for help texts."""

    def check(self, inputs: BuildInputs) -> None:
        """Raise ``UsageError`` for options this kind cannot honour, before anything is
        made (the PDF checks its variant). Nothing to check by default."""
        del inputs

    def key(self, inputs: BuildInputs) -> str:
        """The hash of everything the output is made from: an output whose stamp holds
        this key is not made again. By default the plan, the options and the templates."""
        return cache_key(inputs.plan, inputs.options, (inputs.templates,))

    @abc.abstractmethod
    def make(self, inputs: BuildInputs, target: Path) -> Made:
        """The output's bytes, for the file ``target`` (not written here: the build stages
        and commits every output together)."""
