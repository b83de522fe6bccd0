"""Plan folders that cannot be kept as case folders: links, permissions, very large files.

Built at run time on a copy of the base case and checked through the command line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ntsplan.load.limits import MAX_FILE_BYTES

Located = tuple[str, int, int, str, str]


def problems(result: Any) -> list[Located]:
    report = json.loads(result.stdout)
    return [
        (p["file"], p["line"], p["column"], p["severity"], p["code"]) for p in report["problems"]
    ]


def test_link_to_a_file_outside_the_folder(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    data = plan_folder()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((data / "technologies/quantum.yaml").read_text())
    (data / "technologies/quantum.yaml").unlink()
    (data / "technologies/quantum.yaml").symlink_to(outside)
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    assert problems(result) == [
        ("data/technologies/quantum.yaml", 1, 1, "error", "outside-data"),
    ]
    assert result.exit_code == 1


def test_linked_folder_leading_outside(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    data = plan_folder()
    elsewhere = tmp_path / "elsewhere"
    (data / "technologies").rename(elsewhere)
    (data / "technologies").symlink_to(elsewhere, target_is_directory=True)
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    assert problems(result) == [
        ("data/technologies/photonics.yaml", 1, 1, "error", "outside-data"),
        ("data/technologies/quantum.yaml", 1, 1, "error", "outside-data"),
    ]
    assert result.exit_code == 1


def test_link_inside_the_folder_is_fine(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    data = plan_folder()
    shared = data / "shared"
    shared.mkdir()
    (data / "technologies/quantum.yaml").rename(shared / "quantum.yaml")
    (data / "technologies/quantum.yaml").symlink_to(Path("../shared/quantum.yaml"))
    # The folder itself would be named as not read; plan.yaml says to leave it alone.
    with (data / "plan.yaml").open("a", encoding="utf-8") as plan:
        plan.write("ignore: [shared/]\n")
    result = invoke("validate", "--data", "data", "-f", "json", "--strict", cwd=tmp_path)
    assert problems(result) == []
    assert result.exit_code == 0


def test_symlink_loop_is_an_environment_error(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    data = plan_folder()
    (data / "technologies/quantum.yaml").unlink()
    (data / "technologies/quantum.yaml").symlink_to("quantum.yaml")
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    assert problems(result) == [("data/technologies/quantum.yaml", 1, 1, "error", "unreadable")]
    assert result.exit_code == 2


def test_unreadable_file_reported_with_others(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    """An environment error does not hide the problems of the other files."""
    data = plan_folder()
    (data / "technologies/quantum.yaml").unlink()
    (data / "technologies/quantum.yaml").symlink_to("quantum.yaml")
    (data / "technologies/photonics.yaml").write_text("number: 1\nname: {nl: F, en: P}\nx: 1\n")
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    assert problems(result) == [
        ("data/technologies/photonics.yaml", 3, 1, "error", "unknown-field"),
        ("data/technologies/quantum.yaml", 1, 1, "error", "unreadable"),
    ]
    assert result.exit_code == 2


def test_file_too_large(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    data = plan_folder()
    with (data / "technologies/quantum.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * MAX_FILE_BYTES + "\n")
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    assert problems(result) == [
        ("data/technologies/quantum.yaml", 1, 1, "error", "file-too-large"),
    ]
    assert result.exit_code == 1


def test_problems_of_every_file_in_one_run(
    plan_folder: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    """All files are checked, whatever breaks early: sorted by file, then position."""
    data = plan_folder()
    (data / "roms.yaml").write_text("roms:\n  - id: noord\n    nam: x\n")
    (data / "technologies/photonics.yaml").write_text("number: [1\n")
    (data / "valuechains/qubits.yaml").write_text("title: Q\ntitle: Q\n")
    result = invoke("validate", "--data", "data", "-f", "json", cwd=tmp_path)
    found = problems(result)
    assert sorted((f, code) for f, _, _, _, code in found) == [
        ("data/roms.yaml", "missing-field"),
        ("data/roms.yaml", "missing-field"),
        ("data/roms.yaml", "missing-field"),
        ("data/roms.yaml", "unknown-field"),
        ("data/technologies/photonics.yaml", "yaml-syntax"),
        ("data/valuechains/qubits.yaml", "duplicate-key"),
        ("data/valuechains/qubits.yaml", "missing-field"),
        ("data/valuechains/qubits.yaml", "missing-field"),
        ("data/valuechains/qubits.yaml", "missing-field"),
    ]
    assert found == sorted(found, key=lambda p: (p[0], p[1], p[2]))
