"""Strict, safe YAML: one file in, plain data with a mark per node out, or problems.

Built on libyaml's event parser (``CSafeLoader``) with our own construction: a duplicate
key is an error naming both lines; YAML 1.1 surprises never change data silently (see
``scalars``); aliases and nesting depth are bounded (see ``limits``); syntax errors carry a
1-based line and column. Nothing here raises for bad input: problems are returned as values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ntsplan.load.document import DocPath, Document, NodeMarks
from ntsplan.load.limits import MAX_ALIASES, MAX_DEPTH, MAX_NODES
from ntsplan.load.scalars import ambiguous_number, resolve_plain, tagged_value
from ntsplan.load.syntax_fixes import with_fix
from ntsplan.load.yaml_errors import reader_problem, syntax_problem
from ntsplan.problems import Position, Problem, Severity

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we support
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_SCALAR = yaml.ScalarEvent
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _marks(event: Any, key: Position | None = None, key_end: Position | None = None) -> NodeMarks:
    """The marks of a finished value: where it starts and ends (and its key's)."""
    return NodeMarks(_position(event.start_mark), key, _position(event.end_mark), key_end)


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
    key_end: Position | None = None
    flow: bool = False  # written in brackets: its end event marks where its text ends
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

    def problem(self, at: Position, code: str, message: str, path: DocPath = (), **kw: Any) -> None:
        """A problem at ``at``; ``severity=`` for a warning."""
        self.problems.append(Problem(self.file, *at, code, message, path=path, **kw))

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
                    self.marks[()] = _marks(event)
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
                is_map = isinstance(event, yaml.MappingStartEvent)
                self._check_tag(event, "map" if is_map else "seq")
                container: dict[str, Any] | list[Any] = {} if is_map else []
                path = self._child_path(stack, event)
                if len(path) >= MAX_DEPTH:
                    self.problem(
                        _position(event.start_mark),
                        "too-deep",
                        f"values are nested more than {MAX_DEPTH} levels deep here; check the "
                        "indentation and the brackets above this line",
                        path,
                    )
                    raise _Abort
                self._count(1, event)
                stack.append(_Frame(container, path, event.anchor, flow=bool(event.flow_style)))
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.flow and (marks := self.marks.get(frame.path)) is not None:
                    self.marks[frame.path] = marks._replace(end=_position(event.end_mark))
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
            self.problem(
                _position(event.start_mark),
                "unused-anchor",
                f"'&{anchor}' is read as an anchor name, so the value is only "
                f"'{event.value}'; if '&{anchor}' is part of the text, put the whole "
                "value in quotes",
                severity=Severity.WARNING,
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
                "a list or mapping cannot be a key; write the key as text ('name:')",
                parent.path,
            )
            raise _Abort
        if parent.discard:
            # A dropped value still gets a path for depth counting, but no marks: its
            # positions must not replace those of the value that is kept.
            return (*parent.path, _DISCARDED)
        path = (*parent.path, parent.key)
        self.marks[path] = NodeMarks(position, parent.key_position, None, parent.key_end)
        return path

    def _add(self, stack: list[_Frame], value: Any, size: int, event: Any) -> None:
        """Put a finished value (scalar, mapping or list) into the frame on top."""
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            if event is not None:
                path = (*frame.path, len(frame.container))
                self.marks[path] = _marks(event)
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
                self.marks[path] = _marks(event, frame.key_position, frame.key_end)
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
        frame.key_end = _position(event.end_mark)
        del value

    def _scalar(self, event: Any, stack: list[_Frame]) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            # implicit[0]: a plain scalar without a tag, the only kind whose type is guessed.
            if not event.implicit[0]:
                return event.value
            value = resolve_plain(event.value)
            if (message := ambiguous_number(event.value, value)) is not None:
                path = stack[-1].path if stack else ()
                at = _position(event.start_mark)
                self.problem(at, "ambiguous-number", message, path, severity=Severity.WARNING)
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
        wanted = tag.removeprefix(_TAG)
        value, fits = tagged_value(wanted, event.value)
        if not fits:
            self.problem(
                _position(event.start_mark),
                "bad-tag-value",
                f"'{event.value}' is not a valid !!{wanted}; fix the value or remove the tag",
                stack[-1].path if stack else (),
            )
            return event.value
        return value

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
                f"the file expands to more than {MAX_NODES:,} values; write the values out "
                "instead of multiplying them through aliases",
            )
            raise _Abort


def parse_text(file: Path, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a document. The document is None when nothing usable came out."""
    builder = _Builder(file)
    loader = _Parser(text)
    try:
        data, had_document = builder.build(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as error:
        problem = with_fix(syntax_problem(file, error, text), text)
        return None, [*builder.problems, problem]
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
    return Document(file, data, builder.marks, text), builder.problems
