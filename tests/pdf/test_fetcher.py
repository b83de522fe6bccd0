"""The PDF's URL fetcher: data: URIs and ntsplan's own files only, no network, no attachments."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

pytest.importorskip("weasyprint")

from http_helpers import PIXEL_PNG, Recorder
from ntsplan.pdf.weasy.document import render_pdf
from ntsplan.pdf.weasy.fetcher import AssetFetcher, RefusedURLError
from ntsplan.plan.metadata import DocumentMetadata


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it receives."""
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """A templates folder with one asset, and a secret file beside it (outside the root)."""
    templates = tmp_path / "templates"
    (templates / "assets").mkdir(parents=True)
    (templates / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    return templates, secret


def test_data_uri_and_own_asset_are_served(roots: tuple[Path, Path]) -> None:
    templates, _ = roots
    fetcher = AssetFetcher([templates])
    data = fetcher.fetch("data:text/css;base64,Ym9keXt9")
    assert data.read() == b"body{}"
    assert data.content_type == "text/css"
    asset = fetcher.fetch((templates / "assets" / "logo.svg").as_uri())
    assert asset.read() == b"<svg/>"
    assert asset.content_type == "image/svg+xml"
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/file",
        "https://example.org/x.png",
        "file://fileserver/share/x.png",
        "gopher://127.0.0.1/",
        "javascript:alert(1)",
    ],
)
def test_foreign_urls_are_refused(roots: tuple[Path, Path], url: str) -> None:
    fetcher = AssetFetcher([roots[0]])
    with pytest.raises(RefusedURLError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_escapes_from_the_templates_folder_are_refused(
    roots: tuple[Path, Path], tmp_path: Path
) -> None:
    templates, secret = roots
    (templates / "assets" / "link.txt").symlink_to(secret)
    fetcher = AssetFetcher([templates])
    for url in (
        secret.as_uri(),
        templates.as_uri() + "/assets/../../secret.txt",
        templates.as_uri() + "/assets/%2e%2e/%2e%2e/secret.txt",
        (templates / "assets" / "link.txt").as_uri(),  # a symlink pointing outside
        templates.as_uri() + "/assets/",  # a folder, not a file
    ):
        with pytest.raises(RefusedURLError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_http_is_refused_without_a_request(
    roots: tuple[Path, Path], server: tuple[str, list[str]]
) -> None:
    base, requests = server
    fetcher = AssetFetcher([roots[0]])
    with pytest.raises(RefusedURLError):
        fetcher.fetch(f"{base}/pixel.png")
    assert requests == []


def test_hostile_html_puts_nothing_foreign_into_the_pdf(
    roots: tuple[Path, Path], server: tuple[str, list[str]]
) -> None:
    """Local files, the network, escapes and attachments: none reaches the PDF."""
    templates, secret = roots
    base, requests = server
    html = f"""<!DOCTYPE html><html lang="nl"><head><title>hostile</title>
<link rel="stylesheet" href="{base}/style.css">
<link rel="attachment" href="{secret.as_uri()}">
<link rel="attachment" href="data:text/plain,embedded">
<style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png") }}</style>
</head><body><h1>Hostile</h1>
<img src="file:///etc/passwd" alt="">
<img src="{base}/pixel.png" alt="">
<img src="{secret.as_uri()}" alt="">
<img src="../secret.txt" alt="">
<img src="assets/../../secret.txt" alt="">
<object data="{base}/object.png"></object>
<a rel="attachment" href="{secret.as_uri()}">attached</a>
<a rel="attachment" href="data:text/plain,embedded">attached too</a>
</body></html>"""
    fetcher = AssetFetcher([templates])
    result = render_pdf(
        html,
        metadata=DocumentMetadata("hostile", ("ROM",), "nl", dt.date(2025, 5, 1)),
        fetcher=fetcher,
        base_dir=templates,
    )
    assert requests == []
    reader = PdfReader(BytesIO(result.data))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        assert list(page.images) == []
        annotations = [a.get_object() for a in page.get("/Annots", [])]
        assert all(a.get("/Subtype") != "/FileAttachment" for a in annotations)
    assert "file:///etc/passwd" in result.refused
    assert any(url.startswith(base) for url in result.refused)


def test_own_image_reaches_the_pdf(roots: tuple[Path, Path]) -> None:
    """The fetcher is not simply refusing everything: a data: image is drawn."""
    templates, _ = roots
    html = f'<html><body><img src="data:image/png;base64,{PIXEL_PNG}" alt=""></body></html>'
    result = render_pdf(
        html,
        metadata=DocumentMetadata("ok", ("ROM",), "nl", dt.date(2025, 5, 1)),
        fetcher=AssetFetcher([templates]),
        base_dir=templates,
    )
    reader = PdfReader(BytesIO(result.data))
    assert len(list(reader.pages[0].images)) == 1
    assert result.refused == []
