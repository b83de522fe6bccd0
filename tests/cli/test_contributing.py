"""The contributors' set-up: ``.pre-commit-config.yaml`` is a configuration pre-commit
accepts, every hook runs a tool that the project's environment has, and the hooks that
check the whole tree pass on it as committed."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

CONFIG = REPO / ".pre-commit-config.yaml"


def hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_accepts_the_configuration() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    loaded = clientlib.load_config(str(CONFIG))
    assert [repo["repo"] for repo in loaded["repos"]] == ["local"]


def test_the_hooks_cover_ruff_mypy_the_layers_and_the_schemas() -> None:
    assert set(hooks()) == {"ruff-check", "ruff-format", "mypy", "lint-imports", "ntsplan-schema"}


@pytest.mark.parametrize("hook_id", sorted(hooks()))
def test_every_hook_runs_a_tool_of_the_environment(hook_id: str) -> None:
    program = shlex.split(hooks()[hook_id]["entry"])[0]
    assert (REPO / program).is_file(), f"{program} is not installed (make .venv/bin/.installed)"


@pytest.mark.parametrize("hook_id", ["lint-imports", "ntsplan-schema"])
def test_the_whole_tree_hooks_pass_on_the_repository(hook_id: str) -> None:
    hook = hooks()[hook_id]
    assert hook["pass_filenames"] is False
    done = subprocess.run(
        shlex.split(hook["entry"]), cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_hook_fails_when_a_schema_is_stale(tmp_path: Path) -> None:
    stale = tmp_path / "schemas"
    stale.mkdir()
    (stale / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    entry = [*shlex.split(hooks()["ntsplan-schema"]["entry"]), "--out", str(stale)]
    done = subprocess.run(entry, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "out of date" in done.stdout + done.stderr
