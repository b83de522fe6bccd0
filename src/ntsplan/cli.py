"""The command line: it declares the commands and their options, nothing else.

Each command turns its options into one settings value and calls one function of
``ntsplan.commands`` (imported inside the command, so ``validate`` starts fast), which
returns the exit code; ``cli_errors.run`` maps what stops a run to a message and a code.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import typer

from ntsplan import settings
from ntsplan.cli_errors import run, tolerate_narrow_terminals
from ntsplan.cli_options import (
    BaseArgument,
    ChainTechnologiesOption,
    CodeArgument,
    DataArgument,
    DataOption,
    DiffFormatOption,
    DiffOption,
    ForceOption,
    FormatOption,
    HeadArgument,
    HostOption,
    JobsOption,
    LanguageOption,
    ListAllOption,
    MemberRomsOption,
    NameEnOption,
    NameNlOption,
    NumberOption,
    OnlyOption,
    OutOption,
    PdfVariantOption,
    PortOption,
    RomOption,
    SchemaCheckOption,
    SchemaDataOption,
    SchemaOutOption,
    StatusFormatOption,
    StdioOption,
    StrictOption,
    TechnologyIdArgument,
    TitleOption,
    TodayOption,
    TracebackOption,
    UnsafeOption,
    ValueChainIdArgument,
    ValueChainOption,
    VersionOption,
    WorkbookArgument,
    WriteOption,
    plan_folder,
)

app = typer.Typer(
    name="ntsplan",
    help="Compile the Regionaal Versterkingsplan NTS from a folder of YAML files.\n\n"
    "Exit codes: 0 no errors, 1 problems found in the data, 2 usage or environment error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _main(
    version: VersionOption = False,
) -> None:
    """Compile the Regionaal Versterkingsplan NTS from a folder of YAML files."""


@app.command()
def validate(
    folder: DataArgument = None,
    data: DataOption = Path("data"),
    output_format: FormatOption = "auto",
    strict: StrictOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Check every file of a plan folder and report all problems at file:line:column."""
    chosen = settings.ValidateSettings(
        data_dir=plan_folder(data, folder), format=output_format, strict=strict
    )
    from ntsplan.commands import validate as validate_command  # noqa: PLC0415

    run(lambda: validate_command.run(chosen), traceback=traceback)


@app.command()
def fix(  # noqa: PLR0917 - one parameter per option, as typer wants
    data: DataOption = Path("data"),
    unsafe: UnsafeOption = False,
    diff: DiffOption = False,
    output_format: FormatOption = "auto",
    strict: StrictOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Apply the fixes problems name (safe ones; --unsafe for all), check again, report."""
    chosen = settings.FixSettings(plan_folder(data, None), unsafe, diff, output_format, strict)
    from ntsplan.commands import fix as fix_command  # noqa: PLC0415

    run(lambda: fix_command.run(chosen), traceback=traceback)


@app.command()
def build(  # noqa: PLR0917 - one parameter per option, as typer wants
    folder: DataArgument = None,
    data: DataOption = Path("data"),
    out: OutOption = Path("build"),
    only: OnlyOption = None,
    lang: LanguageOption = None,
    rom: RomOption = None,
    valuechain: ValueChainOption = None,
    pdf_variant: PdfVariantOption = None,
    jobs: JobsOption = None,
    output_format: FormatOption = "auto",
    strict: StrictOption = False,
    today: TodayOption = None,
    traceback: TracebackOption = False,
) -> None:
    """Check the plan folder, then write build/versterkingsplan.html, .pdf and .xlsx.

    Nothing is written while the data has errors. An unchanged PDF is not rendered again.
    """
    chosen = settings.BuildSettings(
        data_dir=plan_folder(data, folder),
        out_dir=out,
        only=only,
        language=lang,
        rom=rom,
        valuechain=valuechain,
        pdf_variant=pdf_variant,
        jobs=jobs,
        format=output_format,
        strict=strict,
        today=dt.date.fromisoformat(today) if today else None,
    )
    from ntsplan.commands import build as build_command  # noqa: PLC0415

    run(lambda: build_command.run(chosen), traceback=traceback)


@app.command()
def serve(
    folder: DataArgument = None,
    data: DataOption = Path("data"),
    port: PortOption = 8000,
    host: HostOption = "127.0.0.1",
    traceback: TracebackOption = False,
) -> None:
    """Serve the HTML plan on http://127.0.0.1:8000/ and reload it on every save.

    Rebuilds when a file in DATA_DIR or in the templates changes; while the data has
    errors, the page lists them. Ctrl-C stops the server.
    """
    chosen = settings.ServeSettings(data_dir=plan_folder(data, folder), host=host, port=port)
    from ntsplan.commands import serve as serve_command  # noqa: PLC0415

    run(lambda: serve_command.run(chosen), traceback=traceback)


@app.command()
def schema(
    out: SchemaOutOption = Path("schemas"),
    check: SchemaCheckOption = False,
    data: SchemaDataOption = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write the JSON Schema files that editors use to complete and check the YAML files.

    One file per kind of data file (plan, roms, technology, valuechain), generated from
    ntsplan's own models. Data files point to them in their first line. The schemas check
    each file alone; only 'ntsplan validate' and 'ntsplan lsp' check references.
    """
    chosen = settings.SchemaSettings(out_dir=out, check=check, data_dir=data)
    from ntsplan.commands import schema as schema_command  # noqa: PLC0415

    run(lambda: schema_command.run(chosen), traceback=traceback)


@app.command()
def lsp(
    stdio: StdioOption = True,
    traceback: TracebackOption = False,
) -> None:
    """Run the language server for editors: ntsplan's own problems as you type, completion
    of keys and ids, hover, go to definition, find references, quick fixes.

    Editors start it themselves (see the README: VS Code, Neovim, Helix, Emacs). It speaks
    the Language Server Protocol over stdin and stdout.
    """
    from ntsplan.commands import lsp as lsp_command  # noqa: PLC0415 - pygls only here

    del stdio
    run(lsp_command.run, traceback=traceback)


new_app = typer.Typer(
    name="new",
    help="Write a new value chain or technology file that validates at once.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(new_app)


@new_app.command("valuechain")
def new_valuechain(  # noqa: PLR0917 - one parameter per option, as typer wants
    valuechain_id: ValueChainIdArgument,
    title: TitleOption,
    rom: MemberRomsOption = None,
    technology: ChainTechnologiesOption = None,
    data: DataOption = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write a new value chain file: DATA_DIR/valuechains/ID.yaml.

    It validates at once; comments guide through every section. Never overwrites.
    """
    chosen = settings.NewValueChainSettings(
        id=valuechain_id,
        title=title,
        roms=tuple(rom or ()),
        technologies=tuple(technology or ()),
        data_dir=data,
    )
    from ntsplan.commands import new as new_command  # noqa: PLC0415

    run(lambda: new_command.run_valuechain(chosen), traceback=traceback)


@new_app.command("technology")
def new_technology(  # noqa: PLR0917 - one parameter per option, as typer wants
    technology_id: TechnologyIdArgument,
    name_nl: NameNlOption,
    name_en: NameEnOption,
    number: NumberOption = None,
    data: DataOption = Path("data"),
    traceback: TracebackOption = False,
) -> None:
    """Write a new technology file: DATA_DIR/technologies/ID.yaml.

    It validates at once; comments guide through every section. Never overwrites.
    """
    chosen = settings.NewTechnologySettings(
        id=technology_id, name_nl=name_nl, name_en=name_en, number=number, data_dir=data
    )
    from ntsplan.commands import new as new_command  # noqa: PLC0415

    run(lambda: new_command.run_technology(chosen), traceback=traceback)


@app.command()
def status(
    folder: DataArgument = None,
    data: DataOption = Path("data"),
    output_format: StatusFormatOption = "text",
    today: TodayOption = None,
    traceback: TracebackOption = False,
) -> None:
    """Show how complete the plan is, per value chain and overall, and the days to the deadline.

    Counts the filled sections of each value chain, its activities with owner, period,
    budget and KPI, and its status. With errors in the data, reports them as validate does.
    """
    from datetime import date  # noqa: PLC0415

    chosen = settings.StatusSettings(
        data_dir=plan_folder(data, folder),
        format=output_format,
        today=date.fromisoformat(today) if today else None,
    )
    from ntsplan.commands import status as status_command  # noqa: PLC0415

    run(lambda: status_command.run(chosen), traceback=traceback)


@app.command()
def diff(
    base: BaseArgument,
    head: HeadArgument = None,
    data: DataOption = Path("data"),
    output_format: DiffFormatOption = "text",
    traceback: TracebackOption = False,
) -> None:
    """Show how the plan changed between two git revisions: value chains, statuses,
    activities, ROM's, technologies and budgets.

    Compares meaning, not text: a file written differently is no change. Reads the
    revisions from git without touching the work tree or the index.
    """
    chosen = settings.DiffSettings(base=base, head=head, data_dir=data, format=output_format)
    from ntsplan.commands import diff as diff_command  # noqa: PLC0415

    run(lambda: diff_command.run(chosen), traceback=traceback)


@app.command("import")
def import_(  # noqa: PLR0917 - one parameter per option, as typer wants
    workbook: WorkbookArgument,
    data: DataOption = Path("data"),
    write: WriteOption = False,
    force: ForceOption = False,
    output_format: FormatOption = "auto",
    traceback: TracebackOption = False,
) -> None:
    """Take a returned workbook's edits (amounts, budget and other statuses, funding,
    periods, KPIs) into the YAML, keeping its layout; nothing is written without --write."""
    chosen = settings.ImportSettings(workbook, data, write=write, force=force, format=output_format)
    from ntsplan.commands import import_workbook as import_command  # noqa: PLC0415

    run(lambda: import_command.run(chosen), traceback=traceback)


@app.command()
def explain(
    code: CodeArgument = None,
    list_all: ListAllOption = False,
    traceback: TracebackOption = False,
) -> None:
    """Explain a problem code: what it means and how to fix it (as docs/problems.md)."""
    from ntsplan.commands import explain as explain_command  # noqa: PLC0415

    run(lambda: explain_command.run(code, list_all=list_all), traceback=traceback)


def main() -> None:
    """The command line in this process (the tests call it); ``entry`` is the command."""
    # ntsplan defines no pydantic plugins and uses none: skip pydantic's scan of every
    # installed package's entry points (an environment that wants plugins sets the
    # variable itself, to the plugins to leave out or to an empty string).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run allocates many small objects (a mark per YAML node) and frees them all at exit;
    # the default thresholds make the collector rescan them over and over, which made the
    # cost per file grow with the size of the plan. mypy's entry point does the same.
    gc.set_threshold(200_000, 30, 30)
    tolerate_narrow_terminals()
    app(prog_name="ntsplan")


if __name__ == "__main__":  # pragma: no cover
    main()
