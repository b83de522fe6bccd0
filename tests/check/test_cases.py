"""Data-driven cases: every folder under tests/cases/valid and tests/cases/invalid is a test.

A case folder holds only what differs from tests/cases/base: its files are laid over a copy
of the base, ``remove.txt`` lists base files to delete, ``args.txt`` holds extra command-line
arguments (one per line), and an invalid case's ``expected.txt`` lists every problem the real
command line must report, one per line::

    relative/file.yaml:LINE:COLUMN:SEVERITY:code | key words of the fix | more key words

The key words after ``|`` (optional, case-insensitive) must all appear in that problem's
message: they record what an editor must be told to write. Adding a case is adding a folder.

Each case runs ``ntsplan validate data --format json`` through the console script's entry
point (``ntsplan.cli.main``) inside the test process: a subprocess per case would cost most of
a second each. ``test_in_process_matches_subprocess`` shows the two agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS

CASES = TESTS / "cases"
_EXPECTED_RE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+):(?P<severity>error|warning):(?P<code>[a-z-]+)"
    r"(?:\s*\|(?P<fix>.*))?$"
)

Located = tuple[str, int, int, str, str]


def _case_folders(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def _fix_words(case: Path) -> dict[Located, list[str]]:
    """The key words each expected problem's message must hold, by problem."""
    words: dict[Located, list[str]] = {}
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        match = _EXPECTED_RE.match(line.strip())
        if match and match["fix"]:
            located = (
                match["file"],
                int(match["line"]),
                int(match["column"]),
                match["severity"],
                match["code"],
            )
            words[located] = [w.strip() for w in match["fix"].split("|") if w.strip()]
    return words


def _expected(case: Path) -> list[Located]:
    problems: list[Located] = []
    for number, line in enumerate(
        (case / "expected.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip() or line.startswith("#"):
            continue
        match = _EXPECTED_RE.match(line.strip())
        assert match, f"{case.name}/expected.txt:{number}: malformed line {line!r}"
        problems.append(
            (
                match["file"],
                int(match["line"]),
                int(match["column"]),
                match["severity"],
                match["code"],
            )
        )
    return sorted(problems)


def _args(case: Path) -> list[str]:
    path = case / "args.txt"
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _validate_json(
    case: Path | None, plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> tuple[Any, dict[str, Any], list[Located]]:
    """Run ``ntsplan validate data --format json`` from the folder above the plan."""
    data = plan_folder(case)
    args = _args(case) if case else []
    result = invoke("validate", "--data", "data", "--format", "json", *args, cwd=data.parent)
    assert result.stdout.strip(), result
    report = json.loads(result.stdout)
    found: list[Located] = []
    for problem in report["problems"]:
        file = problem["file"]
        assert file.startswith("data/"), f"{file} is not relative to the current folder"
        found.append(
            (
                file.removeprefix("data/"),
                problem["line"],
                problem["column"],
                problem["severity"],
                problem["code"],
            )
        )
    return result, report, found


def _check_report_consistency(report: dict[str, Any], found: list[Located]) -> None:
    """Problems come sorted by file and position, and the summary counts them."""
    positions = [(f, line, column) for f, line, column, _, _ in found]
    assert positions == sorted(positions), "problems are not in reading order"
    errors = sum(1 for p in found if p[3] == "error")
    assert report["summary"]["errors"] == errors
    assert report["summary"]["warnings"] == len(found) - errors
    for problem in report["problems"]:
        assert problem["message"].strip(), problem


def test_base_case_is_valid(plan_folder: Callable[..., Path], invoke: Callable[..., Any]) -> None:
    result, report, found = _validate_json(None, plan_folder, invoke)
    assert found == []
    assert result.exit_code == 0
    assert report["summary"] == {
        "files": 6,
        "roms": 3,
        "technologies": 2,
        "valuechains": 2,
        "activities": 3,
        "errors": 0,
        "warnings": 0,
    }


@pytest.mark.parametrize("case", _case_folders("valid"), ids=lambda p: p.name)
def test_valid_case(
    case: Path, plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    assert not (case / "expected.txt").exists(), "a valid case expects no problems"
    result, _, found = _validate_json(case, plan_folder, invoke)
    assert found == []
    assert result.exit_code == 0, result


@pytest.mark.parametrize("case", _case_folders("invalid"), ids=lambda p: p.name)
def test_invalid_case(
    case: Path, plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    expected = _expected(case)
    assert expected, f"{case.name}: an invalid case lists at least one expected problem"
    result, report, found = _validate_json(case, plan_folder, invoke)
    assert sorted(found) == expected
    _check_report_consistency(report, found)
    messages = dict(zip(found, (p["message"] for p in report["problems"]), strict=True))
    for located, words in _fix_words(case).items():
        for word in words:
            assert word.lower() in messages[located].lower(), (located, word, messages[located])
    has_errors = any(p[3] == "error" for p in expected)
    strict = "--strict" in _args(case)
    assert result.exit_code == (1 if has_errors or strict else 0), result


def test_in_process_matches_subprocess(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], run_cli: Callable[..., Any]
) -> None:
    data = plan_folder(CASES / "invalid" / "duplicate-id")
    inside = invoke("validate", "--data", "data", "--format", "json", cwd=data.parent)
    outside = run_cli("validate", "--data", "data", "--format", "json", cwd=data.parent)
    assert (inside.exit_code, inside.stdout) == (outside.exit_code, outside.stdout)
