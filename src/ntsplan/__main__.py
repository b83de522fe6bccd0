"""Allows ``python -m ntsplan``."""

from __future__ import annotations

from ntsplan.cli import main

if __name__ == "__main__":
    main()
