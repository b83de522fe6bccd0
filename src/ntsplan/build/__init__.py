"""The outputs of one build: which files a build makes, whether each is fresh, and the one
all-or-nothing commit that replaces them.

Modules: ``run`` (``build()``: a linked plan and an edition to the output files),
``kinds`` (one module per output kind: ``html``, ``pdf``, ``xlsx``; ``editable`` for
``odt`` and ``docx``), ``stamps`` (the key of
an output's inputs, kept beside it, so an unchanged output is not made again), ``commit``
(stage every output, then replace them all together, or none). Nothing here imports
WeasyPrint or XlsxWriter at module level, so a rebuild with nothing changed stays fast.
"""

from __future__ import annotations

OUTPUT_KINDS = ("html", "pdf", "xlsx", "odt", "docx")
"""The outputs of a build, in the order they are written (``build --only`` picks one)."""
