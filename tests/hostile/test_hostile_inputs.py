"""The hostile-input corpus: every broken or malicious input gets a located answer.

Each case is a plan folder (the base case with some files replaced or added) and the exact
problems ``ntsplan validate --format json`` must report, as (file, line, column, severity,
code). Every case runs through the real entry point in a forked child of one worker
process (``hostile_worker.py``), which gives each run's own peak memory; a run must end by
itself (a 60 s hang guard, not a timing assertion), stay under ``MEMORY_BOUND_MIB``, and
show no traceback and no internal error.

Exit codes: 1 for problems in the data; 0 where the case only draws warnings (or is fine);
2 where the file cannot be read at all, because the README documents an unreadable file
as an environment error (exit 2), not as a problem of the data.

Finer points of each stage are tested elsewhere (``test_yaml_loader.py``, ``test_folder.py``,
``tests/cases/``); this suite checks the issue's list end to end, with the bounds.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BASE, build_case
from hostile_helpers import MEMORY_BOUND_MIB, Job, Outcome, assert_clean_ending, run_jobs

CHIPS = (BASE / "valuechains/chips.yaml").read_text(encoding="utf-8")
CHIPS_FILE = "valuechains/chips.yaml"
LARGE_FILE_BYTES = 100 * 1024 * 1024
LARGE_FILE_MEMORY_MIB = 80
"""Far below the 100 MiB file: ntsplan refuses it after reading its first MiB."""

Setup = Callable[[Path], None]
"""Creates something at the given path that plain bytes cannot describe."""


def _lines(text: str, replace: dict[int, str]) -> str:
    """``text`` with the given 1-based lines replaced (a value may hold several lines)."""
    lines = text.splitlines()
    for number, line in replace.items():
        lines[number - 1] = line
    return "\n".join(lines) + "\n"


def chips(**replace: str) -> bytes:
    """The base chain with lines replaced: ``chips(l4="  lead: *x")``."""
    return _lines(CHIPS, {int(k[1:]): v for k, v in replace.items()}).encode()


def billion_laughs(levels: int = 9) -> bytes:
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def quadratic_blowup() -> bytes:
    """One anchor of 10,000 values, aliased 1,000 times: 10 million values."""
    big = "[" + ", ".join(["x"] * 10_000) + "]"
    refs = "\n".join("  - *big" for _ in range(1_000))
    return f"title: &big {big}\nstatus:\n{refs}\n".encode()


def sparse_file(path: Path) -> None:
    """A 100 MiB file, written in an instant: a valid head, then a hole of NUL bytes."""
    with path.open("wb") as handle:
        handle.write(CHIPS.encode())
        handle.truncate(LARGE_FILE_BYTES)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.mkdir()


def private(path: Path) -> None:
    path.write_text(CHIPS, encoding="utf-8")
    path.chmod(0)


def link_to(target: str) -> Setup:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def outside_secret(path: Path) -> None:
    """A link to a YAML file beside the data folder, outside it."""
    secret = path.parents[2] / "secret.yaml"
    secret.write_text(CHIPS, encoding="utf-8")
    path.symlink_to(secret)


def linked_folder_outside(path: Path) -> None:
    outside = path.parents[1] / "elsewhere"
    shutil.move(path, outside)
    path.symlink_to(outside, target_is_directory=True)


Row = tuple[str, int, int, str, str]


@dataclass(frozen=True)
class Case:
    """One hostile input: files laid over the base plan, and what must be reported."""

    name: str
    files: dict[str, bytes | Setup]
    expected: list[Row]
    exit_code: int = 1
    args: tuple[str, ...] = ()
    confined: bool = False
    memory_mib: float = MEMORY_BOUND_MIB
    words: str = ""
    """Words the report must hold, where the message itself is the point of the case."""


def err(file: str, line: int, column: int, code: str) -> Row:
    return (f"data/{file}", line, column, "error", code)


def warn(file: str, line: int, column: int, code: str) -> Row:
    return (f"data/{file}", line, column, "warning", code)


CASES = [
    # --- YAML syntax errors: each located where the editor must look -----------------------
    Case(
        "unclosed-double-quote",
        {CHIPS_FILE: chips(l1='title: "Chips')},
        [err(CHIPS_FILE, 1, 8, "yaml-syntax")],
    ),
    Case(
        "unclosed-single-quote",
        {CHIPS_FILE: chips(l1="title: 'Chips")},
        [err(CHIPS_FILE, 1, 8, "yaml-syntax")],
    ),
    Case(
        "unclosed-bracket",
        {CHIPS_FILE: chips(l5="  roms: [noord, oost")},
        [err(CHIPS_FILE, 5, 9, "yaml-syntax")],
        words="this '[' list is not closed",
    ),
    Case(
        "unclosed-brace",
        {CHIPS_FILE: chips(l4="  lead: {noord", l5="  roms: [noord]")},
        [err(CHIPS_FILE, 4, 9, "yaml-syntax")],
        words="this '{' mapping is not closed",
    ),
    Case(
        "bad-indentation",
        {CHIPS_FILE: chips(l5=" roms: [noord, oost]")},
        [err(CHIPS_FILE, 5, 2, "yaml-syntax")],
    ),
    Case(
        "stray-colon",
        {CHIPS_FILE: chips(l1="title: Chips: the sequel")},
        [err(CHIPS_FILE, 1, 13, "yaml-syntax")],
    ),
    Case(
        "list-item-among-keys",
        {CHIPS_FILE: chips(l2="status: concept\n- scan")},
        [err(CHIPS_FILE, 3, 1, "yaml-syntax")],
    ),
    Case(
        "unknown-escape",
        {CHIPS_FILE: chips(l1=r'title: "Chips \q"')},
        [err(CHIPS_FILE, 1, 15, "yaml-syntax")],
    ),
    Case(
        "bad-unicode-escape",
        {CHIPS_FILE: chips(l1=r'title: "\ud800"')},
        [err(CHIPS_FILE, 1, 11, "yaml-syntax")],
    ),
    Case(
        "anchor-without-node",
        {CHIPS_FILE: chips(l1="title: &t")},
        [err(CHIPS_FILE, 1, 8, "wrong-type")],
    ),
    Case(
        "undefined-alias",
        {CHIPS_FILE: chips(l4="  lead: *lead")},
        [err(CHIPS_FILE, 4, 9, "yaml-syntax")],
    ),
    Case(
        "yaml-1.1-directive-keeps-yes-text",
        {CHIPS_FILE: b"%YAML 1.1\n---\n" + chips(l13="    sme: yes")},
        [err(CHIPS_FILE, 15, 10, "wrong-type")],
    ),
    Case(
        "yaml-directive-twice",
        {CHIPS_FILE: b"%YAML 1.2\n%YAML 1.2\n---\n" + chips()},
        [err(CHIPS_FILE, 2, 1, "yaml-syntax")],
    ),
    Case(
        "yaml-2.0-directive",
        {CHIPS_FILE: b"%YAML 2.0\n---\n" + chips()},
        [err(CHIPS_FILE, 1, 1, "yaml-syntax")],
    ),
    Case(
        "directive-without-document-start",
        {CHIPS_FILE: b"%YAML 1.2\n" + chips()},
        [err(CHIPS_FILE, 2, 1, "yaml-syntax")],
    ),
    Case(
        "tag-directive",
        {
            CHIPS_FILE: b"%TAG !p! tag:yaml.org,2002:python/\n---\n"
            + chips(l1="title: !p!object Chips")
        },
        [err(CHIPS_FILE, 3, 8, "unsupported-tag")],
    ),
    Case(
        "two-documents",
        {CHIPS_FILE: b"---\n" + chips() + b"---\ntitle: Other\n"},
        [err(CHIPS_FILE, 23, 1, "multiple-documents")],
    ),
    Case(
        "content-after-document-end",
        {CHIPS_FILE: chips() + b"...\ntitle: Other\n"},
        [err(CHIPS_FILE, 23, 1, "yaml-syntax")],
    ),
    Case(
        "reserved-indicator",
        {CHIPS_FILE: chips(l1="title: @chips")},
        [err(CHIPS_FILE, 1, 8, "yaml-indicator")],
    ),
    Case(
        "bad-block-scalar-header",
        {CHIPS_FILE: chips(l1="title: |x\n  Chips")},
        [err(CHIPS_FILE, 1, 8, "yaml-indicator")],
    ),
    Case(
        "text-after-quoted-value",
        {CHIPS_FILE: chips(l1='title: "Chips" BV')},
        [err(CHIPS_FILE, 1, 16, "yaml-syntax")],
    ),
    Case(
        "control-character",
        {CHIPS_FILE: chips(l1="title: Ch\x00ips")},
        [err(CHIPS_FILE, 1, 10, "encoding")],
    ),
    Case(
        "python-object-tag",
        {CHIPS_FILE: chips(l1="title: !!python/object:os.system ls")},
        [err(CHIPS_FILE, 1, 8, "unsupported-tag")],
    ),
    # --- duplicate keys -------------------------------------------------------------------
    Case(
        "duplicate-key",
        {CHIPS_FILE: chips(l2="status: concept\ntitle: Again")},
        [err(CHIPS_FILE, 3, 1, "duplicate-key")],
    ),
    Case(
        "duplicate-nested-key",
        {CHIPS_FILE: chips(l4="  lead: noord\n  lead: oost")},
        [err(CHIPS_FILE, 5, 3, "duplicate-key")],
    ),
    # --- keys that look like pydantic's own location steps (found by test_properties.py) ---
    Case(
        "keys-with-brackets",
        {
            "plan.yaml": (BASE / "plan.yaml").read_bytes() + b'"[": x\n',
            CHIPS_FILE: chips(l8="    role: Light on chips.\n    x[0]: 2"),
        },
        [err("plan.yaml", 12, 1, "unknown-field"), err(CHIPS_FILE, 9, 5, "unknown-field")],
        words="unknown field '['",
    ),
    # --- resource exhaustion ----------------------------------------------------------------
    Case("billion-laughs", {CHIPS_FILE: billion_laughs()}, [err(CHIPS_FILE, 6, 17, "alias-limit")]),
    Case(
        "quadratic-blowup",
        {CHIPS_FILE: quadratic_blowup()},
        [err(CHIPS_FILE, 21, 5, "alias-limit")],
    ),
    Case(
        "file-of-100-mib",
        {CHIPS_FILE: sparse_file},
        [err(CHIPS_FILE, 1, 1, "file-too-large")],
        memory_mib=LARGE_FILE_MEMORY_MIB,
        words="larger than 1024 KiB",
    ),
    Case(
        "nesting-10000-flow",
        {CHIPS_FILE: b"title: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"},
        [err(CHIPS_FILE, 1, 1007, "too-deep")],
    ),
    Case(
        "nesting-10000-flow-mappings",
        {CHIPS_FILE: b"title: " + b"{a: " * 10_000 + b"x" + b"}" * 10_000 + b"\n"},
        [err(CHIPS_FILE, 1, 260, "too-deep")],
    ),
    Case(
        "nesting-10000-block",
        {CHIPS_FILE: b"title:\n  " + b"- " * 10_000 + b"x\n"},
        [err(CHIPS_FILE, 2, 129, "too-deep")],
    ),
    Case(
        "nesting-10000-unclosed",
        {CHIPS_FILE: b"[" * 10_000},
        [err(CHIPS_FILE, 1, 1001, "too-deep")],
    ),
    # --- encodings and line ends --------------------------------------------------------------
    Case(
        "invalid-utf8",
        {CHIPS_FILE: chips().replace(b"lead: no", b"lead: no\xff", 1)},
        [err(CHIPS_FILE, 4, 11, "encoding")],
    ),
    Case("utf8-bom-accepted", {CHIPS_FILE: b"\xef\xbb\xbf" + chips()}, [], exit_code=0),
    Case(
        "utf8-bom-then-error",
        {CHIPS_FILE: b"\xef\xbb\xbf" + chips(l1="titel: Chips")},
        [err(CHIPS_FILE, 1, 1, "missing-field"), err(CHIPS_FILE, 1, 1, "unknown-field")],
    ),
    Case("utf16-le-bom", {CHIPS_FILE: CHIPS.encode("utf-16")}, [err(CHIPS_FILE, 1, 1, "encoding")]),
    Case(
        "utf16-be-bom",
        {CHIPS_FILE: b"\xfe\xff" + CHIPS.encode("utf-16-be")},
        [err(CHIPS_FILE, 1, 1, "encoding")],
    ),
    Case(
        "utf16-without-bom",
        {CHIPS_FILE: CHIPS.encode("utf-16-le")},
        [err(CHIPS_FILE, 1, 1, "encoding")],
    ),
    Case("crlf-accepted", {CHIPS_FILE: chips().replace(b"\n", b"\r\n")}, [], exit_code=0),
    Case(
        "crlf-error-line",
        {CHIPS_FILE: chips(l4="  lead: nord").replace(b"\n", b"\r\n")},
        [err(CHIPS_FILE, 4, 9, "unknown-rom")],
    ),
    Case(
        "cr-only-error-line",
        {CHIPS_FILE: chips(l4="  lead: nord").replace(b"\n", b"\r")},
        [err(CHIPS_FILE, 4, 9, "unknown-rom")],
    ),
    Case(
        "tab-indentation",
        {CHIPS_FILE: chips(l4="\tlead: noord")},
        [err(CHIPS_FILE, 4, 1, "tab-indent")],
    ),
    # --- empty and wrongly shaped files ----------------------------------------------------
    Case("empty-file", {CHIPS_FILE: b""}, [err(CHIPS_FILE, 1, 1, "empty-file")]),
    Case("blank-lines-only", {CHIPS_FILE: b"\n  \n\n"}, [err(CHIPS_FILE, 1, 1, "empty-file")]),
    Case("comment-only", {CHIPS_FILE: b"# TODO\n"}, [err(CHIPS_FILE, 1, 1, "empty-file")]),
    Case("empty-plan", {"plan.yaml": b""}, [err("plan.yaml", 1, 1, "empty-file")]),
    Case(
        "top-level-list",
        {CHIPS_FILE: b"- title: Chips\n- status: concept\n"},
        [err(CHIPS_FILE, 1, 1, "wrong-type")],
    ),
    Case(
        "top-level-list-plan",
        {"plan.yaml": b"- title: Testplan\n"},
        [err("plan.yaml", 1, 1, "wrong-type")],
    ),
    Case(
        "top-level-text",
        {"roms.yaml": b"noord, oost, zuid\n"},
        [err("roms.yaml", 1, 1, "wrong-type")],
    ),
    # --- ids with path characters, spaces, upper case ------------------------------------------
    Case(
        "file-name-with-space",
        {"valuechains/my chain.yaml": chips()},
        [err("valuechains/my chain.yaml", 1, 1, "bad-id")],
    ),
    Case(
        "file-name-upper-case",
        {"technologies/Quantum.yaml": b"x: 1\n"},
        [err("technologies/Quantum.yaml", 1, 1, "bad-id")],
    ),
    Case(
        "file-name-with-backslash",
        {"valuechains/a\\b.yaml": chips()},
        [err("valuechains/a\\b.yaml", 1, 1, "bad-id")],
    ),
    Case(
        "file-name-dot-dot",
        {"valuechains/x..y.yaml": chips()},
        [err("valuechains/x..y.yaml", 1, 1, "bad-id")],
    ),
    Case(
        "ids-with-path-characters",
        {
            CHIPS_FILE: chips(
                l4="  lead: ../noord",
                l5="  roms: [Noord, oost west, ..]",
                l7="  - id: ../../etc/passwd",
                l10="  - id: ../x",
                l15="  - id: a/b",
                l21="    depends: [../x, .., qubits/../lab, qubits/ lab, Qubits/Lab]",
            )
        },
        [
            err(CHIPS_FILE, 4, 9, "invalid-value"),
            err(CHIPS_FILE, 5, 10, "invalid-value"),
            err(CHIPS_FILE, 5, 17, "invalid-value"),
            err(CHIPS_FILE, 5, 28, "invalid-value"),
            err(CHIPS_FILE, 7, 9, "invalid-value"),
            err(CHIPS_FILE, 10, 9, "invalid-value"),
            err(CHIPS_FILE, 15, 9, "invalid-value"),
            err(CHIPS_FILE, 21, 15, "invalid-value"),
            err(CHIPS_FILE, 21, 21, "invalid-value"),
            err(CHIPS_FILE, 21, 25, "invalid-value"),
            err(CHIPS_FILE, 21, 40, "invalid-value"),
            err(CHIPS_FILE, 21, 53, "invalid-value"),
        ],
    ),
    Case(
        "chain-slash-ref-to-unknown",
        {CHIPS_FILE: chips(l21="    depends: [a/b]")},
        [err(CHIPS_FILE, 21, 15, "unknown-activity")],
    ),
    # --- links, other files, sub-folders, .yml -------------------------------------------------
    Case(
        "symlink-to-file-outside",
        {"technologies/quantum.yaml": outside_secret},
        [err("technologies/quantum.yaml", 1, 1, "outside-data")],
    ),
    Case(
        "symlink-to-system-file",
        {"technologies/quantum.yaml": link_to("/etc/passwd")},
        [err("technologies/quantum.yaml", 1, 1, "outside-data")],
    ),
    Case(
        "symlink-to-endless-device",
        {"technologies/quantum.yaml": link_to("/dev/zero")},
        [err("technologies/quantum.yaml", 1, 1, "outside-data")],
    ),
    Case(
        "symlink-folder-outside",
        {"technologies": linked_folder_outside},
        [
            err("technologies/photonics.yaml", 1, 1, "outside-data"),
            err("technologies/quantum.yaml", 1, 1, "outside-data"),
        ],
    ),
    Case(
        "other-files-and-sub-folders",
        {
            "valuechains/notes.txt": b"notes\n",
            "valuechains/README.md": b"# x\n",
            "valuechains/old/chips.yaml": chips(),
            "technologies/.quantum.yaml.swp": b"\0\0",
            "technologies/draft.yaml~": b"x: [\n",
            "notes.txt": b"x\n",
        },
        [  # draft.yaml~ is an editor's back-up, README.md notes: left alone by default
            warn("notes.txt", 1, 1, "ignored-file"),
            warn("valuechains/notes.txt", 1, 1, "ignored-file"),
            warn("valuechains/old", 1, 1, "ignored-file"),
        ],
        exit_code=0,
    ),
    Case(
        "other-files-strict",
        {"valuechains/notes.txt": b"notes\n"},
        [warn("valuechains/notes.txt", 1, 1, "ignored-file")],
        args=("--strict",),
    ),
    Case(
        "yml-beside-yaml",
        {"valuechains/chips.yml": chips(l1="title: Chips 2")},
        [err("valuechains/chips.yml", 1, 1, "wrong-extension")],
        words="'chips.yml' is not read, 'chips.yaml' beside it is",
    ),
    Case(
        "plan-yml-beside-plan-yaml",
        {"plan.yml": b"title: Other\n"},
        [err("plan.yml", 1, 1, "wrong-extension")],
        words="'plan.yml' is not read, 'plan.yaml' beside it is",
    ),
    Case(
        "folder-named-like-a-file",
        {"valuechains/extra.yaml": folder},
        [err("valuechains/extra.yaml", 1, 1, "not-a-file")],
        words="is a folder, not a file",
    ),
    # --- unreadable files (exit 2: an environment error, see the module docstring) ------------
    Case(
        "fifo-named-yaml",
        {CHIPS_FILE: fifo},
        [err(CHIPS_FILE, 1, 1, "unreadable")],
        exit_code=2,
        words="it is not a regular file",
    ),
    Case(
        "folder-named-plan-yaml",
        {"plan.yaml": folder},
        [err("plan.yaml", 1, 1, "not-a-file")],
        words="is a folder, not a file",
    ),
]


def _unreadable_case() -> Case:
    """chmod 000 stops everyone but root; the run is confined (see hostile_worker), so it
    stops root too, from any checkout location."""
    return Case(
        "no-read-permission",
        {CHIPS_FILE: private},
        [err(CHIPS_FILE, 1, 1, "unreadable")],
        exit_code=2,
        confined=True,
    )


ALL_CASES = [*CASES, _unreadable_case()]


def _make_case(case: Case, root: Path) -> Path:
    """The case's folder ``root/NAME`` holding ``data/``; returns the folder."""
    home = root / case.name
    data = build_case(None, home / "data")
    for relative, content in case.files.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            path.unlink()
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
    return home


@pytest.fixture(scope="module")
def outcomes() -> Iterator[dict[str, Outcome]]:
    """Every case's run, made once: a fork per case in one worker process."""
    root = Path(tempfile.mkdtemp(prefix="ntsplan-hostile-"))
    try:
        jobs = []
        for case in ALL_CASES:
            home = _make_case(case, root)
            args = ("validate", "--data", "data", "--format", "json", *case.args)
            jobs.append(Job(args, home, confined=case.confined))
        yield {case.name: outcome for case, outcome in zip(ALL_CASES, run_jobs(jobs), strict=True)}
    finally:
        for path in root.rglob("*"):
            if not path.is_symlink() and path.is_file() and not os.access(path, os.R_OK):
                path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        shutil.rmtree(root)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.name)
def test_hostile_input_gets_a_located_answer(case: Case, outcomes: dict[str, Outcome]) -> None:
    """Exactly the expected problems, the expected exit code, bounded memory, no crash.

    The exit code is 1 for problems in the data, but 2 for a file that cannot be read at
    all (no permission, a pipe, a folder named like a file): the README and issue 2 make
    an unreadable file an environment error, and this suite keeps that documented code.
    """
    outcome = outcomes[case.name]
    assert_clean_ending(outcome, memory_mib=case.memory_mib)
    assert outcome.problems == case.expected, outcome
    assert outcome.exit_code == case.exit_code, outcome
    assert case.words in outcome.stdout, outcome
