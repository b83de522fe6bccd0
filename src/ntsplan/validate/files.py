"""The validate stage: each loaded document against its pydantic model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ntsplan.load import Document, Kind, LoadResult, SourceFile
from ntsplan.problems import Problem
from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain
from ntsplan.validate.pydantic_problems import (
    problems_from_validation_error,
    reword_duplicate_keys,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Checked(Generic[ModelT]):
    """A valid model together with the document it came from (for locating problems)."""

    id: str
    model: ModelT
    document: Document


@dataclass(slots=True)
class ValidationResult:
    """The valid models of a plan folder, and the problems of the invalid ones.

    ``present`` holds the ids of every file that exists, valid or not, so that the link
    stage does not report a reference to a broken file as a reference to a missing one.
    """

    plan: Checked[PlanInfo] | None = None
    roms: Checked[RomRegistry] | None = None
    technologies: dict[str, Checked[Technology]] = field(default_factory=dict)
    valuechains: dict[str, Checked[ValueChain]] = field(default_factory=dict)
    present: dict[Kind, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True

    @property
    def present_chains(self) -> set[str]:
        """Ids of every value-chain file, valid or not."""
        return self.present.get(Kind.VALUECHAIN, set())


def _check(
    model_class: type[ModelT], source: SourceFile, result: ValidationResult
) -> Checked[ModelT] | None:
    try:
        model = model_class.model_validate(source.document.data)
    except ValidationError as error:
        result.problems.extend(problems_from_validation_error(error, model_class, source.document))
        result.complete = False
        return None
    return Checked(source.id, model, source.document)


_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.PLAN: PlanInfo,
    Kind.ROMS: RomRegistry,
    Kind.TECHNOLOGY: Technology,
    Kind.VALUECHAIN: ValueChain,
}


def validate_files(loaded: LoadResult) -> ValidationResult:
    """Validate every loaded document; invalid ones become problems and are left out.

    The loader's duplicate-key problems are reworded here where the schema shows that a
    wrong indent caused them (the loader itself knows no schema).
    """
    result = ValidationResult(present={kind: set(loaded.present[kind]) for kind in Kind})
    if any(p.code == "duplicate-key" for p in loaded.problems):
        for source in loaded.files:
            loaded.problems[:] = reword_duplicate_keys(
                loaded.problems, _MODELS[source.kind], source.document
            )
    for source in loaded.files:
        if source.kind is Kind.PLAN:
            result.plan = _check(PlanInfo, source, result)
        elif source.kind is Kind.ROMS:
            result.roms = _check(RomRegistry, source, result)
        elif source.kind is Kind.TECHNOLOGY:
            if technology := _check(Technology, source, result):
                result.technologies[source.id] = technology
        elif valuechain := _check(ValueChain, source, result):
            result.valuechains[source.id] = valuechain
    return result
