"""The problem-code registry (``ntsplan.codes``): every code that is emitted is registered,
and every registered code is exercised by a test case."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import CASES, REPO, TESTS, RunCli
from ntsplan.codes import REGISTRY, Code, register
from ntsplan.explain import all_codes

SOURCE = REPO / "src" / "ntsplan"
_CODE_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
# Calls that take a problem code among their arguments.
_EMITTERS = frozenset({"Problem", "error", "warn", "problem", "add"})
# One-word codes, which the pattern above cannot tell from other words.
_ONE_WORD = frozenset({"encoding", "unreadable"})


def _code_literals(node: ast.AST) -> set[str]:
    """Code-like text constants in ``node``, not counting the parts of f-strings."""
    if isinstance(node, ast.JoinedStr):
        return set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} if _CODE_RE.match(node.value) else set()
    found: set[str] = set()
    for child in ast.iter_child_nodes(node):
        found |= _code_literals(child)
    return found


def emitted_codes() -> dict[str, str]:
    """Every code the source passes to a problem (or returns as a (code, message) pair),
    with the first module that does."""
    found: dict[str, str] = {}
    for module in sorted(SOURCE.rglob("*.py")):
        if module.name == "codes.py":
            continue
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            literals: set[str] = set()
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _EMITTERS:
                    for arg in [*node.args, *(k.value for k in node.keywords)]:
                        literals |= _code_literals(arg)
            elif isinstance(node, ast.Tuple):  # ("code", message) and the syntax hints
                literals = {
                    e.value
                    for e in node.elts
                    if isinstance(e, ast.Constant)
                    and isinstance(e.value, str)
                    and _CODE_RE.match(e.value)
                }
            for code in literals:
                found.setdefault(code, module.relative_to(SOURCE).as_posix())
    return found


def _case_codes() -> set[str]:
    return {
        line.split("|", 1)[0].strip().rsplit(":", 1)[-1]  # fix words follow a '|'
        for expected in CASES.glob("invalid/*/expected.txt")
        for line in expected.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def test_every_emitted_code_is_registered() -> None:
    registered = {code.name for code in all_codes()}
    emitted = emitted_codes()
    assert len(emitted) > 30, "the scan no longer finds the codes in the source"
    unregistered = sorted(f"{c} ({m})" for c, m in emitted.items() if c not in registered)
    assert unregistered == [], "register these in the stage's codes.py (see ntsplan.codes)"
    assert sorted(_case_codes() - registered) == []
    assert registered >= _ONE_WORD


def test_every_registered_code_is_exercised() -> None:
    """By a case folder's expected.txt or, for plan folders that cannot be stored as case
    folders (permissions, links, very large files), by a test that builds one and names the
    code."""
    this = Path(__file__).resolve()
    tests_text = "\n".join(
        p.read_text("utf-8") for p in TESTS.rglob("test_*.py") if p.resolve() != this
    )
    covered = _case_codes()
    unexercised = [
        c.name for c in all_codes() if c.name not in covered and f'"{c.name}"' not in tests_text
    ]
    assert unexercised == []


def test_every_code_is_explained() -> None:
    for code in all_codes():
        assert code.title and not code.title.endswith("."), code.name
        assert code.description.endswith("."), code.name
        assert code.fix.strip(), code.name


def test_register_refuses_a_second_meaning() -> None:
    code = next(iter(REGISTRY.values()))
    assert register(code) == (code,)  # the same code again is harmless
    other = Code(code.name, stage=code.stage, title="x", description="y.", fix="z")
    try:
        register(other)
    except ValueError as error:
        assert code.name in str(error)
    else:  # pragma: no cover
        raise AssertionError("a second meaning for a code was accepted")
    assert REGISTRY[code.name] is code


def test_the_problems_page_is_up_to_date() -> None:
    from ntsplan.explain import problems_markdown  # noqa: PLC0415

    page = REPO / "docs" / "problems.md"
    assert page.read_text("utf-8") == problems_markdown(), "run 'make problems' and commit"


def test_the_problems_page_explains_every_code() -> None:
    page = (REPO / "docs" / "problems.md").read_text("utf-8")
    for code in all_codes():
        assert f"\n### {code.name}\n\n**{code.title}**" in page
        assert code.fix in page


def test_explain_prints_a_code(run_cli: RunCli) -> None:
    result = run_cli("explain", "unknown-rom")
    assert result.exit_code == 0
    assert result.stdout.startswith("# unknown-rom\n\n**A ROM id that roms.yaml does not list**")
    assert "## How to fix\n\nCorrect the id" in result.stdout
    assert result.stderr == ""


def test_explain_takes_the_code_as_a_problem_shows_it(run_cli: RunCli) -> None:
    assert run_cli("explain", "[Duplicate-ID]").stdout.startswith("# duplicate-id\n")


def test_explain_suggests_a_known_code(run_cli: RunCli) -> None:
    result = run_cli("explain", "unknown-rome")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "ntsplan: error: no problem code 'unknown-rome' — did you mean 'unknown-rom'?\n"
    )
    assert "ntsplan explain --all" in result.stderr


def test_explain_all_lists_every_code(run_cli: RunCli) -> None:
    result = run_cli("explain", "--all")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [c.name for c in all_codes()]
    assert any(line.split()[1] == "link" for line in lines)


def test_explain_without_a_code_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("explain")
    assert result.exit_code == 2
    assert "give a problem code" in result.stderr
