"""``ntsplan build``: checks first, writes atomically, slices, options, the PDF cache.

These tests use the small base case; the shared PDF of the shipped plan is read in
``test_pdf.py``.
"""

from __future__ import annotations

import io
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import RunCli
from ntsplan.pdf.progress import Progress, stage_name

OLD_PDF = b"%PDF-1.7\n% the previous build\n"


def _outputs(folder: Path) -> list[str]:
    """The outputs a user sees: hidden cache stamps left out."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_html_only_writes_the_html(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    data = plan_folder()
    out = tmp_path / "site" / "build"  # missing folders are created
    result = invoke("build", "--data", data, "--out", out, "--only", "html")
    assert result.exit_code == 0
    assert _outputs(out) == ["versterkingsplan.html"]
    assert f"wrote {out.as_posix()}/versterkingsplan.html" in result.stderr
    html = (out / "versterkingsplan.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    again = invoke("build", "--data", data, "--out", out, "--only", "html")
    assert "versterkingsplan.html unchanged" in again.stderr


def test_data_errors_build_nothing_and_report_like_validate(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    data = plan_folder()
    (data / "plan.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "build"
    validated = invoke("validate", "--data", data, "--format", "json")
    built = invoke("build", "--data", data, "--out", out, "--format", "json")
    assert built.exit_code == validated.exit_code == 1
    assert json.loads(built.stdout) == json.loads(validated.stdout)
    assert "nothing was built" in built.stderr
    assert _outputs(out) == []


def test_json_format_keeps_stdout_machine_readable(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    result = invoke(
        "build",
        "--data",
        plan_folder(),
        "--out",
        tmp_path / "b",
        "--only",
        "html",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["errors"] == 0
    assert "wrote" in result.stderr


@pytest.mark.parametrize(
    "case",
    [
        ("--rom", "zuidd", "unknown ROM 'zuidd' — did you mean 'zuid'?"),
        ("--valuechain", "chip", "unknown value chain 'chip' — did you mean 'chips'?"),
        ("--pdf-variant", "pdf/a-9z", "unknown PDF variant 'pdf/a-9z'"),
    ],
)
def test_unknown_choices_are_usage_errors(
    invoke: RunCli,
    plan_folder: Callable[..., Path],
    tmp_path: Path,
    case: tuple[str, str, str],
) -> None:
    option, value, expected = case
    out = tmp_path / "build"
    result = invoke("build", "--data", plan_folder(), "--out", out, option, value)
    assert result.exit_code == 2
    assert f"ntsplan: error: {expected}" in result.stderr
    assert _outputs(out) == []


def test_invalid_variant_lists_the_valid_ones(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    result = invoke(
        "build", "--data", plan_folder(), "--out", tmp_path / "b", "--pdf-variant", "pdfa"
    )
    assert result.exit_code == 2
    assert "valid variants:" in result.stderr
    assert "pdf/a-3b" in result.stderr
    assert "pdf/ua-1" in result.stderr


def test_a_slice_is_written_under_its_own_name(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "build"
    result = invoke(
        "build", "--data", plan_folder(), "--out", out, "--only", "html", "--rom", "zuid"
    )
    assert result.exit_code == 0
    assert _outputs(out) == ["versterkingsplan-zuid.html"]


def test_unwritable_output_folder_is_an_environment_error(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = invoke("build", "--data", plan_folder(), "--out", blocker / "build", "--only", "html")
    assert result.exit_code == 2
    assert f"ntsplan: error: cannot write {blocker / 'build'}" in result.stderr
    assert "--out" in result.stderr  # the hint says what to do


@pytest.mark.parametrize("failure", ["render", "interrupt", "disk"])
def test_a_failed_pdf_build_leaves_the_previous_pdf_intact(
    invoke: RunCli,
    plan_folder: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    import ntsplan.atomic  # noqa: PLC0415
    import ntsplan.pdf.parallel.pipeline  # noqa: PLC0415
    import ntsplan.pdf.weasy.document  # noqa: PLC0415

    out = tmp_path / "build"
    out.mkdir()
    (out / "versterkingsplan.pdf").write_bytes(OLD_PDF)

    def fail(*args: object, **kwargs: object) -> None:
        if failure == "interrupt":
            raise KeyboardInterrupt
        if failure == "disk":
            raise OSError(28, "No space left on device")
        raise RuntimeError("layout failed")

    if failure == "disk":
        monkeypatch.setattr(ntsplan.atomic.os, "fsync", fail)
    else:  # in one process and in parallel parts (the default on more than one CPU)
        monkeypatch.setattr(ntsplan.pdf.weasy.document, "render_pdf", fail)
        monkeypatch.setattr(ntsplan.pdf.parallel.pipeline, "render_parallel", fail)
    result = invoke("build", "--data", plan_folder(), "--out", out, "--only", "pdf")
    assert result.exit_code == {"render": 2, "interrupt": 130, "disk": 2}[failure]
    assert (out / "versterkingsplan.pdf").read_bytes() == OLD_PDF
    # No temporary file and no stamp left, hidden ones included.
    assert sorted(p.name for p in out.iterdir()) == ["versterkingsplan.pdf"]
    if failure == "disk":
        assert "No space left on device" in result.stderr


def test_a_data_change_renders_the_pdf_again(
    run_cli: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    data = plan_folder()
    out = tmp_path / "build"
    first = run_cli("build", "--data", data, "--out", out)
    assert first.exit_code == 0
    pdf = out / "versterkingsplan.pdf"
    assert "wrote" in first.stderr
    before = pdf.read_bytes()
    assert "skipped the PDF render" in run_cli("build", "--data", data, "--out", out).stderr
    plan = data / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('edition: "0.1"', 'edition: "0.2"'),
        encoding="utf-8",
    )
    changed = run_cli("build", "--data", data, "--out", out)
    assert f"wrote {out.as_posix()}/versterkingsplan.pdf" in changed.stderr
    assert "skipped" not in changed.stderr
    assert pdf.read_bytes() != before
    assert PdfReader(pdf).metadata is not None


def test_an_edit_that_changes_no_content_renders_nothing(
    invoke: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    """The cache key is the validated plan, not the file bytes: a new comment or another
    quoting style changes nothing in the document, so nothing is rendered again."""
    data = plan_folder()
    out = tmp_path / "build"
    assert invoke("build", "--data", data, "--out", out, "--only", "html").exit_code == 0
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text("# a comment an editor added\n" + text, encoding="utf-8")
    again = invoke("build", "--data", data, "--out", out, "--only", "html")
    assert "versterkingsplan.html unchanged" in again.stderr
    assert "skipped the HTML render" in again.stderr
    plan.write_text(text.replace('edition: "0.1"', 'edition: "0.3"'), encoding="utf-8")
    changed = invoke("build", "--data", data, "--out", out, "--only", "html")
    assert f"wrote {out.as_posix()}/versterkingsplan.html" in changed.stderr


def test_pdf_ua_variant_gives_a_tagged_pdf(
    run_cli: RunCli, plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "build"
    result = run_cli(
        "build", "--data", plan_folder(), "--out", out, "--only", "pdf", "--pdf-variant", "pdf/ua-1"
    )
    assert result.exit_code == 0
    root = PdfReader(out / "versterkingsplan.pdf").trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_progress_names_weasyprints_stages() -> None:
    assert stage_name("Step 5 - Creating layout - Page 12") == "laying out page 12"
    assert stage_name("Step 5 - Creating layout - Repagination #2") == (
        "checking page references (pass 2)"
    )
    assert stage_name("Step 6 - Creating PDF") == "writing PDF"
    assert stage_name("something else") is None


def test_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()  # isatty() is False
    with Progress(stream) as progress:
        progress.stage("writing PDF")
        logging.getLogger("weasyprint.progress").info("Step 6 - Creating PDF")
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_shows_the_stage() -> None:
    stream = io.StringIO()
    with Progress(stream, enabled=True):
        logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout - Page %d", 3)
        deadline = time.monotonic() + 10
        while "laying out page 3" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
    shown = stream.getvalue()
    assert "laying out page 3" in shown
    assert shown.endswith("\r\033[K")  # the line is cleared for the summary
    assert logging.getLogger("weasyprint.progress").handlers == []


def test_cli_module_does_not_import_weasyprint() -> None:
    """``validate`` must start fast: importing the CLI leaves WeasyPrint alone."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, ntsplan.cli; print('weasyprint' in sys.modules)"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert completed.stdout.strip() == "False"
