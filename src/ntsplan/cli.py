"""The command line: options in, one settings value to a command, an exit code out.

Nothing here parses YAML, renders or prints problems; heavy modules are imported inside
the command that needs them, so ``ntsplan validate`` starts fast.
"""

from __future__ import annotations

import gc
import io
import sys
import traceback as tb
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ntsplan import __version__
from ntsplan.errors import EXIT_ENVIRONMENT, NtsplanError

app = typer.Typer(
    name="ntsplan",
    help="Compile the Regionaal Versterkingsplan NTS from a folder of YAML files.\n\n"
    "Exit codes: 0 no errors, 1 problems found in the data, 2 usage or environment error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    """How problems are reported."""

    AUTO = "auto"
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


DataDir = Annotated[
    Path,
    typer.Argument(
        metavar="DATA_DIR",
        help="The plan folder: plan.yaml, roms.yaml, technologies/, valuechains/.",
        show_default=True,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="auto: GitHub annotations under GitHub Actions, else text.",
        case_sensitive=False,
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Count warnings as errors.")]
TracebackOption = Annotated[
    bool,
    typer.Option("--traceback", help="Show a Python traceback on internal errors (debugging)."),
]


def _run(command: Callable[[], int], *, traceback: bool) -> None:
    """Run a command; map ntsplan's errors and unexpected failures to a message and code."""
    try:
        code = command()
    except NtsplanError as error:
        if traceback:
            tb.print_exc()
        typer.echo(f"ntsplan: error: {error.message}", err=True)
        if error.hint:
            typer.echo(f"ntsplan: hint: {error.hint}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("ntsplan: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as error:
        if traceback:
            tb.print_exc()
        typer.echo(
            f"ntsplan: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ntsplan, not in your data. Run again with --traceback and "
            "report the output.",
            err=True,
        )
        raise typer.Exit(EXIT_ENVIRONMENT) from None
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ntsplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Compile the Regionaal Versterkingsplan NTS from a folder of YAML files."""


@app.command()
def validate(
    data_dir: DataDir = Path("data"),
    output_format: FormatOption = OutputFormat.AUTO,
    strict: StrictOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Check every file of a plan folder and report all problems at file:line:column."""
    from ntsplan.commands.validate import run_validate  # noqa: PLC0415
    from ntsplan.settings import ValidateSettings  # noqa: PLC0415

    settings = ValidateSettings(data_dir=data_dir, format=output_format.value, strict=strict)
    _run(lambda: run_validate(settings), traceback=traceback)


class OnlyOutput(StrEnum):
    """Which of the two outputs to build."""

    HTML = "html"
    PDF = "pdf"


class DocumentLanguage(StrEnum):
    """Languages of the plan document."""

    NL = "nl"
    EN = "en"


@app.command()
def build(  # noqa: PLR0917 - one parameter per option, as typer wants
    data_dir: DataDir = Path("data"),
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the outputs; created if missing.")
    ] = Path("build"),
    only: Annotated[
        OnlyOutput | None,
        typer.Option("--only", help="Build only the HTML or only the PDF.", case_sensitive=False),
    ] = None,
    lang: Annotated[
        DocumentLanguage | None,
        typer.Option(
            "--lang",
            help="Language of the document; default: the language in plan.yaml.",
            case_sensitive=False,
        ),
    ] = None,
    rom: Annotated[
        str | None,
        typer.Option("--rom", metavar="ID", help="Build the slice for one ROM (its agenda)."),
    ] = None,
    valuechain: Annotated[
        str | None,
        typer.Option("--valuechain", metavar="ID", help="Build the slice for one value chain."),
    ] = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option(
            "--pdf-variant",
            metavar="VARIANT",
            help="A PDF standard, e.g. pdf/ua-1 (tagged, accessible) or pdf/a-3b (archival).",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.AUTO,
    strict: StrictOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Check the plan folder, then write build/versterkingsplan.html and .pdf.

    Nothing is written while the data has errors. An unchanged PDF is not rendered again.
    """
    from ntsplan.commands.build import run_build  # noqa: PLC0415
    from ntsplan.settings import BuildSettings  # noqa: PLC0415

    settings = BuildSettings(
        data_dir=data_dir,
        out_dir=out,
        only=only.value if only else None,
        language=lang.value if lang else None,
        rom=rom,
        valuechain=valuechain,
        pdf_variant=pdf_variant,
        format=output_format.value,
        strict=strict,
    )
    _run(lambda: run_build(settings), traceback=traceback)


def _tolerate_narrow_terminals() -> None:
    # Messages hold Dutch names and '—'; a terminal that cannot show a character gets '?'
    # instead of a crash halfway through the report.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    # A run allocates many small objects (a mark per YAML node) and frees them all at exit;
    # the default thresholds make the collector rescan them over and over, which made the
    # cost per file grow with the size of the plan. mypy's entry point does the same.
    gc.set_threshold(200_000, 30, 30)
    _tolerate_narrow_terminals()
    app(prog_name="ntsplan")


if __name__ == "__main__":  # pragma: no cover
    main()
