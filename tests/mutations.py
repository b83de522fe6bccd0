"""A mutation corpus: the slips editors make, applied to every node of the shipped plan.

Each operator turns the shipped ``data/`` (which passes ``validate --strict``) into one case
per node where it applies: a key's typo, a key moved one level, a wrong type, a closed
value misspelt or translated, an id written as its name, a reference to something removed,
a block copied without a new id, numbers and dates written as people write them, a quote
left open, invisible characters and another encoding, and contradictions of time and
quantity. The corpus is deterministic: the same data and seed give the same cases.

Each case is judged as an editor would see it (``judge``): is a problem reported at the
mutated node (or, for a slip that shows elsewhere, does a message name its line); if the
problem carries a fix, does applying it (with ``ntsplan.edits``, as ``ntsplan fix`` does)
make the problem go away without a new one, and give back the original text where the
slip can be undone; without a fix, does the message say what to do.

``bench/messages.py`` runs every case and prints the figures per operator; the test suite
(tests/fix/test_mutations.py) runs a seeded sample.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntsplan.check import CheckMemo, check_folder
from ntsplan.edits import EditConflictError, TextEdit, apply_edits, apply_to_text, split_lines
from ntsplan.load.document import DocPath, Document
from ntsplan.load.reader import document_from_bytes
from ntsplan.problems import Problem
from ntsplan.suggest import TRANSLATIONS

ENUM_KEYS = {"status", "kind", "language"}
ROM_PLACES = re.compile(
    r"^\('workgroup', '(lead|roms', \d+|contact', 'rom)'\)$|^\('publishers', \d+\)$"
)
GUIDANCE = re.compile(
    r"\b(write|add|remove|use|correct|delete|put|move|indent|outdent|set|start|keep|fill|"
    r"choose|rename|give|save|retype|leave|check|list|mark|close|quote)\b",
    re.IGNORECASE,
)
"""Words of a message that tell the editor what to do."""


@dataclass(frozen=True)
class Case:
    """One slip: the edits that make it (on the original text of ``file``), where the
    problem must be reported, and whether the original can be restored by a fix."""

    operator: str
    file: Path
    edits: tuple[TextEdit, ...]
    line: int
    column: int | None = None
    """The column of the mutated node; None: anywhere on the line."""
    reversible: bool = True
    raw: bytes | None = None
    """The file's new bytes, for slips that are not text edits (another encoding)."""

    @property
    def name(self) -> str:
        return f"{self.operator}:{self.file.name}:{self.line}:{self.column or 0}"


@dataclass
class Verdict:
    """How one case fared."""

    case: Case
    located: bool = False
    fix: str = ""  # "", "safe" or "unsafe"
    fix_works: bool = False
    fix_breaks: str = ""
    guidance: bool = False
    crash: str = ""
    message: str = ""


# -- the plan as loaded ----------------------------------------------------------------


@dataclass
class Corpus:
    """The shipped plan in memory, its documents, and a checker over mutated texts."""

    data: Path
    texts: dict[Path, bytes] = field(default_factory=dict)
    documents: dict[Path, Document] = field(default_factory=dict)
    memo: CheckMemo = field(default_factory=CheckMemo)

    @classmethod
    def of(cls, data: Path) -> Corpus:
        data = data.resolve()
        corpus = cls(data)
        for file in sorted(data.rglob("*.yaml")):
            corpus.texts[file] = file.read_bytes()
            document, _ = document_from_bytes(file, corpus.texts[file])
            if document is not None:
                corpus.documents[file] = document
        return corpus

    def check(self, changed: dict[Path, bytes]) -> list[Problem]:
        """The problems of the plan with ``changed`` files in place of the originals."""

        def reader(file: Path) -> tuple[Document | None, list[Problem]]:
            raw = changed.get(file)
            return document_from_bytes(file, raw if raw is not None else self.texts[file])

        return check_folder(self.data, reader=reader, memo=self.memo).problems


# -- operators -------------------------------------------------------------------------


def _edit(document: Document, start: Any, end: Any, text: str) -> TextEdit:
    return TextEdit(document.file, start.line, start.column, end.line, end.column, text)


def _swap(word: str, rng: random.Random) -> str | None:
    """``word`` with two neighbouring letters swapped (a typo), or None if too short."""
    spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1] and word[i].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _scalars(document: Document) -> Iterator[tuple[DocPath, Any, Any]]:
    """(path, value, marks) of every single-line scalar written plain."""
    for path, marks in document.marks.items():
        value = document.get(path)
        if marks.end is None or isinstance(value, dict | list) or value is None:
            continue
        if marks.end.line != marks.value.line:
            continue
        text = split_lines(document.text)[marks.value.line - 1]
        if text[marks.value.column - 1 : marks.value.column] in "\"'|>":
            continue
        yield path, value, marks


def key_typo(document: Document, rng: random.Random) -> Iterator[Case]:
    for path, marks in document.marks.items():
        if marks.key is None or marks.key_end is None or not isinstance(path[-1], str):
            continue
        typo = _swap(path[-1], rng)
        if typo is None:
            continue
        edit = _edit(document, marks.key, marks.key_end, typo)
        yield Case("key-typo", document.file, (edit,), marks.key.line, marks.key.column)


def key_moved(document: Document, rng: random.Random) -> Iterator[Case]:
    """The last key of a nested mapping, outdented one level (its line only)."""
    lines = split_lines(document.text)
    for path, marks in document.marks.items():
        if len(path) < 2 or marks.key is None or not isinstance(path[-1], str):
            continue
        parent = document.get(path[:-1])
        if not isinstance(parent, dict) or list(parent)[-1] != path[-1]:
            continue
        if marks.end is None or marks.end.line != marks.key.line:
            continue
        line = lines[marks.key.line - 1]
        if line[: marks.key.column - 1].strip() or marks.key.column < 3:
            continue
        start = marks.key.column - 2
        edit = TextEdit(document.file, marks.key.line, start, marks.key.line, marks.key.column, "")
        yield Case("key-moved", document.file, (edit,), marks.key.line, start)


def wrong_type(document: Document, rng: random.Random) -> Iterator[Case]:
    """Text for a number, a number for text, a list for a scalar and a scalar for a list."""
    for path, value, marks in _scalars(document):
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            edit = _edit(document, marks.value, marks.end, "veel")
            yield Case(
                "text-for-number",
                document.file,
                (edit,),
                marks.value.line,
                marks.value.column,
                reversible=False,
            )
        elif (
            isinstance(value, str)
            and isinstance(path[-1], str)
            and path[-1] in ("title", "name", "short", "unit", "indicator", "publisher", "edition")
        ):
            edit = _edit(document, marks.value, marks.end, "42")
            yield Case(
                "number-for-text",
                document.file,
                (edit,),
                marks.value.line,
                marks.value.column,
                reversible=False,
            )
        scalar_id = isinstance(value, str) and re.fullmatch(r"[a-z0-9-]+", value)
        if scalar_id and isinstance(path[-1], str) and path[-1] != "id":
            written = split_lines(document.text)[marks.value.line - 1]
            original = written[marks.value.column - 1 : marks.end.column - 1]
            edit = _edit(document, marks.value, marks.end, f"[{original}]")
            yield Case(
                "list-for-scalar", document.file, (edit,), marks.value.line, marks.value.column
            )
    for path, marks in document.marks.items():
        value = document.get(path)
        if not isinstance(value, list) or len(value) < 2 or marks.end is None:
            continue
        if not all(isinstance(v, str) and re.fullmatch(r"[a-z0-9/-]+", v) for v in value):
            continue
        if marks.end.line != marks.value.line:
            continue
        edit = _edit(document, marks.value, marks.end, ", ".join(value))
        yield Case("scalar-for-list", document.file, (edit,), marks.value.line, marks.value.column)


_DUTCH = {}
for _word, _value in TRANSLATIONS.items():
    _DUTCH.setdefault(_value, _word)


def closed_value(document: Document, rng: random.Random) -> Iterator[Case]:
    for path, value, marks in _scalars(document):
        if not isinstance(value, str) or not isinstance(path[-1], str):
            continue
        if path[-1] not in ENUM_KEYS:
            continue
        typo = _swap(value, rng)
        if typo is not None:
            edit = _edit(document, marks.value, marks.end, typo)
            yield Case("closed-typo", document.file, (edit,), marks.value.line, marks.value.column)
        if value in _DUTCH:
            edit = _edit(document, marks.value, marks.end, _DUTCH[value])
            yield Case(
                "closed-translated", document.file, (edit,), marks.value.line, marks.value.column
            )


def id_to_name(document: Document, rng: random.Random, names: dict[str, str]) -> Iterator[Case]:
    for path, value, marks in _scalars(document):
        if not isinstance(value, str) or value not in names:
            continue
        last = path[-1]
        rom_place = bool(ROM_PLACES.match(repr(tuple(path))))
        party = "owner" in path or "partners" in path or "members" in path
        tech = path[-1] == "technology" or (
            len(path) == 3 and path[0] == "technologies" and last == "id"
        )
        if not (rom_place or party or tech):
            continue
        name = names[value]
        text = name if re.fullmatch(r"[\w\u00c0-\u024f .'-]+", name) else f'"{name}"'
        if "[" in split_lines(document.text)[marks.value.line - 1] and "," in text:
            continue
        edit = _edit(document, marks.value, marks.end, text)
        yield Case("id-to-name", document.file, (edit,), marks.value.line, marks.value.column)


def _block(document: Document, path: DocPath) -> tuple[int, int] | None:
    """The lines (first, after last) of the list item at ``path`` in a block list."""
    marks = document.marks.get(path)
    if marks is None:
        return None
    first = marks.value.line
    following = document.marks.get((*path[:-1], int(path[-1]) + 1))
    if following is not None:
        return first, following.value.line
    lines = split_lines(document.text)
    indent = marks.value.column - 3
    last = first
    for number in range(first + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        if text.strip():
            last = number
    return first, last + 1


def removed_and_copied(document: Document, rng: random.Random) -> Iterator[Case]:
    """An activity that others depend on removed; an activity or stakeholder copied whole."""
    data = document.data if isinstance(document.data, dict) else {}
    lines = split_lines(document.text)
    for kind in ("activities", "stakeholders"):
        for index, item in enumerate(data.get(kind) or []):
            span = _block(document, (kind, index))
            if span is None or not isinstance(item, dict):
                continue
            first, after = span
            if lines[first - 1].lstrip()[:2] != "- ":
                continue
            ident = item.get("id")
            users = [
                m.value.line
                for p, m in document.marks.items()
                if document.get(p) == ident
                and p[:2] != (kind, index)
                and len(p) > 2
                and (p[-2] in ("depends", "partners", "members") or p[-1] == "owner")
            ]
            if users:
                edit = TextEdit(document.file, first, 1, after, 1, "")
                shifted = [u - (after - first) if u >= after else u for u in users]
                for line in sorted(set(shifted))[:1]:
                    yield Case("removed-reference", document.file, (edit,), line, reversible=False)
            block = "\n".join(lines[first - 1 : after - 1]) + "\n"
            copy = TextEdit(document.file, after, 1, after, 1, block)
            id_marks = document.marks.get((kind, index, "id"))
            if id_marks is not None:
                shift = after - first
                yield Case(
                    "copied-block",
                    document.file,
                    (copy,),
                    id_marks.value.line + shift,
                    id_marks.value.column,
                    reversible=False,
                )


def _dutch_date(text: str) -> list[str]:
    year, month, day = text.split("-")
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    return [
        f"{int(day)} {months.split()[int(month) - 1]} {year}",
        f"{day}-{month}-{year}",
        f"{int(day)}-{int(month)}-{year}",
        f"{day}/{month}/{year}",
    ]


def people_numbers(document: Document, rng: random.Random) -> Iterator[Case]:
    for path, value, marks in _scalars(document):
        written: list[str] = []
        if isinstance(value, int | float) and not isinstance(value, bool):
            if path[-1] == "amount" and value >= 1000:
                amount = int(value)
                written.append(f"€ {amount:,}".replace(",", "."))
                written.append(f"€{amount:,}".replace(",", ".") + ",-")
                written.append(f"EUR {amount:,}".replace(",", "."))
                if amount % 1000 == 0:
                    written.append(f"{amount // 1000}k")
                if amount % 100_000 == 0:
                    written.append(f"{amount // 100_000} ton")
            elif path[-1] in ("target", "baseline") and value >= 1000 and value == int(value):
                written.append(f"{int(value):,}".replace(",", "."))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            written.extend(_dutch_date(value))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-Q[1-4]", value):
            written.extend((f"Q{value[-1]} {value[:4]}", f"{value[:4]} Q{value[-1]}"))
        for text in written:
            edit = _edit(document, marks.value, marks.end, text)
            yield Case(
                "people-numbers", document.file, (edit,), marks.value.line, marks.value.column
            )


def open_quote(document: Document, rng: random.Random) -> Iterator[Case]:
    for path, value, marks in _scalars(document):
        if isinstance(value, str) and isinstance(path[-1], str) and " " in value:
            edit = _edit(document, marks.value, marks.value, '"')
            yield Case("open-quote", document.file, (edit,), marks.value.line, None)


_INVISIBLE = ("\u200b", "\u2060", "\ufeff", "\u200d", "\u00ad", "\u202e")
"""Zero-width space, word joiner, a byte order mark, zero-width joiner, soft hyphen, and a
right-to-left override: what a paste from a web page or a word processor brings along."""


def invisible(document: Document, rng: random.Random) -> Iterator[Case]:
    """An invisible character, or a space that is not U+0020, inside a key or a value:
    an id, a web address, a number, a date, free text. Reported at its own column."""
    lines = split_lines(document.text)

    def at(operator: str, line: int, column: int, char: str) -> Case:
        edit = TextEdit(document.file, line, column, line, column, char)
        return Case(operator, document.file, (edit,), line, column)

    for path, value, marks in _scalars(document):
        start, end = marks.value.column, marks.end.column
        written = lines[marks.value.line - 1][start - 1 : end - 1]
        char = rng.choice(_INVISIBLE)
        if isinstance(value, str) and re.fullmatch(r"[a-z0-9-]{4,}", value):
            yield at(
                "invisible-character", marks.value.line, start + rng.randrange(1, len(value)), char
            )
            yield at("nbsp-in-id", marks.value.line, end, "\u00a0")
        elif isinstance(value, str) and value.startswith(("https://", "http://")):
            yield at(
                "invisible-in-url", marks.value.line, start + rng.randrange(8, len(written)), char
            )
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 1000:
            yield at("nbsp-in-number", marks.value.line, end - 3, rng.choice("\u00a0\u202f"))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{4}-Q\d", value):
            yield at("invisible-in-date", marks.value.line, start + 4, char)
        elif isinstance(value, str) and " " in written and written[0] not in "\"'":
            spaces = [i for i, c in enumerate(written) if c == " "]
            column = start + rng.choice(spaces)
            yield at(
                "invisible-in-text", marks.value.line, column, rng.choice("\u200b\ufeff\u2060")
            )
        key = path[-1]
        if isinstance(key, str) and marks.key is not None and len(key) > 2:
            column = marks.key.column + rng.randrange(1, len(key))
            yield at("invisible-in-key", marks.key.line, column, rng.choice("\u200b\u00a0\ufeff"))


_CYRILLIC = {
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
    "c": "\u0441",
    "x": "\u0445",
}
"""Latin letters and the Cyrillic ones drawn the same (a keyboard layout switched)."""


def lookalike(document: Document, rng: random.Random) -> Iterator[Case]:
    """One Latin letter of an id, a web address or a key written as its Cyrillic twin."""
    lines = split_lines(document.text)
    for _path, value, marks in _scalars(document):
        written = lines[marks.value.line - 1][marks.value.column - 1 : marks.end.column - 1]
        if not isinstance(value, str) or written != value:
            continue
        if not (re.fullmatch(r"[a-z0-9-]{3,}", value) or value.startswith("https://")):
            continue
        spots = [
            i for i, c in enumerate(value) if c in _CYRILLIC and i >= 8 * value.startswith("h")
        ]
        if spots:
            i = rng.choice(spots)
            column = marks.value.column + i
            edit = TextEdit(
                document.file,
                marks.value.line,
                column,
                marks.value.line,
                column + 1,
                _CYRILLIC[value[i]],
            )
            yield Case("lookalike-letter", document.file, (edit,), marks.value.line, column)
    for path, marks in document.marks.items():
        key = path[-1] if path else None
        if not isinstance(key, str) or marks.key is None or rng.random() > 0.25:
            continue
        spots = [i for i, c in enumerate(key) if c in _CYRILLIC]
        if spots:
            i = rng.choice(spots)
            column = marks.key.column + i
            edit = TextEdit(
                document.file, marks.key.line, column, marks.key.line, column + 1, _CYRILLIC[key[i]]
            )
            yield Case("lookalike-letter", document.file, (edit,), marks.key.line, column)


def url_without_scheme(document: Document, rng: random.Random) -> Iterator[Case]:
    """A web address written as people say it, without https:// in front."""
    for _path, value, marks in _scalars(document):
        if isinstance(value, str) and value.startswith("https://") and " " not in value:
            end = TextEdit(
                document.file,
                marks.value.line,
                marks.value.column,
                marks.value.line,
                marks.value.column + len("https://"),
                "",
            )
            yield Case(
                "url-without-scheme", document.file, (end,), marks.value.line, marks.value.column
            )


def encoding(document: Document, rng: random.Random) -> Iterator[Case]:
    text = document.text
    match = re.search(r"[^\x00-\x7f]", text)
    if match is None:
        return
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return
    before = text[: match.start()]
    line = before.count("\n") + 1
    column = match.start() - (before.rfind("\n") + 1) + 1
    yield Case("encoding", document.file, (), line, column, reversible=False, raw=raw)


def contradictions(document: Document, rng: random.Random) -> Iterator[Case]:
    """A follow-on starting with its predecessor; a KPI year after the period; a target
    equal to its baseline."""
    data = document.data if isinstance(document.data, dict) else {}
    activities = {
        a.get("id"): (i, a)
        for i, a in enumerate(data.get("activities") or [])
        if isinstance(a, dict)
    }
    for index, activity in enumerate(data.get("activities") or []):
        if not isinstance(activity, dict) or not isinstance(activity.get("period"), dict):
            continue
        for d_index, ref in enumerate(activity.get("depends") or []):
            if not isinstance(ref, str) or ref not in activities:
                continue
            before = activities[ref][1].get("period")
            start = document.marks.get(("activities", index, "period", "start"))
            if not isinstance(before, dict) or start is None or start.end is None:
                continue
            edit = _edit(document, start.value, start.end, str(before.get("start")))
            where = document.marks[("activities", index, "depends", d_index)].value
            yield Case(
                "time-overlap", document.file, (edit,), where.line, where.column, reversible=False
            )
        end = activity["period"].get("end")
        for k_index, kpi in enumerate(activity.get("kpis") or []):
            year = document.marks.get(("activities", index, "kpis", k_index, "year"))
            if year is not None and year.end is not None:
                late = int(str(end)[:4]) + 1
                edit = _edit(document, year.value, year.end, str(late))
                yield Case(
                    "kpi-year-late",
                    document.file,
                    (edit,),
                    year.value.line,
                    year.value.column,
                    reversible=False,
                )
            target = document.marks.get(("activities", index, "kpis", k_index, "target"))
            baseline = document.marks.get(("activities", index, "kpis", k_index, "baseline"))
            if target is not None and baseline is not None and baseline.end is not None:
                edit = _edit(document, baseline.value, baseline.end, str(kpi.get("target")))
                yield Case(
                    "kpi-no-change",
                    document.file,
                    (edit,),
                    target.value.line,
                    target.value.column,
                    reversible=False,
                )


Operator = Callable[[Document, random.Random], Iterator[Case]]
OPERATORS: tuple[Operator, ...] = (
    key_typo,
    key_moved,
    wrong_type,
    closed_value,
    removed_and_copied,
    people_numbers,
    open_quote,
    invisible,
    lookalike,
    url_without_scheme,
    encoding,
    contradictions,
)


def _names(corpus: Corpus) -> dict[str, str]:
    """Each ROM id to its short name, each technology id to its Dutch name."""
    names: dict[str, str] = {}
    for file, document in corpus.documents.items():
        data = document.data if isinstance(document.data, dict) else {}
        if file.name == "roms.yaml":
            for rom in data.get("roms") or []:
                if isinstance(rom, dict) and rom.get("short") and rom["short"] != rom["id"]:
                    names[str(rom["id"])] = str(rom["short"])
        elif file.parent.name == "technologies" and isinstance(data.get("name"), dict):
            names[file.stem] = str(data["name"].get("nl"))
    return names


def generate(corpus: Corpus, seed: int = 16) -> list[Case]:
    """Every case of every operator, in a fixed order (files sorted, nodes in file order)."""
    cases: list[Case] = []
    names = _names(corpus)
    for file, document in sorted(corpus.documents.items()):
        rng = random.Random(f"{seed}:{file.relative_to(corpus.data).as_posix()}")
        for operator in OPERATORS:
            cases.extend(operator(document, rng))
        cases.extend(id_to_name(document, rng, names))
    return cases


# -- judging ---------------------------------------------------------------------------


def _at(problem: Problem, case: Case) -> bool:
    if problem.file != case.file:
        return False
    if problem.line == case.line and (case.column is None or problem.column == case.column):
        return True
    return f"line {case.line}" in problem.message  # a slip that shows further down


def judge(corpus: Corpus, case: Case) -> Verdict:
    """Run one case: the mutated plan's problems, and the fix of the one at the node."""
    verdict = Verdict(case)
    original = corpus.documents[case.file].text
    try:
        if case.raw is not None:
            raw = case.raw
            mutated = None
        else:
            mutated = apply_to_text(original, case.edits)
            raw = mutated.encode("utf-8")
        problems = corpus.check({case.file: raw})
    except Exception as error:
        verdict.crash = f"{type(error).__name__}: {error}"
        return verdict
    here = [p for p in problems if _at(p, case)]
    if not here:
        verdict.message = "; ".join(f"{p.line}:{p.column} {p.code}" for p in problems[:3])
        return verdict
    verdict.located = True
    fixed = next((p for p in here if p.fix and p.fix.is_safe), None) or next(
        (p for p in here if p.fix), None
    )
    verdict.message = (fixed or here[0]).message
    verdict.guidance = any(GUIDANCE.search(p.message) for p in here)
    if fixed is None or fixed.fix is None or mutated is None:
        return verdict
    verdict.fix = str(fixed.fix.applicability)
    try:
        changed = apply_edits({case.file: mutated}, fixed.fix.edits)
        after = corpus.check({f: t.encode("utf-8") for f, t in changed.items()})
    except (EditConflictError, KeyError) as error:
        verdict.fix_breaks = f"the fix does not apply: {error}"
        return verdict
    except Exception as error:
        verdict.crash = f"after the fix: {type(error).__name__}: {error}"
        return verdict
    if after:
        verdict.fix_breaks = "; ".join(f"{p.line}:{p.column} {p.code}" for p in after[:3])
        return verdict
    if case.reversible and changed.get(case.file) != original:
        restored, _ = document_from_bytes(case.file, changed[case.file].encode("utf-8"))
        if restored is None or restored.data != corpus.documents[case.file].data:
            verdict.fix_breaks = "passes, but the value is not the original (a wrong value)"
            return verdict
    verdict.fix_works = True
    return verdict
