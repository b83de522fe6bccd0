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
from ntsplan.load import Document, SourceFile
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
    """A plan folder with its caches, the open buffers and the outcome of the last check.

    The buffers and ``result`` belong to the server's event loop; ``run_check`` may run in
    a worker thread on a copy of the buffers, and ``accept`` takes its outcome back.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reader = CachedReader()
        self.memo = CheckMemo()
        self.buffers: dict[Path, str] = {}
        self.result: CheckResult | None = None
        self.generation = 0
        """Counts the changes (buffers, files on disk): a check of an older one is stale."""
        self.checked = -1
        """The generation the last accepted check was of."""
        self.good: dict[Path, SourceFile] = {}
        """The last loaded document of each file: a file that does not parse now keeps the
        ids it had, so that completion and navigation still know them."""

    def set_buffer(self, file: Path, text: str | None) -> None:
        """The unsaved text of an open file; None when it is closed (the disk counts)."""
        if text is None:
            self.buffers.pop(file, None)
        else:
            self.buffers[file] = text
        self.generation += 1

    def run_check(self, buffers: dict[Path, str]) -> CheckResult | None:
        """Check the plan folder as ``ntsplan validate`` would, over ``buffers``; None when
        the folder itself is gone (nothing to report on)."""
        self.reader.buffers = dict(buffers)
        try:
            result = check_folder(self.root, reader=self.reader, memo=self.memo)
        except NtsplanError:
            result = None
        # What survives a check (the cached documents and models) lives until its file
        # changes: out of the cyclic collector's sight, so that collections triggered while
        # the next keystroke is checked do not rescan the whole plan (refcounting still
        # frees replaced documents).
        gc.freeze()
        return result

    def accept(self, result: CheckResult | None, generation: int | None = None) -> None:
        """Take the outcome of a check (of ``generation``: the current one if None)."""
        self.result = result
        self.checked = self.generation if generation is None else generation
        if result is None:
            self.good.clear()
            return
        current = {source.document.file: source for source in result.sources}
        for file in [f for f in self.good if f not in current]:
            if not (file in self.buffers or file.is_file()):
                del self.good[file]  # deleted; one that does not parse keeps its last ids
        self.good.update(current)

    def check(self) -> CheckResult | None:
        """Check over the current buffers and take the outcome (in the caller's thread)."""
        result = self.run_check(self.buffers)
        self.accept(result)
        return result

    def text_of(self, file: Path) -> str:
        """The current text of a file: its buffer, or what is on disk ('' if unreadable)."""
        text = self.buffers.get(file)
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
