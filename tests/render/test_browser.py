"""The plan in a real browser: Debian's Chromium, headless, driven by Playwright.

Playwright drives the system's /usr/bin/chromium (``executable_path``); no browser is
downloaded. ``scripts/system-packages.sh test`` installs Chromium. Every wait is bounded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO, clean_env
from serve_helpers import ServeProcess, serving, set_field

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in containers, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Bounds for what the browser must do: load a page, reload after a save.
LOAD_MS = 10_000
RELOAD_MS = 8_000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's Chromium at /usr/bin/chromium (scripts/system-packages.sh test)",
)

if CHROMIUM.exists():
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright


@dataclass
class PageWatch:
    """What went wrong in a page: console errors, uncaught exceptions, failed requests."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on(
            "response",
            lambda response: (
                self.problems.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _request_failed(self, request: Request) -> None:
        # The reload script closes its event stream on purpose just before it reloads.
        if request.url.endswith("/events") and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url}: {request.failure}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run."""
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A fresh tab (own context: no cache or storage shared between tests), watched."""
    context = browser.new_context()
    context.set_default_timeout(LOAD_MS)
    tab = context.new_page()
    watch = PageWatch()
    watch.attach(tab)
    try:
        yield tab, watch
    finally:
        context.close()


@pytest.fixture(scope="session")
def built_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan, built once per run with ``ntsplan build --only html``."""
    out = tmp_path_factory.mktemp("browser-build")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ntsplan",
            "build",
            "--data",
            "data",
            "--only",
            "html",
            "--out",
            str(out),
        ],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out / "versterkingsplan.html"


@pytest.fixture(scope="session")
def built_html_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan's English edition, built once per run."""
    out = tmp_path_factory.mktemp("browser-build-en")
    command = ["build", "data", "--only", "html", "--lang", "en", "--out", str(out)]
    completed = subprocess.run(
        [sys.executable, "-m", "ntsplan", *command],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out / "versterkingsplan.html"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, ServeProcess]]:
    """``ntsplan serve`` on a free port, against a copy of the shipped plan."""
    data = Path(shutil.copytree(REPO / "data", tmp_path / "data"))
    with serving(data, log_dir=tmp_path) as server:
        yield data, server


# --- the built file ---------------------------------------------------------------------


def test_built_html_loads_cleanly(page: tuple[Page, PageWatch], built_html: Path) -> None:
    tab, watch = page
    tab.goto(built_html.as_uri(), wait_until="load")
    expect(tab.locator("nav#contents")).to_be_visible()
    assert tab.evaluate("document.scripts.length") == 0  # the built file runs no JavaScript
    assert watch.problems == []


def test_contents_links_land_on_their_sections(
    page: tuple[Page, PageWatch], built_html: Path
) -> None:
    tab, watch = page
    tab.goto(built_html.as_uri(), wait_until="load")
    links = tab.locator("nav#contents a.toc-link")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) > 10
    missing = tab.evaluate(
        "hrefs => hrefs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))",
        hrefs,
    )
    assert missing == []
    sub_entry = tab.locator("nav#contents .toc-subentry a.toc-link").first
    chosen = [links.first, links.nth(len(hrefs) // 2), links.last, sub_entry]
    for link in chosen:
        href = link.get_attribute("href")
        assert href is not None
        link.click()
        expect(tab).to_have_url(re.compile(re.escape(href) + "$"))
        target = tab.locator(f"[id='{href[1:]}']")
        expect(target).to_have_count(1)
        expect(target).to_be_in_viewport()
        assert tab.evaluate("location.hash") == href
    assert watch.problems == []


# --- a good web page: navigation, matrices on a phone, WCAG 2.1 AA -------------------

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(tab: Page) -> list[str]:
    """What axe-core (installed by `npm ci` from package-lock.json) finds against WCAG 2.1
    A and AA, as 'rule: target' lines."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes:"
        " ['violations']})",
        WCAG_AA,
    )
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core: run `npm ci` (make test does)")
@pytest.mark.parametrize(("edition", "width"), [("nl", 1280), ("en", 390)])
def test_axe_finds_no_wcag_violations(
    page: tuple[Page, PageWatch], built_html: Path, built_html_en: Path, edition: str, width: int
) -> None:
    tab, _ = page
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto((built_html if edition == "nl" else built_html_en).as_uri(), wait_until="load")
    assert axe_violations(tab) == []


def test_wide_screens_keep_the_contents_in_a_side_column(
    page: tuple[Page, PageWatch], built_html: Path
) -> None:
    tab, watch = page
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(built_html.as_uri(), wait_until="load")
    side = tab.locator("nav.side-nav")
    expect(side).to_be_visible()
    expect(tab.locator("a.back-to-contents")).to_be_hidden()
    tab.locator("#abbreviations").scroll_into_view_if_needed()
    expect(side).to_be_in_viewport()  # still there at the end of a long page
    box = side.bounding_box()
    assert box is not None and box["x"] < 50 and box["width"] < 320
    side.locator("a[href='#conclusions']").click()
    expect(tab.locator("#conclusions")).to_be_in_viewport()
    # Contents entries look like links: underlined, in the link colour.
    title = tab.locator("nav#contents .toc-title").first
    style = title.evaluate(
        "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]"
    )
    assert style == ["underline", "rgb(21, 66, 115)"]
    assert watch.problems == []


def test_narrow_screens_have_a_way_back_to_the_contents(
    page: tuple[Page, PageWatch], built_html: Path
) -> None:
    tab, watch = page
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(built_html.as_uri(), wait_until="load")
    expect(tab.locator("nav.side-nav")).to_be_hidden()
    tab.locator("#sources").scroll_into_view_if_needed()
    back = tab.locator("a.back-to-contents")
    expect(back).to_be_in_viewport()
    back.click()
    expect(tab.locator("nav#contents h2")).to_be_in_viewport()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page
    assert watch.problems == []


def test_matrices_scroll_at_390_px_with_a_sticky_first_column(
    page: tuple[Page, PageWatch], built_html: Path
) -> None:
    tab, watch = page
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(built_html.as_uri(), wait_until="load")
    for matrix in ("matrix-technologies", "matrix-roms"):
        wrap = tab.locator(f"#{matrix} .table-wrap")
        expect(tab.locator(f"#{matrix} .scroll-hint")).to_be_visible()
        wrap.scroll_into_view_if_needed()
        widths = wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert widths[0] > widths[1]  # it does scroll
        first = tab.locator(f"#{matrix} tbody tr:first-child th").first
        before = first.bounding_box()
        last_cell = tab.locator(f"#{matrix} tbody tr:first-child td").last
        assert not last_cell.evaluate(
            "e => e.getBoundingClientRect().right <= e.closest('.table-wrap')"
            ".getBoundingClientRect().right"
        )
        wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        after = first.bounding_box()
        assert before is not None and after is not None
        assert after["x"] == pytest.approx(before["x"], abs=1)  # the chain names stay put
        assert last_cell.evaluate(
            "e => e.getBoundingClientRect().right <= e.closest('.table-wrap')"
            ".getBoundingClientRect().right + 1"
        )
    assert watch.problems == []


# --- ntsplan serve ----------------------------------------------------------------------


def test_serve_reloads_the_page_after_a_save(
    page: tuple[Page, PageWatch], served: tuple[Path, ServeProcess]
) -> None:
    tab, watch = page
    data, server = served
    tab.goto(server.url)
    heading = tab.locator("#vc-medtech h2")
    expect(heading).to_contain_text("Medtech")
    # Gone after a real reload: proves that the browser loaded the page anew by itself.
    tab.evaluate("window.beforeTheSave = true")

    set_field(data / "valuechains" / "medtech.yaml", "title", "Medtech en zorgtechnologie")

    expect(heading).to_contain_text("Medtech en zorgtechnologie", timeout=RELOAD_MS)
    assert tab.evaluate("window.beforeTheSave") is None
    assert watch.problems == []


def test_serve_shows_errors_in_the_page_and_recovers(
    page: tuple[Page, PageWatch], served: tuple[Path, ServeProcess]
) -> None:
    tab, watch = page
    data, server = served
    chain = data / "valuechains" / "medtech.yaml"
    tab.goto(server.url)
    expect(tab.locator("#vc-medtech h2")).to_contain_text("Medtech")

    line = set_field(chain, "status", '"<b>bogus</b>"')

    problems = tab.locator("ol.problems li")
    expect(problems).to_have_count(1, timeout=RELOAD_MS)
    expect(tab.locator("h1")).to_have_text("The plan has 1 error")
    expect(problems).to_contain_text(f"valuechains/medtech.yaml:{line}:9")
    expect(problems).to_contain_text("error: '<b>bogus</b>' is not allowed here")
    expect(tab.locator("ol.problems b")).to_have_count(0)  # shown as text, not as markup

    set_field(chain, "status", "concept")

    expect(tab.locator("#vc-medtech h2")).to_contain_text("Medtech", timeout=RELOAD_MS)
    expect(tab.locator("ol.problems")).to_have_count(0)
    assert watch.problems == []
