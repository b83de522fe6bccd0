"""End to end in a real editor: Debian's Neovim, headless, set up with the README's snippet,
opens a value chain with an unknown ROM through its built-in LSP client, and reports the
diagnostics it shows, the completion it offers and the keys the snippet mapped
(tests/lsp/nvim/init.lua)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NVIM = shutil.which("nvim")
NTSPLAN = Path(sys.executable).parent / "ntsplan"
INIT = Path(__file__).parent / "nvim" / "init.lua"


def readme_snippet(folder: Path) -> Path:
    """The README's Neovim snippet, as a file."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("**Neovim** (0.7 and later") :]
    start = after.index("```lua\n") + len("```lua\n")
    snippet = folder / "snippet.lua"
    snippet.write_text(after[start : after.index("```", start)], encoding="utf-8")
    return snippet


pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim is not installed: scripts/system-packages.sh test"
)


def test_the_readme_s_neovim_set_up_shows_the_unknown_rom_and_completes_rom_ids(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    chain = data / "valuechains" / "medtech.yaml"
    text = chain.read_text(encoding="utf-8")
    assert "  lead: liof\n" in text
    chain.write_text(text.replace("  lead: liof\n", "  lead: limburg\n", 1), encoding="utf-8")
    row = text[: text.index("  lead: liof\n")].count("\n")
    out = tmp_path / "received.json"
    env = {
        **os.environ,
        "PATH": f"{NTSPLAN.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NTSPLAN_SNIPPET": str(readme_snippet(tmp_path)),
        "NTSPLAN_OUT": str(out),
        "NTSPLAN_LINE": str(row),
        "NTSPLAN_COL": str(len("  lead: ")),
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
    }
    done = subprocess.run(
        [NVIM or "nvim", "--headless", "-n", "-i", "NONE", "-u", str(INIT), str(chain)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.is_file(), done.stdout + done.stderr
    received = json.loads(out.read_text(encoding="utf-8"))
    assert received["reason"] == "done", received
    # The message is validate's own, word for word.
    report = subprocess.run(
        [str(NTSPLAN), "validate", "--format", "json", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    (problem,) = json.loads(report.stdout)["problems"]
    assert problem["message"].startswith("unknown ROM 'limburg'; ROM's are listed in roms.yaml")
    assert received["diagnostics"] == [
        {
            "lnum": row,
            "col": len("  lead: "),
            "message": problem["message"],
            "code": "unknown-rom",
            "severity": 1,
        }
    ]
    assert received["keys"] == dict.fromkeys(["K", "gd", "gr", "<leader>rn", "<leader>ca"], True)
    labels = {item["label"]: item["detail"] for item in received["completion"]}
    assert labels["liof"] == "LIOF"
    assert {"bom", "nom", "oost-nl"} <= set(labels)
