"""No source was read after the date of the edition that rests on it.

Protects the reader from an edition that cites what it could not have known: a source
'accessed' on a date after the edition's own date (plan.yaml's ``date``). Fix: correct the
date the source was read, or the edition's date; or leave ``accessed`` out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load import Document
from ntsplan.load.document import DocPath
from ntsplan.problems import Severity
from ntsplan.schema import Source
from ntsplan.validate.fields import inner_model

CODES = register(
    Code(
        "source-after-edition",
        stage="link",
        severity="warning",
        title="A source read after the edition's date",
        description="A source's accessed date lies after the date of the edition in "
        "plan.yaml, so the edition cites what it could not have read.",
        fix="Correct the accessed date, or the edition's date in plan.yaml; or leave accessed out.",
    ),
)


@cache
def _source_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold a Source, or a model that (deeper) holds one: the
    walk below visits only those (the rest of a file cannot hold a source)."""
    found = []
    for name, info in model.model_fields.items():
        inner = inner_model(info.annotation)
        model_inside = isinstance(inner, type) and issubclass(inner, BaseModel)
        if model_inside and (issubclass(inner, Source) or _source_fields(inner)):
            found.append(name)
    return tuple(found)


def _sources_in(value: object, path: DocPath) -> Iterator[tuple[DocPath, Source]]:
    """Every source anywhere inside a model, with its path (a model's fields, lists)."""
    if isinstance(value, Source):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in _source_fields(type(value)):
            yield from _sources_in(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _sources_in(item, (*path, index))


def _documents(facts: Facts) -> Iterator[tuple[Document, BaseModel]]:
    validated = facts.validated
    if validated.plan is not None:
        yield validated.plan.document, validated.plan.model
    if validated.roms is not None:
        yield validated.roms.document, validated.roms.model
    for _, checked in sorted(validated.technologies.items()):
        yield checked.document, checked.model
    for _, chain in sorted(validated.valuechains.items()):
        yield chain.document, chain.model


def check(facts: Facts, out: Findings) -> None:
    """Report sources accessed after the edition's date."""
    plan = facts.validated.plan
    if plan is None:
        return
    edition = plan.model.date
    for document, model in _documents(facts):
        for path, source in _sources_in(model, ()):
            if source.accessed is None or source.accessed <= edition:
                continue
            out.add(
                document,
                (*path, "accessed"),
                "source-after-edition",
                f"this source was read on {source.accessed}, after the date of this edition "
                f"({edition}, plan.yaml): the edition cannot rest on it; correct the date it "
                "was read or the edition's date, or leave accessed out",
                Severity.WARNING,
            )
