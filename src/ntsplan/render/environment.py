"""The one Jinja environment factory of ntsplan.

Autoescaping is on for every template (YAML content is text, never markup), undefined names
are errors (StrictUndefined), and templates load only from ``templates_dir()``. Nothing in
here reads a clock or makes an id, so a render depends on its inputs alone.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ntsplan.render.formatting import (
    format_date,
    format_money,
    format_number,
    format_period,
    format_quarter,
)
from ntsplan.render.labels import Labels, load_labels
from ntsplan.render.markdown import ProseRenderer, allowed_link
from ntsplan.resources import templates_dir
from ntsplan.schema import Quarter
from ntsplan.schema.activity import Period


def _fill(label: str, **values: Any) -> str:
    """A label with its {placeholders} filled in; the result is escaped like any text."""
    return label.format(**values)


def _plural(count: int, forms: Any) -> str:
    """'1 dag' or '3 dagen', from a label group with 'one' and 'other'."""
    form: str = forms.one if count == 1 else forms.other
    return form.format(count=count)


@functools.cache
def make_environment(language: str) -> Environment:
    """The Jinja environment for the document in ``language`` ('nl' or 'en').

    Built once per language and process; the environment holds no state between renders
    other than its cache of compiled templates.
    """
    labels: Labels = load_labels(language)
    prose = ProseRenderer()
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )

    def period(value: Period) -> str:
        return format_period(value.start, value.end, labels)

    def quarter(value: Quarter) -> str:
        return format_quarter(value, labels)

    def date(value: dt.date) -> str:
        return format_date(value, labels)

    def money(value: float) -> str:
        return format_money(value, language)

    def number(value: float) -> str:
        return format_number(value, language)

    def md(text: str, level: int = 4) -> Markup:
        return prose.render(text, level)

    env.filters.update(
        md=md,
        date=date,
        money=money,
        number=number,
        period=period,
        quarter=quarter,
        fill=_fill,
        plural=_plural,
    )
    env.tests["link"] = allowed_link
    env.globals.update(t=labels.namespace(), lang=language)
    return env


def read_css(env: Environment, name: str) -> Markup:
    """A stylesheet from ``templates/css/`` as it is, to inline in a <style> element.

    Read through the environment's loader, so it comes from the templates folder only;
    the stylesheets are ntsplan's own files, never data.
    """
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"css/{name}")
    return Markup(source)
