"""What can still be checked in a file with schema errors.

A file that fails validation is reported as before, but its model is not simply lost: the
data is repaired where a repair cannot invent anything (an unknown key or an invalid
optional field is left out, an invalid choice such as ``status: propossed`` stands in as the
first allowed one), and if the repaired data validates, the model takes part in the link
stage, marked partial, so that an unknown owner in the same file is still reported. Link
problems at or inside a repaired value are dropped (they would be about the stand-in), and
no plan is built from a partial model. A list item that would have to go, or a required
field that is not a choice, ends the salvage: the file is left out as before.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ntsplan.load.document import DocPath
from ntsplan.problems import Problem

_ROUNDS = 3


def _model_of(annotation: Any) -> Any:
    """The model, enum or other type inside ``X | None``, ``list[X]`` and ``tuple[X, ...]``."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            branches = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(branches) != 1:
                return None
            annotation = branches[0]
        elif origin in (list, tuple) or origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation
    return None


def _field(model: type[BaseModel], loc: DocPath) -> tuple[Any, Any] | None:
    """(the model holding the last key of ``loc``, its field) walking ``loc`` from ``model``."""
    current: Any = model
    holder: Any = None
    field: Any = None
    for part in loc:
        if isinstance(part, int):
            continue  # a list item: the item type was taken with the field
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return (current, None)
        holder, current = current, _model_of(field.annotation)
    return (holder, field) if holder is not None else None


def _container(data: Any, loc: DocPath) -> Any:
    for part in loc:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return None
        elif not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _plain(loc: tuple[Any, ...], kind: str) -> DocPath:
    """The keys and indices of a pydantic location (validator and union names dropped)."""
    last = len(loc) - 1 if kind == "extra_forbidden" else -1
    return tuple(
        part
        for i, part in enumerate(loc)
        if isinstance(part, int) or "[" not in str(part) or i == last
    )


def _repair(
    model: type[BaseModel], data: Any, loc: DocPath, kind: str
) -> tuple[DocPath, bool] | None:
    """Repair ``data`` for one error at ``loc``: the path repaired and whether a stand-in
    was written there (False: left out); None if it cannot be repaired."""
    if kind == "extra_forbidden" and loc:
        parent = _container(data, loc[:-1])
        if isinstance(parent, dict) and loc[-1] in parent:
            del parent[loc[-1]]
            return loc, False
        return None
    for end in range(len(loc), 0, -1):
        here = loc[:end]
        if isinstance(here[-1], int):
            return None  # the item would have to go: its siblings' places would move
        found = _field(model, here)
        parent = _container(data, here[:-1])
        if found is None or not isinstance(parent, dict) or here[-1] not in parent:
            continue
        _, field = found
        if field is None:
            continue
        if not field.is_required():
            del parent[here[-1]]
            return here, False
        choice = _model_of(field.annotation)
        chosen = end == len(loc) and kind != "missing"  # a missing choice is not guessed
        if chosen and isinstance(choice, type) and issubclass(choice, enum.Enum):
            parent[here[-1]] = next(iter(choice)).value
            return here, True
    return None


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(value) for value in data]
    return data


@dataclass(frozen=True, slots=True)
class Repairs:
    """Where a salvaged model differs from the file: values left out or stood in for, and
    the list items holding a stand-in (whose other values it may seem to contradict)."""

    paths: tuple[DocPath, ...] = ()
    items: tuple[DocPath, ...] = ()

    def hides(self, problem: Problem) -> bool:
        """Whether a link problem may be about a repair rather than the file: at or inside
        a repaired value, or inside an item with a stand-in (unless it is about an id the
        item refers to, such as an unknown owner)."""
        path = problem.path
        if any(path[: len(r)] == r for r in self.paths):
            return True
        return not problem.code.startswith("unknown-") and any(
            path[: len(i)] == i for i in self.items
        )


def salvage(
    model: type[BaseModel], data: Any, error: ValidationError
) -> tuple[BaseModel, Repairs] | None:
    """The model of ``data`` repaired as the module says, with what was repaired; None
    when it cannot be repaired without inventing content."""
    repaired = _copy(data)
    touched: list[DocPath] = []
    items: list[DocPath] = []
    for _ in range(_ROUNDS):
        errors = error.errors(include_url=False)
        # Deepest and last first, so that a deletion leaves the other locations valid.
        for item in sorted(errors, key=lambda e: [str(p) for p in e["loc"]], reverse=True):
            loc = _plain(item["loc"], item["type"])
            if any(loc[: len(t)] == t for t in touched):
                continue  # inside what was left out or stood in for already
            done = _repair(model, repaired, loc, item["type"])
            if done is None:
                return None
            path, stand_in = done
            touched.append(path)
            indices = [i for i, part in enumerate(path) if isinstance(part, int)]
            if stand_in and indices:
                items.append(path[: indices[-1] + 1])
        try:
            return model.model_validate(repaired), Repairs(tuple(touched), tuple(items))
        except ValidationError as again:
            error = again
    return None
