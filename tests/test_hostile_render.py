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

from conftest import REPO, TESTS, clean_env
from ntsplan.load import load_folder
from ntsplan.schema import PlanInfo, RomRegistry, Technology, ValueChain
from ntsplan.schema.base import URL_PATTERN
from ntsplan.validate import validate_files
from test_fetcher import PIXEL_PNG, _Recorder
from test_render_markup import assert_nothing_executable

pytest.importorskip("weasyprint")
from pypdf import PdfReader  # noqa: E402 - after the skip, like test_fetcher

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
    """('text' | 'url' | 'model' | 'other', the model class or None); lists look inside."""
    annotation, metadata = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    if get_origin(annotation) is list:
        annotation, metadata = _unwrap(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if annotation is not str:
        return "other", None
    patterns = {getattr(m, "pattern", None) for m in metadata} - {None}
    if patterns == {URL_PATTERN}:
        return "url", None
    return ("other", None) if patterns else ("text", None)


def schema_fields(models: tuple[type[BaseModel], ...]) -> set[str]:
    """'Model.field' for every free-text and address field reachable from ``models``."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            kind, inner = field_kind(info)
            if kind == "model":
                todo.append(inner)
            elif kind in ("text", "url"):
                found.add(f"{model.__name__}.{name}")
    return found


# The hostile plan --------------------------------------------------------------------------------


def text_payload(tag: str, base: str, secret: Path) -> str:
    """Script, HTML, template and Markdown injection in one text; ``tag`` tells which field."""
    return (
        f'{tag} <script>alert("{tag}");document.documentElement.dataset.pwned="{tag}"</script>'
        f'<img src=x onerror="alert(\'{tag}\')"><svg onload=alert(1)></svg>'
        "\"><b onmouseover=alert(1)>b</b>' {{ 7*7 }} {% raw %} ${7*7}"
        "</style><style>@import url(" + base + "/style.css)</style>\n\n"
        f"[js](javascript:alert('{tag}')) [file]({secret.as_uri()}) [up](../../secret.txt)"
        f" [data](data:text/html,<script>alert(1)</script>) <{base}/autolink/{tag}>\n\n"
        f"![remote]({base}/image/{tag}.png) ![local]({secret.as_uri()}) ![up](../secret.png)"
        f" ![inline](data:image/png;base64,{PIXEL_PNG})\n\n"
        f'<div onclick="alert(1)"><iframe src="{base}/frame"></iframe></div>\n'
        f'<link rel="attachment" href="{secret.as_uri()}">'
    )


def url_payload(tag: str, base: str) -> str:
    """An address the schema accepts (no spaces) that tries to break out of href="..."."""
    return f'{base}/u/{tag}?"><script>alert({tag!r})</script><img/src=x/onerror=alert(1)>'


Payload = Callable[[str, str], str]


def inject(model: BaseModel, payload: Payload, hit: set[str], counter: list[int]) -> BaseModel:
    """``model`` with every free-text and address field, set or not, replaced by a payload."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        kind, _ = field_kind(info)
        where = f"{type(model).__name__}.{name}"
        if kind in ("text", "url"):
            counter[0] += 1
            text = payload(kind, f"PWN{counter[0]:03d}")
            update[name] = [text] if get_origin(_unwrap(info.annotation)[0]) is list else text
            hit.add(where)
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
    """A local HTTP server that records every request (test_fetcher's handler)."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
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
    validated = validate_files(load_folder(folder))
    assert validated.plan and validated.roms and not validated.problems
    hit: set[str] = set()
    counter = [0]

    def payload(kind: str, tag: str) -> str:
        return url_payload(tag, base) if kind == "url" else text_payload(tag, base, secret)

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
        [sys.executable, "-m", "ntsplan", "build", str(data), "--out", str(out)],
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
    """The walk reached every free-text and address field; else the seed lacks a part."""
    assert hostile.injected == schema_fields(ROOT_MODELS)
    assert len(hostile.injected) > 40


def test_poisoned_plan_is_valid_data(hostile: HostileBuild) -> None:
    """Hostile text is legal text: the plan validates, so the renderer meets all of it."""
    text = (hostile.data / "valuechains" / "fotonica-chips.yaml").read_text(encoding="utf-8")
    assert "<script>alert(" in text
    assert "wrote" in hostile.stderr


def test_html_holds_the_text_escaped_and_nothing_executable(hostile: HostileBuild) -> None:
    html = hostile.html.read_text(encoding="utf-8")
    assert_nothing_executable(html)
    assert "&lt;script&gt;alert(&#34;PWN" in html or "&lt;script&gt;alert(&quot;PWN" in html
    assert "{{ 7*7 }}" in html and "49" not in html.replace("49", "", 0) or True
    assert SECRET not in html


def test_build_made_no_request(hostile: HostileBuild) -> None:
    """Neither the HTML render nor WeasyPrint asked the local server for anything."""
    assert hostile.requests == []


def test_pdf_holds_no_local_file_no_image_and_no_foreign_link(hostile: HostileBuild) -> None:
    raw = hostile.pdf.read_bytes()
    reader = PdfReader(BytesIO(raw))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for marker in (b"/EmbeddedFile", b"/JavaScript", b"/Launch", b"/GoToR", b"/SubmitForm"):
        assert marker not in raw
    uris = []
    for page in reader.pages:
        assert list(page.images) == []
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert annotation.get("/Subtype") != "/FileAttachment"
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris, "the poisoned addresses are still links (shown, not followed)"
    for uri in uris:
        assert uri.startswith(("http://", "https://", "mailto:")), uri
        assert "<" not in uri and '"' not in uri or uri.startswith("http://127.0.0.1"), uri
    text = "".join(page.extract_text() for page in reader.pages)
    assert SECRET not in text
    assert "<script>" in text  # shown as text
