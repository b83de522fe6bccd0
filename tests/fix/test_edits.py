"""The one text-edit applier: what it changes, what it keeps, what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntsplan.edits import (
    Applicability,
    EditConflictError,
    Fix,
    TextEdit,
    apply_edits,
    apply_to_text,
    overlapping,
)
from ntsplan.load.yamlfile import parse_text

FILE = Path("chain.yaml")
TEXT = (
    "# a comment that stays\r\n"
    "id: kooldioxide\r\n"
    "status: finl   # the status\r\n"
    "roms: [oost, noordd]\r\n"
    "title: 'Überschrift ë'\r\n"
)


def edit(line: int, column: int, end_line: int, end_column: int, text: str) -> TextEdit:
    return TextEdit(FILE, line, column, end_line, end_column, text)


def test_edits_change_only_their_ranges_and_keep_line_endings_and_comments() -> None:
    new = apply_to_text(TEXT, [edit(3, 9, 3, 13, "final"), edit(4, 14, 4, 20, "noord")])
    assert new == TEXT.replace("finl", "final").replace("noordd", "noord")


def test_positions_are_code_points_on_yaml_lines() -> None:
    text = "a: ë\u2028b: x\n"  # LS is a line break for the YAML reader
    document, _ = parse_text(FILE, "t: 'ëë'\nu: vv\n")
    assert document is not None
    marks = document.marks[("u",)]
    assert marks.end is not None
    new = apply_to_text(
        "t: 'ëë'\nu: vv\n",
        [edit(marks.value.line, marks.value.column, marks.end.line, marks.end.column, "w")],
    )
    assert new == "t: 'ëë'\nu: w\n"
    assert apply_to_text(text, [edit(2, 4, 2, 5, "y")]) == "a: ë\u2028b: y\n"


def test_an_insert_and_a_deletion() -> None:
    assert apply_to_text("a: b\n", [edit(1, 1, 1, 1, "  ")]) == "  a: b\n"
    assert apply_to_text("   a: b\n", [edit(1, 2, 1, 4, "")]) == " a: b\n"
    assert apply_to_text("a: b", [edit(1, 5, 1, 5, "c")]) == "a: bc"


def test_overlapping_edits_are_refused_and_nothing_is_applied() -> None:
    with pytest.raises(EditConflictError, match="overlap at line 3, column 11"):
        apply_to_text(TEXT, [edit(3, 9, 3, 13, "final"), edit(3, 11, 3, 12, "x")])
    with pytest.raises(EditConflictError, match="overlap"):
        apply_to_text(TEXT, [edit(3, 9, 3, 9, "a"), edit(3, 9, 3, 9, "b")])
    with pytest.raises(EditConflictError, match="outside the file"):
        apply_to_text(TEXT, [edit(9, 1, 9, 2, "x")])
    with pytest.raises(EditConflictError, match="past the end of its line"):
        apply_to_text(TEXT, [edit(2, 1, 2, 40, "x")])


def test_adjacent_and_identical_edits_are_fine() -> None:
    assert apply_to_text("ab", [edit(1, 1, 1, 2, "x"), edit(1, 2, 1, 3, "y")]) == "xy"
    assert apply_to_text("ab", [edit(1, 1, 1, 2, "x"), edit(1, 1, 1, 2, "x")]) == "xb"


def test_apply_edits_per_file_and_unknown_files() -> None:
    other = Path("other.yaml")
    texts = {FILE: "a: b\n", other: "c: d\n"}
    changed = apply_edits(texts, [edit(1, 4, 1, 5, "x"), TextEdit(other, 1, 1, 1, 2, "e")])
    assert changed == {FILE: "a: x\n", other: "e: d\n"}
    with pytest.raises(EditConflictError, match="not given"):
        apply_edits({}, [edit(1, 1, 1, 1, "x")])


def test_overlapping_fixes() -> None:
    assert overlapping([edit(1, 1, 1, 3, "")], [edit(1, 2, 1, 4, "")])
    assert not overlapping([edit(1, 1, 1, 3, "")], [edit(1, 3, 1, 4, "")])
    assert not overlapping([edit(1, 1, 1, 3, "")], [TextEdit(Path("x"), 1, 1, 1, 3, "")])


def test_a_fix_round_trips_through_json() -> None:
    fix = Fix("Replace 'finl' with 'final'", (edit(3, 9, 3, 13, "final"),), Applicability.UNSAFE)
    assert Fix.from_json(fix.to_json()) == fix
    assert Fix.from_json({"title": "x"}) is None


def test_loader_marks_give_the_ranges_of_values_keys_and_bracketed_lists() -> None:
    document, _ = parse_text(FILE, TEXT)
    assert document is not None
    fix = document.replacement(("status",), "final")
    assert fix is not None and fix.title == "Replace 'finl' with 'final'"
    assert apply_to_text(TEXT, fix.edits) == TEXT.replace("finl", "final")
    key = document.replacement(("roms",), "members", key=True)
    assert key is not None
    assert apply_to_text(TEXT, key.edits) == TEXT.replace("roms:", "members:")
    whole = document.replace_value(("roms",), "[oost]", "one ROM")
    assert whole is not None
    assert apply_to_text(TEXT, whole.edits) == TEXT.replace("[oost, noordd]", "[oost]")
    quoted = document.replacement(("title",), "Überschrift: ë")
    assert quoted is not None
    assert apply_to_text(TEXT, quoted.edits) == TEXT.replace("'Überschrift ë'", '"Überschrift: ë"')
