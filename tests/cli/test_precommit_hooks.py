"""``.pre-commit-hooks.yaml``: the hook that plan repositories use from their own
``.pre-commit-config.yaml``. It is a valid manifest, it runs when (and only when) a commit
touches a plan file, and what it runs exists and checks the whole folder.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, TESTS, RunCli

MANIFEST = REPO / ".pre-commit-hooks.yaml"
CASES = TESTS / "cases"

# The keys pre-commit reads from a hook manifest (pre_commit.clientlib.MANIFEST_HOOK_DICT).
HOOK_KEYS = {
    "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or",
    "exclude_types", "additional_dependencies", "args", "always_run", "fail_fast",
    "pass_filenames", "description", "language_version", "log_file", "require_serial",
    "stages", "verbose", "minimum_pre_commit_version",
}  # fmt: skip


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


HOOK = hooks()["ntsplan-validate"]


def test_the_hook_is_declared_as_the_issue_asks() -> None:
    assert list(hooks()) == ["ntsplan-validate"]
    assert set(HOOK) <= HOOK_KEYS
    assert HOOK["entry"] == "ntsplan validate"
    assert HOOK["language"] == "python"
    assert HOOK["pass_filenames"] is False
    assert HOOK["always_run"] is False
    assert HOOK["require_serial"] is True
    assert HOOK["name"]
    assert HOOK["description"]


def test_pre_commit_accepts_the_manifest() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    (loaded,) = clientlib.load_manifest(str(MANIFEST))
    assert loaded["id"] == "ntsplan-validate"


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("data/plan.yaml", True),
        ("data/roms.yaml", True),
        ("data/technologies/quantum.yaml", True),
        ("data/valuechains/eiwittransitie.yaml", True),
        ("plan.yaml", True),  # a repository whose root is the plan folder
        ("plans/2026/valuechains/chips.yaml", True),
        ("data/valuechains/chips.yml", True),  # ntsplan says to rename it
        ("data/valuechains/notes.txt", True),  # ntsplan says it is ignored
        ("data/roms.yml", True),
        ("README.md", False),
        ("data/README.md", False),
        ("data/other.yaml", False),
        ("myplan.yaml", False),
        (".github/workflows/ntsplan.yml", False),
        ("docs/technologies.md", False),
    ],
)
def test_files_pattern(path: str, matches: bool) -> None:
    # pre-commit matches with re.search on the path relative to the repository root.
    assert bool(re.search(HOOK["files"], path)) is matches


def test_the_entry_checks_the_plan_folder_of_the_repository(
    plan_folder: Callable[..., Path], run_cli: RunCli
) -> None:
    """pre-commit runs the entry from the repository root without file names: ntsplan
    checks ``data`` there, every file of it."""
    data = plan_folder(CASES / "invalid" / "workgroup")
    command, *args = shlex.split(HOOK["entry"])
    assert command == "ntsplan"
    result = run_cli(*args, cwd=data.parent)
    assert result.exit_code == 1
    assert result.stdout.startswith("data/valuechains/chips.yaml:4:9: error: ")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.nl", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_runs_the_hook_only_for_plan_files(
    plan_folder: Callable[..., Path], cli_env: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    """The real pre-commit, with the manifest's hook as a local hook (``language: system``
    uses the ntsplan on the PATH instead of installing one from PyPI)."""
    pytest.importorskip("pre_commit")
    data = plan_folder()
    repo = data.parent
    local = {**HOOK, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "README.md").write_text("A plan.\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "a valid plan")
    env = cli_env({"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")})
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"

    def pre_commit_run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    (repo / "README.md").write_text("A plan, edited.\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    skipped = pre_commit_run()
    assert skipped.returncode == 0, skipped
    assert "(no files to check)Skipped" in skipped.stdout

    chips = data / "valuechains" / "chips.yaml"
    chips.write_text(
        chips.read_text(encoding="utf-8").replace("status: concept", "status: klaar"),
        encoding="utf-8",
    )
    _git(repo, "add", "data")
    failed = pre_commit_run()
    assert failed.returncode == 1, failed
    assert "ntsplan validate" in failed.stdout
    assert "Failed" in failed.stdout
    expected = "data/valuechains/chips.yaml:2:9: error: 'klaar' is not one of the values here"
    assert expected in failed.stdout
