"""The PDF as a reader sees it: pages, outline, contents page numbers, fonts, metadata.

One PDF is built per test session (PDF rendering is slow) from the shipped ``data/`` when
it validates, else from the test base case; every test here reads that one file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import BASE, REPO, clean_env
from ntsplan.check import check_folder
from ntsplan.link import Plan

pytest.importorskip("weasyprint")


def plan_source() -> Path:
    """The shipped data when it is valid, else the test base case."""
    for candidate in (REPO / "data", BASE):
        if candidate.is_dir() and check_folder(candidate).plan is not None:
            return candidate
    pytest.fail("neither data/ nor tests/cases/base/ holds a valid plan")


def build(data: Path, out: Path, *extra: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``ntsplan build`` in a separate process."""
    completed = subprocess.run(
        [sys.executable, "-m", "ntsplan", "build", "--data", str(data), "--out", str(out), *extra],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@dataclass(frozen=True)
class BuiltPlan:
    """The session's build: where it came from and what it wrote."""

    data: Path
    plan: Plan
    out: Path
    stderr: str
    stdout: str = ""

    @property
    def pdf(self) -> Path:
        return self.out / "versterkingsplan.pdf"

    @property
    def html(self) -> Path:
        return self.out / "versterkingsplan.html"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltPlan:
    # A snapshot of the plan, so every test here reads the same input.
    data = tmp_path_factory.mktemp("plan") / "data"
    shutil.copytree(plan_source(), data)
    plan = check_folder(data).plan
    assert plan is not None
    out = tmp_path_factory.mktemp("pdf") / "build"
    completed = build(data, out)
    return BuiltPlan(
        data=data, plan=plan, out=out, stderr=completed.stderr, stdout=completed.stdout
    )


@pytest.fixture(scope="session")
def reader(built: BuiltPlan) -> PdfReader:
    return PdfReader(built.pdf)


class _ChapterHeadings(HTMLParser):
    """The text of each chapter's h2 in the HTML: what the outline must list."""

    def __init__(self) -> None:
        super().__init__()
        self.depth: list[bool] = []  # per open element: is it a chapter?
        self.in_heading = False
        self.current: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("section", "nav"):
            self.depth.append("chapter" in classes)
        if tag == "h2" and self.depth and self.depth[-1]:
            self.in_heading = True
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("section", "nav") and self.depth:
            self.depth.pop()
        if tag == "h2" and self.in_heading:
            self.in_heading = False
            self.headings.append(_squash("".join(self.current)))

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.current.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _outline_titles(reader: PdfReader) -> Iterator[tuple[int, str, int]]:
    def walk(items: list[object], level: int) -> Iterator[tuple[int, str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)  # type: ignore[arg-type]
                yield level, _squash(item.title), page + 1  # type: ignore[attr-defined]

    yield from walk(reader.outline, 1)


def test_every_chapter_and_value_chain_is_bookmarked(built: BuiltPlan, reader: PdfReader) -> None:
    parser = _ChapterHeadings()
    parser.feed(built.html.read_text(encoding="utf-8"))
    assert len(parser.headings) >= 5
    top_level = [title for level, title, _ in _outline_titles(reader) if level == 1]
    for heading in parser.headings:
        assert heading in top_level
    for chain in built.plan.valuechains.values():
        assert any(title.endswith(_squash(chain.title)) for title in top_level), chain.title
    assert len(reader.pages) >= len(parser.headings) + 1  # the cover, one page per chapter


_TOC_LINE = re.compile(r"^(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)$")


def test_contents_page_numbers_are_where_the_chapters_start(reader: PdfReader) -> None:
    pages = [[_squash(line) for line in page.extract_text().splitlines()] for page in reader.pages]
    toc_pages = [n for n, lines in enumerate(pages) if any(_TOC_LINE.match(x) for x in lines)]
    assert toc_pages, "no table of contents with page numbers found"
    entries = [
        (match["title"], int(match["page"]))
        for n in toc_pages
        for line in pages[n]
        if (match := _TOC_LINE.match(line))
    ]
    assert len(entries) >= 5
    texts = [" ".join(lines) for lines in pages]
    for title, printed in entries:
        # The first page after the cover, other than the contents, that holds the heading
        # (a long heading wraps, so the page's text is searched as one line).
        starts = [
            n + 1 for n, text in enumerate(texts) if n > 0 and n not in toc_pages and title in text
        ]
        assert starts, f"heading {title!r} not found on any page"
        assert starts[0] == printed, f"{title!r}: contents say page {printed}, found {starts[0]}"


def test_fonts_are_embedded_noto_sans_only(built: BuiltPlan) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    listing = subprocess.run(
        ["pdffonts", str(built.pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "the PDF has no fonts"
    for row in listing:
        name, *_, emb, _sub, _uni, _obj, _gen = row.split()
        assert emb == "yes", row
        assert re.fullmatch(r"[A-Z]{6}\+Noto-Sans(-[A-Za-z]+)?", name), row


def test_metadata_comes_from_plan_yaml(built: BuiltPlan, reader: PdfReader) -> None:
    info = built.plan.info
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == info.title
    for rom_id in info.publishers:
        assert built.plan.roms[rom_id].name in (metadata.author or "")
    stamp = "D:" + info.date.strftime("%Y%m%d")
    assert metadata["/CreationDate"] == stamp
    assert metadata["/ModDate"] == stamp
    assert reader.trailer["/Root"]["/Lang"] == info.language.value


def test_first_page_is_the_cover_without_header_or_footer(reader: PdfReader) -> None:
    cover = reader.pages[0].extract_text()
    second = reader.pages[1].extract_text()
    assert not re.search(r"(pagina|page) \d+ (van|of) \d+", cover)
    total = len(reader.pages)
    assert re.search(rf"(pagina|page) 2 (van|of) {total}", second)


def test_rebuild_without_changes_skips_the_pdf(built: BuiltPlan, tmp_path: Path) -> None:
    out = tmp_path / "build"
    shutil.copytree(built.out, out)
    before = (out / "versterkingsplan.pdf").stat()
    completed = build(built.data, out)
    assert "skipped the PDF render" in completed.stderr
    after = (out / "versterkingsplan.pdf").stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert (out / "versterkingsplan.pdf").read_bytes() == built.pdf.read_bytes()


def test_same_input_gives_identical_files_in_another_process(
    built: BuiltPlan, tmp_path: Path
) -> None:
    """A second process, another output folder and another working directory."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    completed = build(built.data.resolve(), other / "out", cwd=other)
    assert "wrote" in completed.stderr
    assert (other / "out" / "versterkingsplan.html").read_bytes() == built.html.read_bytes()
    assert (other / "out" / "versterkingsplan.pdf").read_bytes() == built.pdf.read_bytes()
