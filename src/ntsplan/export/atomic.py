"""Write an output so that readers see either the old file or the new one, never half of one.

The bytes go to a temporary file in the same folder (the same file system, so the rename
is atomic), are flushed to disk, and the temporary file is renamed over the target with
``os.replace``. A failure or an interrupt before the rename leaves the previous output as
it was and removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ntsplan.errors import OutputError


def atomic_write(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step; raise ``OutputError`` when it cannot."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _output_error(target, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private to its owner; an output is an ordinary document.
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)  # os.replace: atomic within one file system
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise _output_error(target, error) from error
        raise


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
    except OSError as error:
        raise _output_error(folder, error) from error
    if not folder.is_dir():
        raise OutputError(f"cannot write into {folder}: it is not a folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise _output_error(folder, error) from error


def _output_error(path: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(
        f"cannot write {path}: {reason}",
        hint="choose another output folder with --out, or check its permissions",
    )
