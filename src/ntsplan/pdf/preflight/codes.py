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

LAYOUT_FAULT = (
    "This is a fault of ntsplan's page layout, not of the data: report it to its "
    "maintainers with the data that shows it."
)

SHORT_ENDING, BROKEN_WORD, BAD_HYPHEN, NO_GUTTER, OFF_PAGE = register(
    Code(
        "pdf-short-chapter-end",
        stage="preflight",
        severity="warning",
        title="A chapter ends with a page that holds almost nothing",
        description="The last page of a chapter of several pages holds less than a quarter "
        "of a page: a single table row, a single source, a few lines. A reader turns a page "
        "for it, and the chapter looks unfinished.",
        fix=LAYOUT_FAULT,
    ),
    Code(
        "pdf-broken-word",
        stage="preflight",
        severity="warning",
        title="A word in a table cell or a label is broken over two lines",
        description="A word that would fit its column whole is broken inside it "
        "('Mkb-bedrij-ven', 'Sleuteltechnolo-gieën'), usually because the column is narrower "
        "than its content's longest word. Only a word longer than its column may break.",
        fix="Shorten the name or the label, or report the layout fault to the ntsplan maintainers.",
    ),
    Code(
        "pdf-bad-hyphenation",
        stage="preflight",
        severity="warning",
        title="A word is hyphenated where a reader trips over it",
        description="A hyphenated line break leaves fewer than three letters on one side "
        "('fotoni-ca', 'program-ma'), breaks a word of the exceptions list elsewhere than "
        "at its listed points ('maakin-dustrie'), or breaks a foreign term by the patterns "
        "of the text around it ('Integra-ted photonics').",
        fix="Add the word to the exceptions list in plan.yaml, with a hyphen where it may "
        "break, or the term to the foreign terms in its language:\n\n"
        "    typesetting:\n"
        "      hyphenation:\n"
        "        nl: [maak-indus-trie]\n"
        "      foreign:\n"
        "        en: [Smart manufacturing]",
    ),
    Code(
        "pdf-no-gutter",
        stage="preflight",
        severity="warning",
        title="Two columns of a table run into each other",
        description="The text of one cell ends less than 2 mm before the text of the next "
        "cell in the row begins, so the two columns read as one.",
        fix=LAYOUT_FAULT,
    ),
    Code(
        "pdf-text-off-page",
        stage="preflight",
        severity="warning",
        title="Text is placed outside the page",
        description="Text that nobody sees (visually hidden text for screen readers, say) "
        "lies past the page's edge. Copying, searching and reading aloud find it where it "
        "does not belong; such text belongs in the structure's /ActualText or /Alt.",
        fix=LAYOUT_FAULT,
    ),
)
