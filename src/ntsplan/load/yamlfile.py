"""Strict, safe YAML: one file in, plain data with a mark per node out, or problems.

Built on libyaml's event parser (``CSafeLoader``) with our own construction, so that:

* a duplicate key is an error naming both lines;
* YAML 1.1 surprises never change data silently: only ``true``/``false`` are booleans
  (``yes``, ``no``, ``on``, ``off`` stay text), dates stay text for the schema to read, a
  number with a leading zero (``0755``) stays text instead of becoming octal;
* aliases, nesting depth and file size are bounded (see ``limits``);
* encoding errors and syntax errors carry a 1-based line and column.

Nothing here raises for bad input: problems are returned as values.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ntsplan.load.characters import bidi_problems
from ntsplan.load.document import DocPath, Document, NodeMarks
from ntsplan.load.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    MAX_NUMBER_CHARS,
)
from ntsplan.load.yaml_errors import decode, reader_problem, syntax_problem
from ntsplan.problems import Position, Problem, Severity

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we support
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

# YAML 1.2 core schema, minus what could surprise: no octal without 0o, no .inf/.nan.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_HEX_RE = re.compile(r"^0x[0-9a-fA-F]+$")
_OCT_RE = re.compile(r"^0o[0-7]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")

_GROUPED_RE = re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$")
"""'200.000': two hundred thousand to a Dutch reader, 200.0 to YAML."""

_TAG = "tag:yaml.org,2002:"
_SCALAR = yaml.ScalarEvent
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}


_FIRST_OF_NON_TEXT = frozenset("0123456789+-.~nNtTfF")
"""First characters of every plain scalar that is not text: a quick way out for the rest."""


def _resolve_plain(text: str) -> Any:
    """Turn a plain (unquoted) scalar into a value by the rules in this module's docstring."""
    if not text:
        return None
    if text[0] not in _FIRST_OF_NON_TEXT or len(text) > MAX_NUMBER_CHARS:
        return text  # a 5,000-digit number stays text: the schema names the field's limit
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        return int(text)
    if _HEX_RE.match(text):
        return int(text, 16)
    if _OCT_RE.match(text):
        return int(text[2:], 8)
    if _FLOAT_RE.match(text) and any(c.isdigit() for c in text):
        number = float(text)
        # '1e400' would become infinity: keep it as text, like .inf, for the schema to refuse.
        return number if math.isfinite(number) else text
    return text


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_DISCARDED = "\x00discarded"
"""Path step for values that are dropped; no schema field can have this name."""


class _Abort(Exception):
    """Stops construction of a document after a problem that makes the rest meaningless."""


@dataclass
class _Frame:
    """A mapping or list under construction."""

    container: dict[str, Any] | list[Any]
    path: DocPath
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_position: Position | None = None
    key_lines: dict[str, int] = field(default_factory=dict)
    discard: bool = False
    """The value of the current key is dropped (a duplicate key or a merge key)."""


class _Builder:
    """Builds plain Python data from libyaml events, recording a mark per node."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.marks: dict[DocPath, NodeMarks] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliases = 0
        self.unused: dict[str, Any] = {}
        """Anchors on single values that no alias uses yet: '&Co is great' drops '&Co'."""

    def problem(self, position: Position, code: str, message: str, path: DocPath = ()) -> None:
        self.problems.append(
            Problem(self.file, position.line, position.column, code, message, path=path)
        )

    def build(self, events: Any) -> tuple[Any, bool]:
        """Consume the events of a stream; return the first document's data and whether the
        stream held a document at all."""
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        for event in events:
            if type(event) is _SCALAR:  # by far the most common event; checked first
                value = self._scalar(event, stack)
                if stack:
                    self._add(stack, value, 1, event)
                else:
                    self.marks[()] = NodeMarks(_position(event.start_mark))
                    root = value
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                    if event.value:  # 'title: &t' alone is reported as an empty value
                        self.unused[event.anchor] = event
                self._count(1, event)
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    self.problem(
                        _position(event.start_mark),
                        "multiple-documents",
                        "a file holds one YAML document; remove this '---' and what follows "
                        "or move it to a file of its own",
                    )
                    raise _Abort
                continue
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self._check_tag(
                    event, "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                )
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                path = self._child_path(stack, event)
                if len(path) >= MAX_DEPTH:
                    self.problem(
                        _position(event.start_mark),
                        "too-deep",
                        f"values are nested more than {MAX_DEPTH} levels deep here; "
                        "a plan file needs only a few levels: check the indentation and the "
                        "brackets above this line",
                        path,
                    )
                    raise _Abort
                self._count(1, event)
                stack.append(_Frame(container, path, event.anchor))
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                if stack:
                    self._add(stack, frame.container, frame.size, None)
                else:
                    root = frame.container
                continue
            if isinstance(event, yaml.AliasEvent):
                root = self._alias(event, stack, root)
        for anchor, event in self.unused.items():
            self.problems.append(
                Problem(
                    self.file,
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    "unused-anchor",
                    f"'&{anchor}' is read as an anchor name, so the value is only "
                    f"'{event.value}'; if '&{anchor}' is part of the text, put the whole "
                    "value in quotes",
                    Severity.WARNING,
                )
            )
        return root, documents > 0

    def _child_path(self, stack: list[_Frame], event: Any) -> DocPath:
        """Path of a new node, recording its mark (and its key's mark) on the way."""
        position = _position(event.start_mark)
        if not stack:
            self.marks[()] = NodeMarks(position)
            return ()
        parent = stack[-1]
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            self.marks[path] = NodeMarks(position)
            return path
        if parent.key is None:
            self.problem(
                position,
                "complex-key",
                "a key must be plain text; a list or mapping cannot be a key — write the key as "
                "text ('name:'), and put the list or mapping after it as its value",
                parent.path,
            )
            raise _Abort
        if parent.discard:
            # A dropped value still gets a path for depth counting, but no marks: its
            # positions must not replace those of the value that is kept.
            return (*parent.path, _DISCARDED)
        path = (*parent.path, parent.key)
        self.marks[path] = NodeMarks(position, parent.key_position)
        return path

    def _add(self, stack: list[_Frame], value: Any, size: int, event: Any) -> None:
        """Put a finished value (scalar, mapping or list) into the frame on top."""
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            if event is not None:
                path = (*frame.path, len(frame.container))
                self.marks[path] = NodeMarks(_position(event.start_mark))
            frame.container.append(value)
            return
        if frame.key is None:
            # This value is a key.
            assert event is not None  # non-scalar keys are refused in _child_path
            self._take_key(frame, value, event)
            return
        if not frame.discard:
            if event is not None:
                path = (*frame.path, frame.key)
                self.marks[path] = NodeMarks(_position(event.start_mark), frame.key_position)
            frame.container[frame.key] = value
        frame.key = None
        frame.discard = False

    def _take_key(self, frame: _Frame, value: Any, event: Any) -> None:
        position = _position(event.start_mark)
        key = event.value  # keys are always text: '2026:' is the key "2026"
        if key == "<<" and event.implicit[0]:
            self.problem(
                position,
                "merge-key",
                "merge keys ('<<') are not supported; write the keys out in full",
                frame.path,
            )
            frame.discard = True  # reported once; not again as an unknown field '<<'
        first = frame.key_lines.get(key)
        if first is not None:
            frame.discard = True  # the first value is kept
            self.problem(
                position,
                "duplicate-key",
                f"duplicate key '{key}': it is also on line {first}; keep one of the two",
                (*frame.path, key),
            )
        else:
            frame.key_lines[key] = position.line
        frame.key = key
        frame.key_position = position
        del value

    def _scalar(self, event: Any, stack: list[_Frame]) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            # implicit[0]: a plain scalar without a tag, the only kind whose type is guessed.
            if not event.implicit[0]:
                return event.value
            value = _resolve_plain(event.value)
            if type(value) is float and _GROUPED_RE.match(event.value):
                number = event.value.replace(".", "")
                self.problems.append(
                    Problem(
                        self.file,
                        event.start_mark.line + 1,
                        event.start_mark.column + 1,
                        "ambiguous-number",
                        f"{event.value} is read as {value:g}: in YAML the point is the "
                        f"decimal sign; if you mean {number}, write {number}; if you mean "
                        f"{value:g}, write {value:g}",
                        Severity.WARNING,
                        stack[-1].path if stack else (),
                    )
                )
            return value
        if tag not in _SCALAR_TAGS:
            text = f"'{_short_tag(tag)} {event.value}'" if event.value else "text"
            self.problem(
                _position(event.start_mark),
                "unsupported-tag",
                f"the tag '{_short_tag(tag)}' is not supported; remove it (plain values need "
                f"no tag), or if {text} is meant as text, put the whole value in quotes",
                stack[-1].path if stack else (),
            )
            return event.value
        if tag == f"{_TAG}str":
            return event.value
        value = _resolve_plain(event.value)
        expected: dict[str, type | tuple[type, ...]] = {
            "int": int,
            "float": (int, float),
            "bool": bool,
            "null": type(None),
        }
        wanted = tag.removeprefix(_TAG)
        if not isinstance(value, expected[wanted]) or (
            wanted != "bool" and isinstance(value, bool)
        ):
            self.problem(
                _position(event.start_mark),
                "bad-tag-value",
                f"'{event.value}' is not a valid !!{wanted}; fix the value or remove the tag",
                stack[-1].path if stack else (),
            )
            return event.value
        return float(value) if wanted == "float" and isinstance(value, int | float) else value

    def _check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", f"{_TAG}{kind}"):
            self.problem(
                _position(event.start_mark),
                "unsupported-tag",
                f"the tag '{_short_tag(event.tag)}' is not supported; remove it",
            )

    def _alias(self, event: Any, stack: list[_Frame], root: Any) -> Any:
        self.aliases += 1
        position = _position(event.start_mark)
        if self.aliases > MAX_ALIASES:
            self.problem(
                position,
                "alias-limit",
                f"more than {MAX_ALIASES} aliases in one file; write the values out instead",
            )
            raise _Abort
        target = self.anchors.get(event.anchor)
        self.unused.pop(event.anchor, None)
        if target is None:  # libyaml's event parser leaves this check to the composer (us)
            self.problem(
                position,
                "yaml-syntax",
                f"the alias '*{event.anchor}' refers to an anchor '&{event.anchor}' that is "
                "not defined above it",
            )
            raise _Abort
        value, size = target
        self._count(size, event)
        if not stack:
            self.marks[()] = NodeMarks(position)
            return value
        frame = stack[-1]
        if isinstance(frame.container, dict) and frame.key is None:
            self.problem(position, "complex-key", "an alias cannot be a key; write the key out")
            raise _Abort
        self._add(stack, value, size, event)
        return root

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.problem(
                _position(event.start_mark),
                "alias-limit" if isinstance(event, yaml.AliasEvent) else "too-many-values",
                f"the file expands to more than {MAX_NODES:,} values; "
                "aliases may not multiply content like this: write the values out instead of "
                "repeating them through aliases",
            )
            raise _Abort


def parse_text(file: Path, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a document. The document is None when nothing usable came out."""
    builder = _Builder(file)
    loader = _Parser(text)
    try:
        data, had_document = builder.build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as error:
        return None, [*builder.problems, syntax_problem(file, error, text)]
    except yaml.reader.ReaderError as error:
        return None, [*builder.problems, reader_problem(file, error, text)]
    except yaml.YAMLError as error:  # a reader error without a mark
        return None, [*builder.problems, Problem(file, 1, 1, "yaml-syntax", str(error))]
    except _Abort:
        return None, builder.problems
    finally:
        loader.dispose()
    if not had_document or data is None:
        message = (
            "the file is empty; it should hold the fields of its kind "
            "(see 'The data folder' in the README)"
        )
        return None, [*builder.problems, Problem(file, 1, 1, "empty-file", message)]
    return Document(file, data, builder.marks), builder.problems


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
    return document, [*hidden, *problems]
