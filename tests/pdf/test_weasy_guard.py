"""The fence around WeasyPrint's private API: the parallel render runs only on the
WeasyPrint its copy of the layout step was checked against; on another release the PDF is
rendered in one process and the build says so in one line."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from conftest import RunCli
from ntsplan.pdf import weasy
from ntsplan.resources import package_version


def test_the_checked_version_is_the_installed_one() -> None:
    # The shipped pin and the copy agree: the parallel render is in use as installed.
    assert weasy.parallel_refusal() is None


def test_another_release_is_refused_in_one_line() -> None:
    refusal = weasy.parallel_refusal("71.0")
    assert refusal is not None
    assert "\n" not in refusal
    assert "WeasyPrint 71.0" in refusal
    assert weasy.CHECKED_VERSION in refusal
    assert "one process" in refusal


def test_a_build_on_another_release_renders_in_one_process_and_says_so(
    invoke: RunCli,
    plan_folder: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = plan_folder()  # type: ignore[operator]
    monkeypatch.setattr(weasy, "CHECKED_VERSION", "69.0")  # as if WeasyPrint had moved on
    out = tmp_path / "out"
    result = invoke("build", "--data", data, "--out", out, "--only", "pdf", "--jobs", "2")
    assert result.exit_code == 0, result
    notices = [line for line in result.stderr.splitlines() if "checked against" in line]
    assert notices == [
        f"ntsplan: warning: PDF: WeasyPrint {package_version('weasyprint')} is not the version"
        " the parallel layout was checked against (69.0); rendered in one process"
    ]
    wrote = next(line for line in result.stderr.splitlines() if line.startswith("wrote "))
    assert "parts" not in wrote  # one process: no parts
    assert len(pypdf.PdfReader(out / "versterkingsplan.pdf").pages) > 1
