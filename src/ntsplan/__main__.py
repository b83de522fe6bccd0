"""Allows ``python -m ntsplan``."""

from __future__ import annotations

from ntsplan.entry import entry

if __name__ == "__main__":
    entry()
