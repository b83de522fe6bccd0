"""The PDF rendered in parallel parts and joined: the same document as from one process.

Two session builds of the shipped data as a tagged PDF (``--jobs 1`` and ``--jobs 2``)
are compared as a reader and assistive technology see them: the text of every page
(page numbers, "pagina X van Y", the contents' numbers), the outline, every link and
where it leads, the named destinations, the metadata and the tag tree with its
ParentTree. A smaller plan (the shipped data with four value chains) checks the per-part
cache: same bytes every run, and a rebuild after an edit that renders fewer parts and
gives the same bytes as a build from scratch, also when the edit moves page numbers.
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, clean_env

pytest.importorskip("weasyprint")
pikepdf = pytest.importorskip("pikepdf")

import pdf_facts  # noqa: E402 - after the skips

PDF = "versterkingsplan.pdf"
CHAIN = "valuechains/batterijen-energieopslag.yaml"


def _build(data: Path, out: Path, *extra: str) -> str:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ntsplan",
            "build",
            str(data),
            "--out",
            str(out),
            "--only",
            "pdf",
            *list(extra),
        ],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stderr


def _parts(stderr: str) -> tuple[int, int]:
    """(parts, parts rendered) from the build's summary line."""
    match = re.search(r"(\d+) parts, (\d+) rendered", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Pair:
    one: Path
    joined: Path
    stderr: str


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    data = tmp_path_factory.mktemp("shipped") / "data"
    shutil.copytree(REPO / "data", data)
    one = tmp_path_factory.mktemp("one")
    joined = tmp_path_factory.mktemp("joined")
    _build(data, one, "--jobs", "1", "--pdf-variant", "pdf/ua-1")
    stderr = _build(data, joined, "--jobs", "2", "--pdf-variant", "pdf/ua-1")
    return Pair(one / PDF, joined / PDF, stderr)


def test_joined_pdf_reads_as_the_one_process_pdf(shipped: Pair) -> None:
    parts, _ = _parts(shipped.stderr)
    assert parts >= 3  # the contents and at least two parts of the body
    one_text, joined_text = pdf_facts.page_texts(shipped.one), pdf_facts.page_texts(shipped.joined)
    assert len(joined_text) == len(one_text)
    for number, (expected, actual) in enumerate(zip(one_text, joined_text, strict=True), 1):
        assert actual == expected, f"page {number} differs"
    total = len(one_text)
    assert f"pagina {total} van {total}" in joined_text[-1]
    with pikepdf.open(shipped.one) as one, pikepdf.open(shipped.joined) as joined:
        assert pdf_facts.outline(joined) == pdf_facts.outline(one)
        assert pdf_facts.named_dests(joined) == pdf_facts.named_dests(one)
        one_links, joined_links = pdf_facts.links(one), pdf_facts.links(joined)
        assert joined_links == one_links
        assert not [link for link in joined_links if "MISSING" in link[2]]
        assert pdf_facts.document_facts(joined) == pdf_facts.document_facts(one)
        assert str(joined.Root.Lang) == "nl"
        tree = pdf_facts.tag_tree(joined)
        assert tree == pdf_facts.tag_tree(one)
        # One tree of the whole document: WeasyPrint hangs each page's content under the
        # /Document element, and the joined tree has every page's, in order.
        assert [element[1] for element in tree] == list(range(total))


def test_links_cross_parts(shipped: Pair) -> None:
    """The contents (the first part) links into every other part, and lands there."""
    with pikepdf.open(shipped.joined) as joined:
        targets = {link[2] for link in pdf_facts.links(joined) if link[0] < 4}
        pages = {int(t.split("-> (")[1].split(",")[0]) for t in targets if "-> (" in t}
    assert max(pages) > len(pdf_facts.page_texts(shipped.joined)) // 2


def test_joined_pdf_is_at_most_a_third_larger(shipped: Pair) -> None:
    assert shipped.joined.stat().st_size <= 1.3 * shipped.one.stat().st_size


def test_font_subsets_are_named_apart(shipped: Pair) -> None:
    with pikepdf.open(shipped.joined) as joined:
        names: dict[str, set[tuple[int, int]]] = {}
        for page in joined.pages:
            for font in page.obj.Resources.Font.values():
                names.setdefault(str(font.BaseFont), set()).add(font.objgen)
    assert all(len(objects) == 1 for objects in names.values()), names
    assert {name.split("+")[1] for name in names} == {
        "Noto-Sans",
        "Noto-Sans-Bold",
        "Noto-Sans-Italic",
    } or all("+" in name for name in names)


# --- the smaller plan: determinism and the per-part cache ----------------------------


@dataclass(frozen=True)
class Small:
    data: Path
    out: Path
    stderr: str
    timings: dict[str, Any]


def _small_plan(folder: Path) -> Path:
    shutil.copytree(REPO / "data", folder)
    chains = sorted((folder / "valuechains").glob("*.yaml"))
    for chain in chains[4:]:
        chain.unlink()
    return folder


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    data = _small_plan(tmp_path_factory.mktemp("small") / "data")
    out = tmp_path_factory.mktemp("small-out")
    timings = tmp_path_factory.mktemp("timings") / "timings.json"
    stderr = _build(data, out, "--jobs", "3", "--timings-json", str(timings))
    return Small(data, out, stderr, json.loads(timings.read_text(encoding="utf-8")))


WORKER_STEPS = [
    "start",
    "parse and style",
    "paginate",
    "wait for numbers",
    "number and draw",
    "preflight",
    "PDF write",
]


def test_timings_show_every_worker(small: Small) -> None:
    """``--timings`` of a parallel build: each part's worker reports its steps in order,
    after the build forked it; the build's own phases include the part plan and the join."""
    parts, rendered = _parts(small.stderr)
    phases = small.timings["phases"]
    build = [p["phase"] for p in phases if p["process"] == "build"]
    for name in ("typeset", "part plan", "join", "commit"):
        assert name in build, build
    workers = sorted(
        {p["process"] for p in phases} - {"build"}, key=lambda name: int(name.split()[1].strip(","))
    )
    assert len(workers) == rendered
    assert [w for w in workers if "pass" not in w] == [f"part {i}" for i in range(1, parts + 1)]
    for worker in workers:
        # A build whose chapters end on almost empty pages lays the document out a second
        # time, tighter (build/kinds/pdf.py): its workers carry the same names, so a name's
        # phases are one run per render, each beginning with "start" after its own fork.
        every = [p for p in phases if p["process"] == worker]
        forks = [p for p in phases if p["phase"] == f"fork {worker}"]
        runs = [i for i, p in enumerate(every) if p["phase"] == "start"]
        assert len(runs) == len(forks) >= 1, (worker, [p["phase"] for p in every])
        for run, (begin, end) in enumerate(itertools.pairwise([*runs, len(every)])):
            own = every[begin:end]
            steps = [p["phase"] for p in own]
            if "renumber" in steps:  # told its real page numbers: it paginated again in place
                assert worker == "part 1", worker  # the contents
                renumbered = steps[4:6] == ["renumber", "wait for numbers"]
                steps = steps[:4] + steps[6:] if renumbered else []
            if "pass" not in worker and len(own) < len(WORKER_STEPS):
                continue  # a first pass that was laid out again: it ends after the wait
            assert steps == WORKER_STEPS, (worker, [p["phase"] for p in own])
            assert own[0]["start"] >= forks[run]["start"]
            for before, after in itertools.pairwise(own):
                assert after["start"] >= before["start"] + before["wall"] - 1e-3
    steps_of_contents = [p["phase"] for p in phases if p["process"] == "part 1"]
    assert "renumber" in steps_of_contents  # a cold build: the contents' numbers came late
    summary = small.timings["summary"]
    assert 0 < summary["parallel"] < summary["wall"]
    assert abs(summary["serial"] + summary["parallel"] - summary["wall"]) < 1e-3
    assert summary["cpu_workers"] > 0


def test_page_numbers_need_no_second_layout(small: Small) -> None:
    """A cold build: the contents are laid out before the other parts know their pages;
    they are renumbered in their own process, no part is laid out twice."""
    parts, rendered = _parts(small.stderr)
    assert rendered == parts
    assert "renumbered in place" in small.stderr
    assert "again for page numbers" not in small.stderr


def test_same_bytes_every_run(small: Small, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _build(small.data, again, "--jobs", "3")
    assert (again / PDF).read_bytes() == (small.out / PDF).read_bytes()


def test_small_plan_reads_as_one_process(small: Small, tmp_path: Path) -> None:
    one = tmp_path / "one"
    _build(small.data, one, "--jobs", "1")
    assert pdf_facts.page_texts(small.out / PDF) == pdf_facts.page_texts(one / PDF)
    with pikepdf.open(one / PDF) as expected, pikepdf.open(small.out / PDF) as actual:
        assert pdf_facts.outline(actual) == pdf_facts.outline(expected)
        assert pdf_facts.links(actual) == pdf_facts.links(expected)


def _edited(small: Small, tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    """A copy of the small plan with one edit, and a copy of its build folder (cache)."""
    data = tmp_path / "data"
    shutil.copytree(small.data, data)
    chain = data / CHAIN
    text = chain.read_text(encoding="utf-8")
    assert old in text
    chain.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(small.out, out)
    return data, out


def test_rebuild_renders_only_the_parts_that_changed(small: Small, tmp_path: Path) -> None:
    data, out = _edited(
        small,
        tmp_path,
        "nl: Toegang tot testfaciliteiten voor cellen en systemen",
        "nl: Toegang tot testfaciliteiten voor batterijcellen en systemen",
    )
    parts, rendered = _parts(_build(data, out, "--jobs", "3"))
    assert rendered < parts
    cold = tmp_path / "cold"
    _build(data, cold, "--jobs", "3")
    assert (out / PDF).read_bytes() == (cold / PDF).read_bytes()
    assert "batterijcellen" in "".join(pdf_facts.page_texts(out / PDF))


def test_rebuild_when_page_numbers_move(small: Small, tmp_path: Path) -> None:
    """An edit that makes a chapter pages longer moves every later page number: the
    rebuild must give what a build from scratch gives."""
    longer = " ".join(["De werkgroep onderbouwt de marktgroei met openbare bronnen."] * 90)
    data, out = _edited(
        small,
        tmp_path,
        "      Nog geen bron: de verwachte internationale marktgroei",
        f"      {longer}\n      Nog geen bron: de verwachte internationale marktgroei",
    )
    _build(data, out, "--jobs", "3")
    cold = tmp_path / "cold"
    _build(data, cold, "--jobs", "3")
    assert (out / PDF).read_bytes() == (cold / PDF).read_bytes()
    before = pdf_facts.page_texts(small.out / PDF)
    after = pdf_facts.page_texts(out / PDF)
    assert len(after) > len(before)
    assert f"pagina {len(after)} van {len(after)}" in after[-1]


# --- units -----------------------------------------------------------------------------


def test_weasyprint_layout_is_the_one_partlayout_follows() -> None:
    """pdf/weasy/layout.py repeats WeasyPrint 70's layout_document with one step added;
    when WeasyPrint changes that function, the copy must be brought in step."""
    from weasyprint.layout import layout_document  # noqa: PLC0415

    source = inspect.getsource(layout_document)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == "a5cbf437e99caf72"


def test_weasyprint_stylesheets_are_the_ones_the_shared_sheets_follow() -> None:
    """pdf/weasy/stylesheets.py hands find_stylesheets a sheet parsed before the fork in
    place of CSS(string=...); when WeasyPrint changes either, the sharing must be checked."""
    import weasyprint  # noqa: PLC0415
    import weasyprint.css  # noqa: PLC0415

    sources = [inspect.getsource(weasyprint.css.find_stylesheets)]
    sources.append(inspect.getsource(weasyprint.CSS.__init__))
    digests = [hashlib.sha256(source.encode()).hexdigest()[:16] for source in sources]
    assert digests == ["ac92dbb80c3fd936", "8263e6979a389242"]


def test_a_lean_front_sets_the_same_running_title() -> None:
    """A part after the first has the cover's title, not the rest of the cover, and none
    of what print hides; a front without a cover is kept whole."""
    from ntsplan.pdf.parallel.parts import lean_front  # noqa: PLC0415

    front = (
        '<html><head><style>p{}</style></head><body class="concept" data-page="pagina">'
        '<a class="skip-link" href="#main">x</a><div class="page">'
        '<nav class="side-nav screen-only"><ol><li><a href="#a">A</a></li></ol></nav>'
        '<header class="cover" id="cover"><p class="cover-kicker">K</p>'
        '<h1 class="cover-title">Plan <span class="tw">titel</span></h1><dl><div>d</div></dl>'
        "</header><main>"
    )
    lean = lean_front(front)
    assert lean == (
        '<html><head><style>p{}</style></head><body class="concept" data-page="pagina">'
        '<div class="page"><header class="cover" id="cover">'
        '<h1 class="cover-title">Plan <span class="tw">titel</span></h1></header><main>'
    )
    assert lean_front(front.replace("cover-title", "title")) == front.replace(
        "cover-title", "title"
    )


def test_chapters_cut_and_join_back() -> None:
    from ntsplan.pdf.parallel.parts import split_document  # noqa: PLC0415
    from ntsplan.pdf.parallel.pipeline import plan_parts  # noqa: PLC0415

    html = (
        '<html><head><style>p > b {}</style></head><body><header id="cover">c</header>\n'
        '<main>\n<section class="chapter a" id="one"><p id="x">1<br>2</p><svg><rect/></svg>'
        '</section>\n<!-- </section> -->\n<nav class="chapter toc" id="contents">'
        '<a href="#two">t</a></nav>\n<section class="chapter b" id="two">'
        + "<p>long</p>" * 5000
        + "</section>\n</main><footer>f</footer></body></html>"
    )
    split = split_document(html)
    assert split is not None
    assert [c.id for c in split.chapters] == ["one", "contents", "two"]
    assert split.chapters[0].ids == {"one", "x"}
    assert split.front_ids == {"cover"}
    assert split.part_html(split.chapters) == html
    parts = plan_parts(split, 2)
    assert [[c.id for c in part] for part in parts] == [["one", "contents"], ["two"]]
    assert split_document("<html><body><p>no main</p></body></html>") is None


def test_checks_see_every_part_after_layout(small: Small) -> None:
    """A check after layout (the preflight) gets each part's laid-out WeasyPrint document
    and where it sits in the whole; its messages come back to the build."""
    from ntsplan.check import check_folder  # noqa: PLC0415
    from ntsplan.pdf.parallel.pipeline import RenderSettings, render_parallel  # noqa: PLC0415
    from ntsplan.plan.edition import choose_edition  # noqa: PLC0415
    from ntsplan.plan.metadata import plan_metadata  # noqa: PLC0415
    from ntsplan.render import render_html  # noqa: PLC0415
    from ntsplan.resources import assets_dir, templates_dir  # noqa: PLC0415

    plan = check_folder(small.data).plan
    assert plan is not None
    html = render_html(plan, choose_edition(plan, language="nl", rom=None, valuechain=None))

    def check(document: object, info: object) -> list[str]:
        pages = document.pages  # type: ignore[attr-defined]
        boxes = sum(1 for page in pages for _ in page._page_box.descendants())
        return [f"{info.index} {info.first_page} {len(pages)} {boxes > 0} {info.chapters[0]}"]  # type: ignore[attr-defined]

    settings = RenderSettings(
        metadata=plan_metadata(plan, language="nl"),
        base_dir=templates_dir(),
        asset_roots=(templates_dir(), assets_dir()),
        variant=None,
        key="test",
        after_layout=(check,),
    )
    result = render_parallel(html, settings, jobs=2)
    assert result is not None
    seen = sorted((line.split() for line in result.checks), key=lambda f: int(f[0]))
    assert [int(f[0]) for f in seen] == list(range(result.parts))
    first = 1
    for index, first_page, pages, has_boxes, _ in seen:
        assert int(first_page) == first, index
        assert has_boxes == "True"
        first += int(pages)
    assert first - 1 == result.pages
    assert seen[0][4] == "colophon"
