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
    assert manifest["contributes"]["commands"] == [
        {"command": "ntsplan.restart", "title": "Restart", "category": "ntsplan"}
    ]
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings["ntsplan.yamlValidation"]["default"] == "off"
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


FAKE_VSCODE = """
const state = { registered: {}, listeners: [], updates: [], inspected: {} };
const api = {
  commands: {
    registerCommand: (name, fn) => { state.registered[name] = fn; return { dispose() {} }; },
    executeCommand: async () => undefined,
  },
  workspace: {
    onDidChangeConfiguration: (fn) => { state.listeners.push(fn); return { dispose() {} }; },
    getConfiguration: (section) => ({
      get: (key, fallback) => fallback,
      inspect: (key) => state.inspected,
      update: async (key, value, target) => { state.updates.push([section, key, value, target]); },
    }),
  },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  __state: state,
};
module.exports = new Proxy(api, {
  get: (target, key) => (key in target ? target[key] : key === '__esModule' ? false : class {}),
});
"""

PROBE = """
const vscode = require('vscode');
const ext = require(process.argv[1]);
const work = process.argv[2];
const state = vscode.__state;
const log = [];
let setting = '~/missing/ntsplan';
const host = {
  folders: () => [work],
  planFiles: async () => [work + '/data/plan.yaml'],
  setting: (name, fallback) => (name === 'path' ? setting : fallback),
  showError: async (message, ...actions) => {
    log.push(['error', message, actions]);
    return 'Open Settings';
  },
  openSettings: () => log.push(['open settings']),
  createClient: (command, selectors) => ({
    start: async () => { log.push(['start', command, selectors[0].pattern]); },
    stop: async () => { log.push(['stop', command]); },
  }),
};
(async () => {
  await ext.activate({ subscriptions: [] }, host);
  setting = 'tools/ntsplan';
  for (const listener of state.listeners) {
    listener({ affectsConfiguration: (name) => name === 'ntsplan.path' });
    listener({ affectsConfiguration: (name) => name === 'editor.fontSize' });
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  setting = '${workspaceFolder}/other/ntsplan';
  await state.registered['ntsplan.restart']();
  await ext.deactivate();
  console.log(JSON.stringify({
    log,
    commands: Object.keys(state.registered),
    updates: state.updates,
    expanded: [
      ext.expandPath('~/bin/ntsplan', ['/w'], '/home/u'),
      ext.expandPath('~', ['/w'], '/home/u'),
      ext.expandPath('${workspaceFolder}/.venv/bin/ntsplan', ['/w', '/v'], '/home/u'),
      ext.expandPath('tools/ntsplan', ['/w', '/v'], '/home/u'),
      ext.expandPath('ntsplan-dev', ['/w'], '/home/u'),
      ext.expandPath('  ', ['/w'], '/home/u'),
    ],
    onPath: ext.locateNtsplan([work], 'ntsplan-dev', '/home/u', work + '/bin:/nowhere'),
  }));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def test_the_extension_says_where_it_looked_expands_the_path_and_restarts(
    vsix: Path, tmp_path: Path
) -> None:
    # activate() under Node, with a stand-in for VS Code's API and for the language client:
    # the logic is the shipped script's.
    stub = tmp_path / "stub" / "node_modules" / "vscode"
    stub.mkdir(parents=True)
    (stub / "index.js").write_text(FAKE_VSCODE, encoding="utf-8")
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(tmp_path / "x")
    work = tmp_path / "work"
    for program in ("tools/ntsplan", "other/ntsplan", "bin/ntsplan-dev"):
        (work / program).parent.mkdir(parents=True, exist_ok=True)
        (work / program).write_text("#!/bin/sh\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [
            NODE or "node",
            "-e",
            PROBE,
            str(tmp_path / "x" / "extension" / "out" / "extension.js"),
            str(work),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"NODE_PATH": str(stub.parent), "PATH": "/usr/bin:/bin", "HOME": str(home)},
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout)
    log = seen["log"]
    # Not found: what was looked for, and how to install it; "Open Settings" opens them.
    kind, message, actions = log[0]
    assert kind == "error" and actions == ["Open Settings"]
    assert f"Looked at: {home}/missing/ntsplan." in message
    assert 'the setting ntsplan.path ("~/missing/ntsplan") names no program' in message
    assert "pipx install ntsplan" in message and ".venv/bin/pip install ntsplan" in message
    assert log[1] == ["open settings"]
    # A change of ntsplan.path starts the server with the new program (relative to the
    # workspace folder); a change of another setting does nothing.
    pattern = f"{work}/data/**/*.yaml"
    assert log[2] == ["start", str(work / "tools" / "ntsplan"), pattern]
    # "ntsplan: Restart" stops the running server and starts it again, reading the setting.
    assert log[3:] == [
        ["stop", str(work / "tools" / "ntsplan")],
        ["start", str(work / "other" / "ntsplan"), pattern],
        ["stop", str(work / "other" / "ntsplan")],
    ]
    assert seen["commands"] == ["ntsplan.restart"]
    # yaml-language-server's validation is turned off for the workspace: one diagnostic
    # per slip, ntsplan's.
    assert seen["updates"] == [["yaml", "validate", False, 2]]
    assert seen["expanded"] == [
        ["/home/u/bin/ntsplan"],
        ["/home/u"],
        ["/w/.venv/bin/ntsplan"],
        ["/w/tools/ntsplan", "/v/tools/ntsplan"],
        ["ntsplan-dev"],
        [],
    ]
    assert seen["onPath"] == {
        "command": str(work / "bin" / "ntsplan-dev"),
        "tried": [str(work / "bin" / "ntsplan-dev")],
    }


def test_the_yaml_validation_is_left_alone_when_the_user_chose(vsix: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(tmp_path / "x")
    stub = tmp_path / "stub" / "node_modules" / "vscode"
    stub.mkdir(parents=True)
    (stub / "index.js").write_text(FAKE_VSCODE, encoding="utf-8")
    probe = (
        "const ext = require(process.argv[1]);"
        "console.log(JSON.stringify(["
        "ext.turnYamlValidationOff('off', {}),"
        "ext.turnYamlValidationOff('off', {workspaceValue: true}),"
        "ext.turnYamlValidationOff('off', {workspaceFolderValue: true}),"
        "ext.turnYamlValidationOff('keep', {})]))"
    )
    done = subprocess.run(
        [NODE or "node", "-e", probe, str(tmp_path / "x" / "extension" / "out" / "extension.js")],
        capture_output=True,
        text=True,
        check=False,
        env={"NODE_PATH": str(stub.parent), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [True, False, False, False]
