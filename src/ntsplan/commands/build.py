"""``ntsplan build``: check the plan folder, then write the plan as HTML and PDF.

Everything is checked before anything is written: the data (same problems, formats and
exit codes as ``validate``), the slice asked for, the PDF variant and the output folder.
Problems go to stdout as with ``validate``; what was written goes to stderr, so
``--format json`` keeps stdout machine-readable.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ntsplan.commands.validate import check_and_report
from ntsplan.errors import EXIT_OK, UsageError
from ntsplan.export.atomic import ensure_folder
from ntsplan.export.cache import OutputStamp, cache_key, settings_key
from ntsplan.export.metadata import plan_metadata
from ntsplan.export.output import PdfJob, PdfOutcome, pdf_options, write_html, write_pdf
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
    if settings.pdf_variant is not None:
        if not wants_pdf:
            raise UsageError("--pdf-variant applies to the PDF, but --only html builds none")
        from ntsplan.export.pdf import check_variant  # noqa: PLC0415 - imports WeasyPrint

        check_variant(settings.pdf_variant)
    ensure_folder(settings.out_dir)

    from ntsplan.resources import assets_dir, templates_dir  # noqa: PLC0415

    language = settings.language or plan.info.language.value
    metadata = plan_metadata(plan, language=language, title_suffix=edition.title_suffix)
    options = {
        "language": language,
        "rom": edition.rom or "",
        "valuechain": edition.valuechain or "",
        **pdf_options(metadata, settings.pdf_variant, templates_dir()),
    }
    key = cache_key(plan, options, (templates_dir(),))
    targets = []
    if wants_html:
        targets.append(settings.out_dir / f"{edition.stem}.html")
    if wants_pdf:
        targets.append(settings.out_dir / f"{edition.stem}.pdf")
    stale = [target for target in targets if not OutputStamp(target).is_fresh(key)]
    for target in targets:
        if target not in stale:
            kind = target.suffix.removeprefix(".").upper()
            err.write(
                f"{_shown(target)} unchanged (same data, templates and versions);"
                f" skipped the {kind} render\n"
            )
    if not stale:
        return EXIT_OK

    from ntsplan.render import RenderOptions, render_html  # noqa: PLC0415

    html = render_html(
        plan,
        RenderOptions(language=language, rom=edition.rom, valuechain=edition.valuechain),
    )
    for target in stale:
        if target.suffix == ".html":
            write_html(html, target, key)
            err.write(f"wrote {_shown(target)}\n")
        else:
            job = PdfJob(
                html=html,
                target=target,
                key=key,
                metadata=metadata,
                base_dir=templates_dir(),
                asset_roots=(templates_dir(), assets_dir()),
                variant=settings.pdf_variant,
                jobs=settings.jobs or default_jobs(),
                settings_key=settings_key(options, (templates_dir(),)),
                stem=edition.stem,
            )
            _say_pdf(write_pdf(job, err), err)
    return EXIT_OK


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not only the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


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
