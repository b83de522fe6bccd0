"""A real word processor: LibreOffice (Debian's libreoffice-writer, headless) opens the ODT
and the DOCX and prints each to PDF. Their outlines (the navigator's headings, text and
level), their amounts and the chapters their contents list equal ntsplan's own PDF of the
same plan. Then, as a person would, it updates the contents field (Tools > Update) and
prints again: the field now gives each chapter the page it starts on.

One LibreOffice run converts both files (it takes a few seconds), with a fresh profile
(LibreOffice refuses to share one, and as root it needs its own); the update is a Basic
macro in that profile.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, TESTS, clean_env
from pdf_facts import outline, page_texts

FIXTURE = TESTS / "fixtures" / "workbook-plan"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
AMOUNT = re.compile(r"€ ?-?\d[\d.]*(?:,\d+)?")

# Open hidden, update every index (the contents field), print to PDF.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub UpdateAndPrint(inPath As String, outPath As String)
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = &quot;Hidden&quot;
  props(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, props())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(ConvertToURL(outPath), save())
  doc.close(True)
End Sub
</script:module>
"""

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="needs LibreOffice Writer (scripts/system-packages.sh test)"
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """ntsplan's PDF of the fixture plan, and LibreOffice's print of its ODT and DOCX."""
    root = tmp_path_factory.mktemp("printed")
    out = root / "build"
    for kind in ("pdf", "odt", "docx"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ntsplan",
                "build",
                "--data",
                FIXTURE,
                "--out",
                out,
                "--only",
                kind,
            ],
            cwd=REPO,
            env=clean_env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    # Two names, so that the two prints do not overwrite each other.
    shutil.copy(out / "versterkingsplan.odt", root / "from-odt.odt")
    shutil.copy(out / "versterkingsplan.docx", root / "from-docx.docx")
    assert SOFFICE is not None
    converted = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{root / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "lo"),
            str(root / "from-odt.odt"),
            str(root / "from-docx.docx"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert converted.returncode == 0, converted.stderr
    profile = root / "profile"
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, "utf-8")
    for kind in ("odt", "docx"):
        _run_macro(profile, root / f"from-{kind}.{kind}", root / "lo" / f"updated-{kind}.pdf")
    paths = {
        "ntsplan": out / "versterkingsplan.pdf",
        "odt": root / "lo" / "from-odt.pdf",
        "docx": root / "lo" / "from-docx.pdf",
        "odt-updated": root / "lo" / "updated-odt.pdf",
        "docx-updated": root / "lo" / "updated-docx.pdf",
    }
    for path in paths.values():
        assert path.is_file(), path
    return paths


def _run_macro(profile: Path, source: Path, target: Path) -> None:
    assert SOFFICE is not None
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        f'macro:///Standard.Module1.UpdateAndPrint("{source}","{target}")',
    ]
    # Its own session, so that a LibreOffice that hangs is ended with all its processes.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        process.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert target.is_file(), target


def _outline(pdf: Path, depth: int) -> list[tuple[int, str]]:
    with pikepdf.open(pdf) as document:
        return [(level, title) for level, title, _ in outline(document) if level <= depth]


def _amounts(pdf: Path) -> collections.Counter[str]:
    # A line may break between the euro sign and its number in a narrow column.
    text = re.sub(r"€\s+", "€ ", "\n".join(page_texts(pdf)))
    return collections.Counter(AMOUNT.findall(text))


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_the_headings_are_the_pdfs(printed: dict[str, Path], kind: str) -> None:
    # ntsplan's PDF bookmarks chapters and their sections; the word processor's outline
    # holds every heading, so it is compared at the same depth. The PDF's contents page
    # is a bookmark of its own; in the editable file it is the contents field.
    expected = [entry for entry in _outline(printed["ntsplan"], 1) if entry != (0, "Inhoud")]
    assert len(expected) > 20
    assert _outline(printed[kind], 1) == expected


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_the_amounts_and_totals_are_the_pdfs(printed: dict[str, Path], kind: str) -> None:
    expected = _amounts(printed["ntsplan"])
    assert sum(expected.values()) > 50
    assert _amounts(printed[kind]) == expected


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_the_contents_lists_every_chapter(printed: dict[str, Path], kind: str) -> None:
    chapters = [title for level, title in _outline(printed["ntsplan"], 0) if title != "Inhoud"]
    pages = page_texts(printed[kind])
    contents = next(
        page for page in pages if "Inhoud" in (line.strip() for line in page.splitlines())
    )
    lines = [re.sub(r"[ .]{3,}\s*\d*$", "", line).strip() for line in contents.splitlines()]
    assert [line for line in lines if line in chapters] == chapters


def test_every_page_carries_the_status_and_its_number(printed: dict[str, Path]) -> None:
    for kind in ("odt", "docx"):
        pages = page_texts(printed[kind])
        for number, page in enumerate(pages, start=1):
            assert "Concept" in page, (kind, number)
            assert f"pagina {number} van {len(pages)}" in page, (kind, number)


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_the_contents_field_updates_to_the_pages_the_chapters_start_on(
    printed: dict[str, Path], kind: str
) -> None:
    pdf = printed[f"{kind}-updated"]
    with pikepdf.open(pdf) as document:
        starts = {title: page + 1 for level, title, (page, _, _) in outline(document) if level == 0}
    chapters = [title for level, title in _outline(printed["ntsplan"], 0) if title != "Inhoud"]
    pages = page_texts(pdf)
    contents = next(
        page for page in pages if "Inhoud" in (line.strip() for line in page.splitlines())
    )
    listed = {}
    for line in contents.splitlines():
        found = re.fullmatch(r"\s*(.+?)[ .]{2,}\s*(\d+)\s*", line)
        if found:
            listed[found.group(1).strip()] = int(found.group(2))
    assert listed == {title: starts[title] for title in chapters}
