"""Property-based tests: whatever an editor does to a valid plan, ntsplan answers calmly.

Hypothesis mutates the files of valid plans (the test base case and the render fixture):
on the data it deletes, inserts, retypes and renames keys; on the bytes it cuts the file,
inserts random bytes, swaps, repeats and drops lines. Every run must end with success or
with problems, never with an exception. ``check_folder`` runs in this process for speed;
a valid result is also rendered to HTML and every result is reported in all formats, since
those stages meet the data too. A few seeded mutations also go through the command line.

The runs are reproducible (``derandomize``, no example database) and small (about 200
examples in all), so the suite stays fast; no deadline, since a slow example is no failure.
"""

from __future__ import annotations

import io
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import BASE, TESTS
from hostile_helpers import Job, assert_clean_ending, run_jobs
from ntsplan.check import CheckResult, check_folder
from ntsplan.load.yamlfile import parse_text
from ntsplan.plan.edition import Edition
from ntsplan.problems import Severity
from ntsplan.render import render_html
from ntsplan.report import choose_format, make_reporter

SEEDS = (BASE, TESTS / "fixtures" / "render-plan")
"""Valid plans to start from."""

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _files(seed: Path) -> list[Path]:
    return sorted(p.relative_to(seed) for p in seed.rglob("*.yaml"))


FILES = [(seed, relative) for seed in SEEDS for relative in _files(seed)]


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def _data(seed: Path, relative: Path) -> Any:
    document, problems = parse_text(relative, (seed / relative).read_text(encoding="utf-8"))
    assert document is not None and not problems
    return document.data


KNOWN_KEYS = sorted({key for seed, rel in FILES for key in _keys(_data(seed, rel))})
"""Field names of the schema as they appear in the seeds: renames to these are sneaky."""

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["yes", "2026-Q5", "2025-02-30", "noord", "../x", "a/b", "<b>x</b>"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
keys = st.sampled_from(KNOWN_KEYS) | st.text(min_size=1, max_size=12)


def _containers(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every mapping and list in ``node``, with its path."""
    if isinstance(node, dict | list):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from _containers(value, (*path, key))


def mutate_data(data: Any, draw: Callable[..., Any]) -> Any:
    """Delete, insert, retype or rename one key (or list item) somewhere in ``data``."""
    containers = list(_containers(data))
    _, node = draw(st.sampled_from(containers))
    operation = draw(st.sampled_from(["delete", "insert", "retype", "rename"]))
    if isinstance(node, list):
        if operation == "insert" or not node:
            node.insert(draw(st.integers(0, len(node))), draw(values))
        elif operation == "delete":
            del node[draw(st.integers(0, len(node) - 1))]
        else:
            node[draw(st.integers(0, len(node) - 1))] = draw(values)
        return data
    if operation == "insert" or not node:
        node[draw(keys)] = draw(values)
        return data
    key = draw(st.sampled_from(sorted(node)))
    if operation == "delete":
        del node[key]
    elif operation == "retype":
        node[key] = draw(values)
    else:
        node[draw(keys)] = node.pop(key)
    return data


def mutate_bytes(raw: bytes, draw: Callable[..., Any]) -> bytes:
    """Cut the file, insert random bytes, flip a byte, or swap, repeat or drop a line."""
    operation = draw(st.sampled_from(["cut", "insert", "flip", "swap", "repeat", "drop"]))
    if operation == "cut":
        return raw[: draw(st.integers(0, len(raw)))]
    if operation == "insert":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    if operation == "flip":
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        return raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    lines = raw.splitlines(keepends=True)
    if not lines:
        return raw
    first = draw(st.integers(0, len(lines) - 1))
    if operation == "swap":
        second = draw(st.integers(0, len(lines) - 1))
        lines[first], lines[second] = lines[second], lines[first]
    elif operation == "repeat":
        lines.insert(first, lines[first])
    else:
        del lines[first]
    return b"".join(lines)


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    """A scratch folder for the mutated plans (hypothesis reuses it between examples)."""
    folder = Path(tempfile.mkdtemp(prefix="ntsplan-properties-"))
    yield folder
    shutil.rmtree(folder)


def _fresh_copy(seed: Path, workspace: Path) -> Path:
    data = workspace / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(seed, data)
    return data


def assert_calm(data: Path) -> CheckResult:
    """Check, report in every format and, when valid, render: no stage may raise."""
    result = check_folder(data)
    assert not result.environment_error, result.problems
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem
        assert data in problem.file.parents or problem.file == data, problem
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert (result.plan is None) == bool(errors), result.problems
    for name in ("text", "json", "github"):
        make_reporter(choose_format(name), color=False).report(result, io.StringIO())
    if result.plan is not None:
        html = render_html(result.plan, Edition(language="nl"))
        assert html.startswith("<!DOCTYPE html>")
    return result


@PROPERTY_SETTINGS
@given(file=st.sampled_from(FILES), data=st.data())
def test_mutated_data_gives_success_or_problems(
    file: tuple[Path, Path], data: st.DataObject, workspace: Path
) -> None:
    seed, relative = file
    folder = _fresh_copy(seed, workspace)
    mutated = mutate_data(_data(seed, relative), data.draw)
    text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    (folder / relative).write_text(text, encoding="utf-8")
    result = assert_calm(folder)
    event("valid" if result.plan is not None else "problems")


@PROPERTY_SETTINGS
@given(file=st.sampled_from(FILES), data=st.data())
def test_mutated_bytes_give_success_or_problems(
    file: tuple[Path, Path], data: st.DataObject, workspace: Path
) -> None:
    seed, relative = file
    folder = _fresh_copy(seed, workspace)
    raw = (seed / relative).read_bytes()
    for _ in range(data.draw(st.integers(1, 3))):
        raw = mutate_bytes(raw, data.draw)
    (folder / relative).write_bytes(raw)
    result = assert_calm(folder)
    event("valid" if result.plan is not None else "problems")


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(data=st.data())
def test_several_files_mutated_at_once(data: st.DataObject, workspace: Path) -> None:
    """Broken files side by side: cross-file checks meet half-loaded plans."""
    seed = data.draw(st.sampled_from(SEEDS))
    folder = _fresh_copy(seed, workspace)
    chosen = data.draw(st.lists(st.sampled_from(_files(seed)), min_size=2, max_size=4))
    for relative in chosen:
        if data.draw(st.booleans()):
            mutated = mutate_data(_data(seed, relative), data.draw)
            text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
            (folder / relative).write_text(text, encoding="utf-8")
        else:
            raw = mutate_bytes((folder / relative).read_bytes(), data.draw)
            (folder / relative).write_bytes(raw)
    result = assert_calm(folder)
    event("valid" if result.plan is not None else "problems")


def test_mutations_through_the_command_line(tmp_path: Path) -> None:
    """Eight seeded mutations through ``ntsplan validate``: exit 0 or 1, no traceback."""
    rng = random.Random(5)
    jobs = []
    for number in range(8):
        seed, relative = rng.choice(FILES)
        home = tmp_path / f"run{number}"
        folder = home / "data"
        shutil.copytree(seed, folder)
        raw = (seed / relative).read_bytes()
        at = rng.randrange(len(raw))
        # Odd runs cut the file, even ones insert random bytes.
        raw = raw[:at] if number % 2 else raw[:at] + rng.randbytes(rng.randint(1, 8)) + raw[at:]
        (folder / relative).write_bytes(raw)
        jobs.append(Job(("validate", "--data", "data", "--format", "text"), home))
    for outcome in run_jobs(jobs):
        assert_clean_ending(outcome)
        assert outcome.exit_code in (0, 1), outcome
