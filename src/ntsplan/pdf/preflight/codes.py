"""The problem codes of the preflight: print faults found in the laid-out PDF.

Registered in ``ntsplan.codes``; see that module for how to add one. The preflight reports
them as warnings (errors under ``--strict``, and then the PDF is not written).
"""

from __future__ import annotations

from ntsplan.codes import Code, register

OVERFLOW, STRANDED, SINGLE_ROW, SPARSE, HEADING_ONLY = register(
    Code(
        "pdf-overflow",
        stage="preflight",
        severity="warning",
        title="Something runs past the edge of the page's text area",
        description="A table, a chart or a word that cannot be broken (a long URL, an id) "
        "is wider than the text area, or wider than its table column, so it runs into the "
        "margin or over the next column. The message names the page, and the place points "
        "to the data behind it where there is one.",
        fix="Shorten the text: link to a shorter address, or give the source a title and "
        "put the long address in 'url' only:\n\n"
        "    - title: Kennis- en innovatieagenda\n"
        "      url: https://example.org/a/very/long/address\n\n"
        "When the fault is in ntsplan's own layout, report it to its maintainers.",
    ),
    Code(
        "pdf-stranded-heading",
        stage="preflight",
        severity="warning",
        title="A heading, caption or table header is the last thing on a page",
        description="What the heading introduces starts on the next page, so the heading "
        "stands alone at the foot of the page.",
        fix="This is a fault of ntsplan's page layout, not of the data: report it to its "
        "maintainers with the data that shows it.",
    ),
    Code(
        "pdf-single-row",
        stage="preflight",
        severity="warning",
        title="A table leaves a single row on a page",
        description="A table that goes on over a page break has only one of its rows on "
        "one of the pages.",
        fix="This is a fault of ntsplan's page layout, not of the data: report it to its "
        "maintainers with the data that shows it.",
    ),
    Code(
        "pdf-sparse-page",
        stage="preflight",
        severity="warning",
        title="A page holds less than a few lines and does not end a chapter",
        description="A page in the middle of a chapter holds less than four lines' worth "
        "of content, usually because what follows could not be broken over pages.",
        fix="This is a fault of ntsplan's page layout, not of the data: report it to its "
        "maintainers with the data that shows it.",
    ),
    Code(
        "pdf-heading-only-page",
        stage="preflight",
        severity="warning",
        title="The last page of a chapter holds nothing but a heading",
        description="A chapter's last page shows only a heading (and perhaps a placeholder "
        "for content not yet written), a page a reader turns to for nothing.",
        fix="Fill in the section the heading belongs to, or leave it out of the data:\n\n"
        "    sources:\n"
        "      - title: Nationale Technologiestrategie\n"
        "        url: https://www.rijksoverheid.nl/",
    ),
)
