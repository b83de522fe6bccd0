"""``ntsplan diff``: a real git repository in tmp_path, changed the ways editors change a
plan, and what a reviewer sees in each format.

Golden files live in tests/golden/diff.*; ``UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.nl",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.nl",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no user settings (signing, hooks) in the test repo
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; its output."""
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        check=True,
        text=True,
    )
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


LASERS = """\
title: Lasers
status: concept
workgroup:
  lead: noord
  roms: [noord, zuid]
technologies:
  - id: photonics
    role: Lasers for cutting.
activities:
  - id: pilot
    title: Pilot line
    kind: rom
    owner: noord
    status: proposed
    budget: {amount: 50000, status: indicative}
"""


def change_the_plan(data: Path) -> None:
    """The edits a working group makes in a week: one chain added, one removed, a status
    raised, an activity changed, added and removed, a ROM joined, a technology left, money
    promised, and the plan's edition raised."""
    (data / "valuechains" / "lasers.yaml").write_text(LASERS, encoding="utf-8")
    (data / "valuechains" / "chips.yaml").unlink()
    qubits = data / "valuechains" / "qubits.yaml"
    edit(qubits, "status: review", "status: final")
    edit(qubits, "  roms: [oost, zuid]", "  roms: [oost, zuid, noord]")
    edit(qubits, "  - id: photonics\n    role: Photonic interconnects.\n", "")
    edit(qubits, "    status: planned", "    status: running")
    edit(qubits, "      amount: 250000", "      amount: 300000")
    edit(qubits, "    owner: uni\n", "    owner: lab-bv\n")
    edit(qubits, "  - id: roadshow\n    title: Roadshow\n", "  - id: fair\n    title: Trade fair\n")
    edit(
        qubits,
        "    depends: [{id: lab, overlap: true}]\n",
        "    depends: [{id: lab, overlap: true}]\n"
        "    budget:\n      amount: 20000\n      status: indicative\n",
    )
    edit(qubits, "growth: Strong growth expected.", "growth: Very strong growth.")
    edit(qubits, "target: 20", "target: 25")
    edit(data / "plan.yaml", 'edition: "0.1"', 'edition: "0.2"')


@pytest.fixture
def repo(plan_folder: Callable[..., Path]) -> Path:
    """A git repository with the base plan in data/, committed on branch main."""
    root = plan_folder().parent
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("A plan.\n", encoding="utf-8")
    commit_all(root, "The base plan")
    return root


def test_no_changes(repo: Path, invoke: Callable[..., Any]) -> None:
    for fmt in ("text", "markdown"):
        result = invoke("diff", "main", "--format", fmt, cwd=repo)
        assert result.exit_code == 0
        assert result.stdout.replace("`", "") == (
            "No changes to the plan between main and the working tree.\n"
        )
    as_json = json.loads(invoke("diff", "main", "-f", "json", cwd=repo).stdout)
    assert as_json["changed"] is False
    assert as_json["valuechains"] == []


def test_reformatting_is_no_change(repo: Path, invoke: Callable[..., Any]) -> None:
    qubits = repo / "data" / "valuechains" / "qubits.yaml"
    # The same content as JSON (valid YAML), another key order and a comment elsewhere.
    content = yaml.safe_load(qubits.read_text(encoding="utf-8"))
    content = dict(reversed(list(content.items())))
    qubits.write_text(json.dumps(content, indent=4, ensure_ascii=False), encoding="utf-8")
    plan = repo / "data" / "plan.yaml"
    edit(plan, 'edition: "0.1"', "edition: '0.1'   # quoted differently")
    assert git(repo, "status", "--porcelain") != ""
    result = invoke("diff", "main", cwd=repo)
    assert result.stdout == "No changes to the plan between main and the working tree.\n"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_exact_output_of_a_change(
    fmt: str, repo: Path, invoke: Callable[..., Any], golden: Callable[[str, str], None]
) -> None:
    change_the_plan(repo / "data")
    result = invoke("diff", "main", "--format", fmt, cwd=repo)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(f"diff.{fmt}", result.stdout)


def test_json_of_a_change(repo: Path, invoke: Callable[..., Any]) -> None:
    change_the_plan(repo / "data")
    result = invoke("diff", "main", "--format", "json", cwd=repo)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["base", "head", "changed", "summary", "plan", "valuechains", "budget"]
    assert document["base"] == {
        "revision": "main",
        "commit": git(repo, "rev-parse", "main").strip(),
        "label": "main",
    }
    assert document["head"] == {"revision": None, "commit": None, "label": "the working tree"}
    assert document["summary"] == {
        "valuechains_added": 1,
        "valuechains_removed": 1,
        "valuechains_changed": 1,
        "activities_added": 2,
        "activities_removed": 2,
        "activities_changed": 1,
    }
    assert document["plan"]["fields"] == [{"field": "edition", "before": "0.1", "after": "0.2"}]
    chains = {c["id"]: c for c in document["valuechains"]}
    assert [(c["id"], c["change"]) for c in document["valuechains"]] == [
        ("lasers", "added"),
        ("qubits", "changed"),
        ("chips", "removed"),
    ]
    qubits = chains["qubits"]
    assert qubits["status"] == {"before": "review", "after": "final"}
    assert (qubits["roms_added"], qubits["roms_removed"]) == (["noord"], [])
    assert (qubits["technologies_added"], qubits["technologies_removed"]) == ([], ["photonics"])
    activities = {a["id"]: a for a in qubits["activities"]}
    assert {a: activities[a]["change"] for a in activities} == {
        "lab": "changed",
        "fair": "added",
        "roadshow": "removed",
    }
    kpi = {
        "indicator": "Companies helped",
        "unit": "companies",
        "baseline": 0.0,
        "target": 20.0,
        "year": 2027,
    }
    assert activities["lab"]["fields"] == [
        {"field": "owner", "before": "uni", "after": "lab-bv"},
        {"field": "status", "before": "planned", "after": "running"},
        {"field": "budget.amount", "before": 250000.0, "after": 300000.0},
        {"field": "kpis", "before": [kpi], "after": [{**kpi, "target": 25.0}]},
    ]
    assert qubits["fields"] == [
        {
            "field": "market.growth",
            "before": "Strong growth expected.",
            "after": "Very strong growth.",
        }
    ]
    assert qubits["budget"] == {
        "before": {"indicative": 0.0, "committed": 250000.0, "total": 250000.0},
        "after": {"indicative": 20000.0, "committed": 300000.0, "total": 320000.0},
    }
    assert chains["lasers"]["status"] == {"before": None, "after": "concept"}
    assert document["budget"]["before"] == {
        "indicative": 0.0,
        "committed": 250000.0,
        "total": 250000.0,
    }
    assert document["budget"]["after"] == {
        "indicative": 70000.0,
        "committed": 300000.0,
        "total": 370000.0,
    }


def test_two_revisions(repo: Path, invoke: Callable[..., Any]) -> None:
    change_the_plan(repo / "data")
    working_tree = invoke("diff", "main", cwd=repo).stdout
    commit_all(repo, "A week of work")
    result = invoke("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout.startswith("Changes to the plan between HEAD~1 and HEAD\n")
    assert result.stdout.split("\n", 1)[1] == working_tree.split("\n", 1)[1]
    backwards = invoke("diff", "HEAD", "HEAD~1", cwd=repo).stdout
    assert "+ chips (Chips) added, status concept, 1 activity\n" in backwards
    assert "    status: final → review\n" in backwards


def test_data_folder_given_from_a_sub_folder(repo: Path, invoke: Callable[..., Any]) -> None:
    change_the_plan(repo / "data")
    from_top = invoke("diff", "main", cwd=repo).stdout
    inside = invoke("diff", "main", "--data", ".", cwd=repo / "data" / "valuechains")
    assert inside.exit_code == 1  # valuechains/ is not a plan folder: no plan.yaml there
    inside = invoke("diff", "main", "--data", "..", cwd=repo / "data" / "valuechains")
    assert inside.stdout == from_top


def test_the_work_tree_and_index_are_untouched(repo: Path, invoke: Callable[..., Any]) -> None:
    change_the_plan(repo / "data")
    git(repo, "add", "data/plan.yaml")  # something staged, something not
    # git status refreshes the index's stat cache itself: run it before taking the mtimes.
    status = git(repo, "status", "--porcelain")
    files = [p for p in repo.rglob("*") if p.is_file()]
    before = {p: p.stat().st_mtime_ns for p in files}
    index = (repo / ".git" / "index").read_bytes()
    for fmt in ("text", "json", "markdown"):
        assert invoke("diff", "main", "-f", fmt, cwd=repo).exit_code == 0
    assert invoke("diff", "main", "HEAD", cwd=repo).exit_code == 0
    assert {p: p.stat().st_mtime_ns for p in files} == before
    assert sorted(p for p in repo.rglob("*") if p.is_file()) == sorted(files)
    assert (repo / ".git" / "index").read_bytes() == index
    assert git(repo, "status", "--porcelain") == status


def test_unknown_revision(repo: Path, invoke: Callable[..., Any]) -> None:
    result = invoke("diff", "no-such-branch", cwd=repo)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "ntsplan: error: unknown revision 'no-such-branch'\n" in result.stderr
    # A revision that looks like an option stays a revision: git never reads it as one.
    result = invoke("diff", "--", "--output=written", cwd=repo)
    assert result.exit_code == 2
    assert "unknown revision '--output=written'" in result.stderr
    assert not (repo / "written").exists()
    assert invoke("diff", "main", "HEAD~5", cwd=repo).exit_code == 2


def test_not_a_git_repository(plan_folder: Callable[..., Path], invoke: Callable[..., Any]) -> None:
    data = plan_folder()
    (data.parent / ".git").write_text("gitdir: nowhere\n")  # stop git looking further up
    result = invoke("diff", "main", cwd=data.parent)
    assert result.exit_code == 2
    assert "ntsplan: error: 'data' is not inside a git repository\n" in result.stderr


def test_a_revision_without_the_data_folder(repo: Path, invoke: Callable[..., Any]) -> None:
    result = invoke("diff", "main", "--data", "plan", cwd=repo)
    assert result.exit_code == 2
    assert "ntsplan: error: 'main' has no folder 'plan/'\n" in result.stderr


def test_errors_in_the_working_tree(repo: Path, invoke: Callable[..., Any]) -> None:
    edit(repo / "data" / "valuechains" / "chips.yaml", "owner: noord", "owner: west")
    result = invoke("diff", "main", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout.startswith("data/valuechains/chips.yaml:18:12: error: ")
    assert "Changes" not in result.stdout


def test_errors_in_the_base_revision_name_it(repo: Path, invoke: Callable[..., Any]) -> None:
    chips = repo / "data" / "valuechains" / "chips.yaml"
    edit(chips, "status: concept", "status: draft")
    commit_all(repo, "A broken status")
    edit(chips, "status: draft", "status: concept")
    result = invoke("diff", "main", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout.startswith("main:data/valuechains/chips.yaml:2:9: error: ")
    as_json = json.loads(invoke("diff", "main", "-f", "json", cwd=repo).stdout)
    assert [p["file"] for p in as_json["problems"]] == ["main:data/valuechains/chips.yaml"]
    markdown = invoke("diff", "main", "-f", "markdown", cwd=repo)
    assert markdown.exit_code == 1
    assert "main:data/valuechains/chips.yaml" in markdown.stdout
    assert "Plan changes" not in markdown.stdout
    both = invoke("diff", "main", "HEAD", cwd=repo)  # broken on both sides: both reported
    assert [line.split(":")[0] for line in both.stdout.splitlines()[:-1]] == ["main", "HEAD"]


def test_through_the_real_entry_point(repo: Path, run_cli: Callable[..., Any]) -> None:
    change_the_plan(repo / "data")
    result = run_cli("diff", "main", "-f", "markdown", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout.startswith("### Plan changes: `main` → the working tree\n")
