"""The HTML document: the render stage's output as it is."""

from __future__ import annotations

from pathlib import Path

from ntsplan.build.kinds.base import BuildInputs, Made, OutputKind


class HtmlOutput(OutputKind):
    """The self-contained HTML document (stylesheets inline), for reading on screen."""

    name = "html"
    description = "the HTML document"

    def make(self, inputs: BuildInputs, target: Path) -> Made:
        del target
        return Made(inputs.html().encode("utf-8"))
