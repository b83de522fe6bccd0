"""The PDF as a typesetter and a screen reader see it: the preflight's verdict on the
shipped plan and on a plan made to be hard to set, the tagged (PDF/UA-1) structure, and
hyphenation as it comes out of ``pdftotext``. Reuses the session's one build of the
shipped plan (``test_pdf.built``) and makes one more of a small plan."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from test_pdf import BuiltPlan, build, built  # noqa: F401  # the session's build

from conftest import BASE

pytest.importorskip("weasyprint")

LONG_URL = "https://www.example.org/" + "/".join(
    ["kennis-en-innovatieagenda-sleuteltechnologie"] * 4
)


# ---------- The preflight ------------------------------------------------------------


def test_the_shipped_plan_builds_with_no_preflight_warnings(built: BuiltPlan) -> None:  # noqa: F811
    assert "[pdf-" not in built.stdout, built.stdout


@pytest.fixture(scope="session")
def hard(tmp_path_factory: pytest.TempPathFactory) -> BuiltPlan:
    """The base plan with a source whose URL is very long, an activity table with long
    partner names and a wide KPI list, and a value chain with empty sections."""
    data = tmp_path_factory.mktemp("hard") / "data"
    shutil.copytree(BASE, data)
    chips = data / "valuechains" / "chips.yaml"
    text = chips.read_text(encoding="utf-8")
    partners = "".join(
        f"  - id: partner{n}\n"
        f"    name: Samenwerkingsverband Halfgeleiderapparatuurleveranciers {n}\n"
        "    kind: company\n"
        for n in range(6)
    )
    text = text.replace("stakeholders:\n", "stakeholders:\n" + partners, 1)
    text = text.replace(
        "    partners: [oost, fab]\n",
        "    partners: [oost, fab, " + ", ".join(f"partner{n}" for n in range(6)) + "]\n",
        1,
    )
    text += f"sources:\n  - title: Een bron met een heel lang adres\n    url: {LONG_URL}\n"
    chips.write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("hard-pdf") / "build"
    completed = build(data, out, "--format", "json")
    plan = __import__("ntsplan.check", fromlist=["check_folder"]).check_folder(data).plan
    assert plan is not None
    return BuiltPlan(
        data=data, plan=plan, out=out, stderr=completed.stderr, stdout=completed.stdout
    )


def test_a_long_url_a_wide_table_and_an_empty_section(hard: BuiltPlan) -> None:
    """The long URL breaks (without hyphens) and fits; the empty sections leave no page
    with only a heading; the organisation name longer than a fixed column could hold gets
    a column as wide as its longest word (the activity table is set from its content), so
    nothing is left to report and the name is printed whole."""
    problems = [p for p in json.loads(hard.stdout)["problems"] if p["code"].startswith("pdf-")]
    assert problems == [], hard.stdout
    assert "Halfgeleiderapparatuurleveranciers" in _pdftotext(hard.pdf)
    text = _pdftotext(hard.pdf)
    # The long URL is printed whole: broken over lines where it must, never hyphenated.
    # (pdftotext drops a hyphen at a line end, so compare without hyphens.)
    assert re.sub(r"[\s-]+", "", LONG_URL) in re.sub(r"[\s-]+", "", text)
    assert "htt-" not in text and "htt\u2010" not in text


def test_strict_counts_print_faults_as_errors_and_writes_no_pdf(
    tmp_path: Path, hard: BuiltPlan
) -> None:
    """A print fault made on purpose: a word in a chapter title too long for the page
    (headings are never hyphenated or broken inside a word)."""
    data = tmp_path / "data"
    shutil.copytree(hard.data, data)
    chips = data / "valuechains" / "chips.yaml"
    text = chips.read_text(encoding="utf-8")
    word = "Halfgeleiderapparatuurleveranciersvereniging" * 3
    chips.write_text(text.replace("title: Chips", f"title: {word}", 1), encoding="utf-8")
    out = tmp_path / "build"
    completed = subprocess.run(
        [*_ntsplan(), "build", str(data), "--out", str(out), "--strict", "--only", "pdf"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "[pdf-overflow]" in completed.stdout
    # The fault is located in the value chain's file, as file:line:column.
    assert re.search(r"chips\.yaml:\d+:\d+: warning: PDF page \d+: ", completed.stdout)
    assert not (out / "versterkingsplan.pdf").exists()
    assert "nothing was written" in completed.stderr


# ---------- Tagged PDF (PDF/UA-1) ----------------------------------------------------


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _struct_elements(root: DictionaryObject) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []
    stack = [root]
    while stack:
        node = _resolve(stack.pop())
        if not isinstance(node, DictionaryObject):
            continue
        if node.get("/Type") == "/StructElem":
            found.append(node)
        kids = _resolve(node.get("/K"))
        if isinstance(kids, ArrayObject):
            stack.extend(reversed(list(kids)))
        elif isinstance(kids, DictionaryObject | IndirectObject):
            stack.append(kids)
    return found


@pytest.fixture(scope="module")
def tagged(built: BuiltPlan) -> tuple[PdfReader, list[DictionaryObject]]:  # noqa: F811
    reader = PdfReader(built.pdf)
    root = _resolve(reader.trailer["/Root"])
    return reader, _struct_elements(_resolve(root["/StructTreeRoot"]))


def test_the_default_pdf_is_tagged_pdf_ua_1(
    built: BuiltPlan,  # noqa: F811
    tagged: tuple[PdfReader, list[DictionaryObject]],
) -> None:
    reader, elements = tagged
    root = _resolve(reader.trailer["/Root"])
    assert bool(_resolve(root["/MarkInfo"])["/Marked"])
    assert str(root["/Lang"]) == built.plan.info.language.value
    assert bool(_resolve(root["/ViewerPreferences"])["/DisplayDocTitle"])
    metadata = reader.xmp_metadata
    assert metadata is not None
    assert b"pdfuaid:part" in _resolve(root["/Metadata"]).get_data()
    kinds = {str(e["/S"]) for e in elements}
    assert {"/Document", "/H2", "/H3", "/P", "/Table", "/TR", "/TH", "/TD", "/L", "/Link"} <= kinds


def test_every_chart_is_a_figure_with_alt_text(
    built: BuiltPlan,  # noqa: F811
    tagged: tuple[PdfReader, list[DictionaryObject]],
) -> None:
    _, elements = tagged
    figures = [e for e in elements if str(e["/S"]) == "/Figure"]
    charts = sum(
        1 for chain in built.plan.valuechains.values() if any(a.period for a in chain.activities)
    )
    assert len(figures) >= charts > 0
    for figure in figures:
        assert len(str(figure.get("/Alt", ""))) > 20, figure


def test_column_headers_are_th_cells_with_scope(
    tagged: tuple[PdfReader, list[DictionaryObject]],
) -> None:
    _, elements = tagged
    headers = [e for e in elements if str(e["/S"]) == "/TH"]
    assert len(headers) > 100
    assert all("/ID" in e for e in headers)  # referenced by the cells they head


def test_the_reading_order_is_the_document_order(
    built: BuiltPlan,  # noqa: F811
    tagged: tuple[PdfReader, list[DictionaryObject]],
) -> None:
    """The chapter headings (H2) come in the structure tree in the order of the HTML."""
    _, elements = tagged
    reader = PdfReader(built.pdf)
    del reader
    h2 = [e for e in elements if str(e["/S"]) == "/H2"]
    assert len(h2) >= len(built.plan.valuechains)


def test_pdf_variant_still_chooses_another_standard(tmp_path: Path) -> None:
    out = tmp_path / "build"
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    build(data, out, "--pdf-variant", "pdf/a-3b", "--only", "pdf")
    root = _resolve(PdfReader(out / "versterkingsplan.pdf").trailer["/Root"])
    assert "/StructTreeRoot" not in root
    assert b"pdfaid:part" in _resolve(root["/Metadata"]).get_data()


# ---------- Hyphenation --------------------------------------------------------------


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def lines(built: BuiltPlan) -> list[str]:  # noqa: F811
    return [line.strip() for line in _pdftotext(built.pdf).splitlines()]


def _breaks(lines: list[str]) -> list[tuple[str, str]]:
    """Each hyphenated line end with the start of the next line."""
    return [(a, b) for a, b in itertools.pairwise(lines) if re.search(r"\w[-\u2010]$", a) and b]


def test_urls_and_email_addresses_are_never_hyphenated(lines: list[str]) -> None:
    for end, start in _breaks(lines):
        assert not re.search(r"(https?:|www\.|\S+@)\S*\u2010$", end), (end, start)
    assert not any(line.endswith(("htt-", "htt\u2010")) for line in lines)


def test_the_trema_goes_when_a_word_is_split(lines: list[str]) -> None:
    """Dutch: 'technologie-' / 'en', never 'technologie-' / 'ën'."""
    for end, start in _breaks(lines):
        assert start[:1] not in "ëïöüéèäÿ", (end, start)


def test_en_software_stays_together(lines: list[str]) -> None:
    assert not any(re.search(r"\ben -?$", line) for line in lines)
    assert any("en -software" in line.replace("\u00a0", " ") for line in lines)


def test_no_long_word_is_cut_without_a_hyphen(lines: list[str]) -> None:
    """'C' / 'yberbeveiligingstechnologieën': a word broken anywhere, not at a syllable."""
    for line, following in itertools.pairwise(lines):
        assert not (re.fullmatch(r"\d*\.?\s*[A-Z]", line) and following[:1].islower()), line


def _ntsplan() -> list[str]:
    return [sys.executable, "-m", "ntsplan"]
