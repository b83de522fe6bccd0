"""Packaging: the wheel holds every package (found, not listed by hand) and the templates,
and building it prints no deprecation warning from the build backend."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import REPO, clean_env

ROOT = REPO.resolve()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[zipfile.ZipFile, str]:
    """The wheel pip would build from this checkout, and what the build printed."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, "."],
        cwd=ROOT,
        env=clean_env({"PIP_DISABLE_PIP_VERSION_CHECK": "1"}),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("ntsplan-*.whl")
    return zipfile.ZipFile(path), built.stdout + built.stderr


def test_packages_are_found_not_listed() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)
    assert "setuptools" not in config.get("tool", {})
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/ntsplan"]


def test_the_wheel_holds_every_package(wheel: tuple[zipfile.ZipFile, str]) -> None:
    names = set(wheel[0].namelist())
    packages = {
        init.relative_to(ROOT / "src").as_posix() for init in (ROOT / "src").rglob("__init__.py")
    }
    assert len(packages) > 10
    assert sorted(packages - names) == []
    assert "ntsplan/py.typed" in names


def test_the_templates_ship_inside_the_package(wheel: tuple[zipfile.ZipFile, str]) -> None:
    names = set(wheel[0].namelist())
    templates = {
        "ntsplan/templates/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "ntsplan/templates/document.html.j2" in templates
    assert sorted(templates - names) == []


def test_the_licence_is_an_spdx_expression(wheel: tuple[zipfile.ZipFile, str]) -> None:
    archive, _ = wheel
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    text = archive.read(metadata).decode("utf-8")
    assert "License-Expression: EUPL-1.2" in text


def test_the_build_prints_no_deprecation_warning(wheel: tuple[zipfile.ZipFile, str]) -> None:
    _, printed = wheel
    lowered = printed.lower()
    assert "deprecat" not in lowered, printed
    assert "warning" not in lowered.replace("warning: location", ""), printed
