"""The render stage: a linked ``Plan`` to one self-contained HTML document.

    html = render_html(plan, choose_edition(plan, language="en", rom="bom"))

The same plan and options always give the same bytes: no clock, no random ids, the plan's
own order everywhere. The PDF export renders this same HTML.
"""

from __future__ import annotations

from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.labels import load_labels
from ntsplan.plan.slicing import select
from ntsplan.render.abbreviations import keep_occurring
from ntsplan.render.context import build_context
from ntsplan.render.environment import make_environment, read_css

__all__ = ["render_html"]

DOCUMENT_TEMPLATE = "document.html.j2"


def render_html(plan: Plan, edition: Edition) -> str:
    """The plan (or the slice ``edition`` asks for) as one HTML document.

    ``edition`` comes from ``ntsplan.plan.edition.choose_edition``, which has checked it.
    """
    selected = select(plan, edition)
    context = build_context(plan, selected, load_labels(edition.language))
    env = make_environment(edition.language, plan.info.language.value)
    template = env.get_template(DOCUMENT_TEMPLATE)
    document = template.render(
        doc=context,
        document_css=read_css(env, "document.css"),
        print_css=read_css(env, "print.css"),
    )
    return keep_occurring(document)
