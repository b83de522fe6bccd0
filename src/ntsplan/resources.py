"""Where ntsplan's own files live (the Jinja templates, CSS, label catalogues and assets),
and which versions of the libraries that shape its outputs are installed.

The folders sit at the top of the repository (``templates/``), next to ``src/``; they are
found from this file's location so that rendering never depends on the working directory.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def templates_dir() -> Path:
    """ntsplan's templates folder, as an absolute path: ``ntsplan/templates`` in an installed
    package (see pyproject.toml), else the repository's top-level ``templates/``."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parents[1] / "templates"


def assets_dir() -> Path:
    """The folder for static assets the document may use (fonts, images): templates/assets."""
    return templates_dir() / "assets"


def package_version(package: str) -> str:
    """The installed version of ``package`` (a dependency whose version changes outputs:
    WeasyPrint, XlsxWriter), or "absent"."""
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - a dependency of ntsplan
        return "absent"
