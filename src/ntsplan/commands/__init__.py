"""One module per command: each takes a settings value and returns an exit code."""
