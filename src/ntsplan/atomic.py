"""Write an output so that readers see either the old file or the new one, never half of one.

The bytes go to a temporary file in the same folder (the same file system, so the rename
is atomic), are flushed to disk, and the temporary file is renamed over the target with
``os.replace``. A failure or an interrupt before the rename leaves the previous output as
it was and removes the temporary file.

A run killed outright (SIGKILL, a power cut) cannot remove its temporary file; the next
write of the same output removes such leftovers once they are a minute old and no run
holds their lock. ``folder_lock`` lets an output and its stamp be written as one step
when two builds write into the same folder at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ntsplan.errors import OutputError

STALE_SECONDS = 60
"""A temporary file older than this that no run holds locked was left by a killed run."""


def atomic_write(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step; raise ``OutputError`` when it cannot."""
    remove_stale_temporaries(target)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise output_error(target, error) from error
    try:
        with os.fdopen(handle, "wb") as file:
            # Held until the file is renamed: tells remove_stale_temporaries it is in use.
            fcntl.flock(file.fileno(), fcntl.LOCK_EX)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            # mkstemp makes the file private to its owner; an output is an ordinary document.
            Path(temporary).chmod(0o644)
            Path(temporary).replace(target)  # os.replace: atomic within one file system
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise output_error(target, error) from error
        raise


def remove_stale_temporaries(target: Path) -> None:
    """Delete the temporary files of ``target`` that a killed run left behind.

    A file that a running write holds locked is kept, and so is a fresh one (it may have
    been created a moment ago and not be locked yet).
    """
    cutoff = time.time() - STALE_SECONDS
    for path in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            if path.is_symlink() or path.stat().st_mtime > cutoff:
                continue
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path.unlink()
        except OSError:
            pass  # locked by a run that is writing it, or gone already
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file) while the block runs.

    Two builds into one folder then write an output and its stamp one after the other,
    never interleaved, so the stamp on disk always belongs to the output on disk. The
    kernel releases the lock of a run that is killed.
    """
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise output_error(folder, error) from error
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``target`` atomically unless it already holds ``data``; say whether it wrote.

    Leaving an unchanged file alone keeps its modification time, so tools that watch the
    output folder (make, a browser's reload) see no change where there is none.
    """
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(target, data)
    return True


def ensure_folder(folder: Path) -> None:
    """Create the output folder if needed and check that files can be written into it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"cannot write into {folder}: it is a file, not a folder",
            hint="choose a folder with --out",
        ) from None
    except OSError as error:
        raise output_error(folder, error) from error
    if not folder.is_dir():
        raise OutputError(f"cannot write into {folder}: it is not a folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise output_error(folder, error) from error


def output_error(path: Path, error: OSError) -> OutputError:
    """``error`` while writing ``path``, as the ``OutputError`` the user sees."""
    reason = error.strerror or str(error)
    return OutputError(
        f"cannot write {path}: {reason}",
        hint="choose another output folder with --out, or check its permissions",
    )
