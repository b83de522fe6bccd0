"""Reporters for what a command wrote: a new data file, the schemas (the build's outputs:
``ntsplan.build.report``).

They write to stderr in the commands (stdout stays for the problem report), one line per
file, paths as the user gave them with forward slashes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO


def shown(path: Path) -> str:
    """A path as the user gave it, with forward slashes."""
    return path.as_posix()


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
