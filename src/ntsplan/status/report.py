"""What ``ntsplan status`` shows, and the words its reporters share.

The figures come from ``ntsplan.plan.completeness``, the same computation as the document's
completeness chapter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.plan.completeness import ChainCompleteness, PlanCompleteness, assess
from ntsplan.plan.edition import LANGUAGES, Edition
from ntsplan.render.language_share import LanguageShare, language_share
from ntsplan.schema import PlanInfo, Status


@dataclass(frozen=True, slots=True)
class StatusReport:
    """What ``status`` shows: the plan's metadata, the figures and the chain titles."""

    info: PlanInfo
    figures: PlanCompleteness
    titles: dict[str, str]
    warnings: int = 0
    languages: tuple[LanguageShare, ...] = ()
    """Per edition language, how much of that edition is in its language."""

    def title(self, chain: ChainCompleteness) -> str:
        """The title of a chain, as its editors wrote it."""
        return self.titles[chain.chain_id]


def status_report(
    plan: Plan, today: dt.date, warnings: int = 0, languages: tuple[LanguageShare, ...] = ()
) -> StatusReport:
    """The status of ``plan`` on the day ``today``; ``warnings`` as validate counted them;
    ``languages`` as ``edition_languages`` measured them."""
    return StatusReport(
        info=plan.info,
        figures=assess(plan, today),
        titles={chain_id: chain.title for chain_id, chain in plan.valuechains.items()},
        warnings=warnings,
        languages=languages,
    )


def edition_languages(plan: Plan) -> tuple[LanguageShare, ...]:
    """For each language of the document, the share of that edition (the whole plan) in
    its language, measured on the HTML a build writes."""
    from ntsplan.render import render_html  # noqa: PLC0415 - Jinja, only for status

    return tuple(
        language_share(render_html(plan, Edition(language)), language) for language in LANGUAGES
    )


def deadline_words(days_left: int) -> str:
    """'30 days left', '1 day left', 'due today', '3 days overdue'."""
    if days_left == 0:
        return "due today"
    if days_left > 0:
        return f"{days_left} day{'s' if days_left != 1 else ''} left"
    return f"{-days_left} day{'s' if days_left != -1 else ''} overdue"


def missing_words(chain: ChainCompleteness) -> str:
    """What a chain lacks, in short words: 'summary, market; activities: scan (period,
    KPI); status concept'. Empty when the chain is complete."""
    parts = []
    if chain.missing_sections:
        parts.append(", ".join(section.value for section in chain.missing_sections))
    if chain.incomplete_activities:
        parts.append(
            "activities: "
            + ", ".join(
                f"{activity} ({', '.join(fields)})"
                for activity, fields in chain.incomplete_activities.items()
            )
        )
    if chain.status is not Status.FINAL:
        parts.append(f"status {chain.status.value}")
    return "; ".join(parts)
