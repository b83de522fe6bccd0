"""The render stage: a linked ``Plan`` to one self-contained HTML document.

    html = render_html(plan, RenderOptions(language="en", rom="bom"))

The same plan and options always give the same bytes: no clock, no random ids, the plan's
own order everywhere. The PDF export renders this same HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntsplan.errors import UsageError
from ntsplan.link.model import Plan
from ntsplan.render.context import build_context
from ntsplan.render.environment import make_environment, read_css
from ntsplan.render.labels import LANGUAGES, load_labels
from ntsplan.render.slicing import UnknownSliceError, apply_slice
from ntsplan.validate.suggest import did_you_mean

__all__ = ["RenderOptions", "UnknownSliceError", "render_html"]

DOCUMENT_TEMPLATE = "document.html.j2"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What to render: the language, and optionally a slice for one ROM or one value chain."""

    language: str = "nl"
    rom: str | None = None
    valuechain: str | None = None


def render_html(plan: Plan, options: RenderOptions) -> str:
    """The plan (or the slice ``options`` asks for) as one HTML document.

    Raises ``UnknownSliceError`` for a ROM or value chain id that is not in the plan, and
    ``UsageError`` for an unknown language or for asking for both slices at once.
    """
    if options.language not in LANGUAGES:
        raise UsageError(
            f"no language '{options.language}'{did_you_mean(options.language, LANGUAGES)}",
            hint=f"choose one of: {', '.join(LANGUAGES)}",
        )
    selected = apply_slice(plan, options.rom, options.valuechain)
    context = build_context(plan, selected, load_labels(options.language))
    env = make_environment(options.language, plan.info.language.value)
    template = env.get_template(DOCUMENT_TEMPLATE)
    return template.render(
        doc=context,
        document_css=read_css(env, "document.css"),
        print_css=read_css(env, "print.css"),
    )
