"""All outputs of one build, and their stamps, replaced together at the end, or none.

A build makes several files (the HTML, the PDF, a workbook, each with its stamp). Writing
each as soon as it is ready would leave a new HTML beside the old PDF when the build is
stopped in between. So every output is first *staged*: written in full to a temporary file
in the output folder and flushed to disk. Nothing the reader sees has changed yet. At the
end, ``commit`` does three things:

1. it writes a journal (``.ntsplan-replace.json``) naming every staged file and its
   target, atomically: this is the moment the build counts as done;
2. it renames each staged file over its target (``os.replace``, atomic per file);
3. it removes the journal.

A build stopped before step 1 (Ctrl-C, SIGKILL, a failure) leaves every old output as it
was; its staged files are removed (Ctrl-C, a failure) or left for the next build to clear
(SIGKILL; see ``atomic.remove_stale_temporaries``). A build killed during step 2 leaves a
journal: the next ntsplan run into that folder finishes the renames before anything else
(``recover``), so the folder holds all the new outputs. Ctrl-C cannot stop step 2 (SIGINT
and SIGTERM wait until it is over). Commits into one folder take turns (``folder_lock``).

Any output plugs in the same way: ``batch.add(target, data, key)``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import tempfile
from pathlib import Path
from types import TracebackType

from ntsplan.atomic import atomic_write, folder_lock, output_error, remove_stale_temporaries
from ntsplan.build.stamps import OutputStamp
from ntsplan.errors import OutputError

JOURNAL = ".ntsplan-replace.json"
"""The file that lists the renames of a commit in progress."""


def step(name: str) -> None:
    """A named point of the commit (``staged NAME``, ``journal written``, ``replaced
    NAME``, ``journal removed``). It does nothing; tests stop a build here to check that
    a kill at any point leaves whole outputs."""


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _finish(folder: Path, renames: list[tuple[str, str]]) -> None:
    """Rename every staged file that is still there over its target; drop the journal."""
    for staged, target in renames:
        with contextlib.suppress(FileNotFoundError):  # renamed before the run was killed
            (folder / staged).replace(folder / target)
            step(f"replaced {target}")
    _fsync_folder(folder)
    (folder / JOURNAL).unlink(missing_ok=True)
    _fsync_folder(folder)
    step("journal removed")


def recover(folder: Path) -> bool:
    """Finish a commit that a killed build left in ``folder``; say whether there was one.
    The caller holds the folder's lock."""
    journal = folder / JOURNAL
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        # Written atomically, so never half there; an unreadable one is not ours to judge.
        raise OutputError(
            f"cannot read {journal}: it records an unfinished build",
            hint="delete it and build again",
        ) from None
    renames = [
        (str(staged), str(target))
        for staged, target in entries.get("replace", [])
        # Only plain names inside this folder: the journal is ours, but stay careful.
        if "/" not in f"{staged}{target}" and not str(target).startswith(".ntsplan")
    ]
    _finish(folder, renames)
    return True


def finish_unfinished(folder: Path) -> None:
    """Finish what a killed build left in ``folder``, before anything else looks at it."""
    with folder_lock(folder):
        recover(folder)


class OutputBatch:
    """The outputs of one build, staged and then replaced together (see the module doc).

    Use as a context manager: leaving the block without ``commit`` (an error, Ctrl-C)
    removes what was staged and leaves the folder as it was.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.staged: list[tuple[Path, Path]] = []
        """(staged file, target) pairs, in the order they were added."""
        self._locks: list[int] = []

    def __enter__(self) -> OutputBatch:
        finish_unfinished(self.folder)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.discard()

    def add(self, target: Path, data: bytes, key: str) -> None:
        """Stage ``data`` for ``target`` and its stamp for the inputs with ``key``."""
        self._stage(target, data)
        stamp = OutputStamp(target)
        self._stage(stamp.path, stamp.content(key, data))
        step(f"staged {target.name}")

    def _stage(self, target: Path, data: bytes) -> None:
        remove_stale_temporaries(target)
        try:
            handle, name = tempfile.mkstemp(
                dir=self.folder, prefix=f".{target.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise output_error(target, error) from error
        staged = Path(name)
        self.staged.append((staged, target))
        # Locked until the commit is over: remove_stale_temporaries leaves it alone.
        fcntl.flock(handle, fcntl.LOCK_EX)
        self._locks.append(handle)
        try:
            _write_all(handle, data)
            os.fsync(handle)
            os.fchmod(handle, 0o644)  # mkstemp makes it private; an output is a document
        except OSError as error:
            raise output_error(target, error) from error

    def commit(self) -> None:
        """Replace every target with its staged file, as one step for readers."""
        if not self.staged:
            return
        renames = [(s.name, t.name) for s, t in self.staged]
        blocked = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            with folder_lock(self.folder):
                recover(self.folder)  # another build's unfinished commit comes first
                payload = json.dumps({"replace": renames}, indent=2) + "\n"
                atomic_write(self.folder / JOURNAL, payload.encode())
                step("journal written")
                _finish(self.folder, renames)
        except OSError as error:
            raise output_error(self.folder, error) from error
        finally:
            self.staged.clear()
            self._release()
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    def discard(self) -> None:
        """Remove every staged file (after an error, or when nothing is to be written)."""
        for staged, _ in self.staged:
            with contextlib.suppress(OSError):
                staged.unlink()
        self.staged.clear()
        self._release()

    def _release(self) -> None:
        for handle in self._locks:
            with contextlib.suppress(OSError):
                os.close(handle)
        self._locks.clear()


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]
