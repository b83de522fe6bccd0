"""Computations over one linked plan that every output shares: which document to make
(``edition``), the part of the plan it shows (``slicing``), the budget roll-up (``rollup``),
what the plan still lacks (``completeness``, ``plan_parts``), the document's words and
numbers (``labels``, ``formatting``) and its metadata (``metadata``).

Nothing here renders: the HTML (``render``), the PDF (``pdf``) and the workbook
(``workbook``) all read the plan through these modules, so they agree on every figure.
"""
