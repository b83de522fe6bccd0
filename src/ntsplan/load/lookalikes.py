"""Letters of another script that look like Latin ones, inside ids, keys and addresses.

A Cyrillic 'о' (U+043E) is drawn like a Latin 'o', so an id ``nоm`` or an address
``https://exаmple.nl`` reads right in every editor and is still wrong: the id matches
nothing (and the schema's advice, an id made of its ASCII letters, would be ``nm``), the
address leads to another host, the classic look-alike ("homograph") trick. Such letters
come from a paste, a keyboard layout switched by accident, or on purpose.

This check looks only at keys and at values that are one token (an id, a web or e-mail
address, a number, a date) once each look-alike is read as its Latin twin, and only when
the token also holds Latin letters: a name written wholly in Cyrillic or Greek, and any
free text, are left alone. Each letter is reported at its own column, named, with a safe
fix that writes the Latin letter. Full-width forms (``ｎｏｍ``) are read the same way.
"""

from __future__ import annotations

import re
import unicodedata

from ntsplan.edits import Applicability, Fix, TextEdit, split_lines
from ntsplan.load.characters import char_name
from ntsplan.load.document import Document
from ntsplan.load.invisible import machine_value, scalar_at, without_invisible
from ntsplan.problems import Problem

_TWINS = dict(
    zip(
        "аеорсухіјѕԁһԛԝАВЕКМНОРСТХУІЈЅοανρτιϲΑΒΕΖΗΙΚΜΝΟΡΤΥΧı",
        "aeopcyxijsdhqwABEKMHOPCTXYIJSoavpticABEZHIKMNOPTYXi",
        strict=True,
    )
)
"""Cyrillic and Greek letters drawn like a Latin one, and the dotless i."""
_SUSPECT = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0131\uff01-\uff5e]")
_LATIN = re.compile("[A-Za-z]")


def _twin(char: str) -> str | None:
    if char in _TWINS:
        return _TWINS[char]
    if "\uff01" <= char <= "\uff5e":  # a full-width form: its ASCII twin
        return unicodedata.normalize("NFKC", char)
    return None


def latin(text: str) -> str:
    """``text`` with every look-alike letter written as its Latin twin."""
    return _SUSPECT.sub(lambda m: _twin(m.group()) or m.group(), text)


def lookalike_problems(document: Document) -> list[Problem]:
    """An error, with the edit that writes the Latin letter, for each letter of another
    script that stands for a Latin one in a key or a one-token value of ``document``."""
    if _SUSPECT.search(document.text) is None:
        return []
    problems: list[Problem] = []
    for number, line in enumerate(split_lines(document.text), 1):
        for match in _SUSPECT.finditer(line):
            char, column = match.group(), match.start() + 1
            twin = _twin(char)
            found = scalar_at(document, number, column) if twin else None
            if twin is None or found is None:
                continue
            path, is_key, start = found
            value = str(path[-1]) if is_key else document.get(path)
            if not isinstance(value, str):
                continue
            meant = latin(without_invisible(value))
            if _LATIN.search(_SUSPECT.sub("", value)) is None:
                continue  # written wholly in another script: a name, not a slip
            if not (is_key or machine_value(meant)):
                continue
            before = line[start[1] - 1 if start[0] == number else 0 : column - 1]
            before = latin(before.lstrip("\"' "))
            where = f"after '{before}'" if before else "at its start"
            fix = Fix(
                f"Write the Latin '{twin}'",
                (TextEdit(document.file, number, column, number, column + 1, twin),),
                Applicability.SAFE,
            )
            message = (
                f"the {'key' if is_key else 'value'} '{meant}' has {char_name(char)} {where}, "
                f"a letter that looks like the Latin '{twin}' but is not; write the Latin '{twin}'"
            )
            problems.append(
                Problem(
                    document.file, number, column, "lookalike-letter", message, path=path, fix=fix
                )
            )
    return problems
