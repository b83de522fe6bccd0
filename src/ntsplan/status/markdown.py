"""``status`` as Markdown, for a pull-request comment or a GitHub job summary."""

from __future__ import annotations

from typing import IO

from ntsplan.plan.completeness import Section
from ntsplan.report.tables import md_cell, md_code, md_table, plural
from ntsplan.status.report import StatusReport, deadline_words, missing_words


class MarkdownStatusReporter:
    """A headline with the overall figure, then one table row per value chain."""

    def report(self, status: StatusReport, stream: IO[str]) -> None:
        f = status.figures
        info = status.info
        stream.write(f"### Plan status: {f.percent}% complete\n\n")
        stream.write(
            f"**{md_cell(info.title)}** — edition {md_cell(info.edition)} — plan status"
            f" {info.status.value}"
            f" · deadline {f.deadline.isoformat()}: **{deadline_words(f.days_left)}**"
            f" (on {f.date.isoformat()})"
            f" · {f.complete_chains} of {plural(f.valuechains, 'value chain')} complete"
            f" ({f.expected_valuechains} expected)\n\n"
        )
        rows = [
            [
                f"{md_cell(status.title(chain))} ({md_code(chain.chain_id)})",
                chain.status.value,
                f"{chain.sections_filled}/{len(Section)}",
                f"{chain.activities_complete}/{len(chain.activities)}",
                f"{chain.percent}%",
                md_cell(missing_words(chain)) or "—",
            ]
            for chain in f.chains
        ]
        rows.append(
            [
                "**Overall**",
                "",
                "",
                f"{f.complete_activities}/{f.activities}",
                f"**{f.percent}%**",
                "",
            ]
        )
        header = ["Value chain", "Status", "Sections", "Activities", "Done", "Missing"]
        stream.write(md_table(header, rows, right=frozenset({2, 3, 4})))
        techs = f"\nTechnologies: {f.technologies} of {f.expected_technologies} expected"
        if f.technologies_without_ambition:
            names = ", ".join(md_code(t) for t in f.technologies_without_ambition)
            techs += f"; without a known ambition: {names}"
        stream.write(techs + ".\n")
        if f.missing_parts:
            parts = ", ".join(md_code(part.value) for part in f.missing_parts)
            stream.write(f"\nStill to write in `plan.yaml`: {parts}.\n")
        if f.untranslated:
            languages = ", ".join(dict.fromkeys(gap.language for gap in f.untranslated))
            stream.write(
                f"\nNot yet translated ({languages}): {plural(len(f.untranslated), 'text')}: "
                + ", ".join(f"{md_code(g.file)} {md_code(g.field)}" for g in f.untranslated)
                + ".\n"
            )
        for share in status.languages:
            stream.write(f"\n{share.line()}.\n")
        if status.warnings:
            stream.write(
                f"\n{plural(status.warnings, 'warning')} in the data: "
                "run `ntsplan validate` to see them.\n"
            )
