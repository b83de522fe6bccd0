"""A message that names a command names one that works in that situation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import build_case


def test_the_command_an_empty_file_names_works(tmp_path: Path, invoke: Callable[..., Any]) -> None:
    data = tmp_path / "data"
    build_case(None, data)
    (data / "valuechains" / "sensors.yaml").write_text("# to do\n", encoding="utf-8")
    result = invoke("validate", "--data", str(data), "--format", "text")
    assert result.exit_code == 1
    named = re.search(r"'(ntsplan new valuechain [^']+)'", result.stdout)
    assert named, result.stdout
    assert "delete this file" in result.stdout
    words = named[1].split()
    assert words[3] == "sensors"  # the id of the file that is there
    # Follow the message: delete the file, run the command with the '...' filled in.
    (data / "valuechains" / "sensors.yaml").unlink()
    filled = {"--title": "Sensors", "--rom": "noord", "--technology": "quantum"}
    args, roms = [], iter(("noord", "oost"))
    for option in words[4:]:
        if option.startswith("--"):
            args += [option, next(roms) if option == "--rom" else filled[option]]
    made = invoke(*words[1:4], *args, "--data", str(data))
    assert made.exit_code == 0, made
    assert invoke("validate", "--data", str(data)).exit_code == 0


def test_build_says_when_the_deadline_has_passed_today(
    tmp_path: Path, invoke: Callable[..., Any]
) -> None:
    data = tmp_path / "data"
    build_case(None, data)
    out = tmp_path / "out"
    late = invoke(
        "build", "--data", str(data), "--out", str(out), "--only", "html", "--today", "2026-12-03"
    )
    assert late.exit_code == 0, late
    assert "notice: the deadline in plan.yaml (2025-07-01) passed 520 days ago" in late.stderr
    assert "the document stays dated 2025-05-01" in late.stderr
    early = invoke(
        "build", "--data", str(data), "--out", str(out), "--only", "html", "--today", "2025-06-01"
    )
    assert "notice" not in early.stderr
