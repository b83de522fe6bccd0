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
)
