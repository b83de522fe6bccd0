"""One plan folder as the editor sees it: the files on disk, overlaid with unsaved buffers.

``PlanSession.check`` runs exactly the computation of ``ntsplan validate``
(``check_folder``), with a reader that takes an open buffer's text instead of the file and
hands back the same document object for a file that has not changed. With the validation
memo that makes a keystroke cost one parse and one validation of the edited file, then
the link stage over the whole plan.
"""

from __future__ import annotations

import gc
import stat
from pathlib import Path

from ntsplan.check import CheckMemo, CheckResult, check_folder
from ntsplan.errors import NtsplanError
from ntsplan.load import Document
from ntsplan.load.layout import FOLDERS, SINGLE_FILES
from ntsplan.load.reader import document_from_bytes, read_document
from ntsplan.problems import Problem

Parsed = tuple[Document | None, list[Problem]]

_STAT_KEY = tuple[int, int, int]


class CachedReader:
    """Reads data files for the load stage: open buffers first, then the disk, each parse
    kept until the text (or the file's size, time and inode) changes."""

    def __init__(self) -> None:
        self.buffers: dict[Path, str] = {}
        self._by_text: dict[Path, tuple[str, Parsed]] = {}
        self._by_stat: dict[Path, tuple[_STAT_KEY, Parsed]] = {}
        self.parsed = 0
        """How many files were parsed, for the tests and the benchmark."""

    def __call__(self, file: Path) -> Parsed:
        text = self.buffers.get(file)
        if text is not None:
            hit = self._by_text.get(file)
            if hit is not None and hit[0] == text:
                return hit[1]
            self.parsed += 1
            parsed = document_from_bytes(file, text.encode("utf-8", "surrogatepass"))
            self._by_text[file] = (text, parsed)
            return parsed
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            return read_document(file)  # raises NotRegularFileError, as validate does
        key = (info.st_mtime_ns, info.st_size, info.st_ino)
        cached = self._by_stat.get(file)
        if cached is not None and cached[0] == key:
            return cached[1]
        self.parsed += 1
        parsed = read_document(file)
        self._by_stat[file] = (key, parsed)
        return parsed


class PlanSession:
    """A plan folder with its caches and the outcome of the last check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reader = CachedReader()
        self.memo = CheckMemo()
        self.result: CheckResult | None = None
        self.published: set[Path] = set()
        """Files that got diagnostics last time, so that they can be cleared."""

    def set_buffer(self, file: Path, text: str | None) -> None:
        """The unsaved text of an open file; None when it is closed (the disk counts)."""
        if text is None:
            self.reader.buffers.pop(file, None)
        else:
            self.reader.buffers[file] = text

    def check(self) -> CheckResult | None:
        """Check the plan folder as ``ntsplan validate`` would; None when the folder itself
        is gone (nothing to report on)."""
        try:
            self.result = check_folder(self.root, reader=self.reader, memo=self.memo)
        except NtsplanError:
            self.result = None
        # What survives a check (the cached documents and models) lives until its file
        # changes: out of the cyclic collector's sight, so that collections triggered while
        # the next keystroke is checked do not rescan the whole plan (refcounting still
        # frees replaced documents).
        gc.freeze()
        return self.result

    def text_of(self, file: Path) -> str:
        """The current text of a file: its buffer, or what is on disk ('' if unreadable)."""
        text = self.reader.buffers.get(file)
        if text is not None:
            return text
        try:
            return file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def plan_root(file: Path) -> Path | None:
    """The plan folder (the one holding plan.yaml) that reads ``file``, or None when no
    plan folder reads it: such a file gets no diagnostics."""
    parent = file.parent
    if file.suffix != ".yaml":
        return None
    if file.name in SINGLE_FILES.values() and (parent / "plan.yaml").is_file():
        return parent
    if parent.name in FOLDERS.values() and (parent.parent / "plan.yaml").is_file():
        return parent.parent
    return None
