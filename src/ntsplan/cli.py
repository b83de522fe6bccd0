"""The command line: options in, one settings value to a command, an exit code out.

Nothing here parses YAML, renders or prints problems; heavy modules are imported inside
the command that needs them, so ``ntsplan validate`` starts fast.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import traceback as tb
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ntsplan import __version__
from ntsplan.errors import EXIT_BROKEN_PIPE, EXIT_ENVIRONMENT, NtsplanError

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
    MARKDOWN = "markdown"


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
        help="auto: GitHub annotations under GitHub Actions, else text. "
        "markdown: a table for a job summary.",
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
    except BrokenPipeError:
        # The reader went away (`ntsplan status | head`): stop quietly, as `cat` would.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
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
    """Which one of the outputs to build."""

    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"


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
        typer.Option(
            "--only",
            help="Build only the HTML, the PDF or the workbook (xlsx).",
            case_sensitive=False,
        ),
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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Render the PDF in N processes (default: the number of CPUs; 1: one process).",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.AUTO,
    strict: StrictOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Check the plan folder, then write build/versterkingsplan.html, .pdf and .xlsx.

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
        jobs=jobs,
        format=output_format.value,
        strict=strict,
    )
    _run(lambda: run_build(settings), traceback=traceback)


@app.command()
def serve(
    data_dir: DataDir = Path("data"),
    port: Annotated[
        int,
        typer.Option("--port", "-p", min=0, max=65535, help="Port to serve on; 0: any free port."),
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to serve on; other than 127.0.0.1, others can read the plan."
        ),
    ] = "127.0.0.1",
    traceback: TracebackOption = False,
) -> None:
    """Serve the HTML plan on http://127.0.0.1:8000/ and reload it on every save.

    Rebuilds when a file in DATA_DIR or in the templates changes; while the data has
    errors, the page lists them. Ctrl-C stops the server.
    """
    from ntsplan.commands.serve import run_serve  # noqa: PLC0415
    from ntsplan.settings import ServeSettings  # noqa: PLC0415

    settings = ServeSettings(data_dir=data_dir, host=host, port=port)
    _run(lambda: run_serve(settings), traceback=traceback)


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the schema files; created if missing.")
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if a file is missing or out of date."),
    ] = False,
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            metavar="DATA_DIR",
            help="The plan folder whose ROM and technology ids are offered as examples.",
        ),
    ] = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write the JSON Schema files that editors use to complete and check the YAML files.

    One file per kind of data file (plan, roms, technology, valuechain), generated from
    ntsplan's own models. Data files point to them in their first line. The schemas check
    each file alone; only 'ntsplan validate' and 'ntsplan lsp' check references.
    """
    from ntsplan.commands.schema import run_schema  # noqa: PLC0415
    from ntsplan.settings import SchemaSettings  # noqa: PLC0415

    settings = SchemaSettings(out_dir=out, check=check, data_dir=data)
    _run(lambda: run_schema(settings), traceback=traceback)


@app.command()
def lsp(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Talk over stdin and stdout (the default, and the only way)."),
    ] = True,
    traceback: TracebackOption = False,
) -> None:
    """Run the language server for editors: ntsplan's own problems as you type, completion
    of keys and ids, hover, go to definition, find references, quick fixes.

    Editors start it themselves (see the README: VS Code, Neovim, Helix, Emacs). It speaks
    the Language Server Protocol over stdin and stdout.
    """
    from ntsplan.lsp.server import run  # noqa: PLC0415 - pygls only for this command

    del stdio
    _run(run, traceback=traceback)


new_app = typer.Typer(
    name="new",
    help="Write a new value chain or technology file that validates at once.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(new_app)

NewDataOption = Annotated[
    Path,
    typer.Option("--data", metavar="DATA_DIR", help="The plan folder to add the file to."),
]


@new_app.command("valuechain")
def new_valuechain(  # noqa: PLR0917 - one parameter per option, as typer wants
    valuechain_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id of the value chain: also its file name.")
    ],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="Name of the value chain.")],
    rom: Annotated[
        list[str] | None,
        typer.Option(
            "--rom", metavar="ID", help="A ROM in the working group; at least two, the lead first."
        ),
    ] = None,
    technology: Annotated[
        list[str] | None,
        typer.Option("--technology", metavar="ID", help="An NTS technology; at least one."),
    ] = None,
    data: NewDataOption = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write a new value chain file: DATA_DIR/valuechains/ID.yaml.

    It validates at once; comments guide through every section. Never overwrites.
    """
    from ntsplan.commands.new import run_new_valuechain  # noqa: PLC0415
    from ntsplan.settings import NewValueChainSettings  # noqa: PLC0415

    settings = NewValueChainSettings(
        id=valuechain_id,
        title=title,
        roms=tuple(rom or ()),
        technologies=tuple(technology or ()),
        data_dir=data,
    )
    _run(lambda: run_new_valuechain(settings), traceback=traceback)


@new_app.command("technology")
def new_technology(  # noqa: PLR0917 - one parameter per option, as typer wants
    technology_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id of the technology: also its file name.")
    ],
    name_nl: Annotated[
        str, typer.Option("--name-nl", metavar="TEXT", help="Dutch name, as in the NTS.")
    ],
    name_en: Annotated[str, typer.Option("--name-en", metavar="TEXT", help="English name.")],
    number: Annotated[
        int | None,
        typer.Option(
            "--number",
            metavar="N",
            min=1,
            max=99,
            help="Position in the NTS list; default: the next free one.",
        ),
    ] = None,
    data: NewDataOption = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write a new technology file: DATA_DIR/technologies/ID.yaml.

    It validates at once; comments guide through every section. Never overwrites.
    """
    from ntsplan.commands.new import run_new_technology  # noqa: PLC0415
    from ntsplan.settings import NewTechnologySettings  # noqa: PLC0415

    settings = NewTechnologySettings(
        id=technology_id, name_nl=name_nl, name_en=name_en, number=number, data_dir=data
    )
    _run(lambda: run_new_technology(settings), traceback=traceback)


class ReportFormat(StrEnum):
    """How status and diff are shown."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="text for a terminal, json for scripts, markdown for a pull request or job summary.",
        case_sensitive=False,
    ),
]


def _check_today(value: str | None) -> str | None:
    from datetime import date  # noqa: PLC0415

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None
    return value


@app.command()
def status(
    data_dir: DataDir = Path("data"),
    output_format: ReportFormatOption = ReportFormat.TEXT,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            hidden=True,  # for tests and reproducible reports: count the days from this date
            callback=_check_today,
        ),
    ] = None,
    traceback: TracebackOption = False,
) -> None:
    """Show how complete the plan is, per value chain and overall, and the days to the deadline.

    Counts the filled sections of each value chain, its activities with owner, period,
    budget and KPI, and its status. With errors in the data, reports them as validate does.
    """
    from datetime import date  # noqa: PLC0415

    from ntsplan.commands.status import run_status  # noqa: PLC0415
    from ntsplan.settings import StatusSettings  # noqa: PLC0415

    settings = StatusSettings(
        data_dir=data_dir,
        format=output_format.value,
        today=date.fromisoformat(today) if today else None,
    )
    _run(lambda: run_status(settings), traceback=traceback)


@app.command()
def diff(
    base: Annotated[
        str, typer.Argument(metavar="BASE", help="The revision to compare from, e.g. main.")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD", help="The revision to compare to; default: the working tree."
        ),
    ] = None,
    data: Annotated[
        Path,
        typer.Option("--data", metavar="DATA_DIR", help="The plan folder in the working tree."),
    ] = Path("data"),
    output_format: ReportFormatOption = ReportFormat.TEXT,
    traceback: TracebackOption = False,
) -> None:
    """Show how the plan changed between two git revisions: value chains, statuses,
    activities, ROM's, technologies and budgets.

    Compares meaning, not text: a file written differently is no change. Reads the
    revisions from git without touching the work tree or the index.
    """
    from ntsplan.commands.diff import run_diff  # noqa: PLC0415
    from ntsplan.settings import DiffSettings  # noqa: PLC0415

    settings = DiffSettings(base=base, head=head, data_dir=data, format=output_format.value)
    _run(lambda: run_diff(settings), traceback=traceback)


def _tolerate_narrow_terminals() -> None:
    # Messages hold Dutch names and '—'; a terminal that cannot show a character gets '?'
    # instead of a crash halfway through the report.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    # ntsplan defines no pydantic plugins and uses none: skip pydantic's scan of every
    # installed package's entry points (an environment that wants plugins sets the
    # variable itself, to the plugins to leave out or to an empty string).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run allocates many small objects (a mark per YAML node) and frees them all at exit;
    # the default thresholds make the collector rescan them over and over, which made the
    # cost per file grow with the size of the plan. mypy's entry point does the same.
    gc.set_threshold(200_000, 30, 30)
    _tolerate_narrow_terminals()
    app(prog_name="ntsplan")


def entry() -> None:
    """The ``ntsplan`` command and ``python -m ntsplan``: ``main``, then a quick exit."""
    try:
        main()
    except SystemExit as done:
        _exit_now(done.code)
    _exit_now(0)


def _exit_now(code: object) -> None:
    """Flush the output and leave without the interpreter's final clean-up.

    Freeing every object of the plan one by one (and the collections at shutdown) took
    about a quarter of a validate run; nothing is left to do once the output is flushed:
    commands close their files and remove their temporary files themselves. mypy's entry
    point ends the same way.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): print it, as the interpreter would
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say
            if status == 0:
                status = EXIT_BROKEN_PIPE if stream is sys.stdout else status
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    entry()
