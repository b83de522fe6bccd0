"""The VS Code extension (editors/vscode): packaged with @vscode/vsce into a .vsix that holds
what it should, and its start-up logic (finding ntsplan, selecting the plan folders' YAML
files) run under Node. Running it inside VS Code is not possible on the test machines."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "editors" / "vscode"
NPX = shutil.which("npx")
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NPX is None or not (EXTENSION / "node_modules" / "@vscode" / "vsce").is_dir(),
    reason="the extension's npm packages are not installed: run 'make .npm'",
)


@pytest.fixture(scope="module")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vsix") / "ntsplan.vsix"
    done = subprocess.run(
        [
            NPX or "npx",
            "--no-install",
            "vsce",
            "package",
            "--skip-license",
            "--allow-missing-repository",
            "--out",
            str(out),
        ],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_vsix_holds_the_extension_and_its_runtime_only(vsix: Path) -> None:
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
        script = archive.read("extension/out/extension.js").decode()
    assert {"extension.vsixmanifest", "[Content_Types].xml"} <= names
    assert "extension/readme.md" in {name.lower() for name in names}
    assert "extension/node_modules/vscode-languageclient/node.js" in names
    assert manifest["main"] == "./out/extension.js"
    assert manifest["activationEvents"] == ["workspaceContains:**/plan.yaml"]
    assert manifest["dependencies"] == {"vscode-languageclient": "~9.0.1"}
    assert '"lsp"' in script and ".venv" in script
    # Compiled JavaScript only: no TypeScript sources, no build tools.
    assert not [n for n in names if n.endswith(".ts") and not n.endswith(".d.ts")]
    for tool in ("typescript", "@vscode/vsce", "@types/vscode"):
        assert not [n for n in names if n.startswith(f"extension/node_modules/{tool}/")], tool


STUB = "module.exports = new Proxy({}, { get: (t, k) => (k === '__esModule' ? false : class {}) });"


def test_the_extension_finds_ntsplan_and_the_plan_folders(vsix: Path, tmp_path: Path) -> None:
    # The compiled script, outside VS Code: `vscode` is a stub, the logic is the shipped one.
    stub = tmp_path / "stub" / "node_modules" / "vscode"
    stub.mkdir(parents=True)
    (stub / "index.js").write_text(STUB, encoding="utf-8")
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(tmp_path / "x")
    venv = tmp_path / "work" / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "ntsplan").write_text("#!/bin/sh\n", encoding="utf-8")
    probe = (
        "const ext = require(process.argv[1]);"
        "console.log(JSON.stringify(["
        "ext.findNtsplan([process.argv[2]], ''),"
        "ext.findNtsplan(['/nowhere'], ''),"
        "ext.findNtsplan([process.argv[2]], ' /opt/ntsplan '),"
        "ext.planSelectors(['/home/a/plan/data/plan.yaml'])]))"
    )
    done = subprocess.run(
        [
            NODE or "node",
            "-e",
            probe,
            str(tmp_path / "x" / "extension" / "out" / "extension.js"),
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"NODE_PATH": str(stub.parent), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    in_venv, on_path, configured, selectors = json.loads(done.stdout)
    assert in_venv == str(venv / "ntsplan")
    assert on_path == "ntsplan"
    assert configured == "/opt/ntsplan"
    assert selectors == [
        {"scheme": "file", "language": "yaml", "pattern": "/home/a/plan/data/**/*.yaml"}
    ]
