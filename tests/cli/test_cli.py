"""The command line through its real entry points: help, version, exit codes, stderr.

``run_cli`` fails a test whenever stderr holds a Python traceback.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, TESTS
from ntsplan import __version__


def test_help(run_cli: Callable[..., Any]) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ntsplan [OPTIONS] COMMAND [ARGS]...")
    assert "validate" in result.stdout
    assert "Exit codes: 0 no errors, 1 problems found in the data, 2 usage or" in result.stdout
    assert result.stderr == ""


def test_no_arguments_shows_help(run_cli: Callable[..., Any]) -> None:
    result = run_cli()
    assert "Usage: ntsplan" in result.stdout + result.stderr
    assert "validate" in result.stdout + result.stderr
    assert result.exit_code in (0, 2)


def test_validate_help(run_cli: Callable[..., Any], golden: Callable[[str, str], None]) -> None:
    result = run_cli("validate", "--help")
    assert result.exit_code == 0
    golden("validate-help.txt", result.stdout)


def test_version(run_cli: Callable[..., Any]) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ntsplan {__version__}\n"


def test_console_script(tmp_path: Path, cli_env: Callable[..., dict[str, str]]) -> None:
    """The installed ``ntsplan`` command, next to the interpreter running the tests."""
    script = Path(sys.executable).parent / "ntsplan"
    if not script.exists():
        pytest.skip(f"no console script at {script} (package not installed in this env)")
    completed = subprocess.run(
        [script, "--version"], capture_output=True, text=True, env=cli_env(), check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"ntsplan {__version__}\n"


def test_missing_folder(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli("validate", "--data", "no-such-folder", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("ntsplan: error: no such folder: no-such-folder\n")
    assert "ntsplan: hint:" in result.stderr


def test_default_folder_is_data(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path], tmp_path: Path
) -> None:
    plan_folder()
    result = invoke("validate", "--format", "text", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("valid: 6 files")


def test_default_folder_missing(invoke: Callable[..., Any], tmp_path: Path) -> None:
    result = invoke("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no such folder: data" in result.stderr


def test_file_instead_of_folder(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = invoke("validate", "--data", "data/plan.yaml", cwd=data.parent)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "ntsplan: error: not a folder: data/plan.yaml" in result.stderr


@pytest.mark.parametrize("args", [("--format", "xml"), ("-f", "")])
def test_invalid_format_is_a_usage_error(invoke: Callable[..., Any], args: tuple[str, ...]) -> None:
    result = invoke("validate", *args, "--data", "data")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--format" in result.stderr
    assert "'auto', 'text', 'json', 'github'" in result.stderr


def test_format_is_case_insensitive(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = invoke("validate", "--data", "data", "--format", "JSON", cwd=data.parent)
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "problems": []')


def test_unknown_option_is_a_usage_error(invoke: Callable[..., Any]) -> None:
    result = invoke("validate", "--stritc")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_unknown_command_is_a_usage_error(invoke: Callable[..., Any]) -> None:
    result = invoke("validat")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_warnings_pass_unless_strict(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder(TESTS / "cases" / "invalid" / "count-mismatch")
    assert invoke("validate", "--data", "data", cwd=data.parent).exit_code == 0
    strict = invoke("validate", "--data", "data", "--strict", cwd=data.parent)
    assert strict.exit_code == 1
    assert "2 warnings" in strict.stdout


def test_strict_on_a_valid_plan(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    assert invoke("validate", "--data", "data", "--strict", cwd=data.parent).exit_code == 0


def test_internal_error_has_no_traceback(
    invoke: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ntsplan.commands.validate.check_folder", broken)
    result = invoke("validate", "--data", "data")
    assert result.exit_code == 2
    assert "ntsplan: internal error: RuntimeError: boom" in result.stderr
    assert "--traceback" in result.stderr


def test_traceback_on_request(
    invoke: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ntsplan.commands.validate.check_folder", broken)
    monkeypatch.setattr(sys, "argv", ["ntsplan", "validate", "--data", "data", "--traceback"])
    from ntsplan.cli import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as stopped:
        main()
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: boom" in err


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01\x02\xff\xfe",
        b"\xef\xbb\xbf",
        b"{{{{[[[[",
        b"- - - - -\n\t\t- \x85",
        b"&a [*a]",
        b"!!python/object/apply:os.system ['echo hi']",
        b"? ? ? ?\n: : :",
        b"%YAML 9.9\n---\na: 1",
        b"%TAG ! tag:evil.com,2000:\n--- !x\na",
    ],
)
def test_garbage_never_crashes(
    garbage: bytes, invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    for name in ("plan.yaml", "roms.yaml", "technologies/quantum.yaml", "valuechains/chips.yaml"):
        (data / name).write_bytes(garbage)
    result = invoke("validate", "--data", "data", "--format", "text", cwd=data.parent)
    assert result.exit_code == 1
    assert "internal error" not in result.stderr


def test_python_dash_m(run_cli: Callable[..., Any], plan_folder: Callable[..., Path]) -> None:
    data = plan_folder()
    result = run_cli("validate", "--data", "data", "--format", "json", cwd=data.parent)
    assert result.exit_code == 0
    assert '"errors": 0' in result.stdout


def test_validate_does_not_import_weasyprint(
    plan_folder: Callable[..., Path], cli_env: Callable[..., dict[str, str]]
) -> None:
    data = plan_folder()
    code = (
        "import sys\n"
        "from ntsplan.cli import main\n"
        f"sys.argv = ['ntsplan', 'validate', {str(data)!r}, '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'jinja2'))\n"
        "print('HEAVY', heavy, 'CODE', code, file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), check=False
    )
    assert "HEAVY [] CODE 0" in completed.stderr, completed.stderr


def test_shipped_data_is_valid(run_cli: Callable[..., Any]) -> None:
    """The plan in data/ validates without warnings: CI runs the same command."""
    result = run_cli("validate", "--data", "data", "--strict", "--format", "text", cwd=REPO)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("valid: ")


def test_non_utf8_terminal_does_not_crash(
    run_cli: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder(TESTS / "cases" / "invalid" / "unknown-rom")
    result = run_cli(
        "validate",
        "--data",
        "data",
        "-f",
        "text",
        cwd=data.parent,
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert "internal error" not in result.stderr
    assert result.exit_code == 1


def test_the_folder_as_an_argument_still_works_with_a_warning(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    old = invoke("validate", "data", "-f", "json", cwd=data.parent)
    new = invoke("validate", "--data", "data", "-f", "json", cwd=data.parent)
    assert (old.exit_code, old.stdout) == (new.exit_code, new.stdout) == (0, new.stdout)
    assert old.stderr == (
        "ntsplan: warning: the plan folder as an argument is deprecated and will be removed"
        " in the next release; write --data data\n"
    )
    assert new.stderr == ""


def test_the_folder_given_twice_is_a_usage_error(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = invoke("status", "data", "--data", "other", cwd=data.parent)
    assert result.exit_code == 2
    assert "the plan folder is given twice" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["validate", "build", "serve", "status", "diff", "schema"])
def test_every_command_names_the_folder_with_data(
    run_cli: Callable[..., Any], command: str
) -> None:
    result = run_cli(command, "--help")
    assert "-d, --data DATA_DIR" in result.stdout
