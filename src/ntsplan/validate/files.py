"""The validate stage: each loaded document against its pydantic model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from ntsplan.load import Document, Kind, LoadResult, SourceFile
from ntsplan.problems import Problem
from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain
from ntsplan.validate.names import reword_names
from ntsplan.validate.prose import prose_problems
from ntsplan.validate.pydantic_problems import (
    problems_from_validation_error,
    reword_duplicate_keys,
)
from ntsplan.validate.salvage import Repairs, salvage

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Checked(Generic[ModelT]):
    """A valid model together with the document it came from (for locating problems)."""

    id: str
    model: ModelT
    document: Document
    repairs: Repairs | None = None
    """Set when the file has schema errors and this model is its salvage (``salvage.py``):
    it takes part in the link stage, no plan is built from it."""


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


class ValidationMemo:
    """The outcome of validating each document, kept between runs over the same folder.

    A document object that comes back unchanged (a cached reader returns the same object for
    an unchanged file) is not validated again: its model and problems are reused. Used by
    the language server, so that a keystroke re-validates only the file being edited.
    """

    def __init__(self) -> None:
        self._outcomes: dict[int, tuple[Document, Checked[Any] | None, list[Problem]]] = {}

    def get(self, document: Document) -> tuple[Checked[Any] | None, list[Problem]] | None:
        found = self._outcomes.get(id(document))
        if found is None or found[0] is not document:
            return None
        return found[1], found[2]

    def put(
        self, document: Document, checked: Checked[Any] | None, problems: list[Problem]
    ) -> None:
        self._outcomes[id(document)] = (document, checked, problems)

    def keep_only(self, documents: list[Document]) -> None:
        """Forget the outcomes of documents no longer in use (edited or deleted files)."""
        alive = {id(document) for document in documents}
        for key in [key for key in self._outcomes if key not in alive]:
            del self._outcomes[key]


def _check(
    model_class: type[ModelT],
    source: SourceFile,
    result: ValidationResult,
    memo: ValidationMemo | None,
) -> Checked[ModelT] | None:
    remembered = memo.get(source.document) if memo else None
    if remembered is not None:
        checked, problems = remembered
        result.problems.extend(problems)  # a valid file's are the prose warnings
        if checked is None or checked.repairs is not None:
            result.complete = False
        return checked
    try:
        model = model_class.model_validate(source.document.data)
    except ValidationError as error:
        problems = problems_from_validation_error(error, model_class, source.document)
        result.problems.extend(problems)
        result.complete = False
        salvaged = salvage(model_class, source.document.data, error)
        partial = (
            Checked(source.id, cast(ModelT, salvaged[0]), source.document, salvaged[1])
            if salvaged is not None
            else None
        )
        if memo:
            memo.put(source.document, partial, problems)
        return partial
    valid = Checked(source.id, model, source.document)
    warnings = prose_problems(source.document, model)
    result.problems.extend(warnings)
    if memo:
        memo.put(source.document, valid, warnings)
    return valid


_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.PLAN: PlanInfo,
    Kind.ROMS: RomRegistry,
    Kind.TECHNOLOGY: Technology,
    Kind.VALUECHAIN: ValueChain,
}


def validate_files(loaded: LoadResult, memo: ValidationMemo | None = None) -> ValidationResult:
    """Validate every loaded document; invalid ones become problems and are left out.

    With ``memo``, documents validated in an earlier run are not validated again. The
    loader's duplicate-key problems are reworded here where the schema shows that a wrong
    indent caused them (the loader itself knows no schema).
    """
    result = ValidationResult(present={kind: set(loaded.present[kind]) for kind in Kind})
    if any(p.code == "duplicate-key" for p in loaded.problems):
        for source in loaded.files:
            loaded.problems[:] = reword_duplicate_keys(
                loaded.problems, _MODELS[source.kind], source.document
            )
    for source in loaded.files:
        if source.kind is Kind.PLAN:
            result.plan = _check(PlanInfo, source, result, memo)
        elif source.kind is Kind.ROMS:
            result.roms = _check(RomRegistry, source, result, memo)
        elif source.kind is Kind.TECHNOLOGY:
            if technology := _check(Technology, source, result, memo):
                result.technologies[source.id] = technology
        elif valuechain := _check(ValueChain, source, result, memo):
            result.valuechains[source.id] = valuechain
    if memo:
        memo.keep_only([source.document for source in loaded.files])
    result.problems[:] = reword_names(result.problems, loaded)
    return result
