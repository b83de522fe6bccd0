"""``ntsplan build``: check the plan folder, then write the plan as HTML and PDF.

Everything is checked before anything is written: the data (same problems, formats and
exit codes as ``validate``), the slice asked for, the PDF variant and the output folder.
Problems go to stdout as with ``validate``; what was written goes to stderr, so
``--format json`` keeps stdout machine-readable.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO

from ntsplan.commands.validate import check_and_report
from ntsplan.errors import EXIT_OK, UsageError
from ntsplan.export.atomic import ensure_folder
from ntsplan.export.cache import OutputStamp, cache_key, settings_key
from ntsplan.export.commit import OutputBatch, finish_unfinished
from ntsplan.export.metadata import PdfMetadata, plan_metadata
from ntsplan.export.output import (
    PdfJob,
    PdfOutcome,
    pdf_options,
    write_html,
    write_output,
    write_pdf,
)
from ntsplan.link import Plan
from ntsplan.settings import BuildSettings
from ntsplan.validate.suggest import did_you_mean

OUTPUT_STEM = "versterkingsplan"


@dataclass(frozen=True, slots=True)
class Edition:
    """Which document to build: the whole plan, or the slice for one ROM or value chain."""

    stem: str
    rom: str | None = None
    valuechain: str | None = None
    title_suffix: str | None = None


def choose_edition(plan: Plan, settings: BuildSettings) -> Edition:
    """The whole plan or one slice; an unknown id is a usage error with a suggestion."""
    if settings.rom and settings.valuechain:
        raise UsageError("--rom and --valuechain cannot be combined: choose one slice")
    if settings.rom:
        rom = plan.roms.get(settings.rom)
        if rom is None:
            raise UsageError(
                f"unknown ROM '{settings.rom}'{did_you_mean(settings.rom, plan.roms)}",
                hint="ROM ids: " + ", ".join(plan.roms),
            )
        return Edition(f"{OUTPUT_STEM}-{settings.rom}", rom=settings.rom, title_suffix=rom.short)
    if settings.valuechain:
        chain = plan.valuechains.get(settings.valuechain)
        if chain is None:
            suggestion = did_you_mean(settings.valuechain, plan.valuechains)
            raise UsageError(
                f"unknown value chain '{settings.valuechain}'{suggestion}",
                hint="value chain ids: " + ", ".join(plan.valuechains),
            )
        return Edition(
            f"{OUTPUT_STEM}-{settings.valuechain}",
            valuechain=settings.valuechain,
            title_suffix=chain.title,
        )
    return Edition(OUTPUT_STEM)


def run_build(
    settings: BuildSettings, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Check, render and write the plan; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    result, code = check_and_report(
        settings.data_dir, settings.format, strict=settings.strict, stream=out
    )
    out.flush()  # the report first, then what the build writes to stderr
    if code != EXIT_OK or result.plan is None:
        err.write("ntsplan: nothing was built; fix the problems above first\n")
        return code
    plan = result.plan
    edition = choose_edition(plan, settings)
    wants_html = settings.only in (None, "html")
    wants_pdf = settings.only in (None, "pdf")
    wants_xlsx = settings.only in (None, "xlsx")
    if settings.pdf_variant is not None:
        if not wants_pdf:
            raise UsageError(
                f"--pdf-variant applies to the PDF, but --only {settings.only} builds none"
            )
        from ntsplan.export.pdf import check_variant  # noqa: PLC0415 - imports WeasyPrint

        check_variant(settings.pdf_variant)
    ensure_folder(settings.out_dir)
    finish_unfinished(settings.out_dir)  # a killed build's commit, before outputs are judged

    from ntsplan.resources import templates_dir  # noqa: PLC0415

    language = settings.language or plan.info.language.value
    metadata = plan_metadata(plan, language=language, title_suffix=edition.title_suffix)
    options = {
        "language": language,
        "rom": edition.rom or "",
        "valuechain": edition.valuechain or "",
        **pdf_options(metadata, settings.pdf_variant, templates_dir()),
    }
    key = cache_key(plan, options, (templates_dir(),))
    keys: dict[Path, str] = {}
    if wants_html:
        keys[settings.out_dir / f"{edition.stem}.html"] = key
    if wants_pdf:
        keys[settings.out_dir / f"{edition.stem}.pdf"] = key
    if wants_xlsx:
        keys[settings.out_dir / f"{edition.stem}.xlsx"] = workbook_key(plan, options)
    targets = list(keys)
    stale = [target for target in targets if not OutputStamp(target).is_fresh(keys[target])]
    for target in targets:
        if target not in stale:
            kind = target.suffix.removeprefix(".").upper()
            err.write(
                f"{_shown(target)} unchanged (same data, templates and versions);"
                f" skipped the {kind} render\n"
            )
    if not stale:
        return EXIT_OK
    html = ""
    if any(target.suffix != ".xlsx" for target in stale):
        from ntsplan.render import RenderOptions, render_html  # noqa: PLC0415

        html = render_html(
            plan,
            RenderOptions(language=language, rom=edition.rom, valuechain=edition.valuechain),
        )
    # Every output of this build is staged, then all are replaced together, or none.
    said: list[Callable[[], None]] = []
    with OutputBatch(settings.out_dir) as batch:
        for target in stale:
            if target.suffix == ".xlsx":
                _write_workbook(
                    plan,
                    edition,
                    metadata,
                    language=language,
                    target=target,
                    key=keys[target],
                    batch=batch,
                )
                said.append(partial(_say_written, target, err))
            else:
                said.append(
                    _stage(
                        target,
                        html,
                        key=key,
                        settings_hash=settings_key(options, (templates_dir(),)),
                        metadata=metadata,
                        settings=settings,
                        batch=batch,
                        err=err,
                    )
                )
        batch.commit()
    for say in said:
        say()
    return EXIT_OK


def _stage(
    target: Path,
    html: str,
    *,
    key: str,
    settings_hash: str,
    metadata: PdfMetadata,
    settings: BuildSettings,
    batch: OutputBatch,
    err: IO[str],
) -> Callable[[], None]:
    """Make one output and stage it in ``batch``; return what to say once it is written."""
    from ntsplan.resources import assets_dir, templates_dir  # noqa: PLC0415

    if target.suffix == ".html":
        write_html(html, target, key, batch)
        return lambda: _say_written(target, err)
    job = PdfJob(
        html=html,
        target=target,
        key=key,
        metadata=metadata,
        base_dir=templates_dir(),
        asset_roots=(templates_dir(), assets_dir()),
        variant=settings.pdf_variant,
        jobs=settings.jobs or default_jobs(),
        settings_key=settings_hash,
        stem=target.stem,
    )
    outcome = write_pdf(job, err, batch)

    def committed() -> None:
        outcome.committed()
        _say_pdf(outcome, err)

    return committed


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not only the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _say_written(target: Path, err: IO[str]) -> None:
    err.write(f"wrote {_shown(target)}\n")


def workbook_key(plan: Plan, options: dict[str, str]) -> str:
    """The cache key of the workbook: the document's inputs, plus where each activity is
    written (the workbook shows file:line) and the XlsxWriter version."""
    from ntsplan.resources import templates_dir  # noqa: PLC0415

    extra = {
        "output": "xlsx",
        "locations": "\n".join(f"{c}/{a}={w}" for (c, a), w in sorted(plan.locations.items())),
        "xlsxwriter": _version("xlsxwriter"),
    }
    return cache_key(plan, {**options, **extra}, (templates_dir(),))


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - a dependency of ntsplan
        return "absent"


def _write_workbook(
    plan: Plan,
    edition: Edition,
    metadata: PdfMetadata,
    *,
    language: str,
    target: Path,
    key: str,
    batch: OutputBatch,
) -> None:
    from ntsplan.export.workbook import workbook_bytes  # noqa: PLC0415 - imports XlsxWriter
    from ntsplan.render.slicing import apply_slice  # noqa: PLC0415
    from ntsplan.rollup import involving_rom  # noqa: PLC0415

    sliced = apply_slice(plan, edition.rom, edition.valuechain)
    whole = edition.rom is None and edition.valuechain is None
    # A ROM's workbook holds the activities it owns or joins, as the document's slice counts.
    where = involving_rom(edition.rom) if edition.rom else None
    data = workbook_bytes(sliced.plan, metadata, language=language, whole_plan=whole, where=where)
    write_output(data, target, key, batch)


def _say_pdf(outcome: PdfOutcome, err: IO[str]) -> None:
    for url in dict.fromkeys(outcome.refused):
        err.write(
            f"ntsplan: warning: PDF: left out {url}: only data: URIs and ntsplan's own"
            " template files may be loaded\n"
        )
    for message in outcome.messages:
        err.write(f"ntsplan: warning: PDF: {message}\n")
    pages = f"{outcome.pages} page{'s' if outcome.pages != 1 else ''}"
    how = ""
    if outcome.parts > 1:
        how = f"; {outcome.parts} parts, {outcome.rendered} rendered"
        if outcome.second_passes:
            how += f", {outcome.second_passes} again for page numbers"
    err.write(f"wrote {_shown(outcome.path)} ({pages} in {outcome.seconds:.1f} s{how})\n")


def _shown(path: Path) -> str:
    """A path as the user gave it, with forward slashes."""
    return path.as_posix()
