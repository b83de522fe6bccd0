"""The only way WeasyPrint may read anything while it renders the plan.

WeasyPrint fetches every URL it meets (images, stylesheets, fonts, attachments) through
a URL fetcher; its default one opens http, https, ftp and any local file. The plan's HTML
holds text from YAML files that many people edit, so one stray ``<img src="file:///...">``
or ``http://`` address must not read a private file or touch the network. This fetcher
allows ``data:`` URIs and regular files inside the project's own template folders, and
refuses everything else before any file or socket is opened.

WeasyPrint 70 requires a subclass of ``weasyprint.urls.URLFetcher`` with a ``fetch``
method; a refused URL raises, which WeasyPrint reports and skips.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from weasyprint.urls import (  # type: ignore[import-untyped]  # WeasyPrint has no type hints
    URLFetcher,
    URLFetcherResponse,
)

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")


class RefusedURLError(ValueError):
    """A URL outside what the plan may use; WeasyPrint logs it and leaves it out."""


class AssetFetcher(URLFetcher):  # type: ignore[misc]  # an untyped base class
    """Fetch ``data:`` URIs and files inside ``roots``; refuse every other URL.

    ``refused`` lists the URLs turned away, in order, for the build to report.
    """

    def __init__(self, roots: Iterable[Path]) -> None:
        # No redirects and a short timeout: no request should ever leave this process,
        # but if one did through a future WeasyPrint path, it must not hang the build.
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = tuple(Path(root).resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return the resource at ``url`` or raise ``RefusedURLError``."""
        match = _SCHEME.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            return _fetch_data(url)
        if scheme == "file":
            path = self.allowed_path(url)
            if path is not None:
                return URLFetcherResponse(
                    path.as_uri(),
                    path.read_bytes(),
                    {"Content-Type": _content_type(path)},
                )
        self.refused.append(url)
        raise RefusedURLError(f"refused {_short(url)}: only data: URIs and ntsplan's own assets")

    def allowed_path(self, url: str) -> Path | None:
        """The real path of a ``file:`` URL when it is a regular file inside a root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None  # file://host/share is a network path
        raw = unquote(parts.path)
        if "\0" in raw or ".." in Path(raw).parts:
            return None  # refuse escapes outright, even ones that would land inside a root
        try:
            # resolve() follows symlinks: a link inside a root pointing outside is refused.
            path = Path(raw).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path


def _fetch_data(url: str) -> URLFetcherResponse:
    """Decode a ``data:`` URI with the standard library, without WeasyPrint's opener chain."""
    try:
        response = DataHandler().data_open(Request(url))
    except ValueError as error:
        raise ValueError(f"malformed data: URI: {error}") from error
    content_type = response.headers.get("Content-Type", "text/plain")
    return URLFetcherResponse("data:", response.read(), {"Content-Type": content_type})


def _content_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name, strict=False)
    return guessed or "application/octet-stream"


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."
