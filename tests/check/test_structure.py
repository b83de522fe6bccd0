"""The shape of the code: no circle of imports between modules, only reporters print, no
command imports another. The direction between packages is the layer contract
(``lint-imports``, pyproject.toml); module lengths are a report, not a test
(``make sizes``): a module's length follows its idea."""

from __future__ import annotations

import ast

from conftest import REPO

SOURCE = REPO / "src"
PACKAGE = SOURCE / "ntsplan"


def _module_name(path: object) -> str:
    relative = path.relative_to(SOURCE).with_suffix("")  # type: ignore[attr-defined]
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Each ntsplan module and the ntsplan modules it imports anywhere in its text (also
    inside functions and under ``TYPE_CHECKING``): a circle through a lazy import is still a
    circle in the design."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the list of modules along it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph()
    assert len(graph) > 50
    assert find_cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]


# Reporters (one per output format and family), the preview's terminal, the PDF progress
# display, the explanations of problem codes, and the command line's own modules.
PRINTING = (
    "ntsplan/cli.py",
    "ntsplan/cli_errors.py",
    "ntsplan/cli_options.py",
    "ntsplan/entry.py",
    "ntsplan/entry.py",
    "ntsplan/explain.py",
    "ntsplan/report/",
    "ntsplan/build/report.py",
    "ntsplan/status/text.py",
    "ntsplan/status/json.py",
    "ntsplan/status/markdown.py",
    "ntsplan/diff/text.py",
    "ntsplan/diff/json.py",
    "ntsplan/diff/markdown.py",
    "ntsplan/importing/text.py",
    "ntsplan/importing/json.py",
    "ntsplan/importing/markdown.py",
    "ntsplan/serve/terminal.py",
    "ntsplan/pdf/progress.py",
)
_STREAMS = frozenset({"stream", "out", "err", "stdout", "stderr"})


def _prints(tree: ast.AST) -> list[int]:
    """Lines that print: print(), typer.echo(), or .write() on a stream."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (isinstance(func, ast.Name) and func.id == "print") or (
            isinstance(func, ast.Attribute) and func.attr in ("echo", "secho")
        ):
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr == "write":
            target = func.value
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name in _STREAMS:
                lines.append(node.lineno)
    return lines


def test_only_reporters_and_the_cli_print() -> None:
    printing = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith(PRINTING):
            continue
        if lines := _prints(ast.parse(path.read_text("utf-8"))):
            printing[relative] = lines
    assert printing == {}


def test_the_print_finder_finds_prints() -> None:
    tree = ast.parse("print(1)\nstream.write('x')\nself.stream.write('y')\nfile.write(b'')\n")
    assert _prints(tree) == [1, 2, 3]


def test_no_command_module_imports_another() -> None:
    graph = import_graph()
    commands = {name for name in graph if name.startswith("ntsplan.commands.")}
    assert len(commands) >= 8
    crossing = {name: sorted(graph[name] & commands) for name in commands if graph[name] & commands}
    assert crossing == {}
