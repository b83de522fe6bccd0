"""Reading one data file: bounded, without blocking, decoded as UTF-8, parsed.

The bytes come from disk or from an editor's unsaved buffer (the language server); a file
that cannot be read at all raises ``OSError``; everything wrong with what it holds comes
back as problems (see ``yamlfile.parse_text``).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ntsplan.load.characters import bidi_problems
from ntsplan.load.document import Document
from ntsplan.load.invisible import invisible_problems
from ntsplan.load.limits import MAX_FILE_BYTES
from ntsplan.load.lookalikes import lookalike_problems
from ntsplan.load.yaml_errors import decode
from ntsplan.load.yamlfile import parse_text
from ntsplan.problems import Problem


class NotRegularFileError(OSError):
    """A data file's name that leads to a pipe, socket, device or folder instead of a file."""


def _read_bounded(file: Path) -> bytes:
    """At most ``MAX_FILE_BYTES + 1`` bytes of a regular file.

    Opened without blocking and checked after opening (no race with a check before): a
    pipe named ``x.yaml`` would otherwise wait forever for a writer.
    """
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFileError(errno.EINVAL, "not a regular file", str(file))
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def read_document(file: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file. Raises OSError only for files that cannot be read at all
    (``NotRegularFileError`` for a pipe, socket, device or folder)."""
    return document_from_bytes(file, _read_bounded(file))


def document_from_bytes(file: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of one file, read from disk or from an editor's unsaved buffer:
    the size limit, the encoding checks and the parser are the same for both."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                file,
                1,
                1,
                "file-too-large",
                f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the limit for a data "
                "file; split it or remove what does not belong in the plan",
            )
        ]
    text, problem = decode(file, raw)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    hidden = bidi_problems(file, text)
    document, problems = parse_text(file, text)
    if document is not None:
        # In a parsed file, the characters inside keys and values are located with a fix.
        found = invisible_problems(document) + lookalike_problems(document)
        at = {(p.line, p.column) for p in found}
        hidden = [p for p in hidden if (p.line, p.column) not in at] + found
    return document, [*hidden, *problems]
