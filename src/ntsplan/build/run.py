"""The build façade: a checked plan and an edition to the files of one document (one file
per output kind: HTML, PDF, the coordinators' workbook, the editable ODT and DOCX; see
``build.kinds``).

    built = build(plan, edition, Path("build"), sources=result.sources, on_output=report)

Everything is checked before anything is written (the options each kind takes, the output
folder). An output whose inputs are unchanged (same plan, options, templates and versions;
see ``stamps``) is not made again; the others are staged and replaced all together, or
none (see ``commit``). Nothing here prints: each output is handed to ``on_output`` once it
is settled (an unchanged one at once, the written ones after the commit), and the PDF's
progress goes to ``progress``. The preflight's findings come back as problems located in
the data the plan was loaded from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import IO

from ntsplan.atomic import ensure_folder
from ntsplan.build.commit import OutputBatch, finish_unfinished
from ntsplan.build.kinds import KINDS, BuildInputs
from ntsplan.build.kinds.pdf import DEFAULT_VARIANT, pdf_options
from ntsplan.build.stamps import OutputStamp
from ntsplan.errors import UsageError
from ntsplan.link.model import Plan
from ntsplan.load.layout import SourceFile
from ntsplan.pdf.result import PdfResult
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import plan_metadata
from ntsplan.problems import Problem, sort_problems


@dataclass(frozen=True, slots=True)
class Output:
    """One output file: its ``kind`` (a name in ``build.kinds.KINDS``), whether it was
    ``written`` or left as it was (unchanged inputs), and for a written PDF what the
    layout gave."""

    kind: str
    path: Path
    written: bool
    pdf: PdfResult | None = None


@dataclass(frozen=True, slots=True)
class Built:
    """What a build did: every output, and the preflight's print faults as problems at the
    data behind them (or at the PDF), sorted."""

    outputs: list[Output] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def build(
    plan: Plan,
    edition: Edition,
    out: Path,
    *,
    sources: Iterable[SourceFile] = (),
    only: str | None = None,
    pdf_variant: str | None = None,
    jobs: int = 1,
    progress: IO[str] | None = None,
    on_output: Callable[[Output], None] | None = None,
    strict: bool = False,
    house_style: Path | None = None,
) -> Built:
    """Write the outputs of ``edition`` (every kind, or ``only`` one) into ``out``.

    The PDF is tagged PDF/UA-1 unless ``pdf_variant`` names another standard, and is
    rendered on ``jobs`` processes (see ``pdf.parallel``). Its preflight findings come
    back with the PDF's ``Output`` and, located in ``sources`` (the documents the plan was
    loaded from), as ``Built.problems``; with ``strict``, a finding keeps every output as
    it was (nothing is committed, each ``Output`` says ``written=False``). The editable
    editions (odt, docx) take the house style ``house_style`` (ntsplan's own when None)."""
    kinds = [kind for name, kind in KINDS.items() if only in (None, name)]
    if pdf_variant is not None and all(kind.name != "pdf" for kind in kinds):
        raise UsageError(f"--pdf-variant applies to the PDF, but --only {only} builds none")
    from ntsplan.resources import assets_dir, templates_dir  # noqa: PLC0415

    metadata = plan_metadata(plan, language=edition.language, title_suffix=edition.title_suffix)
    variant = pdf_variant or DEFAULT_VARIANT

    @cache
    def html() -> str:
        from ntsplan.render import render_html  # noqa: PLC0415 - Jinja, only when rendering

        return render_html(plan, edition)

    inputs = BuildInputs(
        plan=plan,
        edition=edition,
        metadata=metadata,
        options={
            "language": edition.language,
            "rom": edition.rom or "",
            "valuechain": edition.valuechain or "",
            **pdf_options(metadata, variant, templates_dir()),
        },
        templates=templates_dir(),
        assets=assets_dir(),
        html=html,
        pdf_variant=variant,
        jobs=jobs,
        progress=progress,
        house_style=house_style,
    )
    for kind in kinds:
        kind.check(inputs)
    ensure_folder(out)
    finish_unfinished(out)  # a killed build's commit, before outputs are judged

    tell = on_output or _ignore
    outputs: list[Output] = []
    stale = []
    for kind in kinds:
        target = out / f"{edition.stem}.{kind.name}"
        key = kind.key(inputs)
        if OutputStamp(target).is_fresh(key):
            outputs.append(Output(kind.name, target, written=False))
            tell(outputs[-1])
        else:
            stale.append((kind, target, key))
    if not stale:
        return Built(outputs)
    # Every output of this build is staged, then all are replaced together, or none.
    written: list[Output] = []
    with OutputBatch(out) as batch:
        for kind, target, key in stale:
            made = kind.make(inputs, target)
            batch.add(target, made.data, key)
            written.append(Output(kind.name, target, written=True, pdf=made.pdf))
        problems = _located(written, sources)
        if strict and problems:
            # A print fault under --strict: the batch is dropped, every output stays as it was.
            return Built([*outputs, *(replace(o, written=False) for o in written)], problems)
        batch.commit()
    for output in written:
        if output.pdf is not None:
            output.pdf.committed()
        tell(output)
    return Built([*outputs, *written], problems)


def _located(outputs: list[Output], sources: Iterable[SourceFile]) -> list[Problem]:
    """The preflight's findings of each PDF as problems, located in the loaded documents."""
    found = [o for o in outputs if o.pdf is not None and o.pdf.findings]
    if not found:
        return []
    from ntsplan.pdf.preflight.locate import Locator  # noqa: PLC0415

    loaded = list(sources)
    return sort_problems(
        [
            Locator(loaded, output.path).problem(finding)
            for output in found
            if output.pdf is not None
            for finding in output.pdf.findings
        ]
    )


def _ignore(_: Output) -> None:
    return None
