"""Reporters for what a command wrote: the build's outputs, a new data file, the schemas.

They write to stderr in the commands (stdout stays for the problem report), one line per
file, paths as the user gave them with forward slashes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ntsplan.report.tables import plural

if TYPE_CHECKING:
    from ntsplan.export.build import Output


def shown(path: Path) -> str:
    """A path as the user gave it, with forward slashes."""
    return path.as_posix()


def report_output(output: Output, stream: IO[str]) -> None:
    """One output of a build: written, or left as it was with the reason."""
    if not output.written:
        stream.write(
            f"{shown(output.path)} unchanged (same data, templates and versions);"
            f" skipped the {output.kind.upper()} render\n"
        )
        return
    pdf = output.pdf
    if pdf is None:
        stream.write(f"wrote {shown(output.path)}\n")
        return
    for url in dict.fromkeys(pdf.refused):
        stream.write(
            f"ntsplan: warning: PDF: left out {url}: only data: URIs and ntsplan's own"
            " template files may be loaded\n"
        )
    for message in pdf.messages:
        stream.write(f"ntsplan: warning: PDF: {message}\n")
    how = ""
    if pdf.parts > 1:
        how = f"; {pdf.parts} parts, {pdf.rendered} rendered"
        if pdf.second_passes:
            how += f", {pdf.second_passes} again for page numbers"
    stream.write(
        f"wrote {shown(output.path)} ({plural(pdf.pages, 'page')} in {pdf.seconds:.1f} s{how})\n"
    )


def report_nothing_built(stream: IO[str]) -> None:
    """The build stopped at problems in the data (reported above)."""
    stream.write("ntsplan: nothing was built; fix the problems above first\n")


def report_new_file(target: Path, data_dir: Path, stream: IO[str]) -> None:
    """A data file written by ``ntsplan new``, and what to do next."""
    stream.write(
        f"wrote {target}\n"
        f"next: fill in the sections (the comments explain each), then run "
        f"'ntsplan validate --data {data_dir}'\n"
    )


def report_schemas(written: Iterable[tuple[Path, bool]], stream: IO[str]) -> None:
    """The schema files ``ntsplan schema`` wrote, or left as they were."""
    for path, changed in written:
        stream.write(f"{'wrote' if changed else 'unchanged'} {path}\n")


def report_stale_schemas(out_dir: Path, stale: list[str], stream: IO[str]) -> None:
    """What ``ntsplan schema --check`` found."""
    for filename in stale:
        stream.write(f"{out_dir / filename}: out of date with the models\n")
    if stale:
        stream.write("ntsplan: run 'ntsplan schema' to write them again\n")
    else:
        stream.write(f"ntsplan: the schemas in {out_dir} are up to date\n")
