"""The longest modules of src/ntsplan, as a guide for review (``make sizes``).

Not a limit: a module's length follows its idea (yamllint's rules and MkDocs' modules run
from 100 to 900 lines and read well). A module far past that is worth a look for a second
idea inside it; never split one, or reshape a signature, only to meet a number.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"
LOOK_AT = 900
"""Lines past which a module is named as worth a look."""


def main(top: int = 15) -> int:
    sizes = sorted(
        (
            (len(path.read_text("utf-8").splitlines()), path.relative_to(SOURCE).as_posix())
            for path in (SOURCE / "ntsplan").rglob("*.py")
        ),
        reverse=True,
    )
    total = sum(lines for lines, _ in sizes)
    print(f"{len(sizes)} modules, {total} lines; the longest:")
    for lines, name in sizes[:top]:
        mark = "  <- worth a look: more than one idea?" if lines > LOOK_AT else ""
        print(f"{lines:6d}  {name}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
