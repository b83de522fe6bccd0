"""An abbreviation the plan's texts use is defined, so the annex of abbreviations can list it.

A word in capitals of two to six letters ('ICT', 'OEM') in a text of a value chain, a
technology or plan.yaml is an abbreviation. It is defined when ntsplan's own list has it
(the label catalogues' ``abbreviations.items``: AI, EZ, KPI, NTS, ROM, ...), when plan.yaml
lists it under ``abbreviations``, or when it is part of a ROM's or an organisation's own
name (LIOF, Oost NL). Ids, web addresses and sources (their titles are the source's own)
are not read; quarters (Q1 to Q4) are not abbreviations.

Fix: add it to plan.yaml, with what it stands for:

    abbreviations:
      - term: ICT
        meaning: informatie- en communicatietechnologie
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load import Document
from ntsplan.load.document import DocPath
from ntsplan.load.yamlfile import parse_text
from ntsplan.problems import Severity
from ntsplan.resources import templates_dir
from ntsplan.schema import Source
from ntsplan.schema.localized import LocalText

CODES = register(
    Code(
        "abbreviation-undefined",
        stage="link",
        severity="warning",
        title="An abbreviation is used but not defined",
        description="A text uses an abbreviation (a word in capitals) that neither ntsplan's "
        "list nor plan.yaml's abbreviations define, so the annex of abbreviations cannot "
        "say what it stands for.",
        fix="Add it to plan.yaml, with what it stands for:\n\n"
        "    abbreviations:\n      - term: ICT\n        meaning: informatie- en "
        "communicatietechnologie",
    ),
)

ABBREVIATION = re.compile(r"(?<![^\W_])[A-Z][A-Z0-9]{1,5}(?![^\W\d_])")
QUARTER = re.compile(r"Q[1-4]")
_NOT_TEXT = frozenset(
    {"id", "url", "email", "owner", "partners", "members", "lead", "roms", "depends", "technology"}
    | {"currency"}
)
_LANGUAGES = ("nl", "en")


@functools.cache
def listed_terms() -> frozenset[str]:
    """The abbreviations of ntsplan's own list, in every label catalogue."""
    terms: set[str] = set()
    for language in _LANGUAGES:
        path = templates_dir() / "labels" / f"{language}.yaml"
        document, _ = parse_text(path, path.read_text(encoding="utf-8"))
        data = document.data if document is not None else {}
        items = data.get("abbreviations", {}).get("items", {}) if isinstance(data, dict) else {}
        terms.update(word for term in items for word in str(term).split())
    return frozenset(terms)


def _texts(value: Any, path: DocPath) -> Iterator[tuple[DocPath, str]]:
    """Every text in a model, with its path; a text per language at its language's key."""
    if isinstance(value, Source | enum.Enum):
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_TEXT:
                yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, LocalText) and not value.is_plain:
        for language, text in value.translations.items():
            yield (*path, language), text
    elif isinstance(value, str):
        yield path, value


def check(facts: Facts, out: Findings) -> None:
    """Warn about each abbreviation used but not defined, once per file."""
    validated = facts.validated
    plan = validated.plan
    if plan is None or validated.roms is None:
        # What the plan defines is not known while plan.yaml or roms.yaml has errors (or is
        # missing): every abbreviation of every file would be reported, each one a false
        # warning that hides the one error to fix first.
        return
    defined = set(listed_terms())
    defined.update(word for item in plan.model.abbreviations for word in item.term.split())
    names: list[str] = []
    for rom in validated.roms.model.roms:
        names += [rom.name, rom.short]
    documents: list[tuple[Document, BaseModel]] = [(plan.document, plan.model)]
    documents += [(t.document, t.model) for _, t in sorted(validated.technologies.items())]
    for _, chain in sorted(validated.valuechains.items()):
        names += [str(s.name) for s in chain.model.stakeholders]
        documents.append((chain.document, chain.model))
    defined.update(word for name in names for word in re.findall(r"[\w-]+", name))
    for document, model in documents:
        reported: set[str] = set()
        for path, text in _texts(model, ()):
            for term in ABBREVIATION.findall(text):
                if term in defined or term in reported or QUARTER.fullmatch(term):
                    continue
                reported.add(term)
                out.add(
                    document,
                    path,
                    "abbreviation-undefined",
                    f"'{term}' is an abbreviation the plan does not define; add it to "
                    f"plan.yaml under abbreviations (- term: {term}, meaning: what it stands "
                    "for), or write it out",
                    Severity.WARNING,
                )
