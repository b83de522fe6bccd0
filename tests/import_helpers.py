"""Helpers and fixtures of the import tests (tests/importing): a plan in a git repository,
its workbooks, cells found by their row's hidden key."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from conftest import REPO, TESTS, clean_env

FIXTURE = TESTS / "fixtures" / "import-plan"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def build_workbook(data: Path, out: Path, *extra: str) -> Path:
    """``ntsplan build --only xlsx`` of ``data`` into ``out``; the workbook's path."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ntsplan",
            "build",
            "--data",
            data,
            "--out",
            out,
            "--only",
            "xlsx",
            *extra,
        ],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        check=False,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr.decode()
    (book,) = out.glob("*.xlsx")
    return book


def where(book: Any, sheet: str, key: str, header: str) -> str:
    """The cell name ('O3') of column ``header`` in the row whose hidden key is ``key``."""
    ws = book[sheet]
    headers = {cell.value: cell.column_letter for cell in ws[1]}
    key_letter = next(letter for title, letter in headers.items() if "ntsplan" in str(title))
    for cell in ws[key_letter]:
        if cell.value == key:
            return f"{headers[header]}{cell.row}"
    raise KeyError(key)


Edit = Callable[[Any], None]


def edited(source: Path, target: Path, edit: Edit) -> Path:
    """A copy of the workbook ``source`` changed by ``edit`` (given the openpyxl book)."""
    book = openpyxl.load_workbook(source)
    edit(book)
    book.save(target)
    return target
