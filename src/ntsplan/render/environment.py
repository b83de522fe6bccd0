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
from markupsafe import Markup, escape

from ntsplan.plan.edition import LANGUAGES
from ntsplan.plan.formatting import (
    format_date,
    format_money,
    format_number,
    format_period,
    format_quarter,
)
from ntsplan.plan.labels import Labels, load_labels
from ntsplan.render.markdown import ProseRenderer, allowed_link
from ntsplan.resources import templates_dir
from ntsplan.schema import Quarter
from ntsplan.schema.activity import Period
from ntsplan.schema.localized import LocalText


def _fill(label: str, **values: Any) -> str:
    """A label with its {placeholders} filled in; the result is escaped like any text."""
    return label.format(**values)


def _fill_marked(label: str, **values: Any) -> Markup:
    """A label filled with values that may be markup (text marked with its ``lang``); the
    label and any plain value are escaped."""
    return escape(label).format(**values)


def _plural(count: int, forms: Any) -> str:
    """'1 dag' or '3 dagen', from a label group with 'one' and 'other'."""
    form: str = forms.one if count == 1 else forms.other
    return form.format(count=count)


def pick_text(value: str, language: str, data_language: str) -> tuple[str, str]:
    """The version of ``value`` for a document in ``language``, and the language it is in.

    A ``LocalText`` may hold versions per language; any other text from the data is in the
    plan's language, ``data_language``.
    """
    if isinstance(value, LocalText):
        return value.pick(language, data_language)
    return str(value), data_language


@functools.cache
def make_environment(language: str, data_language: str = "nl") -> Environment:
    """The Jinja environment for the document in ``language`` ('nl' or 'en'), for data
    written in ``data_language`` (the plan's ``language``).

    Built once per pair of languages and process; the environment holds no state between
    renders other than its cache of compiled templates. Text from the data that is not in
    the document's language is marked with its own ``lang`` (filters ``tx``, ``lang_of``),
    so that it is hyphenated and read aloud in that language.
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
        return prose.render(pick_text(text, language, data_language)[0], level)

    def txt(value: str) -> str:
        """The text in the document's language (or the version there is), unmarked."""
        return pick_text(value, language, data_language)[0]

    def lang_of(value: str | None = None, mark: bool = True) -> Markup:
        """' lang="nl"' when the text is not in the document's language, else nothing;
        with ``mark``, also ``data-untranslated``, which prints the passage's language
        before it (print.css, document.css): a reader sees that it is not translated.
        Names of organisations are in their own form and not marked (``mark=False``)."""
        shown = data_language if value is None else pick_text(value, language, data_language)[1]
        if shown == language:
            return Markup("")
        if mark and value is not None:
            return Markup(' lang="{}" data-untranslated').format(shown)
        return Markup(' lang="{}"').format(shown)

    def lang_code(value: str) -> str:
        """The language of the version of ``value`` the document shows."""
        return pick_text(value, language, data_language)[1]

    def tx(value: str) -> Markup:
        """The text, escaped, inside <span lang> when it is in another language."""
        text, shown = pick_text(value, language, data_language)
        if shown == language:
            return escape(text)
        return Markup('<span lang="{}">{}</span>').format(shown, text)

    env.filters.update(
        md=md,
        date=date,
        money=money,
        number=number,
        period=period,
        quarter=quarter,
        fill=_fill,
        fill_marked=_fill_marked,
        plural=_plural,
        txt=txt,
        tx=tx,
        lang_of=lang_of,
        lang_code=lang_code,
    )
    env.tests["link"] = allowed_link
    env.globals.update(
        t=labels.namespace(),
        # The labels of every language, for a sentence around a text from the data: its
        # frame follows the language of the text it holds, never English around Dutch.
        frames={code: load_labels(code).namespace() for code in LANGUAGES},
        lang=language,
        data_lang=data_language,
        data_lang_attr=lang_of(None),
        # On every table: the words the PDF's page footer shows while the table goes on
        # on the next page (print.css, string-set).
        continued_attr=Markup(' data-continued="{}"').format(labels.text("document.continued")),
    )
    return env


def read_css(env: Environment, name: str) -> Markup:
    """A stylesheet from ``templates/css/`` as it is, to inline in a <style> element.

    Read through the environment's loader, so it comes from the templates folder only;
    the stylesheets are ntsplan's own files, never data.
    """
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"css/{name}")
    return Markup(source)
