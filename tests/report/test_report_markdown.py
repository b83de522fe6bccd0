"""``--format markdown``: the job summary that lists every problem (GitHub annotates ten).

The golden file is tests/golden/report.markdown; ``UPDATE_GOLDEN=1 pytest`` rewrites it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import TESTS, RunCli
from ntsplan.check import CheckResult, Summary
from ntsplan.problems import Problem, Severity
from ntsplan.report import make_reporter
from ntsplan.report.markdown import MarkdownReporter

CASES = TESTS / "cases"


def test_exact_output(
    plan_folder: Callable[..., Path], run_cli: RunCli, golden: Callable[[str, str], None]
) -> None:
    data = plan_folder(CASES / "invalid" / "workgroup")
    result = run_cli("validate", "--data", "data", "--format", "markdown", cwd=data.parent)
    assert result.exit_code == 1
    assert result.stderr == ""
    golden("report.markdown", result.stdout)


def test_a_valid_plan(plan_folder: Callable[..., Path], invoke: RunCli) -> None:
    data = plan_folder()
    result = invoke("validate", "--data", "data", "--format", "markdown", cwd=data.parent)
    assert result.exit_code == 0
    assert result.stdout == (
        "### ntsplan validate: valid\n"
        "\n"
        "Checked 6 files: 3 ROM's, 2 technologies, 2 value chains, 3 activities.\n"
    )


def _report(problems: list[Problem], reporter: MarkdownReporter | None = None) -> str:
    errors = sum(p.is_error for p in problems)
    result = CheckResult(
        plan=None,
        problems=problems,
        summary=Summary(files=1, roms=1, errors=errors, warnings=len(problems) - errors),
    )
    stream = io.StringIO()
    (reporter or make_reporter("markdown", color=False)).report(result, stream)
    return stream.getvalue()


def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML on, plus GitHub's tables and strikethrough.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _cells(markdown: str) -> list[list[str]]:
    """The table cells as a GitHub reader sees them: rendered, as plain text."""
    rows: list[list[str]] = []
    in_row = False
    for token in _markdown().parse(markdown):
        if token.type == "tr_open":
            rows.append([])
            in_row = True
        elif token.type == "tr_close":
            in_row = False
        elif token.type == "inline" and in_row:
            children = token.children or []
            rows[-1].append(
                "".join(c.content for c in children if c.type in ("text", "code_inline"))
            )
    return rows


def test_one_row_per_problem_in_reading_order() -> None:
    report = _report(
        [
            Problem(Path("data/a.yaml"), 3, 5, "unknown-field", "unknown field 'x'"),
            Problem(Path("data/a.yaml"), 4, 1, "count-mismatch", "few", Severity.WARNING),
        ]
    )
    assert report.splitlines()[0] == "### ntsplan validate: 1 error, 1 warning"
    assert report.splitlines()[-2:] == [
        "| **error** | `data/a.yaml:3:5` | unknown field 'x' | `unknown-field` |",
        "| warning | `data/a.yaml:4:1` | few | `count-mismatch` |",
    ]


@pytest.mark.parametrize(
    "message",
    [
        "a | pipe in the message",
        "[click me](https://evil.example) and ![img](https://evil.example/x.png)",
        "<script>alert(1)</script> <b>bold</b> &amp;",
        "*stars* _under_ ~~strike~~ `code` \\backslash",
        "two\nlines\r\nand a carriage\rreturn",
    ],
)
def test_untrusted_text_stays_literal(message: str) -> None:
    """A pull request chooses file names and, through its YAML, parts of messages: the
    summary shows them as written, with no links, images, HTML or broken table."""
    file = Path("data/valuechains/we|ird`name.yaml")
    report = _report([Problem(file, 2, 7, "yaml-syntax", message)])
    header, row = _cells(report)
    assert header == ["Severity", "Where", "Problem", "Code"]
    flat = " ".join(message.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert row == ["error", "data/valuechains/we|ird`name.yaml:2:7", flat, "yaml-syntax"]
    rendered = _markdown().render(report)
    assert "<a " not in rendered
    assert "<img" not in rendered
    assert "<script" not in rendered
    assert "<b>" not in rendered


def test_long_reports_are_cut_with_a_note() -> None:
    problems = [Problem(Path("data/a.yaml"), n, 1, "unknown-field", "x") for n in range(1, 6)]
    report = _report(problems, MarkdownReporter(max_rows=3))
    assert report.count("| **error** |") == 3
    assert report.endswith(
        "\n…and 2 more problems not shown here; run `ntsplan validate` to see them all.\n"
    )
