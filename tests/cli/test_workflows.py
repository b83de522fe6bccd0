"""The GitHub Actions workflow that users copy into their plan repositories (and that is
this repository's own CI): it parses, it calls only commands and options that exist, its
steps do what a reader of the pull request sees, and it uploads what ``build`` writes.

Steps are run here as GitHub runs them (``bash -eo pipefail``), with the workflow's own
variables, so that the job summary and the annotations are tested, not just described.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, TESTS, RunCli
from ntsplan.plan.edition import OUTPUT_STEM

WORKFLOW = REPO / ".github" / "workflows" / "ntsplan.yml"
CASES = TESTS / "cases"
SYSTEM_PACKAGES = REPO / "scripts" / "system-packages.sh"


def load_workflow() -> dict[str, Any]:
    """The workflow as a mapping. PyYAML reads the key ``on`` as the boolean True (YAML 1.1),
    so it is put back under ``"on"``."""
    workflow: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


WF = load_workflow()


def steps() -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in WF["jobs"].items():
        for step in job["steps"]:
            yield job_id, step


def step_named(job_id: str, prefix: str) -> dict[str, Any]:
    (step,) = (s for j, s in steps() if j == job_id and s.get("name", "").startswith(prefix))
    return step


def uses(action: str) -> list[dict[str, Any]]:
    return [s for _, s in steps() if s.get("uses", "").split("@")[0] == action]


# --- what the workflow says -------------------------------------------------------------------


def test_triggers() -> None:
    assert set(WF["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert WF["on"]["push"] == {"branches": ["main"]}


def test_least_privilege() -> None:
    assert WF["permissions"] == {"contents": "read"}
    for job in WF["jobs"].values():
        assert "permissions" not in job  # nothing widens the workflow's read-only token
    for checkout in uses("actions/checkout"):
        assert checkout["with"]["persist-credentials"] is False


def test_actions_are_pinned_by_major_version() -> None:
    pinned = {s["uses"] for _, s in steps() if "uses" in s}
    assert pinned == {
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "actions/upload-artifact@v4",
    }


def test_superseded_pull_request_runs_are_cancelled_but_main_runs_finish() -> None:
    concurrency = WF["concurrency"]
    assert "github.event.pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_every_job_has_a_timeout_and_a_pinned_runner() -> None:
    for job in WF["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 30
        assert re.fullmatch(r"ubuntu-\d\d\.\d\d", job["runs-on"])


def test_run_scripts_take_github_values_only_through_the_environment() -> None:
    """``${{ ... }}`` inside a script is pasted into the shell before it runs: a branch
    name from a pull request could run commands. Values go in through ``env:``."""
    for _, step in steps():
        assert "${{" not in step.get("run", ""), step


def test_scripts_run_as_bash_with_pipefail() -> None:
    # GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail`; run_step copies it.
    assert WF["defaults"]["run"]["shell"] == "bash"


def test_this_repository_installs_itself() -> None:
    # Users replace "." with their ntsplan release; the header says how.
    assert WF["env"]["NTSPLAN_PACKAGE"] == "."
    assert "git+https://" in WORKFLOW.read_text(encoding="utf-8")


def test_the_diff_sees_the_base_branch() -> None:
    (checkout, *_) = WF["jobs"]["validate"]["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    diff = step_named("validate", "Changes to the plan")
    assert "pull_request" in diff["if"]
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_build_runs_on_main_only_after_validation() -> None:
    build = WF["jobs"]["build"]
    assert build["needs"] == "validate"
    assert build["if"] == "github.event_name != 'pull_request'"


# --- every ntsplan call in the workflow exists ------------------------------------------------

_OPERATORS = re.compile(r"^[|&;<>()]+$")


def ntsplan_calls() -> list[list[str]]:
    """The arguments of every ``ntsplan`` call in the run scripts, up to a shell operator."""
    calls = []
    for _, step in steps():
        script = step.get("run", "").replace("\\\n", " ")
        for line in script.splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            tokens = list(lexer)
            for i, token in enumerate(tokens):
                if token != "ntsplan":
                    continue
                args = []
                for arg in tokens[i + 1 :]:
                    if _OPERATORS.match(arg):
                        break
                    args.append(arg)
                calls.append(args)
    return calls


CALLS = ntsplan_calls()


def test_the_workflow_calls_the_commands_the_issue_asks_for() -> None:
    assert sorted({call[0] for call in CALLS}) == ["build", "diff", "status", "validate"]


_OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")
_CHOICES = re.compile(r"(--[a-z-]+)\s+[<\[]([a-z]+(?:\|[a-z]+)+)[>\]]")


def help_interface(invoke: RunCli, command: str) -> dict[str, set[str]]:
    """Each option in ``ntsplan COMMAND --help`` with its choices (empty when free-form)."""
    result = invoke(command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, f"ntsplan {command} does not exist"
    options: dict[str, set[str]] = {name: set() for name in _OPTION.findall(result.stdout)}
    for name, choices in _CHOICES.findall(result.stdout):
        options[name] = set(choices.split("|"))
    return options


@pytest.mark.parametrize("call", CALLS, ids=[" ".join(c) for c in CALLS])
def test_ntsplan_calls_use_existing_options(call: list[str], invoke: RunCli) -> None:
    command, *args = call
    interface = help_interface(invoke, command)
    for i, arg in enumerate(args):
        if not arg.startswith("-"):
            continue
        assert arg in interface, f"ntsplan {command} has no option {arg}"
        if interface[arg]:
            assert args[i + 1] in interface[arg], f"{arg} {args[i + 1]}"


# --- the steps, run as GitHub runs them -------------------------------------------------------


def run_step(
    step: dict[str, Any], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a step's script like GitHub's ``shell: bash``, with the workflow's variables, the
    step's own (``env`` gives values for its ``${{ }}`` ones) and this venv's ntsplan first
    on the PATH."""
    variables = {**WF["env"], **step.get("env", {}), **env}
    variables["PATH"] = f"{Path(sys.executable).parent}:{variables['PATH']}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=variables,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def step_env(cli_env: Callable[..., dict[str, str]], tmp_path: Path) -> dict[str, str]:
    summary = tmp_path / "step-summary.md"
    summary.write_text("Written by an earlier step.\n", encoding="utf-8")
    return cli_env({"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})


def summary_of(env: dict[str, str]) -> str:
    return Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def many_problems(folder: Path, count: int) -> None:
    """``count`` unknown fields in one value chain: more than GitHub annotates per step."""
    chips = folder / "valuechains" / "chips.yaml"
    extra = "".join(f"unknown_{i}: x\n" for i in range(count))
    chips.write_text(chips.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_validate_step_annotates_and_summarises_every_problem(
    plan_folder: Callable[..., Path], step_env: dict[str, str], run_cli: RunCli
) -> None:
    data = plan_folder(CASES / "invalid" / "workgroup")
    many_problems(data, 12)
    expected = json.loads(
        run_cli("validate", "--data", "data", "--format", "json", cwd=data.parent).stdout
    )["problems"]
    assert len(expected) > 10

    done = run_step(step_named("validate", "Validate"), data.parent, step_env)

    assert done.returncode == 1, done
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(expected)
    summary = summary_of(step_env)
    assert summary.startswith("Written by an earlier step.\n### ntsplan validate: ")
    for problem in expected:
        assert f"| `{problem['file']}:{problem['line']}:{problem['column']}` |" in summary
        assert f"| `{problem['code']}` |" in summary


def test_validate_step_passes_on_a_valid_plan(
    plan_folder: Callable[..., Path], step_env: dict[str, str]
) -> None:
    data = plan_folder()
    done = run_step(step_named("validate", "Validate"), data.parent, step_env)
    assert done.returncode == 0, done
    assert done.stdout == "ntsplan: 0 error(s), 0 warning(s) in 6 file(s)\n"
    assert "### ntsplan validate: valid" in summary_of(step_env)


def test_validate_step_passes_on_this_repositorys_own_plan(step_env: dict[str, str]) -> None:
    # The workflow is this repository's CI too: the shipped data/ must keep it green.
    done = run_step(step_named("validate", "Validate"), REPO, step_env)
    assert done.returncode == 0, done
    assert "### ntsplan validate: valid" in summary_of(step_env)


def test_completeness_step_writes_the_status_to_the_summary(
    plan_folder: Callable[..., Path], step_env: dict[str, str]
) -> None:
    data = plan_folder()
    done = run_step(step_named("build", "Completeness"), data.parent, step_env)
    assert done.returncode == 0, done
    summary = summary_of(step_env)
    assert summary.startswith("Written by an earlier step.\n")
    assert "Chips" in summary
    assert "Qubits" in summary


def test_validate_step_fails_when_the_folder_is_missing(
    tmp_path: Path, step_env: dict[str, str]
) -> None:
    done = run_step(step_named("validate", "Validate"), tmp_path, step_env)
    assert done.returncode == 2, done
    assert done.stderr.count("ntsplan: error: no such folder: data\n") == 1
    assert summary_of(step_env) == "Written by an earlier step.\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.nl", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_step_writes_the_changes_to_the_summary(
    plan_folder: Callable[..., Path], step_env: dict[str, str]
) -> None:
    data = plan_folder()
    repo = data.parent
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "base")
    # What actions/checkout leaves for a pull request: the base branch as origin/<base>.
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    chips = data / "valuechains" / "chips.yaml"
    chips.write_text(
        chips.read_text(encoding="utf-8").replace("status: concept", "status: review"),
        encoding="utf-8",
    )

    done = run_step(
        step_named("validate", "Changes to the plan"),
        repo,
        {
            **step_env,
            "BASE_REF": "main",
        },
    )

    assert done.returncode == 0, done
    summary = summary_of(step_env)
    assert summary.startswith("Written by an earlier step.\n")
    assert "chips" in summary.lower()
    assert "review" in summary


def test_system_packages_match_the_build_script() -> None:
    """The workflow installs the Debian packages scripts/system-packages.sh lists for build."""
    script = SYSTEM_PACKAGES.read_text(encoding="utf-8")
    listed = re.search(r"build_packages=\((.*?)\n\)", script, re.DOTALL)
    assert listed
    wanted = {word for line in listed.group(1).splitlines() for word in line.split("#")[0].split()}
    install = step_named("build", "Install the system packages")["run"]
    installed = {word for word in install.replace("\\\n", " ").split() if word[0].isalnum()}
    assert wanted <= installed
    assert installed - wanted == {"sudo", "apt-get", "update", "install"}


def test_artifacts_are_what_build_writes(plan_folder: Callable[..., Path], invoke: RunCli) -> None:
    build_call = next(call for call in CALLS if call[0] == "build")
    out = build_call[build_call.index("--out") + 1]
    upload = uses("actions/upload-artifact")[0]["with"]
    assert upload["if-no-files-found"] == "error"
    assert set(upload["path"].split()) == {
        f"{out}/{OUTPUT_STEM}.pdf",
        f"{out}/{OUTPUT_STEM}.html",
    }
    # The HTML is where the artifact looks for it (the PDF's name is the same stem).
    data = plan_folder()
    result = invoke("build", "--data", "data", "--out", out, "--only", "html", cwd=data.parent)
    assert result.exit_code == 0, result
    assert (data.parent / out / f"{OUTPUT_STEM}.html").is_file()


# --- linters, where installed -----------------------------------------------------------------


def test_workflow_matches_the_github_workflow_schema() -> None:
    pytest.importorskip("check_jsonschema")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs shellcheck (Debian)")
@pytest.mark.parametrize(
    "step",
    [s for _, s in steps() if "run" in s],
    ids=[s["name"] for _, s in steps() if "run" in s],
)
def test_run_scripts_pass_shellcheck(step: dict[str, Any]) -> None:
    done = subprocess.run(
        ["shellcheck", "--shell=bash", "-"],
        input=step["run"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
