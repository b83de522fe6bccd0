"""The Jinja environment for scaffolds, and the one way a value gets into one: ``yaml_quote``.

The document's environment (``ntsplan.render.environment``) escapes for HTML; a YAML file
needs other escaping, so scaffolds have their own small environment with autoescaping off.
In its place, ``finalize`` refuses any value that did not pass through ``yaml_quote``: a
title with a quote, a colon, a '#' or a line break cannot change the file's structure.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from ntsplan.resources import templates_dir

# Escapes of the YAML double-quoted style for the characters that need one.
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# Control, format, surrogate, private-use and unassigned characters, and line or paragraph
# separators: written as escapes so that the file stays printable and one value per line.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


class YamlText(str):
    """Text that is already valid YAML where a template puts it; nothing else gets in."""

    __slots__ = ()


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def yaml_quote(value: str | int) -> YamlText:
    """``value`` as a YAML scalar that reads back as exactly ``value``: text in double
    quotes with escapes, a whole number as it is."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"yaml_quote takes text or a whole number, not {type(value).__name__}")
    if isinstance(value, int):
        return YamlText(str(value))
    return YamlText('"' + "".join(_escape(char) for char in value) + '"')


def _only_quoted(value: Any) -> YamlText:
    if isinstance(value, YamlText):
        return value
    raise TypeError(
        f"a scaffold template inserts {type(value).__name__} {value!r} without |yaml_quote"
    )


@pass_context
def _example(context: Context, text: str) -> str:
    """An example block (``{% filter example %}``): every line behind '# ', or as it is
    when the template is rendered with ``examples``."""
    if context["examples"]:
        return text
    return "".join(f"# {line}" if line.strip() else "#\n" for line in text.splitlines(True))


@functools.cache
def scaffold_environment() -> Environment:
    """The Jinja environment for scaffolds, built once: templates/scaffold/, no HTML
    escaping, every inserted value through ``yaml_quote``."""
    env = Environment(
        loader=FileSystemLoader(templates_dir() / "scaffold"),
        autoescape=False,  # YAML, not HTML; values go through yaml_quote (see finalize)
        undefined=StrictUndefined,
        finalize=_only_quoted,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(yaml_quote=yaml_quote, example=_example)
    return env


def render_scaffold(name: str, *, examples: bool = False, **context: Any) -> str:
    """Render ``templates/scaffold/<name>.yaml.j2``.

    The optional sections are examples behind '# '; with ``examples`` they are written
    as YAML instead, which the tests use to show that each example is valid.
    """
    template = scaffold_environment().get_template(f"{name}.yaml.j2")
    return template.render(examples=examples, **context)
