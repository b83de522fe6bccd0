"""``ntsplan new``: a new value chain or technology file that validates at once, explains
itself, and is only written when every option is right."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ntsplan.scaffold.new import technology_text, valuechain_text
from ntsplan.schema.base import suggest_id
from ntsplan.settings import NewTechnologySettings, NewValueChainSettings

HOSTILE_TITLE = 'Glas: "slim" #1 — tuinbouw\nen één regel meer'
MODELINE = "# yaml-language-server: $schema=../../schemas/valuechain.schema.json"


def _validate(invoke: Callable[..., Any], data: Path) -> tuple[int, list[dict[str, Any]]]:
    result = invoke("validate", "--data", "data", "--format", "json", cwd=data.parent)
    return result.exit_code, json.loads(result.stdout)["problems"]


def _problems_of(problems: list[dict[str, Any]], file: str) -> list[dict[str, Any]]:
    return [p for p in problems if p["file"] == file]


def _new_chain(invoke: Callable[..., Any], data: Path, *args: str) -> Any:
    return invoke("new", "valuechain", *args, "--data", "data", cwd=data.parent)


CHAIN_ARGS = (
    "glas",
    "--title",
    HOSTILE_TITLE,
    "--rom",
    "oost",
    "--rom",
    "noord",
    "--rom",
    "zuid",
    "--technology",
    "photonics",
    "--technology",
    "quantum",
)


def test_new_valuechain_validates_at_once(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = _new_chain(invoke, data, *CHAIN_ARGS)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("wrote data/valuechains/glas.yaml\n")
    text = (data / "valuechains" / "glas.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    code, problems = _validate(invoke, data)
    assert code == 0
    assert _problems_of(problems, "data/valuechains/glas.yaml") == []
    assert [p["code"] for p in problems] == ["count-mismatch"]  # 3 chains, plan says 2


def test_new_valuechain_holds_what_was_asked(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    from ntsplan.check import check_folder  # noqa: PLC0415

    data = plan_folder()
    assert _new_chain(invoke, data, *CHAIN_ARGS).exit_code == 0
    plan = check_folder(data).plan
    assert plan is not None
    chain = plan.valuechains["glas"]
    assert chain.title == HOSTILE_TITLE
    assert chain.status == "concept"
    assert chain.workgroup.lead == "oost"
    assert chain.workgroup.roms == ["oost", "noord", "zuid"]
    assert [t.id for t in chain.technologies] == ["photonics", "quantum"]
    assert chain.technologies[0].role.startswith("Nog te beschrijven")
    assert chain.activities == []


def test_the_scaffold_guides_through_every_section() -> None:
    settings = NewValueChainSettings("x", "X", ("noord", "oost"), ("photonics",))
    text = valuechain_text(settings, "nl", examples=False)
    for section in (
        "summary",
        "contact",
        "segments",
        "market",
        "ambition",
        "stakeholders",
        "activities",
        "budget",
        "kpis",
        "depends",
        "consortia",
        "alignment",
        "sources",
    ):
        assert f"# {section} (optional)" in text or f"#   {section} " in text, section
    for value in ("concept", "review", "final", "proposed", "indicative", "committed"):
        assert value in text
    assert "\n# activities:\n" in text  # the example, behind '# '
    assert "\nactivities:" not in text


@pytest.mark.parametrize("examples", [False, True])
def test_uncommented_examples_validate_too(
    examples: bool, invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    """Every example, once its '# ' is removed, is valid data that fits the chain."""
    data = plan_folder()
    chain = NewValueChainSettings("glas", "Glas", ("oost", "noord"), ("photonics", "quantum"))
    (data / "valuechains" / "glas.yaml").write_text(
        valuechain_text(chain, "nl", examples=examples), encoding="utf-8"
    )
    tech = NewTechnologySettings("robotics", "Robotica", "Robotics")
    (data / "technologies" / "robotics.yaml").write_text(
        technology_text(tech, 3, examples=examples), encoding="utf-8"
    )
    code, problems = _validate(invoke, data)
    assert code == 0
    assert _problems_of(problems, "data/valuechains/glas.yaml") == []
    assert _problems_of(problems, "data/technologies/robotics.yaml") == []
    if examples:
        from ntsplan.check import check_folder  # noqa: PLC0415

        plan = check_folder(data).plan
        assert plan is not None
        assert len(plan.valuechains["glas"].activities) == 2
        assert plan.technologies["robotics"].agenda is not None


def test_examples_differ_from_the_file_only_by_the_comment_marks() -> None:
    chain = NewValueChainSettings("glas", "Glas", ("oost", "noord"), ("photonics",))
    written = valuechain_text(chain, "en", examples=False).splitlines()
    active = valuechain_text(chain, "en", examples=True).splitlines()
    assert len(written) == len(active)
    changed = 0
    for line, example in zip(written, active, strict=True):
        if line != example:
            changed += 1
            assert line in (f"# {example}", "#"), (line, example)
    assert changed > 50


def test_new_technology_validates_at_once(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = invoke(
        "new",
        "technology",
        "robotics",
        "--name-nl",
        "Robotica: 'slim'",
        "--name-en",
        "Robotics",
        "--data",
        "data",
        cwd=data.parent,
    )
    assert result.exit_code == 0, result
    text = (data / "technologies" / "robotics.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/technology.schema.json"
    )
    assert "\nnumber: 3\n" in text  # base: photonics 1, quantum 2
    code, problems = _validate(invoke, data)
    assert code == 0
    assert _problems_of(problems, "data/technologies/robotics.yaml") == []


def test_new_technology_refuses_a_number_in_use(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    result = invoke(
        "new", "technology", "robotics", "--name-nl", "Robotica", "--name-en", "Robotics",
        "--number", "1", "--data", "data", cwd=data.parent,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "number 1 is already used by technology 'photonics'; the next free number is 3" in (
        result.stderr
    )
    assert not (data / "technologies" / "robotics.yaml").exists()


def test_new_refuses_to_overwrite(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    before = (data / "valuechains" / "chips.yaml").read_bytes()
    args = ("chips", "--title", "Chips", "--rom", "noord", "--rom", "oost")
    result = _new_chain(invoke, data, *args, "--technology", "photonics")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "ntsplan: error: data/valuechains/chips.yaml already exists; "
        "ntsplan new never overwrites a file\n"
    )
    assert (data / "valuechains" / "chips.yaml").read_bytes() == before
    tech = invoke(
        "new", "technology", "quantum", "--name-nl", "K", "--name-en", "Q",
        "--data", "data", cwd=data.parent,
    )  # fmt: skip
    assert tech.exit_code == 2
    assert "data/technologies/quantum.yaml already exists" in tech.stderr


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        ("Groene Waterstof", "groene-waterstof"),
        ("eiwit_transitie", "eiwit-transitie"),
        ("Geïntegreerde fotonica!", "geintegreerde-fotonica"),
        ("x--", "x"),
        ("a--b", "a-b"),
    ],
)
def test_new_checks_the_id(
    given: str,
    suggested: str,
    invoke: Callable[..., Any],
    plan_folder: Callable[..., Path],
) -> None:
    data = plan_folder()
    args = (given, "--title", "T", "--rom", "noord", "--rom", "oost", "--technology", "quantum")
    result = _new_chain(invoke, data, *args)
    assert result.exit_code == 2
    assert f"'{given}' is not a valid value chain id" in result.stderr
    assert f"try '{suggested}'" in result.stderr
    assert sorted(p.name for p in (data / "valuechains").iterdir()) == ["chips.yaml", "qubits.yaml"]


def test_suggest_id() -> None:
    assert suggest_id("Ééé & Ça") == "eee-ca"
    assert suggest_id("???") == ""
    assert len(suggest_id("a" * 100)) == 64


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--rom", "nord", "--rom", "oost", "--technology", "photonic"),
            "ntsplan: error: unknown ROM 'nord' — did you mean 'noord'?; "
            "unknown technology 'photonic' — did you mean 'photonics'?\n"
            "ntsplan: hint: ROM ids: noord, oost, zuid; technology ids: photonics, quantum\n",
        ),
        (
            ("--rom", "noord", "--technology", "quantum"),
            "ntsplan: error: a value chain needs at least two ROM's in its working group: "
            "give --rom at least twice, the lead first\n"
            "ntsplan: hint: for example: --rom nom --rom oost-nl\n",
        ),
        (
            ("--rom", "noord", "--rom", "oost"),
            "ntsplan: error: a value chain needs at least one NTS technology: give --technology\n"
            "ntsplan: hint: for example: --technology photonics\n",
        ),
        (
            ("--rom", "noord", "--rom", "noord", "--technology", "quantum"),
            "ntsplan: error: --rom noord is given twice; give each id once\n",
        ),
    ],
    ids=["unknown-ids", "one-rom", "no-technology", "repeated-rom"],
)
def test_new_checks_roms_and_technologies(
    args: tuple[str, ...],
    message: str,
    invoke: Callable[..., Any],
    plan_folder: Callable[..., Path],
) -> None:
    data = plan_folder()
    result = _new_chain(invoke, data, "glas", "--title", "Glas", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (data / "valuechains" / "glas.yaml").exists()


def test_new_with_an_empty_title(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    args = ("glas", "--title", "  ", "--rom", "noord", "--rom", "oost", "--technology", "quantum")
    result = _new_chain(invoke, data, *args)
    assert result.exit_code == 2
    assert "--title is empty" in result.stderr


def test_new_without_a_data_folder(invoke: Callable[..., Any], tmp_path: Path) -> None:
    args = ("glas", "--title", "G", "--rom", "noord", "--rom", "oost", "--technology", "quantum")
    result = invoke("new", "valuechain", *args, "--data", "nowhere", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no such folder: nowhere" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_new_in_the_real_command_line(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    """One run through the installed entry point, on a copy of the shipped data."""
    import shutil  # noqa: PLC0415

    from conftest import REPO  # noqa: PLC0415

    shutil.copytree(REPO / "data", tmp_path / "data")
    result = run_cli(
        "new", "valuechain", "fotonische-sensoren", "--title", "Fotonische sensoren",
        "--rom", "oost-nl", "--rom", "bom", "--technology", "photonics", cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result
    check = run_cli("validate", "--data", "data", cwd=tmp_path)
    assert check.exit_code == 0, check
    assert "fotonische-sensoren" not in check.stdout
    assert "0 errors" in check.stdout


def test_new_valuechain_help(
    run_cli: Callable[..., Any], golden: Callable[[str, str], None]
) -> None:
    result = run_cli("new", "valuechain", "--help")
    assert result.exit_code == 0
    golden("new-valuechain-help.txt", result.stdout)


def test_the_placeholder_follows_the_plan_language(
    invoke: Callable[..., Any], plan_folder: Callable[..., Path]
) -> None:
    data = plan_folder()
    plan = data / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("language: nl", "language: en"))
    args = ("glas", "--title", "Glass", "--rom", "noord", "--rom", "oost")
    assert _new_chain(invoke, data, *args, "--technology", "quantum").exit_code == 0
    text = (data / "valuechains" / "glas.yaml").read_text(encoding="utf-8")
    assert 'role: "To be written: what this technology does in this value chain."' in text
