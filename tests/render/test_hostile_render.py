"""Hostile text in every string field: escaped in the HTML, inert in a browser, harmless in
the PDF, and never a request or a local file read.

One plan is made for all checks here: the render fixture with every free-text field of
every model (found by walking the pydantic models, so a new field is covered the day it
is added) set to script, HTML and Markdown injection, and every web address field set to
an address on a local server that records what it is asked. Ids and other patterned
fields cannot carry such text: the schema refuses it (see ``test_hostile_inputs.py``).
The plan is written as YAML files, validated like any pull request, and built once with
``ntsplan build`` into HTML and PDF while the server listens.

``test_render_markup.py`` checks hostile models rendered in-process; this module checks
what a reader's browser and PDF viewer would meet.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from test_render_markup import assert_nothing_executable

from conftest import REPO, TESTS, clean_env
from http_helpers import PIXEL_PNG, Recorder
from ntsplan.load import load_folder
from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain
from ntsplan.schema.localized import LocalText
from ntsplan.validate import validate_files

pytest.importorskip("weasyprint")
from pypdf import PdfReader

FIXTURE = TESTS / "fixtures" / "render-plan"
CHROMIUM = Path("/usr/bin/chromium")
ROOT_MODELS: tuple[type[BaseModel], ...] = (PlanInfo, RomRegistry, Technology, ValueChain)
SECRET = "NTSPLAN-SECRET-7f3a"
"""Written into a local file that hostile links point at; must never reach an output."""

# Field kinds ---------------------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Optional and Annotated, with the constraints met on the way."""
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        elif origin in (Union, types.UnionType):
            others = [a for a in get_args(annotation) if a is not type(None)]
            if len(others) != 1:
                return annotation, metadata
            annotation = others[0]
        else:
            return annotation, metadata


def field_kind(info: FieldInfo) -> tuple[str, Any]:
    """What a field holds: ('text', None), ('patterned', its pattern), ('model', the model
    class) or ('other', None). A list field is described by its items."""
    annotation, metadata = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    if get_origin(annotation) is list:
        annotation, metadata = _unwrap(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if annotation not in (str, LocalText):  # text, or text that may be given per language
        return "other", None
    patterns = [m.pattern for m in metadata if getattr(m, "pattern", None)]
    return ("patterned", patterns[0]) if patterns else ("text", None)


def text_payload(tag: str, base: str, secret: Path) -> str:
    """Script, HTML, template and Markdown injection in one text; ``tag`` tells which field."""
    return (
        f'{tag} <script>alert("{tag}");document.documentElement.dataset.pwned="{tag}"</script>'
        f"<img src=x onerror=\"alert('{tag}')\"><svg onload=alert(1)></svg>"
        "\"><b onmouseover=alert(1)>b</b>' {{ 7*7 }} {% raw %} ${7*7}"
        "</style><style>@import url(" + base + "/style.css)</style>\n\n"
        f"[js](javascript:alert('{tag}')) [file]({secret.as_uri()}) [up](../../secret.txt)"
        f" [data](data:text/html,<script>alert(1)</script>) <{base}/autolink/{tag}>\n\n"
        f"![remote]({base}/image/{tag}.png) ![local]({secret.as_uri()}) ![up](../secret.png)"
        f" ![inline](data:image/png;base64,{PIXEL_PNG})\n\n"
        f'<div onclick="alert(1)"><iframe src="{base}/frame"></iframe></div>\n'
        f'<link rel="attachment" href="{secret.as_uri()}">'
    )


def hostile_value(pattern: str | None, tag: str, base: str, secret: Path) -> str | None:
    """The most hostile text a field with ``pattern`` accepts, or None when it accepts none.

    A web address or an e-mail address may hold no spaces, but quotes and angle brackets
    pass their patterns: enough to try to break out of ``href="..."``.
    """
    if pattern is None:
        return text_payload(tag, base, secret)
    breakout = f'"><script>alert("{tag}")</script><img/src=x/onerror=alert(1)>'
    for candidate in (f"{base}/u/{tag}?{breakout}", f"{breakout}{tag}@example.org"):
        if re.search(pattern, candidate):
            return candidate
    return None


def schema_fields(models: tuple[type[BaseModel], ...]) -> set[str]:
    """'Model.field' for every field reachable from ``models`` that takes hostile text."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            kind, detail = field_kind(info)
            if kind == "model":
                todo.append(detail)
            elif kind == "text" or (
                kind == "patterned" and hostile_value(detail, "T", "http://h", Path("/s"))
            ):
                found.add(f"{model.__name__}.{name}")
    return found


Payload = Callable[[str | None, str], str | None]


def inject(model: BaseModel, payload: Payload, hit: set[str], counter: list[int]) -> BaseModel:
    """``model`` with every field that takes hostile text, set or not, set to some."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        kind, detail = field_kind(info)
        if kind in ("text", "patterned"):
            counter[0] += 1
            text = payload(detail, f"PWN{counter[0]:03d}")
            if text is None:
                continue
            update[name] = [text] if get_origin(_unwrap(info.annotation)[0]) is list else text
            hit.add(f"{type(model).__name__}.{name}")
        elif kind == "model" and isinstance(value, BaseModel):
            update[name] = inject(value, payload, hit, counter)
        elif kind == "model" and isinstance(value, list):
            update[name] = [inject(item, payload, hit, counter) for item in value]
    return model.model_copy(update=update)


@dataclass(frozen=True)
class HostileBuild:
    """The one build of the hostile plan, and what the local server was asked meanwhile."""

    data: Path
    out: Path
    secret: Path
    injected: set[str]
    requests: list[str]
    stderr: str

    @property
    def html(self) -> Path:
        return self.out / "versterkingsplan.html"

    @property
    def pdf(self) -> Path:
        return self.out / "versterkingsplan.pdf"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request (http_helpers.Recorder)."""
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


def write_hostile_plan(folder: Path, base: str, secret: Path) -> set[str]:
    """The render fixture, every string field poisoned, as YAML files in ``folder``."""
    shutil.copytree(FIXTURE, folder)
    # plan.yaml's own abbreviations are rendered in the annex: the seed gets one to poison.
    with (folder / "plan.yaml").open("a", encoding="utf-8") as plan:
        plan.write("abbreviations:\n  - term: ICT\n    meaning: informatietechnologie\n")
    validated = validate_files(load_folder(folder))
    assert validated.plan and validated.roms and not validated.problems
    hit: set[str] = set()
    counter = [0]

    def payload(pattern: str | None, tag: str) -> str | None:
        return hostile_value(pattern, tag, base, secret)

    files = [validated.plan, validated.roms, *validated.technologies.values()]
    files += validated.valuechains.values()
    for checked in files:
        model = inject(checked.model, payload, hit, counter)
        data = model.model_dump(mode="json", exclude_none=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        checked.document.file.write_text(text, encoding="utf-8")
    return hit


@pytest.fixture(scope="module")
def hostile(
    server: tuple[str, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> HostileBuild:
    base, requests = server
    home = tmp_path_factory.mktemp("hostile-render")
    secret = home / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (home / "secret.png").write_text(SECRET, encoding="utf-8")
    data = home / "data"
    injected = write_hostile_plan(data, base, secret)
    out = home / "build"
    completed = subprocess.run(
        [sys.executable, "-m", "ntsplan", "build", "--data", str(data), "--out", str(out)],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    return HostileBuild(data, out, secret, injected, list(requests), completed.stderr)


# The checks ------------------------------------------------------------------------------------


def test_every_string_field_of_the_schema_is_poisoned(hostile: HostileBuild) -> None:
    """The walk reached every field that takes hostile text; else the seed lacks a part."""
    assert hostile.injected == schema_fields(ROOT_MODELS)
    assert {"ValueChain.title", "Source.url", "Contact.email", "Rom.provinces"} <= hostile.injected


def test_html_shows_the_text_escaped_and_nothing_executable(hostile: HostileBuild) -> None:
    html = hostile.html.read_text(encoding="utf-8")
    assert_nothing_executable(html)
    assert re.search(r"PWN\d+ &lt;script&gt;alert\(&#34;PWN\d+&#34;\)", html)
    assert "{{ 7*7 }}" in html  # data is never evaluated as a template
    assert SECRET not in html


def test_build_made_no_request(hostile: HostileBuild) -> None:
    """Neither the HTML render nor WeasyPrint asked the local server for anything."""
    assert hostile.requests == []


def _images(resources: Any) -> list[str]:
    """The image XObjects of a page's resources, forms included (faster than
    ``page.images``, which decodes every image)."""
    resources = resources.get_object() if resources is not None else {}
    found = []
    for name, reference in (resources.get("/XObject") or {}).items():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Image":
            found.append(str(name))
        elif xobject.get("/Subtype") == "/Form":
            found.extend(_images(xobject.get("/Resources")))
    return found


def _pdf_text(pdf: Path, reader: PdfReader) -> str:
    """All text of the PDF: poppler's pdftotext when installed (fast), else pypdf."""
    if shutil.which("pdftotext"):
        completed = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=True,
            timeout=120,
        )
        return completed.stdout.decode("utf-8")
    return "".join(page.extract_text() for page in reader.pages)


def test_pdf_holds_no_local_file_no_image_and_no_foreign_link(hostile: HostileBuild) -> None:
    raw = hostile.pdf.read_bytes()
    reader = PdfReader(BytesIO(raw))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for marker in (b"/EmbeddedFile", b"/JavaScript", b"/Launch", b"/GoToR", b"/SubmitForm"):
        assert marker not in raw
    uris = []
    for page in reader.pages:
        assert _images(page.get("/Resources")) == []
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            assert annotation.get("/Subtype") != "/FileAttachment"
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    # The hostile web addresses are valid http links: shown and clickable, never fetched.
    assert any("/u/PWN" in uri for uri in uris)
    for uri in uris:
        assert uri.startswith(("http://", "https://", "mailto:")), uri
    text = _pdf_text(hostile.pdf, reader)
    assert SECRET not in text
    assert "<script>alert(" in text  # shown as text


# In a browser ----------------------------------------------------------------------------------

PROBE = """() => {
  const all = [...document.querySelectorAll('*')];
  // Fire what an injected handler would wait for; a handler that exists would run now.
  for (const element of all) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error', 'animationstart']) {
      element.dispatchEvent(new Event(type));
    }
  }
  return {
    pwned: document.documentElement.dataset.pwned || null,
    scripts: document.scripts.length,
    handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                                              .map(a => e.tagName + ' ' + a.name)),
    embedded: document.querySelectorAll('iframe, object, embed, img, link, base').length,
    links: [...document.querySelectorAll('[href], [src], [action]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
      .filter(h => !/^(#|https?:|mailto:)/i.test(h)),
    shown: document.body.innerText.includes('<script>alert("PWN'),
  };
}"""


PLAYWRIGHT = """
import json, sys
from playwright.sync_api import sync_playwright

url, chromium, probe = sys.argv[1], sys.argv[2], sys.stdin.read()
dialogs, requests = [], []
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium)
    try:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url, wait_until="load")
        report = page.evaluate(probe)
        page.wait_for_timeout(200)  # let a timer or a late handler show itself
    finally:
        browser.close()
report["dialogs"] = dialogs
report["requests"] = [r for r in requests if r != url]
print(json.dumps(report))
"""


def _with_playwright(page_url: str) -> dict[str, Any]:
    """Playwright in a process of its own: its sync API allows one instance per thread,
    and another test module may hold one for the whole session."""
    completed = subprocess.run(
        [sys.executable, "-c", PLAYWRIGHT, page_url, str(CHROMIUM)],
        input=PROBE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=clean_env(),
    )
    assert completed.returncode == 0, completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


def _with_dump_dom(page_url: str, tmp_path: Path) -> dict[str, Any]:
    """Chromium's own --dump-dom: the DOM after scripts ran; a script that ran would have
    set data-pwned on the root element."""
    try:
        completed = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page_url],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**clean_env(), "HOME": str(tmp_path)},
        )
    except subprocess.TimeoutExpired:
        # Headless Chromium waits for an alert() that nobody answers: a script ran.
        return {"pwned": None, "dialogs": ["(the page hung: a dialog is open)"], "requests": []}
    dom = completed.stdout
    assert "<body" in dom, completed.stderr
    report = {
        "pwned": "data-pwned" if "data-pwned" in dom else None,
        "dialogs": [],
        "requests": [],
        "shown": '&lt;script&gt;alert("PWN' in dom,
    }
    assert_nothing_executable(dom)  # the DOM as Chromium built it, not only as written
    return report


def _browsers() -> list[str]:
    names = ["dump-dom"]
    try:
        import playwright  # noqa: F401, PLC0415
    except ImportError:
        return names
    return ["playwright", *names]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")
@pytest.mark.parametrize("browser", _browsers())
def test_no_script_runs_in_a_browser(
    hostile: HostileBuild,
    server: tuple[str, list[str]],
    browser: str,
    tmp_path: Path,
) -> None:
    """Headless Chromium opens the HTML: no dialog, no script, no handler, no request."""
    url = hostile.html.as_uri()
    report = _with_playwright(url) if browser == "playwright" else _with_dump_dom(url, tmp_path)
    assert report["dialogs"] == []
    assert report["pwned"] is None
    assert report["requests"] == []
    assert server[1] == []
    assert report["shown"]  # the injected text is there, as text
    if browser == "playwright":
        assert report["scripts"] == 0
        assert report["handlers"] == []
        assert report["embedded"] == 0
        assert report["links"] == []
