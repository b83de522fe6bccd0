"""Which model describes a place in a document: for messages that name what belongs where."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ntsplan.load.document import DocPath


def field_model(model: type[BaseModel], loc: DocPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc`` below ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def inner_model(annotation: Any) -> Any:
    """Unwrap ``list[X]``, ``X | None`` and ``Annotated[X, ...]`` down to a model class."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple, set):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else None
        else:
            return annotation
