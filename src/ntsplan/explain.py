"""Every problem code, explained: ``ntsplan explain CODE`` and ``docs/problems.md``.

The codes are declared by the stages (see ``ntsplan.codes``); this module imports their
catalogues, so that the registry is complete, and writes the explanations as Markdown,
which reads well in a terminal too (as ``ruff rule`` does). ``python -m ntsplan.explain``
writes docs/problems.md (``make problems``); a test fails while the file is out of date.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import IO

from ntsplan.codes import REGISTRY, STAGES, Code

CATALOGUES = (
    "ntsplan.load.codes",
    "ntsplan.validate.codes",
    "ntsplan.link.rules",
    "ntsplan.pdf.preflight.codes",
    "ntsplan.importing.codes",
)
"""The modules that declare problem codes; a stage with codes of its own adds a line."""

_STAGE_TITLES = {
    "load": "Reading the files",
    "validate": "The schema of each file",
    "link": "References between files",
    "preflight": "The laid-out PDF (preflight)",
    "import": "A returned workbook (ntsplan import)",
}


def all_codes() -> list[Code]:
    """Every registered code, by stage in pipeline order, then by name."""
    for module in CATALOGUES:
        importlib.import_module(module)
    return sorted(REGISTRY.values(), key=lambda c: (STAGES.index(c.stage), c.name))


def explain_text(code: Code, heading: str = "#") -> str:
    """One code's explanation: its title, where it comes from, what it means, a fix."""
    article = "an" if code.severity == "error" else "a"
    return (
        f"{heading} {code.name}\n\n"
        f"**{code.title}**: reported by the {code.stage} stage, as {article} {code.severity}.\n\n"
        f"{code.description}\n\n"
        f"{heading}# How to fix\n\n"
        f"{code.fix}\n"
    )


def listing(codes: Iterable[Code]) -> str:
    """Every code on one line with its stage and title."""
    rows = [(c.name, c.stage, c.title) for c in codes]
    width = max((len(name) for name, _, _ in rows), default=0)
    return "".join(f"{name.ljust(width)}  {stage:<9} {title}\n" for name, stage, title in rows)


def problems_markdown() -> str:
    """The text of docs/problems.md: every code, by stage."""
    codes = all_codes()
    parts = [
        "# Problem codes\n\n"
        "<!-- Generated from the registry (src/ntsplan/codes.py and each stage's codes.py)"
        " by `make problems`; do not edit by hand. -->\n\n"
        "Every problem ntsplan reports ends in a code, such as `[unknown-rom]`. "
        "`ntsplan explain CODE` shows the explanation below in the terminal.\n"
    ]
    for stage in STAGES:
        in_stage = [c for c in codes if c.stage == stage]
        if not in_stage:
            continue
        parts.append(f"\n## {_STAGE_TITLES[stage]}\n\n")
        parts.append("".join(f"- [`{c.name}`](#{c.name}): {c.title}\n" for c in in_stage))
        parts.extend("\n" + explain_text(c, heading="###") for c in in_stage)
    return "".join(parts)


def report_code(code: Code, stream: IO[str]) -> None:
    """Write one code's explanation (``ntsplan explain CODE``)."""
    stream.write(explain_text(code))


def report_listing(codes: Iterable[Code], stream: IO[str]) -> None:
    """Write every code's name, stage and title (``ntsplan explain --all``)."""
    stream.write(listing(codes))


if __name__ == "__main__":  # pragma: no cover - `make problems`
    sys.stdout.write(problems_markdown())
