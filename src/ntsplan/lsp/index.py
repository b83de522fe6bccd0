"""Where every id of a plan is defined and where it is used, read from the loaded documents.

The documents are the loader's raw data with a mark per node, so a file with a schema
error still takes part; only a file that does not parse is left out until it does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntsplan.load import Document, Kind, SourceFile
from ntsplan.load.document import DocPath

Symbol = tuple[str, ...]
"""What an id names: ("rom", id), ("technology", id), ("valuechain", id),
("stakeholder", chain, id) or ("activity", chain, id)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An id written at one place: its definition or a use of it."""

    symbol: Symbol
    file: Path
    line: int
    """1-based, as the loader's marks."""
    column: int
    text: str
    definition: bool = False


@dataclass(slots=True)
class Definition:
    """A defined thing: where, its human name, and a one-line summary for hover."""

    symbol: Symbol
    file: Path
    line: int
    column: int
    name: str
    summary: str
    names: tuple[str, ...] = ()
    """Every name it goes by (a ROM's full and short name): written where the id belongs,
    any of them is replaced with the id by a quick fix."""


@dataclass(slots=True)
class PlanIndex:
    """Every definition and every occurrence of an id in a plan folder."""

    definitions: dict[Symbol, Definition] = field(default_factory=dict)
    by_file: dict[Path, list[Occurrence]] = field(default_factory=lambda: defaultdict(list))
    uses: dict[Symbol, list[Occurrence]] = field(default_factory=lambda: defaultdict(list))

    def at(self, file: Path, line: int, column: int) -> Occurrence | None:
        """The occurrence under a 1-based line and column of ``file``."""
        for found in self.by_file.get(file, ()):
            if found.line == line and found.column <= column <= found.column + len(found.text):
                return found
        return None

    def ids(self, kind: str, chain: str | None = None) -> list[Definition]:
        """The definitions of one kind (of one chain, for stakeholders and activities)."""
        return [
            d
            for d in self.definitions.values()
            if d.symbol[0] == kind and (chain is None or d.symbol[1] == chain)
        ]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _local(value: Any) -> str | None:
    """A text given once or per language ({nl: ..., en: ...}): the Dutch one, else any."""
    if isinstance(value, dict):
        found = [_text(value.get("nl")), *(_text(v) for v in value.values())]
        return next((t for t in found if t), None)
    return _text(value)


def _items(data: Any, key: str) -> list[tuple[int, Any]]:
    value = data.get(key) if isinstance(data, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


class _Builder:
    def __init__(self) -> None:
        self.index = PlanIndex()
        self.pending: list[tuple[Document, DocPath, str, str, str]] = []
        """Uses resolved once every definition is known: (document, path, kind, chain, id)."""

    def define(
        self,
        symbol: Symbol,
        document: Document,
        path: DocPath,
        name: str,
        summary: str,
        *names: str | None,
    ) -> None:
        position = document.locate(path) if path else None
        line, column = (position.line, position.column) if position else (1, 1)
        aliases = tuple(n for n in (name, *names) if n)
        self.index.definitions[symbol] = Definition(
            symbol, document.file, line, column, name, summary, aliases
        )
        if path:
            self.add(symbol, document, path, symbol[-1], definition=True)

    def add(
        self, symbol: Symbol, document: Document, path: DocPath, text: str, *, definition: bool
    ) -> None:
        if path not in document.marks:
            return
        position = document.marks[path].value
        found = Occurrence(symbol, document.file, position.line, position.column, text, definition)
        self.index.by_file[document.file].append(found)
        self.index.uses[symbol].append(found)

    def roms(self, document: Document) -> None:
        for i, rom in _items(document.data, "roms"):
            ident = _text(rom.get("id")) if isinstance(rom, dict) else None
            if ident:
                name = _text(rom.get("name")) or ident
                short = _text(rom.get("short")) or ident
                provinces = rom.get("provinces")
                where = (
                    ", ".join(p for p in provinces if isinstance(p, str))
                    if isinstance(provinces, list)
                    else ""
                )
                summary = f"ROM {short}: {name}" + (f" ({where})" if where else "")
                path: DocPath = ("roms", i, "id")
                self.define(("rom", ident), document, path, short, summary, name)

    def technology(self, source: SourceFile) -> None:
        data = source.document.data
        names = data.get("name") if isinstance(data, dict) else None
        nl = _text(names.get("nl")) if isinstance(names, dict) else None
        en = _text(names.get("en")) if isinstance(names, dict) else None
        number = data.get("number") if isinstance(data, dict) else None
        name = nl or source.id
        summary = f"NTS technology {number}: {name}" + (f" ({en})" if en else "")
        self.define(("technology", source.id), source.document, (), name, summary, en)

    def chain(self, source: SourceFile) -> None:
        document, chain = source.document, source.id
        data = document.data if isinstance(document.data, dict) else {}
        title = _local(data.get("title")) or chain
        self.define(("valuechain", chain), document, (), title, f"Value chain: {title}")
        for i, item in _items(data, "stakeholders"):
            ident = _text(item.get("id")) if isinstance(item, dict) else None
            if ident:
                name = _local(item.get("name")) or ident
                kind = _text(item.get("kind"))
                summary = f"Stakeholder in {title}: {name}" + (f" ({kind})" if kind else "")
                symbol = ("stakeholder", chain, ident)
                self.define(symbol, document, ("stakeholders", i, "id"), name, summary)
        for i, item in _items(data, "activities"):
            if not isinstance(item, dict):
                continue
            ident = _text(item.get("id"))
            if ident:
                name = _local(item.get("title")) or ident
                owner = _text(item.get("owner"))
                summary = f"Activity in {title}: {name}" + (f" (owner {owner})" if owner else "")
                self.define(
                    ("activity", chain, ident), document, ("activities", i, "id"), name, summary
                )
            for key in ("owner",):
                if value := _text(item.get(key)):
                    self.pending.append((document, ("activities", i, key), "party", chain, value))
            for j, partner in _items(item, "partners"):
                if value := _text(partner):
                    path = ("activities", i, "partners", j)
                    self.pending.append((document, path, "party", chain, value))
            for j, written in _items(item, "depends"):
                at: DocPath = ("activities", i, "depends", j)
                ref = written
                if isinstance(written, dict):  # {id: ..., overlap: true}
                    ref, at = written.get("id"), (*at, "id")
                if value := _text(ref):
                    self.pending.append((document, at, "activity", chain, value))
        found = data.get("workgroup")
        group: dict[str, Any] = found if isinstance(found, dict) else {}
        if value := _text(group.get("lead")):
            self.pending.append((document, ("workgroup", "lead"), "rom", chain, value))
        for j, rom in _items(group, "roms"):
            if value := _text(rom):
                self.pending.append((document, ("workgroup", "roms", j), "rom", chain, value))
        contact = group.get("contact")
        if isinstance(contact, dict) and (value := _text(contact.get("rom"))):
            self.pending.append((document, ("workgroup", "contact", "rom"), "rom", chain, value))
        for i, item in _items(data, "technologies"):
            if isinstance(item, dict) and (value := _text(item.get("id"))):
                where: DocPath = ("technologies", i, "id")
                self.pending.append((document, where, "technology", chain, value))
        for i, item in _items(data, "alignment"):
            if isinstance(item, dict) and (value := _text(item.get("technology"))):
                where = ("alignment", i, "technology")
                self.pending.append((document, where, "technology", chain, value))
        for i, item in _items(data, "consortia"):
            for j, member in _items(item, "members"):
                if value := _text(member):
                    path = ("consortia", i, "members", j)
                    self.pending.append((document, path, "party", chain, value))

    def plan(self, document: Document) -> None:
        for j, rom in _items(document.data, "publishers"):
            if value := _text(rom):
                self.pending.append((document, ("publishers", j), "rom", "", value))

    def resolve(self) -> None:
        for document, path, kind, chain, value in self.pending:
            symbol: Symbol
            if kind == "party":
                stakeholder = ("stakeholder", chain, value)
                symbol = stakeholder if stakeholder in self.index.definitions else ("rom", value)
            elif kind == "activity":
                other, _, ident = value.rpartition("/")
                symbol = ("activity", other or chain, ident)
            else:
                symbol = (kind, value)
            self.add(symbol, document, path, value, definition=False)


def build_index(sources: list[SourceFile]) -> PlanIndex:
    """The index of a plan folder's loaded documents."""
    builder = _Builder()
    for source in sources:
        if source.kind is Kind.ROMS:
            builder.roms(source.document)
        elif source.kind is Kind.TECHNOLOGY:
            builder.technology(source)
        elif source.kind is Kind.VALUECHAIN:
            builder.chain(source)
        else:
            builder.plan(source.document)
    builder.resolve()
    return builder.index
