"""``yaml_quote``: whatever an editor types as a title ends up as exactly that text, and
cannot change the structure of the scaffold it is put into."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ntsplan.load.yamlfile import parse_text
from ntsplan.scaffold.environment import YamlText, scaffold_environment, yaml_quote

HOSTILE = [
    'He said "hello"',
    "It's a ROM's plan",
    "Waterstof: groen en blauw",
    "title: injected",
    "x # not a comment",
    "# starts like a comment",
    "line one\nline two",
    "line one\r\nline two\rthree",
    "tab\there",
    "back\\slash \\n not a newline",
    '\\"',
    "- a list item?",
    "[a, flow, list]",
    "{a: flow map}",
    "*alias",
    "&anchor",
    "!tag value",
    "%directive",
    "@at `tick` |pipe >fold",
    "---",
    "...",
    "? key",
    "Eiwittransitie é ü ñ ß ø — “quotes” 中文 🚀",
    "null",
    "~",
    "true",
    "yes",
    "no",
    "2026",
    "2026-Q1",
    "2025-07-01",
    "1e3",
    "0x1F",
    "0755",
    ".inf",
    "  leading and trailing  ",
    "",
    "nul\x00bell\x07escape\x1bdel\x7f",
    "next line\x85line separator\u2028paragraph\u2029",
    "bom\ufeff zero\u200bwidth rtl\u202e",
    "non\xa0breaking",
    "private\ue000 astral \U0001f600 unassigned \U000e0001",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_quoted_text_reads_back_as_itself(text: str) -> None:
    quoted = yaml_quote(text)
    assert isinstance(quoted, YamlText)
    assert quoted.startswith('"')
    assert quoted.endswith('"')
    assert "\n" not in quoted
    assert "\r" not in quoted
    line = f"title: {quoted}  # a comment after it\nstatus: concept\n"
    document, problems = parse_text(Path("t.yaml"), line)
    assert not problems
    assert document is not None
    assert document.data == {"title": text, "status": "concept"}
    assert yaml.safe_load(line) == {"title": text, "status": "concept"}


def test_printable_unicode_is_kept_as_it_is() -> None:
    assert yaml_quote("Geïntegreerde fotonica — 中文 🚀") == '"Geïntegreerde fotonica — 中文 🚀"'


def test_escapes() -> None:
    assert yaml_quote('a "b" \\ c\nd\te') == '"a \\"b\\" \\\\ c\\nd\\te"'
    assert yaml_quote("\x00\x85\u2028\u200b\U000e0001") == '"\\0\\N\\L\\u200b\\U000e0001"'


def test_whole_numbers_are_plain_and_other_values_refused() -> None:
    assert yaml_quote(7) == "7"
    with pytest.raises(TypeError):
        yaml_quote(True)
    with pytest.raises(TypeError):
        yaml_quote(1.5)  # type: ignore[arg-type]


def test_a_template_cannot_insert_an_unquoted_value() -> None:
    env = scaffold_environment()
    assert env.from_string("title: {{ t|yaml_quote }}").render(t="a: b") == 'title: "a: b"'
    with pytest.raises(TypeError, match=re.escape("without |yaml_quote")):
        env.from_string("title: {{ t }}").render(t="a: b")
    with pytest.raises(TypeError, match=re.escape("without |yaml_quote")):
        env.from_string("{{ t|upper }}").render(t="x")
