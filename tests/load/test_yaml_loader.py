"""The strict YAML loader, called directly: what values come out, and where problems are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ntsplan.load.document import Document
from ntsplan.load.limits import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from ntsplan.load.reader import read_document
from ntsplan.load.yamlfile import parse_text
from ntsplan.problems import Position, Problem

FILE = Path("case.yaml")


def load(text: str) -> Any:
    """The data of a text that must parse without problems."""
    document, problems = parse_text(FILE, text)
    assert problems == [], problems
    assert document is not None
    return document.data


def problems_of(text: str) -> list[tuple[int, int, str]]:
    _, problems = parse_text(FILE, text)
    return [(p.line, p.column, p.code) for p in problems]


def only_problem(text: str) -> Problem:
    _, problems = parse_text(FILE, text)
    assert len(problems) == 1, problems
    return problems[0]


# --- YAML 1.1 surprises never change data -------------------------------------------------


@pytest.mark.parametrize(
    "scalar",
    ["yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N"],
)
def test_yaml11_booleans_stay_text(scalar: str) -> None:
    assert load(f"value: {scalar}\n") == {"value": scalar}


@pytest.mark.parametrize(("scalar", "value"), [("true", True), ("false", False), ("True", True)])
def test_only_true_and_false_are_booleans(scalar: str, value: bool) -> None:
    assert load(f"value: {scalar}\n") == {"value": value}


@pytest.mark.parametrize("scalar", ["2025-05-01", "2025-05-01 10:00:00", "2025-05-01T10:00:00Z"])
def test_dates_stay_text(scalar: str) -> None:
    assert load(f"date: {scalar}\n") == {"date": scalar}


@pytest.mark.parametrize("scalar", ["0755", "010", "-07", "0b101", "1_000", "12:30", "+0755"])
def test_leading_zeros_and_yaml11_numbers_stay_text(scalar: str) -> None:
    assert load(f"value: {scalar}\n") == {"value": scalar}


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("0", 0),
        ("42", 42),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("250000", 250000),
    ],
)
def test_numbers(scalar: str, value: object) -> None:
    loaded = load(f"value: {scalar}\n")["value"]
    assert loaded == value
    assert type(loaded) is type(value)


@pytest.mark.parametrize("scalar", [".inf", "-.inf", ".nan", ".NaN", "1e", "e3", "."])
def test_not_a_usable_number_stays_text(scalar: str) -> None:
    assert load(f"value: {scalar}\n") == {"value": scalar}


@pytest.mark.parametrize("scalar", ["1e400", "-1e400", "9" * 5000])
def test_a_number_too_large_stays_text_with_a_warning(scalar: str) -> None:
    """Kept as text (never a crash, never infinity), and said, so that a text field does
    not take it without a word."""
    document, problems = parse_text(FILE, f"value: {scalar}\n")
    assert document is not None
    assert document.data == {"value": scalar}
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 8, "ambiguous-number")]
    assert "if it is meant as text, put it in quotes" in problems[0].message


@pytest.mark.parametrize("scalar", ["", "~", "null", "Null", "NULL"])
def test_nulls(scalar: str) -> None:
    assert load(f"value: {scalar}\n") == {"value": None}


def test_quoted_scalars_are_always_text() -> None:
    assert load("a: 'true'\nb: \"42\"\nc: '~'\nd: \"0x1F\"\n") == {
        "a": "true",
        "b": "42",
        "c": "~",
        "d": "0x1F",
    }


def test_keys_are_always_text() -> None:
    # 'on:' is the key 'on' (YAML 1.1 would make it True), '2026:' the key '2026'.
    assert load("on: 1\n2026: 2\nnull: 3\ntrue: 4\n") == {
        "on": 1,
        "2026": 2,
        "null": 3,
        "true": 4,
    }


def test_block_scalars_keep_their_text() -> None:
    assert load("a: |\n  one\n  two\nb: >-\n  folded\n  text\n") == {
        "a": "one\ntwo\n",
        "b": "folded text",
    }


def test_explicit_standard_tags_are_honoured() -> None:
    assert load("a: !!str 42\nb: !!int 7\nc: !!float 1\nd: !!bool true\ne: !!null ~\n") == {
        "a": "42",
        "b": 7,
        "c": 1.0,
        "d": True,
        "e": None,
    }


# --- marks: every node knows where it stands -----------------------------------------------


def test_marks_of_keys_values_and_list_items() -> None:
    document, _ = parse_text(FILE, "a: 1\nb:\n  - x\n  - {c: d}\n")
    assert isinstance(document, Document)
    assert document.locate(("a",)) == Position(1, 4)
    assert document.locate(("a",), key=True) == Position(1, 1)
    assert document.locate(("b", 0)) == Position(3, 5)
    assert document.locate(("b", 1, "c")) == Position(4, 9)
    assert document.locate(("b", 1, "c"), key=True) == Position(4, 6)
    # A path that does not exist is located at its nearest existing ancestor.
    assert document.locate(("b", 1, "missing")) == Position(4, 5)
    assert document.locate(("nothing", "here")) == Position(1, 1)
    # A missing field is reported at the key of the mapping that lacks it.
    assert document.locate_parent(("b", 1, "e")) == Position(4, 5)
    assert document.locate_parent(("b", "e")) == Position(2, 1)


def test_columns_count_characters_not_bytes() -> None:
    document, _ = parse_text(FILE, "naam: Fryslân en Zuid-Holland\nx: [é, ü, 3]\n")
    assert document is not None
    assert document.locate(("x", 2)) == Position(2, 11)


def test_marks_through_aliases() -> None:
    document, problems = parse_text(FILE, "a: &x [1, 2]\nb: *x\n")
    assert problems == []
    assert document is not None
    assert document.data == {"a": [1, 2], "b": [1, 2]}
    assert document.locate(("b",)) == Position(2, 4)


# --- problems, each located ----------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    problem = only_problem("title: A\nstatus: concept\ntitle: B\n")
    assert (problem.line, problem.column, problem.code) == (3, 1, "duplicate-key")
    assert "'title'" in problem.message
    assert "line 1" in problem.message


def test_duplicate_key_in_nested_mapping() -> None:
    assert problems_of("a:\n  b: 1\n  c: 2\n  b: 3\n") == [(4, 3, "duplicate-key")]


def test_duplicate_key_differently_quoted_is_still_a_duplicate() -> None:
    assert problems_of("a: 1\n'a': 2\n") == [(2, 1, "duplicate-key")]


def test_syntax_error_is_located() -> None:
    problem = only_problem("a: 1\nb: c: d\n")
    assert (problem.line, problem.column, problem.code) == (2, 5, "yaml-syntax")
    assert "quotes" in problem.message


def test_unclosed_quote_is_located_where_it_opens() -> None:
    problem = only_problem('a: 1\nb: "open\nc: 2\nd: 3\n')
    assert (problem.line, problem.column, problem.code) == (2, 4, "yaml-syntax")


def test_line_without_colon_is_located_on_that_line() -> None:
    problem = only_problem("a: 1\nbroken line\nc: 2\n")
    assert (problem.line, problem.column, problem.code) == (2, 1, "yaml-syntax")


def test_unknown_syntax_error_keeps_libyaml_words() -> None:
    problem = only_problem("a: [1, 2\nb: 3\n")
    assert problem.code == "yaml-syntax"
    assert problem.message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a:\n\tb: 1\n", (2, 1)),
        ("a:\n  - 1\n\t- 2\n", (3, 1)),
        ("a: 1\n\tb: 2\n", (2, 1)),
    ],
)
def test_tab_indentation(text: str, where: tuple[int, int]) -> None:
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.code) == (*where, "tab-indent")
    assert "spaces" in problem.message


def test_a_tab_inside_a_value_is_fine() -> None:
    assert load("a: one\ttwo\n") == {"a": "one\ttwo"}


def test_control_character_is_located() -> None:
    problem = only_problem("a: 1\nb: éé\x01\n")
    assert (problem.line, problem.column, problem.code) == (2, 6, "encoding")
    assert "U+0001" in problem.message


def test_multiple_documents() -> None:
    assert problems_of("a: 1\n---\nb: 2\n") == [(2, 1, "multiple-documents")]


def test_one_document_with_markers_is_fine() -> None:
    assert load("---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "---\n...\n"])
def test_empty_file(text: str) -> None:
    document, problems = parse_text(FILE, text)
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "empty-file")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!python/object:os.system x\n", (1, 4)),
        ("a: !custom x\n", (1, 4)),
        ("a: !!set {x, y}\n", (1, 4)),
        ("a: !!timestamp 2025-01-01\n", (1, 4)),
        ("a: !!binary aGk=\n", (1, 4)),
    ],
)
def test_unsupported_tags(text: str, where: tuple[int, int]) -> None:
    document, problems = parse_text(FILE, text)
    assert [(p.line, p.column, p.code) for p in problems] == [(*where, "unsupported-tag")]
    # The value is kept as plain data; nothing is constructed from the tag.
    assert document is not None
    assert not any(type(v).__module__ not in ("builtins",) for v in document.data.values())


@pytest.mark.parametrize(
    "text", ["a: !!int x\n", "a: !!int 1.5\n", "a: !!bool yes\n", "a: !!float x\n", "a: !!null 0\n"]
)
def test_bad_tag_values(text: str) -> None:
    assert problems_of(text) == [(1, 4, "bad-tag-value")]


def test_merge_key_is_refused() -> None:
    _, problems = parse_text(FILE, "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 3, "merge-key")]


def test_quoted_merge_key_is_a_plain_key() -> None:
    assert load("'<<': 1\n") == {"<<": 1}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("? [a, b]\n: c\n", (1, 3)),
        ("? {a: b}\n: c\n", (1, 3)),
        ("x: &k a\n*k : b\n", (2, 1)),
    ],
)
def test_complex_keys_are_refused(text: str, where: tuple[int, int]) -> None:
    assert problems_of(text) == [(*where, "complex-key")]


# --- limits ----------------------------------------------------------------------------------


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    document, problems = parse_text(FILE, text)
    assert document is None
    assert [(p.line, p.code) for p in problems] == [(1, "too-deep")]
    assert str(MAX_DEPTH) in problems[0].message


def test_nesting_within_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1  # the key 'a' is the first level
    value = load("a: " + "[" * depth + "]" * depth + "\n")["a"]
    for _ in range(depth - 1):
        (value,) = value
    assert value == []


def test_more_aliases_than_the_limit_are_refused() -> None:
    text = "a: &x 1\nb:\n" + "  - *x\n" * (MAX_ALIASES + 1)
    document, problems = parse_text(FILE, text)
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(3 + MAX_ALIASES, 5, "alias-limit")]


def test_aliases_up_to_the_limit_are_fine() -> None:
    text = "a: &x 1\nb:\n" + "  - *x\n" * MAX_ALIASES
    assert load(text)["b"] == [1] * MAX_ALIASES


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    document, problems = parse_text(FILE, "\n".join(lines) + "\n")
    assert document is None
    assert [p.code for p in problems] == ["alias-limit"]
    assert f"{MAX_NODES:,}" in problems[0].message
    # Refused at the first alias that crosses the limit: the first '*e' on line 6.
    assert (problems[0].line, problems[0].column) == (6, 8)


def test_too_many_plain_values_are_refused() -> None:
    text = "a: [" + "1," * (MAX_NODES + 1) + "]\n"
    document, problems = parse_text(FILE, text)
    assert document is None
    assert [(p.line, p.code) for p in problems] == [(1, "too-many-values")]


def test_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    document, problems = read_document(big)
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "file-too-large")]
    assert "1024 KiB" in problems[0].message


def test_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    file = tmp_path / "fits.yaml"
    text = "a: x\n# " + "c" * (MAX_FILE_BYTES - 8) + "\n"
    file.write_text(text, encoding="utf-8")
    assert file.stat().st_size == MAX_FILE_BYTES
    document, problems = read_document(file)
    assert problems == []
    assert document is not None


# --- encodings -------------------------------------------------------------------------------


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes("a: 1\nnaam: Fryslân\n".encode("latin-1"))
    document, problems = read_document(file)
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 12, "encoding")]
    assert "byte 0xE2 here is 'â' in Windows-1252" in problems[0].message


def test_invalid_utf8_column_counts_characters_before_it(tmp_path: Path) -> None:
    file = tmp_path / "mixed.yaml"
    file.write_bytes("a: éé".encode() + b"\xff\n")
    _, problems = read_document(file)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 6, "encoding")]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path: Path, codec: str) -> None:
    file = tmp_path / "wide.yaml"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    file.write_bytes(bom + "a: 1\n".encode(codec))
    document, problems = read_document(file)
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "encoding")]
    assert "UTF-16" in problems[0].message


def test_utf8_byte_order_mark_is_dropped_without_shifting_columns(tmp_path: Path) -> None:
    file = tmp_path / "bom.yaml"
    file.write_bytes(b"\xef\xbb\xbfa: [1, x]\n")
    document, problems = read_document(file)
    assert problems == []
    assert document is not None
    assert document.data == {"a": [1, "x"]}
    assert document.locate(("a", 1)) == Position(1, 8)


def test_crlf_line_endings(tmp_path: Path) -> None:
    file = tmp_path / "crlf.yaml"
    file.write_bytes(b"a: 1\r\nb: x\r\nb: y\r\n")
    _, problems = read_document(file)
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "duplicate-key")]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a:\n  b: 1\n c: 2\n", (3, 2), "the indentation is off"),
        ("a: 1\n- b\n", (2, 1), "the indentation is off"),
        ("- a\nb: 1\n", (2, 1), "a list item does not line up"),
        ("a: b\n  c: d\n", (2, 4), "put text containing ': ' in quotes"),
        ("a: *nope\n", (1, 4), "'&nope' that is not defined above it"),
        ('a: "x\nb: 1\n', (1, 4), "the file ends inside a quoted text"),
        ("a: @x\n", (1, 4), "starts with '@', which YAML reserves; if it is text, put"),
        ("[a, b]]\n", (1, 7), "YAML cannot read this line: check the ':' after each key"),
    ],
)
def test_syntax_errors_say_what_to_fix(text: str, where: tuple[int, int], words: str) -> None:
    problem = only_problem(text)
    code = "yaml-indicator" if "starts with" in words else "yaml-syntax"
    assert (problem.line, problem.column, problem.code) == (*where, code)
    assert words in problem.message
