"""``status`` for people at a terminal: a heading, a table per value chain, what is missing."""

from __future__ import annotations

from typing import IO

from ntsplan.plan.completeness import Section
from ntsplan.report.tables import plural, text_table
from ntsplan.status.report import StatusReport, deadline_words, missing_words


class TextStatusReporter:
    """A readable table: one row per value chain, then the overall figures."""

    def report(self, status: StatusReport, stream: IO[str]) -> None:
        f = status.figures
        info = status.info
        stream.write(f"{info.title} — edition {info.edition} — plan status {info.status.value}\n")
        stream.write(
            f"Deadline {f.deadline.isoformat()}: {deadline_words(f.days_left)} "
            f"(today is {f.date.isoformat()})\n\n"
        )
        rows = [
            [
                chain.chain_id,
                chain.status.value,
                f"{chain.sections_filled}/{len(Section)}",
                f"{chain.activities_complete}/{len(chain.activities)}",
                f"{chain.percent}%",
            ]
            for chain in f.chains
        ]
        rows.append(["overall", "", "", f"{f.complete_activities}/{f.activities}", f"{f.percent}%"])
        header = ["Value chain", "Status", "Sections", "Activities", "Done"]
        stream.write(text_table(header, rows, right=frozenset({2, 3, 4})))
        stream.write("\n")
        stream.write(
            f"Value chains: {f.valuechains} of {f.expected_valuechains} expected, "
            f"{f.complete_chains} complete\n"
        )
        techs = f"Technologies: {f.technologies} of {f.expected_technologies} expected"
        if f.technologies_without_ambition:
            techs += (
                f", {len(f.technologies_without_ambition)} without a known ambition "
                f"({', '.join(f.technologies_without_ambition)})"
            )
        stream.write(techs + "\n")
        if status.warnings:
            stream.write(
                f"{plural(status.warnings, 'warning')} in the data: "
                "run ntsplan validate to see them\n"
            )
        if f.missing_parts:
            stream.write(
                f"Plan (plan.yaml): {plural(len(f.missing_parts), 'part')} still to write: "
                f"{', '.join(part.value for part in f.missing_parts)}\n"
            )
        if f.untranslated:
            languages = ", ".join(dict.fromkeys(gap.language for gap in f.untranslated))
            stream.write(
                f"Translations: {plural(len(f.untranslated), 'text')} without a version "
                f"in {languages}\n"
            )
        for share in status.languages:
            stream.write(share.line() + "\n")
        missing = [(chain.chain_id, missing_words(chain)) for chain in f.chains]
        if any(words for _, words in missing):
            stream.write("\nStill missing:\n")
            for chain_id, words in missing:
                if words:
                    stream.write(f"  {chain_id}: {words}\n")
        if f.untranslated:
            stream.write("\nNot yet translated:\n")
            for gap in f.untranslated:
                stream.write(f"  {gap.file}: {gap.field} ({gap.language})\n")
