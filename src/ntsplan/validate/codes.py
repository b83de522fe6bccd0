"""The problem codes of the validate stage: each file against its schema.

Registered in ``ntsplan.codes``; see that module for how to add one.
"""

from __future__ import annotations

from ntsplan.codes import Code, register

CODES = register(
    Code(
        "missing-field",
        stage="validate",
        title="A required field is missing",
        description="The schema requires this field here; the message names it and says what "
        "it holds.",
        fix="Add the field with its value, at the indentation of its neighbours:\n\n"
        "    workgroup:\n      lead: nom\n      roms: [nom, oost-nl]",
    ),
    Code(
        "unknown-field",
        stage="validate",
        title="A field the schema does not know",
        description="The field is misspelt, or belongs somewhere else (the message says "
        "where). Unknown fields are refused so that a typo is not silently ignored.",
        fix="Correct the name as suggested:\n\n    rom: [nom]     # wrong\n"
        "    roms: [nom]    # right",
    ),
    Code(
        "wrong-type",
        stage="validate",
        title="A value of the wrong kind",
        description="The field expects text, a number, true/false, a list or a mapping, and "
        "holds something else, often because of quotes or of YAML reading 'yes' as text.",
        fix="Write the value in the expected form:\n\n"
        '    amount: "12.5"    # text, wrong\n    amount: 12.5      # a number, right',
    ),
    Code(
        "invalid-value",
        stage="validate",
        title="A value the schema does not allow",
        description="The value has the right kind but is not allowed: not one of the listed "
        "choices, out of range, empty, too long, or not in the required format.",
        fix="Write one of the values the message lists:\n\n"
        "    status: ready     # wrong\n    status: review    # right",
    ),
    Code(
        "prose-table",
        stage="validate",
        severity="warning",
        title="A Markdown table in a prose field",
        description="The document renders prose as CommonMark, which has no tables: the rows "
        "appear as lines of text with '|' signs. The message also names rows whose number "
        "of cells differs from the header's.",
        fix="Write a list instead:\n\n    - Gelderland: 12 bedrijven\n    - Overijssel: 8 "
        "bedrijven",
    ),
    Code(
        "prose-html",
        stage="validate",
        severity="warning",
        title="Raw HTML in a prose field",
        description="HTML in a prose field is not applied: for safety the document shows it "
        "as text, tags and all.",
        fix="Use Markdown: **bold**, *italic*, [text](https://example.nl), a blank line "
        "between paragraphs.",
    ),
    Code(
        "prose-link",
        stage="validate",
        severity="warning",
        title="A link or image the document does not show",
        description="Only http, https and mailto links become links; any other link (a "
        "relative path, javascript:, file:) is shown as plain text. Images are never "
        "fetched: only their alt text is shown.",
        fix="Write the full address: [rapport](https://example.nl/rapport.pdf); describe an "
        "image in words.",
    ),
    Code(
        "prose-code",
        stage="validate",
        severity="warning",
        title="A fenced code block in a prose field",
        description="Text between ``` lines is shown as a grey block of monospaced code, "
        "which is rarely what a plan's prose means.",
        fix="Remove the ``` lines; indent nothing by four spaces either (that is code too).",
    ),
    Code(
        "prose-heading",
        stage="validate",
        severity="warning",
        title="A heading out of order in a prose field",
        description="Headings in prose are placed below the heading of the section that "
        "holds them. A heading that skips a level (### after #), or that ranks above the "
        "text's first heading, would break the document's outline and the PDF's bookmarks.",
        fix="Start with # and go down one level at a time:\n\n    # Markt\n    ## Groei",
    ),
)
