"""The outputs of one build: which files a build makes, whether each is fresh, and the one
all-or-nothing commit that replaces them.

Modules: ``run`` (``build()``: a linked plan and an edition to the output files),
``kinds`` (one module per output kind: ``html``, ``pdf``, ``xlsx``; the registry is
``kinds.KINDS``), ``stamps`` (the key of an output's inputs, kept beside it, so an
unchanged output is not made again), ``commit`` (stage every output, then replace them all
together, or none), ``report`` (the lines a build writes about its outputs). Nothing here
imports WeasyPrint or XlsxWriter at module level, so a rebuild with nothing changed stays
fast.
"""
