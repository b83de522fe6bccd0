"""The coordinators' workbook (.xlsx), made from the plan itself, not from the HTML.

XlsxWriter is imported only inside ``make``, when a workbook is made.
"""

from __future__ import annotations

from pathlib import Path

from ntsplan.build.kinds.base import BuildInputs, Made, OutputKind
from ntsplan.build.stamps import cache_key
from ntsplan.resources import package_version


class WorkbookOutput(OutputKind):
    """The workbook: activities, budgets, KPIs, parties and completeness as tables."""

    name = "xlsx"
    description = "the coordinators' workbook"

    def key(self, inputs: BuildInputs) -> str:
        """The document's inputs, plus where each activity is written (the workbook shows
        file:line) and the XlsxWriter version."""
        plan = inputs.plan
        extra = {
            "output": "xlsx",
            "locations": "\n".join(f"{c}/{a}={w}" for (c, a), w in sorted(plan.locations.items())),
            "xlsxwriter": package_version("xlsxwriter"),
        }
        return cache_key(plan, {**inputs.options, **extra}, (inputs.templates,))

    def make(self, inputs: BuildInputs, target: Path) -> Made:
        """The workbook of the edition: a slice's workbook holds the slice's value chains;
        a ROM's holds the activities it owns or joins, as the document's slice counts them."""
        del target
        from ntsplan.plan.rollup import involving_rom  # noqa: PLC0415
        from ntsplan.plan.slicing import select  # noqa: PLC0415
        from ntsplan.workbook import workbook_bytes  # noqa: PLC0415 - imports XlsxWriter

        edition = inputs.edition
        sliced = select(inputs.plan, edition)
        where = involving_rom(edition.rom) if edition.rom else None
        named = (
            f"{edition.slice_kind}:{edition.rom or edition.valuechain}"
            if edition.slice_kind
            else "plan"
        )
        data = workbook_bytes(
            sliced.plan,
            inputs.metadata,
            language=edition.language,
            whole_plan=edition.slice_kind is None,
            where=where,
            edition=named,
        )
        return Made(data)
