"""Reporters for what a build wrote: each output, written or left as it was, and why
nothing was written. They write to stderr in ``ntsplan build`` (stdout stays for the problem
report), one line per file, paths as the user gave them with forward slashes.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from ntsplan.build.run import Output
from ntsplan.render.language_share import LanguageShare
from ntsplan.report.tables import plural
from ntsplan.report.written import shown


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


def report_print_faults_stopped(stream: IO[str]) -> None:
    """Under --strict the preflight's print faults (reported above) kept every output."""
    stream.write(
        "ntsplan: nothing was written: the preflight found print faults (listed above)"
        " and --strict counts them as errors\n"
    )


def report_deadline_passed(
    deadline: dt.date, date: dt.date, today: dt.date, stream: IO[str]
) -> None:
    """A notice, not a problem: the deadline in plan.yaml lies before today. The document
    itself stays dated by plan.yaml (``date``), so the same data builds the same document."""
    if deadline >= today:
        return
    days = (today - deadline).days
    stream.write(
        f"ntsplan: notice: the deadline in plan.yaml ({deadline}) passed {days} "
        f"day{'s' * (days != 1)} ago (today is {today}); the document stays dated {date}\n"
    )


def report_language(share: LanguageShare, stream: IO[str]) -> None:
    """The build's last line: how much of the edition is in its language."""
    stream.write(share.line() + "\n")
