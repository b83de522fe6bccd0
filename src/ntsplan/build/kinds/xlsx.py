"""The workbook as one output of a build (``ntsplan.build.run``): its cache key, and
writing it into the build's batch of outputs (replaced all together, or none).

XlsxWriter is imported only here, inside ``write_workbook``, when a workbook is written.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ntsplan.build.commit import OutputBatch
from ntsplan.build.kinds.pdf import write_output
from ntsplan.build.stamps import cache_key
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import PdfMetadata


def workbook_key(plan: Plan, options: dict[str, str]) -> str:
    """The cache key of the workbook: the document's inputs, plus where each activity is
    written (the workbook shows file:line) and the XlsxWriter version."""
    from ntsplan.resources import templates_dir  # noqa: PLC0415

    extra = {
        "output": "xlsx",
        "locations": "\n".join(f"{c}/{a}={w}" for (c, a), w in sorted(plan.locations.items())),
        "xlsxwriter": _version("xlsxwriter"),
    }
    return cache_key(plan, {**options, **extra}, (templates_dir(),))


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - a dependency of ntsplan
        return "absent"


def write_workbook(
    plan: Plan,
    edition: Edition,
    metadata: PdfMetadata,
    *,
    target: Path,
    key: str,
    batch: OutputBatch,
) -> None:
    """Make the workbook of ``edition`` and stage it in ``batch`` under ``target``.

    A slice's workbook holds the slice's value chains; a ROM's holds the activities it owns
    or joins, as the document's slice counts them.
    """
    from ntsplan.plan.rollup import involving_rom  # noqa: PLC0415
    from ntsplan.plan.slicing import select  # noqa: PLC0415
    from ntsplan.workbook import workbook_bytes  # noqa: PLC0415 - imports XlsxWriter

    sliced = select(plan, edition)
    whole = edition.slice_kind is None
    where = involving_rom(edition.rom) if edition.rom else None
    named = (
        f"{edition.slice_kind}:{edition.rom or edition.valuechain}"
        if edition.slice_kind
        else "plan"
    )
    data = workbook_bytes(
        sliced.plan,
        metadata,
        language=edition.language,
        whole_plan=whole,
        where=where,
        edition=named,
    )
    write_output(data, target, key, batch)
