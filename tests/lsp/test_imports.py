"""The language server stays off the path of `ntsplan validate`: no pygls at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from ntsplan.cli import main
sys.argv = ["ntsplan", "validate", "--data", sys.argv[1]]
try:
    main()
except SystemExit as done:
    code = done.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pygls", "lsprotocol")
                or m.startswith("ntsplan.lsp"))
print("exit", code, "loaded", loaded, file=sys.stderr)
"""


def test_validate_does_not_import_the_language_server() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(REPO / "data")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr.strip().endswith("exit 0 loaded []"), done.stderr
