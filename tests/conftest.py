"""Shared fixtures: the real command line in a subprocess, and plan folders built from cases."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
BASE = CASES / "base"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent

# Files of a case folder that describe the case instead of being part of the plan.
CASE_META = frozenset({"expected.txt", "remove.txt", "args.txt", "README.md"})

# Variables that change what ntsplan prints; a test that wants one sets it explicitly.
_CLEARED_ENV = ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CI")


@dataclass(frozen=True)
class CliResult:
    """What a run of the command line did. The repr shows everything, so that a failing
    assertion on a result prints the command's output."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return (
            f"CliResult(args={self.args!r}, exit_code={self.exit_code})\n"
            f"--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}--- end ---"
        )


RunCli = Callable[..., CliResult]


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without the variables that steer ntsplan's output,
    with a fixed terminal width (help text wraps by it), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    env["COLUMNS"] = "100"
    env["TERM"] = "dumb"
    env.update(extra or {})
    return env


@pytest.fixture
def cli_env() -> Callable[..., dict[str, str]]:
    """``cli_env(extra)``: the environment ``run_cli`` gives the command line."""
    return clean_env


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``python -m ntsplan ARGS`` for real: ``run_cli("validate", "--data", "data", cwd=...,
    env={"NO_COLOR": "1"})``. Fails the test if stderr holds a Python traceback, unless
    ``traceback_ok=True``."""

    def run(
        *args: str | os.PathLike[str],
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        module: str = "ntsplan",
        traceback_ok: bool = False,
    ) -> CliResult:
        argv = tuple(os.fspath(a) for a in args)
        completed = subprocess.run(
            [sys.executable, "-m", module, *argv],
            cwd=cwd or REPO,
            env=clean_env(env),
            capture_output=True,
            check=False,
            timeout=120,
        )
        result = CliResult(
            argv,
            completed.returncode,
            completed.stdout.decode("utf-8"),
            completed.stderr.decode("utf-8"),
        )
        # Shown by pytest when the test fails.
        print(repr(result))
        if not traceback_ok:
            assert "Traceback" not in result.stderr, result
        return result

    return run


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[RunCli]:
    """Like ``run_cli`` but in this process: ``ntsplan.cli.main()`` with ``sys.argv`` set,
    the same entry point the console script calls. Used for the many data-driven cases,
    where a subprocess per case (most of a second each) would make the suite slow."""
    from ntsplan.cli import main  # noqa: PLC0415 - the code under test, imported late

    def run(
        *args: str | os.PathLike[str],
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> CliResult:
        argv = tuple(os.fspath(a) for a in args)
        with monkeypatch.context() as patch:
            for name in _CLEARED_ENV:
                patch.delenv(name, raising=False)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            patch.chdir(cwd or REPO)
            patch.setattr(sys, "argv", ["ntsplan", *argv])
            capsys.readouterr()
            with pytest.raises(SystemExit) as stopped:
                main()
            out, err = capsys.readouterr()
        code = stopped.value.code
        result = CliResult(argv, code if isinstance(code, int) else 1, out, err)
        print(repr(result))
        assert "Traceback" not in result.stderr, result
        return result

    yield run


def build_case(case: Path | None, destination: Path) -> Path:
    """A plan folder at ``destination``: the base case with ``case``'s files laid over it
    and the files named in its ``remove.txt`` deleted."""
    shutil.copytree(BASE, destination, symlinks=True)
    if case is None:
        return destination
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if relative.as_posix() in CASE_META:
            continue
        target = destination / relative
        if source.is_dir() and not source.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        shutil.copy2(source, target, follow_symlinks=False)
    remove = case / "remove.txt"
    if remove.is_file():
        for line in remove.read_text(encoding="utf-8").splitlines():
            name = line.strip()
            if not name or name.startswith("#"):
                continue
            path = destination / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    return destination


@pytest.fixture
def plan_folder(tmp_path: Path) -> Callable[..., Path]:
    """``plan_folder()`` copies the base case to ``tmp_path/data``; ``plan_folder(case)``
    lays a case folder over it; returns the folder."""

    def make(case: Path | None = None, name: str = "data") -> Path:
        return build_case(case, tmp_path / name)

    return make


def _assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN", "") not in ("", "0"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """``golden(name, text)`` compares ``text`` with ``tests/golden/NAME``; with
    ``UPDATE_GOLDEN=1`` in the environment it rewrites the file instead."""
    return _assert_golden


# The test groups. The fast stages need nothing beyond Python (`make test-fast`); every
# other test is `slow`, and the groups below say what a file needs besides. Markers go by
# folder or file, here in one place, so a new test file in a slow folder is marked too.
FAST_STAGES = ("check", "load", "validate", "link", "report", "status", "diff", "fix")
NEEDS = {
    "pdf": ("pdf/", "build/"),
    "browser": ("render/test_browser.py", "render/test_hostile_render.py"),
    "libreoffice": ("workbook/test_workbook_libreoffice.py", "editable/test_libreoffice.py"),
    "node": (
        "lsp/test_vscode_extension.py",
        "lsp/test_yaml_language_server.py",
        "lsp/test_neovim.py",
    ),
}
SHARED_BUILDS = {"pdf/test_pdf.py": "pdf-built", "pdf/test_print_quality.py": "pdf-built"}
"""Files that share a session fixture (one build of the shipped plan): kept on one worker."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its groups, and keep each file's tests on one xdist worker
    (``--dist loadgroup``), so a module's or session's fixtures are made once, not once
    per worker."""
    tests = Path(__file__).parent
    for item in items:
        try:
            where = item.path.relative_to(tests).as_posix()
        except ValueError:  # pragma: no cover - a test outside tests/
            continue
        if where.split("/", 1)[0] not in FAST_STAGES:
            item.add_marker(pytest.mark.slow)
        for marker, places in NEEDS.items():
            if where.startswith(places):
                item.add_marker(getattr(pytest.mark, marker))
        item.add_marker(pytest.mark.xdist_group(SHARED_BUILDS.get(where, where)))
