"""``ntsplan serve`` without a browser: what it serves, what it refuses, how it starts and stops.

The browser side (a page reloading itself) is in ``test_browser.py``.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, RunCli
from ntsplan.problems import Problem
from ntsplan.serve.live import LivePreview, Rebuilt
from ntsplan.serve.page import build_page, error_page, with_reload
from ntsplan.serve.server import PreviewServer, is_loopback, make_server
from serve_helpers import serving, set_field

DATA = REPO / "data"
WAIT_SECONDS = 10.0


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A copy of the shipped (valid) plan, free to edit."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


@pytest.fixture(scope="module")
def live_server() -> Iterator[PreviewServer]:
    """The preview of the shipped plan, served in this process on a free port (no file
    watcher; the tests only read)."""
    preview = LivePreview(DATA, lambda rebuilt: None)
    preview.rebuild()
    server = make_server("127.0.0.1", 0, preview)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        preview.close()
        server.shutdown()
        server.server_close()


def _get(url: str, host: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, method=method)
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:  # it holds the response's socket; closed here, not when collected
            return error.code, dict(error.headers), error.read().decode("utf-8")


# --- the page ---------------------------------------------------------------------------


def test_error_page_escapes_what_the_data_says() -> None:
    problem = Problem(
        Path("data/x.yaml"), 3, 7, "invalid-value", "'<script>alert(1)</script>' & co"
    )
    page = error_page([problem])
    assert "<script>" not in page
    assert "&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; &amp; co" in page
    assert "data/x.yaml:3:7" in page
    assert "The plan has 1 error" in page


def test_error_page_for_a_failure_escapes_it() -> None:
    page = error_page([], failure="templates/x.html.j2:4: unexpected '<end>'")
    assert "unexpected &#x27;&lt;end&gt;&#x27;" in page
    assert "The plan cannot be shown" in page


def test_reload_script_goes_into_the_served_copy_only(plan_copy: Path) -> None:
    build = build_page(plan_copy)
    assert build.ok
    assert "<script" not in build.html
    served = with_reload(build.html, "run-7", "n0nce")
    assert served.count("<script") == 1
    assert '<script nonce="n0nce">' in served
    assert 'var shown = "run-7";' in served
    assert served.index("<script") > served.index("</main>")
    assert served.rstrip().endswith("</html>")


def test_build_page_lists_problems_instead_of_the_plan(plan_copy: Path) -> None:
    line = set_field(plan_copy / "valuechains" / "medtech.yaml", "status", "bogus")
    build = build_page(plan_copy)
    assert not build.ok
    assert (
        f"medtech.yaml:{line}:9</span>: error: &#x27;bogus&#x27; is not allowed here" in build.html
    )


def test_build_page_of_a_missing_folder_says_so(tmp_path: Path) -> None:
    build = build_page(tmp_path / "gone")
    assert not build.ok
    assert build.failure is not None
    assert "no such folder" in build.failure


def test_a_save_without_change_keeps_the_token(plan_copy: Path) -> None:
    told: list[Rebuilt] = []
    preview = LivePreview(plan_copy, told.append)
    preview.rebuild()
    first = preview.current().token
    (plan_copy / "valuechains" / "medtech.yaml").touch()
    preview.rebuild()
    assert preview.current().token == first
    assert [r.changed for r in told] == [True, False]
    set_field(plan_copy / "valuechains" / "medtech.yaml", "title", "Medische technologie")
    preview.rebuild()
    assert preview.current().token != first


# --- the server -------------------------------------------------------------------------


def test_serves_the_plan_at_the_root(live_server: PreviewServer) -> None:
    status, headers, body = _get(live_server.url)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert "script-src 'nonce-" in headers["Content-Security-Policy"]
    assert '<h2><span class="chapter-number">' in body
    assert body.count("<script") == 1


@pytest.mark.parametrize(
    "path", ["favicon.ico", "index.html", "plan.yaml", "valuechains/", "..%2fpyproject.toml", "?"]
)
def test_serves_nothing_else(live_server: PreviewServer, path: str) -> None:
    status, _, body = _get(live_server.url + path)
    if path == "?":  # a query string does not change the page
        assert status == 200
        return
    assert status == 404
    assert body == "Not found: the plan is at /.\n"


def test_refuses_other_methods(live_server: PreviewServer) -> None:
    status, _, _ = _get(live_server.url, method="POST")
    assert status == 501
    status, headers, body = _get(live_server.url, method="HEAD")
    assert (status, body) == (200, "")
    assert int(headers["Content-Length"]) > 1000


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.nip.io"])
def test_refuses_foreign_host_headers(live_server: PreviewServer, host: str) -> None:
    # A web page that rebinds its own name to 127.0.0.1 must not read the plan.
    status, _, body = _get(live_server.url, host=host)
    assert status == 403
    assert "Host" in body


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000"])
def test_accepts_local_host_headers(live_server: PreviewServer, host: str) -> None:
    status, _, _ = _get(live_server.url, host=host)
    assert status == 200


def test_events_announce_the_current_build(live_server: PreviewServer) -> None:
    token = live_server.preview.current().token
    parts = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=WAIT_SECONDS)
    try:
        connection.request("GET", "/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        lines = [response.readline().decode("utf-8") for _ in range(4)]
        assert lines == ["retry: 1000\n", "\n", "event: build\n", f"data: {token}\n"]
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# --- the command ------------------------------------------------------------------------


def test_rebuilds_and_announces_after_a_save(plan_copy: Path, tmp_path: Path) -> None:
    with serving(plan_copy, log_dir=tmp_path) as server:
        parts = urlsplit(server.url)
        connection = http.client.HTTPConnection(parts.netloc, timeout=WAIT_SECONDS)
        try:
            connection.request("GET", "/events")
            response = connection.getresponse()
            for _ in range(3):
                response.readline()
            first = response.readline().decode("utf-8")
            assert first.startswith("data: ")
            set_field(plan_copy / "valuechains" / "medtech.yaml", "title", "Medische technologie")
            # Blocks until the next announcement; the socket timeout bounds the wait.
            for _ in range(2):
                response.readline()
            second = response.readline().decode("utf-8")
            assert second.startswith("data: ")
            assert second != first
        finally:
            connection.close()
        status, _, body = _get(server.url)
        assert status == 200
        assert "Medische technologie" in body
        assert server.url.startswith("http://127.0.0.1:")
        assert server.interrupt() == 0  # Ctrl-C
    output = server.stderr()
    assert "Changed: " in output
    assert "medtech.yaml" in output
    assert "warning" not in output  # bound to loopback
    assert "Traceback" not in output
    assert output.endswith("Stopped.\n")


def test_reports_data_errors_and_keeps_serving(plan_copy: Path, tmp_path: Path) -> None:
    line = set_field(plan_copy / "valuechains" / "medtech.yaml", "status", "bogus")
    with serving(plan_copy, log_dir=tmp_path) as server:
        status, _, body = _get(server.url)
        assert status == 200
        assert "The plan has 1 error" in body
        assert f"medtech.yaml:{line}:9: error: 'bogus' is not allowed here" in server.stderr()
        set_field(plan_copy / "valuechains" / "medtech.yaml", "status", "concept")
        server.wait_for_output("Built the plan")
        status, _, body = _get(server.url)
        assert "The plan has" not in body


def test_warns_when_reachable_from_other_machines(plan_copy: Path, tmp_path: Path) -> None:
    with serving(plan_copy, "--host", "0.0.0.0", log_dir=tmp_path) as server:
        output = server.stderr()
    assert "warning: serving on 0.0.0.0, which other machines can reach" in output


def test_port_in_use_is_an_environment_error(plan_copy: Path, run_cli: RunCli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--data", plan_copy, "--port", str(port))
    assert result.exit_code == 2
    assert f"ntsplan: error: port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "--port" in result.stderr


def test_missing_folder_is_an_environment_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("serve", "--data", tmp_path / "nope", "--port", "0")
    assert result.exit_code == 2
    assert "ntsplan: error: no such folder:" in result.stderr


def test_cli_does_not_import_the_server() -> None:
    # `ntsplan validate` must not pay for the HTTP server and the file watcher.
    code = (
        "import sys, ntsplan.cli; print(sorted({'http.server', 'watchfiles'} & set(sys.modules)))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.strip() == "[]"


@pytest.fixture
def template_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The render stage reading its templates from a copy in ``tmp_path``, free to edit."""
    from ntsplan.plan import labels  # noqa: PLC0415
    from ntsplan.render import environment  # noqa: PLC0415
    from ntsplan.resources import templates_dir  # noqa: PLC0415
    from ntsplan.serve.page import forget_templates  # noqa: PLC0415

    copy = Path(shutil.copytree(templates_dir(), tmp_path / "templates"))
    monkeypatch.setattr(environment, "templates_dir", lambda: copy)
    monkeypatch.setattr(labels, "templates_dir", lambda: copy)
    forget_templates()
    yield copy
    forget_templates()  # the next test renders with the real templates again


def test_a_template_save_is_rendered_and_a_broken_template_is_shown(
    plan_copy: Path, template_copy: Path
) -> None:
    preview = LivePreview(plan_copy, lambda rebuilt: None)
    preview.rebuild()
    document = template_copy / "document.html.j2"
    source = document.read_text(encoding="utf-8")
    document.write_text(source.replace('<main id="main">', "<main data-edited>"), encoding="utf-8")
    preview.rebuild(templates_changed=True)
    assert b"<main data-edited>" in preview.current().page

    lines = source.splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("<main"))
    lines[line - 1] = "<main>{% if %}\n"
    document.write_text("".join(lines), encoding="utf-8")
    preview.rebuild(templates_changed=True)
    page = preview.current().page.decode("utf-8")
    assert "The plan cannot be shown" in page
    assert f"templates/document.html.j2:{line}: Expected an expression" in page
