"""The preflight: print faults found in the laid-out pages, before the PDF is written.

``registry.preflight(pages)`` runs every check of ``CHECKS`` over WeasyPrint ``Page`` objects (a
whole ``Document.pages``, or the pages of one part rendered alone) and returns
``Finding`` values; ``ntsplan.pdf.preflight.locate`` turns them into ``Problem``
values that point at the data behind each fault. This package's own import is
light (``ntsplan explain`` reads ``codes`` without loading WeasyPrint). One module per check:

* ``overflow``: nothing extends beyond the page's content area;
* ``stranded``: no heading, caption or table header is the last thing on a page;
* ``table_rows``: no table leaves a single row on a page;
* ``sparse``: no page holds less than a few lines unless it ends a chapter, and a
  chapter's last page holds more than a heading;
* ``offpage``: no text lies outside the page (visually hidden text placed past its edge);
* ``chapter_end``: a chapter of several pages does not end with a page that holds almost
  nothing (a single row, a single source);
* ``breaks``: no word broken inside in a table cell or a label unless it is longer than its
  column, and no hyphenation a reader trips over (fewer than three letters on a side, an
  exception word or a foreign term broken wrongly);
* ``gutters``: two columns of a table never run into each other.
"""
