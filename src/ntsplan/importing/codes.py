"""The problem codes of ``ntsplan import``: a workbook that came back from a ROM.

Every problem names the cell (``return.xlsx:Activiteiten!O12``). Errors stop the import
before anything is written; warnings are reported and the rest is imported.
Registered in ``ntsplan.codes``; see that module for how to add one.
"""

from __future__ import annotations

from ntsplan.codes import Code, register

CODES = register(
    Code(
        "workbook-unreadable",
        stage="import",
        title="The file is not a readable .xlsx workbook",
        description="The file could not be opened as an Office Open XML workbook: it is "
        "damaged, cut short, or another kind of file (an .xls, .ods or .csv renamed).",
        fix="Open it in Excel or LibreOffice and save it again as 'Excel 2007-365 (.xlsx)', or "
        "ask for the file to be sent again.",
    ),
    Code(
        "workbook-encrypted",
        stage="import",
        title="The workbook is protected with a password",
        description="A password-protected (encrypted) workbook cannot be read without the "
        "password, and ntsplan never asks for one.",
        fix="Open it with the password, remove the password (File > Properties > Security in "
        "LibreOffice, File > Info > Protect Workbook in Excel) and save it as .xlsx.",
    ),
    Code(
        "workbook-foreign",
        stage="import",
        title="The workbook was not written by ntsplan",
        description="Only a workbook made by 'ntsplan build' can be imported: it carries a "
        "hidden record of the data each row was made from, which the import needs to see what "
        "changed. A workbook typed by hand, or one whose contents were copied into a new "
        "file, has no such record.",
        fix="Make a new workbook with 'ntsplan build --only xlsx' (or '--rom ID' for a ROM's "
        "slice), copy the changed values into it, and import that one.",
    ),
    Code(
        "sheet-missing",
        stage="import",
        title="A sheet the import reads was renamed or deleted",
        description="The import reads the Activities and KPIs sheets by the names ntsplan gave "
        "them. A renamed sheet is not guessed at.",
        fix="Rename the sheet back to the name the message gives (right-click the sheet tab, "
        "Rename).",
    ),
    Code(
        "column-missing",
        stage="import",
        title="A column header was changed or the column deleted",
        description="The import finds each column by its header as ntsplan wrote it; moving a "
        "column is fine, renaming or deleting one is not.",
        fix="Write the header back as the message gives it, or undo the deletion.",
    ),
    Code(
        "merged-cell",
        stage="import",
        title="Merged cells in a data sheet",
        description="A merged range holds one value for several cells, so the rows it spans "
        "cannot be read apart.",
        fix="Select the range and unmerge it (Format > Merge and Unmerge Cells), then give "
        "each cell its own value.",
    ),
    Code(
        "cell-formula",
        stage="import",
        title="A formula in a data cell",
        description="Formulas in data cells are never evaluated by the import: the YAML holds "
        "values. A text that starts with '=' would become a formula in a spreadsheet, so it is "
        "refused as well.",
        fix="Replace the formula by its value (copy, then Paste Special > Values only), or "
        "write the text without the leading '='.",
    ),
    Code(
        "cell-not-number",
        stage="import",
        title="Text where a number belongs",
        description="An amount, baseline or target must be a number cell. Text such as "
        "'250.000' or '1.250.000,00' (Dutch separators), '€ 250k' or 'ca. 300000' is not "
        "guessed at: a dot can be a thousands or a decimal separator.",
        fix="Type the number without separators or currency sign, e.g.\n\n    1250000",
    ),
    Code(
        "cell-bad-number",
        stage="import",
        title="A number out of range",
        description="The number cannot be the value: an amount below zero, a year that is not "
        "a whole number between 2000 and 2100, a quarter that is not 1 to 4.",
        fix="Write a value in the range the message gives.",
    ),
    Code(
        "cell-unknown-choice",
        stage="import",
        title="A status or budget status that is not one of the choices",
        description="Status and budget status are chosen from a list (the words of the "
        "workbook's language, or the YAML's own words).",
        fix="Pick a value from the cell's list, e.g. 'toegezegd' or 'committed'.",
    ),
    Code(
        "cell-bad-period",
        stage="import",
        title="A period that does not parse",
        description="A period is four cells: start year and quarter, end year and quarter. "
        "The years are needed; a quarter may be empty (the whole year). An end before the "
        "start, or a year without the other, is not a period.",
        fix="Write years such as 2026 and quarters 1 to 4 (or Q1 to Q4), or clear all four "
        "cells' changes.",
    ),
    Code(
        "cell-required",
        stage="import",
        title="A cell that must have a value is empty",
        description="A budget needs an amount and a budget status; a KPI needs an indicator, a "
        "unit, a target and a year. Clearing a cell does not delete a budget or a KPI from the "
        "YAML: that is an edit for the YAML itself.",
        fix="Write the value the message names, or delete the budget or KPI in the YAML.",
    ),
    Code(
        "row-duplicate",
        stage="import",
        title="Two rows for one activity or KPI",
        description="A row was copied: both carry the same hidden key, and both differ from "
        "what ntsplan wrote, so it is not clear which one is meant.",
        fix="Delete one of the two rows; for a new KPI, type it into an empty row.",
    ),
    Code(
        "id-changed",
        stage="import",
        title="An id or value chain id was changed in the workbook",
        description="Ids are how files refer to each other; renaming one is an edit for the "
        "YAML, where every reference can be changed with it.",
        fix="Write the id back as the message gives it, and rename it in the YAML if needed.",
    ),
    Code(
        "kpi-unknown-activity",
        stage="import",
        title="A new KPI row for an activity the plan does not have",
        description="A KPI row added in the workbook names its activity by value chain id and "
        "activity id; the pair must name an activity of the plan.",
        fix="Copy the value chain id and activity id from the activity's row on the "
        "Activities sheet.",
    ),
    Code(
        "row-conflict",
        stage="import",
        severity="warning",
        title="A row whose YAML changed since the workbook was made",
        description="The row was edited in the workbook, and the YAML it was made from changed "
        "since (the hidden hash no longer matches), so the workbook's values may undo that "
        "change. Nothing of the row is written unless --force.",
        fix="Compare the row with the YAML and carry the edits over by hand, or run again "
        "with --force to write the workbook's edited cells over the YAML's values.",
    ),
    Code(
        "read-only-cell",
        stage="import",
        severity="warning",
        title="An edit in a column the import does not take",
        description="Only amounts, budget statuses, funding, periods, statuses and KPIs are "
        "taken from the workbook. Titles, owners, partners, dependencies and the other columns "
        "are edited in the YAML, where their references are checked.",
        fix="Make the change in the YAML file the row's File column names.",
    ),
    Code(
        "activity-added",
        stage="import",
        severity="warning",
        title="A new activity row in the workbook",
        description="An activity needs more than the workbook holds (its owner's id, its kind, "
        "a description), so a row added in the workbook is listed, never written into the "
        "YAML on a guess.",
        fix="Write the activity into the value chain's YAML file (see the README's example), "
        "then build a new workbook.",
    ),
    Code(
        "row-deleted",
        stage="import",
        severity="warning",
        title="A row ntsplan wrote is not in the workbook any more",
        description="A deleted row does not delete the activity or KPI from the YAML: deleting "
        "is an edit for the YAML, where its references are checked.",
        fix="If it should go, delete the activity or KPI in the YAML file; otherwise nothing "
        "needs doing.",
    ),
    Code(
        "row-gone",
        stage="import",
        severity="warning",
        title="A row for an activity or KPI that the YAML no longer has",
        description="The activity or KPI was removed or renamed in the YAML after the "
        "workbook was made, so the row's edits have nowhere to go.",
        fix="Carry the row's edits over by hand if they still matter.",
    ),
    Code(
        "edit-invalid",
        stage="import",
        title="A value the plan's checks refuse",
        description="The workbook's values are written into the YAML and the plan is checked "
        "again before anything is saved; a value that makes the plan invalid (a period that "
        "ends before it starts, an amount too large) is reported at its cell.",
        fix="Correct the value as the message says.",
    ),
    Code(
        "edit-not-placed",
        stage="import",
        title="A value that cannot be written into the YAML as it is laid out",
        description="The import changes the YAML in place, keeping comments and layout. Where "
        "the value is written in a way it cannot safely rewrite (an alias to an anchor, a "
        "multi-line flow collection), it stops rather than reformat the file.",
        fix="Write the value into the YAML by hand, or simplify the YAML there (no anchor or "
        "alias) and import again.",
    ),
)
