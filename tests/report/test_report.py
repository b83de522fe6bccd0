"""The reporters: exact output of each format, the colour decision, ``--format auto``.

Golden files live in tests/golden/; ``UPDATE_GOLDEN=1 pytest`` rewrites them (review the diff).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS
from ntsplan.check import CheckResult, Summary
from ntsplan.problems import Problem, Severity
from ntsplan.report import choose_format, make_reporter, use_color

CASES = TESTS / "cases"
# Errors and warnings in one file: the fixed folder every format is shown on.
REPORT_CASE = CASES / "invalid" / "workgroup"
_ANSI = re.compile(r"\033\[[0-9;]*m")


@pytest.fixture
def report_folder(plan_folder: Callable[..., Path]) -> Path:
    return plan_folder(REPORT_CASE)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_exact_output(
    fmt: str,
    report_folder: Path,
    run_cli: Callable[..., Any],
    golden: Callable[[str, str], None],
) -> None:
    result = run_cli("validate", "--data", "data", "--format", fmt, cwd=report_folder.parent)
    assert result.exit_code == 1
    assert result.stderr == ""
    golden(f"report.{fmt}", result.stdout)


def test_text_output_of_a_valid_plan(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder()
    result = invoke("validate", "--data", "data", "--format", "text", cwd=data.parent)
    assert result.stdout == (
        "valid: 6 files: 3 ROM's, 2 technologies, 2 value chains, 3 activities\n"
    )
    assert result.exit_code == 0


def test_text_output_with_warnings_only(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder(CASES / "invalid" / "count-mismatch")
    result = invoke("validate", "--data", "data", "--format", "text", cwd=data.parent)
    assert result.stdout.splitlines()[-1] == (
        "0 errors, 2 warnings in 6 files: 3 ROM's, 2 technologies, 2 value chains, 3 activities"
    )
    assert result.exit_code == 0


def test_github_output_of_a_valid_plan(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    data = plan_folder()
    result = invoke("validate", "--data", "data", "--format", "github", cwd=data.parent)
    assert result.stdout == "ntsplan: 0 error(s), 0 warning(s) in 6 file(s)\n"


def test_json_shape(plan_folder: Callable[..., Path], invoke: Callable[..., Any]) -> None:
    data = plan_folder(REPORT_CASE)
    result = invoke("validate", "--data", "data", "--format", "json", cwd=data.parent)
    report = json.loads(result.stdout)
    assert list(report) == ["problems", "summary"]
    assert list(report["summary"]) == [
        "files",
        "roms",
        "technologies",
        "valuechains",
        "activities",
        "errors",
        "warnings",
    ]
    assert all(type(v) is int for v in report["summary"].values())
    assert report["problems"]
    for problem in report["problems"]:
        assert list(problem) == ["file", "line", "column", "severity", "code", "message", "fix"]
        assert isinstance(problem["file"], str)
        assert type(problem["line"]) is int
        assert problem["line"] >= 1
        assert type(problem["column"]) is int
        assert problem["column"] >= 1
        assert problem["severity"] in ("error", "warning")
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", problem["code"])
        assert isinstance(problem["message"], str)
        fix = problem["fix"]
        assert fix is None or (
            list(fix) == ["title", "applicability", "edits"]
            and fix["applicability"] in ("safe", "unsafe")
            and all(list(e) == ["file", "start", "end", "text"] for e in fix["edits"])
        )


@pytest.mark.parametrize(
    "layout",
    [
        ("parent", "project/data", "project/data/valuechains/chips.yaml"),
        ("inside", ".", "valuechains/chips.yaml"),
        ("inside", "../data", "valuechains/chips.yaml"),
        ("sibling", "../project/data", "../project/data/valuechains/chips.yaml"),
        ("parent", "ABSOLUTE", "project/data/valuechains/chips.yaml"),
    ],
)
def test_json_files_are_relative_to_the_current_folder(
    layout: tuple[str, str, str],
    plan_folder: Callable[..., Path],
    invoke: Callable[..., Any],
    tmp_path: Path,
) -> None:
    """(where the command runs, the folder argument, the file path the report shows)."""
    where, argument, expected_file = layout
    data = plan_folder(REPORT_CASE, name="project/data")
    cwd = {"parent": tmp_path, "inside": data, "sibling": tmp_path / "other"}[where]
    cwd.mkdir(exist_ok=True)
    if argument == "ABSOLUTE":
        argument = str(data.resolve())
    result = invoke("validate", "--data", argument, "--format", "json", cwd=cwd)
    files = {p["file"] for p in json.loads(result.stdout)["problems"]}
    assert files == {expected_file}


# --- colour ----------------------------------------------------------------------------------


class FakeStream(io.StringIO):
    def __init__(self, *, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "no_color", "expected"),
    [
        (True, None, True),
        (True, "1", False),
        (True, "", True),  # no-color.org: only a non-empty NO_COLOR turns colour off
        (False, None, False),
        (False, "1", False),
    ],
)
def test_use_color(
    tty: bool, no_color: str | None, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert use_color(FakeStream(tty=tty)) is expected


def _result(problems: list[Problem]) -> CheckResult:
    errors = sum(p.is_error for p in problems)
    return CheckResult(
        plan=None,
        problems=problems,
        summary=Summary(
            files=2, roms=1, technologies=1, errors=errors, warnings=len(problems) - errors
        ),
    )


SAMPLE = [
    Problem(Path("data/a.yaml"), 3, 5, "unknown-field", "unknown field 'x'"),
    Problem(Path("data/a.yaml"), 4, 1, "count-mismatch", "few", Severity.WARNING),
]


def test_colour_only_adds_escape_codes() -> None:
    plain, coloured = io.StringIO(), io.StringIO()
    make_reporter("text", color=False).report(_result(SAMPLE), plain)
    make_reporter("text", color=True).report(_result(SAMPLE), coloured)
    assert "\033[" not in plain.getvalue()
    assert "\033[1;31merror\033[0m" in coloured.getvalue()
    assert "\033[1;33mwarning\033[0m" in coloured.getvalue()
    assert _ANSI.sub("", coloured.getvalue()) == plain.getvalue()


def test_text_reporter_counts_in_words() -> None:
    stream = io.StringIO()
    make_reporter("text", color=False).report(_result(SAMPLE), stream)
    assert stream.getvalue() == (
        "data/a.yaml:3:5: error: unknown field 'x' [unknown-field]\n"
        "data/a.yaml:4:1: warning: few [count-mismatch]\n"
        "1 error, 1 warning in 2 files: 1 ROM, 1 technology, 0 value chains, 0 activities\n"
    )


def test_github_escapes_properties_and_data() -> None:
    problem = Problem(
        Path("data/a,b:c.yaml"), 2, 7, "yaml-syntax", "100% wrong\nsecond line\r", Severity.ERROR
    )
    stream = io.StringIO()
    make_reporter("github", color=False).report(_result([problem]), stream)
    first = stream.getvalue().splitlines()[0]
    assert first == (
        "::error file=data/a%2Cb%3Ac.yaml,line=2,col=7,title=ntsplan yaml-syntax"
        "::100%25 wrong%0Asecond line%0D"
    )


@pytest.mark.parametrize(
    ("name", "env", "expected"),
    [
        ("auto", {}, "text"),
        ("auto", {"GITHUB_ACTIONS": "true"}, "github"),
        ("auto", {"GITHUB_ACTIONS": "false"}, "text"),
        ("text", {"GITHUB_ACTIONS": "true"}, "text"),
        ("json", {"GITHUB_ACTIONS": "true"}, "json"),
        ("github", {}, "github"),
    ],
)
def test_choose_format(name: str, env: dict[str, str], expected: str) -> None:
    assert choose_format(name, env) == expected


def test_auto_is_github_under_github_actions(
    report_folder: Path, run_cli: Callable[..., Any]
) -> None:
    result = run_cli(
        "validate", "--data", "data", cwd=report_folder.parent, env={"GITHUB_ACTIONS": "true"}
    )
    assert result.stdout.startswith("::error file=data/valuechains/chips.yaml,line=4,col=9,")
    assert result.exit_code == 1


def test_auto_is_plain_text_when_not_a_terminal(
    report_folder: Path, run_cli: Callable[..., Any]
) -> None:
    result = run_cli("validate", "--data", "data", cwd=report_folder.parent)
    assert result.stdout.startswith("data/valuechains/chips.yaml:4:9: error: ")
    assert "\033[" not in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_on_a_real_terminal(
    no_color: str | None,
    coloured: bool,
    report_folder: Path,
    cli_env: Callable[..., dict[str, str]],
) -> None:
    import pty  # noqa: PLC0415 - POSIX only
    import subprocess  # noqa: PLC0415

    controller, terminal = pty.openpty()
    env = cli_env({"NO_COLOR": no_color} if no_color else None)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "ntsplan", "validate", "--data", "data"],
            cwd=report_folder.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(controller)
    output = b"".join(chunks).decode("utf-8")
    assert process.returncode == 1, process.stderr
    assert ("\033[1;31merror" in output) is coloured, output
