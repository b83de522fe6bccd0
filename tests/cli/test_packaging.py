"""The package list in pyproject.toml covers every package, and templates ship inside it."""

from __future__ import annotations

import tomllib

from conftest import REPO

ROOT = REPO.resolve()


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        setuptools = tomllib.load(handle)["tool"]["setuptools"]
    assert isinstance(setuptools, dict)
    return setuptools


def test_every_source_package_is_listed() -> None:
    listed = set(_config()["packages"])  # type: ignore[call-overload]
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"add these packages to [tool.setuptools] packages: {sorted(missing)}"
    assert listed - found == {"ntsplan.templates"}


def test_templates_are_mapped_into_the_package() -> None:
    package_dir = _config()["package-dir"]
    assert package_dir == {"": "src", "ntsplan.templates": "templates"}
    assert (ROOT / "templates" / "document.html.j2").is_file()
