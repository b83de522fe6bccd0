"""HTML to PDF: the print typesetting (``typeset``), the one-process and the parallel render,
the preflight of the laid-out pages, and the PDF's result.

Every WeasyPrint import sits in ``pdf.weasy`` (WeasyPrint is imported only when a PDF is
made); ``pdf.parallel`` cuts the document into parts, renders them in worker processes,
keeps them in a per-part cache and joins them; ``pdf.preflight`` checks the laid-out pages
for what a reader would see as a fault.
"""
