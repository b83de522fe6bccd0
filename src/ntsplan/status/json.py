"""``status`` for scripts: one JSON document with keys in a fixed order."""

from __future__ import annotations

import json
from typing import IO, Any

from ntsplan.plan.completeness import ChainCompleteness, Section
from ntsplan.status.report import StatusReport


def _chain(status: StatusReport, chain: ChainCompleteness) -> dict[str, Any]:
    return {
        "id": chain.chain_id,
        "title": status.title(chain),
        "status": chain.status.value,
        "complete": chain.complete,
        "percent": chain.percent,
        "sections": {
            "filled": chain.sections_filled,
            "total": len(Section),
            "missing": [section.value for section in chain.missing_sections],
        },
        "activities": {
            "total": len(chain.activities),
            "complete": chain.activities_complete,
            "incomplete": [
                {"id": activity, "missing": list(fields)}
                for activity, fields in chain.incomplete_activities.items()
            ],
        },
        "gaps": [{"kind": gap.kind.value, "subject": gap.subject} for gap in chain.gaps],
    }


class JsonStatusReporter:
    """``{"plan", "today", "deadline", "days_left", "overall", "valuechains", ..., "warnings"}``."""

    def report(self, status: StatusReport, stream: IO[str]) -> None:
        f = status.figures
        document = {
            "plan": {
                "title": status.info.title,
                "edition": status.info.edition,
                "status": status.info.status.value,
            },
            "today": f.date.isoformat(),
            "deadline": f.deadline.isoformat(),
            "days_left": f.days_left,
            "overall": {
                "percent": f.percent,
                "valuechains": f.valuechains,
                "expected_valuechains": f.expected_valuechains,
                "complete_valuechains": f.complete_chains,
                "activities": f.activities,
                "complete_activities": f.complete_activities,
                "technologies": f.technologies,
                "expected_technologies": f.expected_technologies,
                "technologies_without_ambition": list(f.technologies_without_ambition),
            },
            "valuechains": [_chain(status, chain) for chain in f.chains],
            "plan_parts_missing": [part.value for part in f.missing_parts],
            "untranslated": [
                {"file": gap.file, "field": gap.field, "language": gap.language}
                for gap in f.untranslated
            ],
            "languages": [
                {
                    "language": share.language,
                    "words": share.total,
                    "in_language": share.words,
                    "percent": round(share.percent, 1),
                }
                for share in status.languages
            ],
            "warnings": status.warnings,
        }
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
