"""The options the commands share, and the checks typer runs on them.

Every ``--format`` takes its choices from its reporter registry (``REPORTER_BY_NAME`` in
``report``, ``status`` and ``diff``), so a new format needs no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from ntsplan.build.kinds import KINDS
from ntsplan.diff import FORMATS as DIFF_FORMATS
from ntsplan.plan.edition import LANGUAGES
from ntsplan.report import FORMATS as PROBLEM_FORMATS
from ntsplan.status import FORMATS as STATUS_FORMATS

DEFAULT_DATA = Path("data")


def metavar(choices: Sequence[str]) -> str:
    """'<auto|text|json>': how help shows a choice."""
    return f"<{'|'.join(choices)}>"


def choice(choices: Sequence[str]) -> Callable[[str | None], str | None]:
    """A typer callback that accepts one of ``choices`` (any case) and returns it."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        lowered = value.lower()
        if lowered not in choices:
            shown = ", ".join(f"'{c}'" for c in choices)
            raise typer.BadParameter(f"'{value}' is not one of {shown}.")
        return lowered

    return check


def _format_option(choices: Sequence[str], help_text: str) -> Any:
    return typer.Option(
        "--format", "-f", metavar=metavar(choices), help=help_text, callback=choice(choices)
    )


FormatOption = Annotated[
    str,
    _format_option(
        PROBLEM_FORMATS,
        "auto: GitHub annotations under GitHub Actions, else text. "
        "markdown: a table for a job summary.",
    ),
]
_REPORT_HELP = "text for a terminal, json for scripts, markdown for a pull request or job summary."
StatusFormatOption = Annotated[str, _format_option(STATUS_FORMATS, _REPORT_HELP)]
DiffFormatOption = Annotated[str, _format_option(DIFF_FORMATS, _REPORT_HELP)]

OnlyOption = Annotated[
    str | None,
    typer.Option(
        "--only",
        metavar=metavar(tuple(KINDS)),
        help="Build only one output: "
        + ", ".join(f"{name} ({kind.description})" for name, kind in KINDS.items())
        + ".",
        callback=choice(tuple(KINDS)),
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar=metavar(LANGUAGES),
        help="Language of the document; default: the language in plan.yaml.",
        callback=choice(LANGUAGES),
    ),
]

DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        metavar="DATA_DIR",
        help="The plan folder: plan.yaml, roms.yaml, technologies/, valuechains/.",
    ),
]
OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Folder for the outputs; created if missing.")
]
RomOption = Annotated[
    str | None,
    typer.Option("--rom", metavar="ID", help="Build the slice for one ROM (its agenda)."),
]
ValueChainOption = Annotated[
    str | None,
    typer.Option("--valuechain", metavar="ID", help="Build the slice for one value chain."),
]
PdfVariantOption = Annotated[
    str | None,
    typer.Option(
        "--pdf-variant",
        metavar="VARIANT",
        help="A PDF standard, e.g. pdf/ua-1 (tagged, accessible) or pdf/a-3b (archival).",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Render the PDF in N processes (default: the number of CPUs; 1: one process).",
    ),
]
PortOption = Annotated[
    int,
    typer.Option("--port", "-p", min=0, max=65535, help="Port to serve on; 0: any free port."),
]
HostOption = Annotated[
    str,
    typer.Option(
        "--host", help="Address to serve on; other than 127.0.0.1, others can read the plan."
    ),
]
SchemaOutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Folder for the schema files; created if missing.")
]
SchemaCheckOption = Annotated[
    bool,
    typer.Option("--check", help="Write nothing; exit 1 if a file is missing or out of date."),
]
MemberRomsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rom", metavar="ID", help="A ROM in the working group; at least two, the lead first."
    ),
]
ChainTechnologiesOption = Annotated[
    list[str] | None,
    typer.Option("--technology", metavar="ID", help="An NTS technology; at least one."),
]
NumberOption = Annotated[
    int | None,
    typer.Option(
        "--number",
        metavar="N",
        min=1,
        max=99,
        help="Position in the NTS list; default: the next free one.",
    ),
]
SchemaDataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        metavar="DATA_DIR",
        help="The plan folder whose ROM and technology ids are offered as examples.",
    ),
]
DataArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="DATA_DIR",
        help="Deprecated: the plan folder; write --data DATA_DIR instead.",
        show_default=False,
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Count warnings as errors.")]
UnsafeOption = Annotated[
    bool,
    typer.Option(
        "--unsafe",
        help="Also apply the fixes that are a likely reading rather than certain "
        "(read them in the messages first).",
    ),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help="Show the changes as a diff; write nothing.")
]
TracebackOption = Annotated[
    bool,
    typer.Option("--traceback", help="Show a Python traceback on internal errors (debugging)."),
]


def plan_folder(data: Path, argument: Path | None) -> Path:
    """The plan folder from ``--data``, or from the deprecated argument, with a warning."""
    if argument is None:
        return data
    if data not in (DEFAULT_DATA, argument):
        raise typer.BadParameter(
            f"the plan folder is given twice ({argument} and --data {data}); give --data only"
        )
    typer.echo(
        f"ntsplan: warning: the plan folder as an argument is deprecated and will be removed"
        f" in the next release; write --data {argument.as_posix()}",
        err=True,
    )
    return argument


def check_today(value: str | None) -> str | None:
    """``--today``: a date, YYYY-MM-DD."""
    from datetime import date  # noqa: PLC0415

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None
    return value


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        hidden=True,  # for tests and reproducible reports: count the days from this date
        callback=check_today,
    ),
]


# The arguments and options of one command each (diff, explain, lsp, new, import).
BaseArgument = Annotated[
    str, typer.Argument(metavar="BASE", help="The revision to compare from, e.g. main.")
]
HeadArgument = Annotated[
    str | None,
    typer.Argument(metavar="HEAD", help="The revision to compare to; default: the working tree."),
]
CodeArgument = Annotated[
    str | None, typer.Argument(metavar="CODE", help="A problem code, as in [unknown-rom].")
]
ListAllOption = Annotated[
    bool, typer.Option("--all", help="List every problem code with its title.")
]
StdioOption = Annotated[
    bool,
    typer.Option("--stdio", help="Talk over stdin and stdout (the default, and the only way)."),
]
ValueChainIdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="Id of the value chain: also its file name.")
]
TitleOption = Annotated[
    str, typer.Option("--title", metavar="TEXT", help="Name of the value chain.")
]
TechnologyIdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="Id of the technology: also its file name.")
]
NameNlOption = Annotated[
    str, typer.Option("--name-nl", metavar="TEXT", help="Dutch name, as in the NTS.")
]
NameEnOption = Annotated[str, typer.Option("--name-en", metavar="TEXT", help="English name.")]

WorkbookArgument = Annotated[
    Path, typer.Argument(metavar="WORKBOOK.xlsx", help="A workbook ntsplan wrote, as it came back.")
]
WriteOption = Annotated[
    bool, typer.Option("--write", help="Change the YAML files (default: only report).")
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Also write rows whose YAML changed since the workbook was made."),
]


def _version(value: bool) -> None:
    if value:
        from ntsplan import __version__  # noqa: PLC0415

        typer.echo(f"ntsplan {__version__}")
        raise typer.Exit(0)


VersionOption = Annotated[
    bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
]
