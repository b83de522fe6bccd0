"""Warnings for Markdown in prose fields that the document will not show as written.

The renderer (``render/markdown.py``) is CommonMark with raw HTML off, links only for
http, https and mailto, images as their alt text and headings moved below the heading
that holds the prose. An editor who writes a table, HTML, a relative link or a heading
out of order would see something else in the PDF than in the editor; these warnings say
so at the line, and what to write instead. A quick line scan, no Markdown parser: the
checks run on every ``ntsplan validate``.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ntsplan.load.document import DocPath, Document
from ntsplan.problems import Problem, Severity
from ntsplan.schema.base import PROSE

_SUSPECT = re.compile(r"[|<#`~\[]")
"""Only text holding one of these characters can hold what is checked here."""
_CODE_SPAN = re.compile(r"`[^`]*`")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(\s|$)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<!--")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_ALLOWED = ("http://", "https://", "mailto:")


def _is_prose(annotation: Any, metadata: list[Any]) -> bool:
    if PROSE in metadata:
        return True
    return any(
        arg is PROSE or _is_prose(arg, []) for arg in typing.get_args(annotation) if arg is not None
    )


@functools.cache
def _prose_fields(model_type: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Each field of a model class and whether it holds prose: worked out once per class
    (it was a good part of a validate run when asked for every field of every model)."""
    return tuple(
        (name, _is_prose(field.annotation, field.metadata))
        for name, field in model_type.model_fields.items()
    )


def prose_values(model: BaseModel, path: DocPath = ()) -> Iterator[tuple[DocPath, str]]:
    """Every prose (Markdown) text in ``model`` with its path in the document."""
    for name, prose in _prose_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        here = (*path, name)
        if isinstance(value, str):
            if prose:
                yield from _versions(here, value)
        elif isinstance(value, BaseModel):
            yield from prose_values(value, here)
        elif isinstance(value, list | tuple):
            prose_items = prose
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from prose_values(item, (*here, index))
                elif isinstance(item, str) and prose_items:
                    yield from _versions((*here, index), item)


def _versions(path: DocPath, text: str) -> Iterator[tuple[DocPath, str]]:
    """A prose text, or each language of a text written per language ('nl: ...')."""
    translations = getattr(text, "translations", None)
    if callable(translations):
        translations = translations()
    if isinstance(translations, dict) and translations:
        for language, version in translations.items():
            yield (*path, language), version
    else:
        yield path, text


def _cells(line: str) -> int:
    return len(line.strip().strip("|").split("|"))


def _findings(text: str, first: int) -> Iterator[tuple[int, str, str]]:
    """(0-based line, code, message) for each thing the document will not show as written;
    ``first`` is the file's line number of the text's first line, for the messages."""
    lines = text.split("\n")
    in_fence = False
    levels: list[int] = []
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            if not in_fence:
                yield (
                    number,
                    "prose-code",
                    "a fenced code block (```) is shown as a grey block of monospaced text; "
                    "for prose, remove the ``` lines",
                )
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if heading := _HEADING.match(line):
            # The renderer maps the text's levels, in order, below the section's heading and
            # closes gaps; only a heading above the text's first one breaks the outline.
            level = len(heading.group(1))
            if levels and level < levels[0]:
                yield (
                    number,
                    "prose-heading",
                    f"this heading ({'#' * level}) ranks above the first heading of the text "
                    f"({'#' * levels[0]}), so the first one would hang in the document's "
                    "outline (and the PDF's bookmarks) without a parent; start the text with "
                    f"the highest level you use ({'#' * level})",
                )
            levels.append(level)
        if _TABLE_RULE.match(line) and number > 0 and "|" in lines[number - 1]:
            header = _cells(lines[number - 1])
            uneven = []
            for index in range(number + 1, len(lines)):
                if "|" not in lines[index]:
                    break  # the table ends at the first line without a cell
                if _cells(lines[index]) != header:
                    uneven.append(first + index)
            detail = (
                f"; the row{'s' if len(uneven) > 1 else ''} on line"
                f"{'s' if len(uneven) > 1 else ''} "
                f"{', '.join(str(n) for n in uneven[:3])} "
                f"{'do' if len(uneven) > 1 else 'does'} not have the header's {header} cells"
                if uneven
                else ""
            )
            yield (
                number - 1,
                "prose-table",
                "a Markdown table is not shown as a table in the document: its rows appear "
                f"as lines of text with '|' signs{detail}; write a list instead "
                "('- name: value' lines)",
            )
        bare = _CODE_SPAN.sub("", line)
        if tag := _HTML.search(bare):
            shown = tag.group(0)[:30]
            yield (
                number,
                "prose-html",
                f"raw HTML ('{shown}') is not applied: the document shows it as text; "
                "use Markdown instead (**bold**, *italic*, [text](https://...))",
            )
        for match in _LINK.finditer(bare):
            image, label, url = match.groups()
            if image:
                yield (
                    number,
                    "prose-link",
                    f"an image is never shown in the document, only its text ('{label}'); "
                    "describe it in words, or link to it with [text](https://...)",
                )
            elif not url.lower().startswith(_ALLOWED):
                yield (
                    number,
                    "prose-link",
                    f"the link '{url}' is not http, https or mailto, so the document shows "
                    f"'{label}' as plain text; write a full address starting with https://",
                )
        for match in _AUTOLINK.finditer(bare):
            if not match.group(1).lower().startswith(_ALLOWED):
                yield (
                    number,
                    "prose-link",
                    f"the link '{match.group(1)}' is not http, https or mailto, so the "
                    "document shows it as plain text; write a full address starting with "
                    "https://",
                )


def prose_problems(document: Document, model: BaseModel) -> list[Problem]:
    """Warnings for every prose field of a valid ``model``, located in ``document``."""
    problems: list[Problem] = []
    for path, text in prose_values(model):
        if _SUSPECT.search(text) is None:
            continue
        start = document.locate(path)
        marks = document.marks.get(tuple(path))
        # A text over several lines is a block ('|' or '>-') that starts on the next line,
        # indented below its key.
        block = "\n" in text.rstrip("\n")
        first = start.line + 1 if block else start.line
        indent = (marks.key.column if marks and marks.key else start.column) + 2
        for offset, code, message in _findings(text, first):
            line = first + offset
            column = indent if block else start.column
            problems.append(
                Problem(document.file, line, column, code, message, Severity.WARNING, path)
            )
    return problems
