"""The exported JSON Schema and ntsplan agree: check-jsonschema, a separate and widely used
validator, accepts all shipped data and rejects every schema-level mistake ntsplan rejects.

check-jsonschema runs as a subprocess from the virtualenv, offline: the schemas name draft
2020-12, whose metaschema it carries, and hold no remote reference. The proxy variables
point to a closed port, so an attempt to reach the network would fail the test instead of
going unnoticed.

The two read YAML differently in one respect: check-jsonschema uses ruamel.yaml, which
turns plain ``1_000``, ``0755`` and ``.inf`` into numbers where ntsplan keeps the text (the
``yaml11-stays-text`` case), and both read ``yes``/``no`` as text (YAML 1.2). Dates stay
text in both (check-jsonschema turns timestamps back into strings and checks
``format: date``). The cases below avoid the first difference; cross-field and cross-file
checks (a period that ends before it starts, an unknown ROM) are ntsplan's alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

VENV_BIN = REPO / ".venv" / "bin"
SCHEMAS = REPO / "schemas"
DATA = REPO / "data"
CASES = REPO / "tests" / "cases"
AGREEMENT = REPO / "tests" / "fixtures" / "schema-agreement"

# Folder of a data file -> (schema name, file name inside a plan folder or None for <id>.yaml)
KINDS: Mapping[str, tuple[str, str | None]] = {
    "plan": ("plan", "plan.yaml"),
    "roms": ("roms", "roms.yaml"),
    "technologies": ("technology", None),
    "valuechains": ("valuechain", None),
}
# Valid cases whose files ruamel.yaml reads differently (see the module docstring).
PARSER_DIFFERENCES = {"yaml11-stays-text"}
# Folders holding files that ntsplan is told to leave alone (ignore: in plan.yaml).
NOT_ALL_READ = {"ignore-patterns"}
EXPECT_RE = re.compile(r"^# expect: (?P<code>[a-z-]+) at (?P<path>\S+)$")


def _check_jsonschema() -> Path:
    executable = VENV_BIN / "check-jsonschema"
    if not executable.is_file():
        found = shutil.which("check-jsonschema")
        assert found, "check-jsonschema is not installed: pip install check-jsonschema"
        executable = Path(found)
    return executable


def _run_check_jsonschema(
    schema: str, files: list[Path], tmp_path: Path
) -> tuple[int, list[dict[str, Any]]]:
    """Run check-jsonschema over ``files``; its exit code and its errors (JSON output)."""
    env = {
        **os.environ,
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    completed = subprocess.run(
        [
            _check_jsonschema(),
            "--schemafile",
            SCHEMAS / f"{schema}.schema.json",
            "--output-format",
            "json",
            "--color",
            "never",
            *files,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert completed.stdout.strip(), completed.stderr
    report = json.loads(completed.stdout)
    return completed.returncode, report.get("errors", [])


def _data_files(folder: Path) -> dict[str, list[Path]]:
    """The data files of a plan folder (or a case folder), by schema name."""
    found: dict[str, list[Path]] = {}
    for kind, (schema, single) in KINDS.items():
        if single:
            files = [folder / single] if (folder / single).is_file() else []
        else:
            files = sorted((folder / kind).glob("*.yaml"))
        if files:
            found.setdefault(schema, []).extend(files)
    return found


def _valid_folders() -> list[Path]:
    valid = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
    return [
        DATA,
        CASES / "base",
        *(p for p in valid if p.name not in PARSER_DIFFERENCES | NOT_ALL_READ),
    ]


SCHEMA_NAMES = sorted({schema for schema, _ in KINDS.values()})


@pytest.mark.parametrize("schema", SCHEMA_NAMES)
def test_valid_data_passes_check_jsonschema(schema: str, tmp_path: Path) -> None:
    # One run per schema over the files of all valid folders: a run costs half a second.
    files = [f for folder in _valid_folders() for f in _data_files(folder).get(schema, [])]
    assert files
    code, errors = _run_check_jsonschema(schema, files, tmp_path)
    assert code == 0, errors


def _agreement_cases() -> list[Path]:
    return sorted(AGREEMENT.glob("*/*.yaml"))


def _expectation(case: Path) -> tuple[str, str]:
    first = case.read_text(encoding="utf-8").splitlines()[0]
    match = EXPECT_RE.match(first)
    assert match, f"{case}: the first line must be '# expect: CODE at PATH'"
    return match["code"], match["path"]


def test_there_are_cases_of_each_kind() -> None:
    kinds = {case.parent.name for case in _agreement_cases()}
    assert kinds == set(KINDS)
    codes = {_expectation(case)[0] for case in _agreement_cases()}
    assert {"unknown-field", "wrong-type", "missing-field", "invalid-value"} <= codes


@pytest.mark.parametrize("schema", SCHEMA_NAMES)
def test_check_jsonschema_rejects_every_case(schema: str, tmp_path: Path) -> None:
    folders = [kind for kind, (name, _) in KINDS.items() if name == schema]
    cases = [case for case in _agreement_cases() if case.parent.name in folders]
    code, errors = _run_check_jsonschema(schema, cases, tmp_path)
    assert code != 0
    for case in cases:
        _, path = _expectation(case)
        paths = {e["path"] for e in errors if Path(e["filename"]).resolve() == case.resolve()}
        assert path in paths, f"{case.name}: check-jsonschema reported {sorted(paths)}"


def _place(case: Path, data: Path) -> Path:
    """Put ``case`` into the plan folder ``data`` where a file of its kind belongs."""
    _, single = KINDS[case.parent.name]
    target = data / (single or f"{case.parent.name}/{case.name}")
    shutil.copyfile(case, target)
    return target


@pytest.mark.parametrize("case", _agreement_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_ntsplan_rejects_every_case(
    case: Path, plan_folder: Callable[..., Path], invoke: Callable[..., Any]
) -> None:
    code, _ = _expectation(case)
    data = plan_folder()
    target = _place(case, data)
    result = invoke("validate", "--data", "data", "--format", "json", cwd=data.parent)
    assert result.exit_code == 1, result
    problems = json.loads(result.stdout)["problems"]
    relative = target.relative_to(data.parent).as_posix()
    errors = [p for p in problems if p["severity"] == "error"]
    assert all(p["file"] == relative for p in errors), "an error outside the case file"
    assert code in {p["code"] for p in errors}


@pytest.mark.parametrize("schema", ["valuechain", "technology"])
def test_scaffolds_pass_check_jsonschema(schema: str, tmp_path: Path) -> None:
    """What ``ntsplan new`` writes, with and without its examples, passes the schema too."""
    from ntsplan.scaffold.new import technology_text, valuechain_text  # noqa: PLC0415
    from ntsplan.settings import NewTechnologySettings, NewValueChainSettings  # noqa: PLC0415

    files = []
    for examples in (False, True):
        if schema == "valuechain":
            chain = NewValueChainSettings("glas", 'Glas: "slim" #1', ("oost", "noord"), ("x",))
            text = valuechain_text(chain, "nl", examples=examples)
        else:
            tech = NewTechnologySettings("robotics", "Robotica", "Robotics")
            text = technology_text(tech, 11, examples=examples)
        path = tmp_path / f"{schema}-{examples}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    code, errors = _run_check_jsonschema(schema, files, tmp_path)
    assert code == 0, errors
