"""WeasyPrint alone: render an HTML file to PDF, the baseline for ntsplan's PDF build.

Run as a separate process: ``python bench/weasy_alone.py HTML BASE_URL PDF``. The whole
process is timed from outside, start-up and ``import weasyprint`` included, as for ntsplan.
"""

from __future__ import annotations

import sys
from pathlib import Path

import weasyprint  # type: ignore[import-untyped]

if __name__ == "__main__":
    html_file, base_url, pdf_file = sys.argv[1:4]
    html = Path(html_file).read_text(encoding="utf-8")
    weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_file)
