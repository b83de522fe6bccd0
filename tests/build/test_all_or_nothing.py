"""All outputs of one build, with their stamps, are replaced together, or none are.

A build of a changed plan is stopped at each step of writing its outputs (SIGKILL, and
Ctrl-C), in a child process that runs the real command line. Stopped before the commit
point (the journal), the folder holds exactly the previous build's files; stopped after
it, the next run finishes the commit first, and then every output is the new one and
none needs rendering again. The PDF renderer is replaced by a quick stand-in in these
children (the commit, not WeasyPrint, is under test; ``test_output_failures.py`` kills a
real PDF render).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE, clean_env

_CHILD = """
import hashlib, os, signal, sys, types
import ntsplan.build.commit as commit

# Stand-ins for WeasyPrint's side: no import of it, a PDF made in no time.
pdf = types.ModuleType("ntsplan.pdf.weasy.document")
fetcher = types.ModuleType("ntsplan.pdf.weasy.fetcher")
fetcher.AssetFetcher = lambda roots: None
sys.modules.update({"ntsplan.pdf.weasy.document": pdf, "ntsplan.pdf.weasy.fetcher": fetcher})

kill_at, sig = os.environ.get("KILL_AT", ""), int(os.environ.get("KILL_SIGNAL", "9"))

def stop(name):
    if name == kill_at:
        os.kill(os.getpid(), sig)

def fake_render(html, **_):
    if kill_at == "rendering the PDF":
        os.kill(os.getpid(), sig)
    data = b"%PDF-1.7 stand-in " + hashlib.sha256(html.encode()).hexdigest().encode()
    from ntsplan.pdf.result import PdfResult
    return PdfResult(data=data, pages=1)

commit.step = stop
pdf.render_pdf = fake_render
from ntsplan.cli import main
sys.argv = ["ntsplan", *sys.argv[1:]]
main()
"""

STEPS = [
    "staged versterkingsplan.html",
    "rendering the PDF",  # the HTML is staged, the PDF is being made
    "staged versterkingsplan.pdf",
    "staged versterkingsplan.xlsx",
    "staged versterkingsplan.odt",
    "staged versterkingsplan.docx",
    "journal written",
    "replaced versterkingsplan.html",
    "replaced .versterkingsplan.html.hash",
    "replaced versterkingsplan.pdf",
    "replaced .versterkingsplan.pdf.hash",
    "replaced versterkingsplan.xlsx",
    "replaced .versterkingsplan.xlsx.hash",
    "replaced versterkingsplan.odt",
    "replaced .versterkingsplan.odt.hash",
    "replaced versterkingsplan.docx",
    "replaced .versterkingsplan.docx.hash",
    "journal removed",
]
COMMITTED = STEPS.index("journal written")
OUTPUTS = (
    "versterkingsplan.html",
    "versterkingsplan.pdf",
    "versterkingsplan.xlsx",
    "versterkingsplan.odt",
    "versterkingsplan.docx",
)


def _build(
    home: Path, kill_at: str = "", sig: int = signal.SIGKILL
) -> subprocess.CompletedProcess[str]:
    env = clean_env({"KILL_AT": kill_at, "KILL_SIGNAL": str(int(sig))})
    return subprocess.run(
        # --jobs 1: the PDF from the stand-in renderer above, in this process.
        [sys.executable, "-c", _CHILD, "build", "data", "--out", "build", "--jobs", "1"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _visible(folder: Path) -> dict[str, bytes]:
    """The outputs and stamps a reader sees (staged temporaries and the journal aside)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if not p.name.endswith(".tmp") and p.name != ".ntsplan-replace.json"
    }


def _stamps_agree(folder: Path) -> set[str]:
    """The input keys the stamps record, each checked against its output's bytes (one for
    the HTML and PDF, one each for the workbook, the ODT and the DOCX)."""
    keys = set()
    for name in OUTPUTS:
        stamp = json.loads((folder / f".{name}.hash").read_text(encoding="utf-8"))
        assert stamp["output"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
        keys.add(stamp["input"])
    return keys


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A folder with a finished build of the base plan, and what that build wrote."""
    home = tmp_path_factory.mktemp("previous")
    shutil.copytree(BASE, home / "data")
    done = _build(home)
    assert done.returncode == 0, done.stderr
    written = _visible(home / "build")
    assert set(written) == {*OUTPUTS, *(f".{n}.hash" for n in OUTPUTS)}
    return home, written


def _changed_copy(previous: tuple[Path, dict[str, bytes]], target: Path) -> Path:
    home, _ = previous
    shutil.copytree(home, target)
    plan = target / "data" / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("Testplan", "Testplan 2"), "utf-8")
    return target


@pytest.mark.parametrize("kill_at", STEPS)
def test_sigkill_at_each_step_leaves_all_old_or_all_new(
    kill_at: str, previous: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    home = _changed_copy(previous, tmp_path / "home")
    stopped = _build(home, kill_at)
    assert stopped.returncode == -signal.SIGKILL, stopped.stderr
    out = home / "build"
    if STEPS.index(kill_at) < COMMITTED:
        assert _visible(out) == previous[1], "a build stopped before its commit changed files"
        assert not (out / ".ntsplan-replace.json").exists()
    # The next build finishes a commit left half done, or makes everything anew.
    again = _build(home)
    assert again.returncode == 0, again.stderr
    if STEPS.index(kill_at) >= COMMITTED:
        assert again.stderr.count("unchanged") == len(OUTPUTS), again.stderr
    new = _visible(out)
    assert all(new[name] != previous[1][name] for name in OUTPUTS)
    assert b"Testplan 2" in new["versterkingsplan.html"]
    assert len(_stamps_agree(out)) == 4  # the workbook's and the editable's have more inputs
    assert not (out / ".ntsplan-replace.json").exists()


@pytest.mark.parametrize("kill_at", ["rendering the PDF", "staged versterkingsplan.pdf"])
def test_ctrl_c_before_the_commit_leaves_the_old_outputs_and_no_temporaries(
    kill_at: str, previous: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    home = _changed_copy(previous, tmp_path / "home")
    stopped = _build(home, kill_at, signal.SIGINT)
    assert stopped.returncode not in (0, -signal.SIGKILL), stopped.stderr
    assert "Traceback" not in stopped.stderr
    out = home / "build"
    assert _visible(out) == previous[1]
    assert sorted(p.name for p in out.iterdir()) == sorted(previous[1]), "temporaries left"


def test_a_finished_build_leaves_no_journal_and_stamps_that_agree(
    previous: tuple[Path, dict[str, bytes]],
) -> None:
    home, _ = previous
    assert not (home / "build" / ".ntsplan-replace.json").exists()
    assert len(_stamps_agree(home / "build")) == 4
    assert not any(p.name.endswith(".tmp") for p in (home / "build").iterdir())
    assert os.access(home / "build" / "versterkingsplan.pdf", os.R_OK)
