"""The export stage: the rendered HTML to files on disk, and to PDF with WeasyPrint.

Modules: ``atomic`` (write-then-rename), ``cache`` (skip an unchanged PDF), ``metadata``
(PDF document information from the plan), ``progress`` (terminal display), ``fetcher``
and ``pdf`` (WeasyPrint; imported only when a PDF is made, so this package's import is
cheap).
"""

from __future__ import annotations

OUTPUT_KINDS = ("html", "pdf", "xlsx", "odt", "docx")
"""The outputs of a build, in the order they are written (``build --only`` picks one)."""
