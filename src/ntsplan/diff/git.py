"""Read a plan folder as it was in a git revision, without touching the work tree.

Only read-only plumbing runs (``rev-parse``, ``ls-tree``, ``cat-file``): no checkout, no
stash, nothing written to the index, so ``diff`` can run in the middle of an edit. Each
call is an argument list, never a shell line, and git never asks for a password.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ntsplan.errors import NtsplanError, UsageError

_MODE_LINK = "120000"


class GitError(NtsplanError):
    """git is missing, the folder is not in a repository, or git failed."""


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("git is not installed", hint="install git, e.g. apt-get install git")
    return found


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # never wait for a password
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not even refresh the index
    env["LC_ALL"] = "C"
    return env


def _existing_ancestor(path: Path) -> tuple[Path, PurePosixPath]:
    """The nearest folder of ``path`` that exists, and the rest of the path below it:
    the data folder may be missing from the work tree when comparing two revisions."""
    absolute = path.resolve()
    rest: list[str] = []
    while not absolute.is_dir() and absolute != absolute.parent:
        rest.insert(0, absolute.name)
        absolute = absolute.parent
    return absolute, PurePosixPath(*rest)


@dataclass(frozen=True, slots=True)
class GitRepo:
    """The repository holding a data folder; ``prefix`` is the folder's path inside it
    ('data/' or '' at the top), as git names paths."""

    top: Path
    prefix: str
    git: str

    @classmethod
    def locate(cls, data_dir: Path) -> GitRepo:
        """The repository ``data_dir`` lies in; ``GitError`` when there is none."""
        git = _git_binary()
        folder, rest = _existing_ancestor(data_dir)
        done = subprocess.run(
            [git, "-C", str(folder), "rev-parse", "--show-toplevel", "--show-prefix"],
            capture_output=True,
            env=_environment(),
            check=False,
        )
        if done.returncode != 0:
            raise GitError(
                f"'{data_dir}' is not inside a git repository",
                hint="run ntsplan diff in a clone of the plan's repository",
            )
        lines = done.stdout.decode("utf-8", "replace").splitlines()
        top, prefix = lines[0], lines[1] if len(lines) > 1 else ""
        full = PurePosixPath(prefix) / rest if prefix or rest.parts else PurePosixPath()
        folder_prefix = f"{full.as_posix()}/" if full.parts else ""
        return cls(top=Path(top), prefix=folder_prefix, git=git)

    def _run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [self.git, "-C", str(self.top), *args],
            input=stdin,
            capture_output=True,
            env=_environment(),
            check=False,
        )

    def resolve(self, revision: str) -> str:
        """The commit a revision names; ``UsageError`` for an unknown revision."""
        done = self._run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
        if done.returncode != 0 or not done.stdout.strip():
            raise UsageError(
                f"unknown revision '{revision}'",
                hint="name a branch, tag or commit, e.g. main, origin/main or HEAD~1",
            )
        return done.stdout.decode("ascii").strip()

    def export(self, commit: str, label: str, destination: Path) -> Path:
        """Write the data folder as it is in ``commit`` to ``destination`` and return it.
        ``label`` names the revision in messages."""
        spec = [self.prefix] if self.prefix else []
        listed = self._run("ls-tree", "-r", "-z", "--full-tree", commit, "--", *spec)
        if listed.returncode != 0:
            raise GitError(f"git cannot list '{label}': {listed.stderr.decode().strip()}")
        entries = []
        for record in listed.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, raw_name = record.partition(b"\t")
            mode, kind, obj = meta.decode("ascii").split(" ")
            if kind == "blob":  # a submodule ("commit") holds no plan files
                entries.append((mode, obj, os.fsdecode(raw_name)))
        if not entries:
            raise UsageError(
                f"'{label}' has no folder '{self.prefix or '.'}'",
                hint="check the --data folder, or compare with a later revision",
            )
        destination.mkdir(parents=True)
        contents = self._blobs([obj for _, obj, _ in entries], label)
        for (mode, _, name), content in zip(entries, contents, strict=True):
            target = destination / name[len(self.prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == _MODE_LINK:
                # Kept a link, so the loader judges it as it would in the work tree.
                target.symlink_to(os.fsdecode(content))
            else:
                target.write_bytes(content)
        return destination

    def _blobs(self, objects: list[str], label: str) -> list[bytes]:
        """The contents of many blobs from one ``git cat-file --batch``."""
        done = self._run("cat-file", "--batch", stdin="".join(f"{o}\n" for o in objects).encode())
        if done.returncode != 0:
            raise GitError(f"git cannot read '{label}': {done.stderr.decode().strip()}")
        out, at, contents = done.stdout, 0, []
        for _ in objects:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split(b" ")[2])
            start = header_end + 1
            contents.append(out[start : start + size])
            at = start + size + 1  # the content is followed by a newline
        return contents
