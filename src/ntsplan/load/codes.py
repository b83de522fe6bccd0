"""The problem codes of the load stage: the folder's files, their encoding, YAML syntax.

Registered in ``ntsplan.codes``; see that module for how to add one.
"""

from __future__ import annotations

from ntsplan.codes import Code, register

CODES = register(
    Code(
        "missing-file",
        stage="load",
        title="plan.yaml or roms.yaml is missing",
        description="Every plan folder holds plan.yaml (the document's details) and roms.yaml "
        "(the ROM's that publish it). Without them nothing can be checked further.",
        fix="Create the file at the top of the plan folder; copy it from the shipped data/ "
        "folder or an earlier edition and fill it in.",
    ),
    Code(
        "missing-folder",
        stage="load",
        severity="warning",
        title="technologies/ or valuechains/ is missing",
        description="The plan folder has no technologies/ or valuechains/ sub-folder, so the "
        "plan has none of them.",
        fix="Create the folder, then add a file with 'ntsplan new technology' or "
        "'ntsplan new valuechain'.",
    ),
    Code(
        "wrong-extension",
        stage="load",
        title="A data file ends in .yml",
        description="ntsplan reads only files ending in .yaml, so a .yml file would silently "
        "be left out of the plan.",
        fix="Rename the file:\n\n    valuechains/chips.yml  ->  valuechains/chips.yaml",
    ),
    Code(
        "ignored-file",
        stage="load",
        severity="warning",
        title="A file or folder that is not part of the plan",
        description="Every file in the plan folder is either read or named: technologies/ and "
        "valuechains/ hold only .yaml files, and the top of the folder holds plan.yaml, "
        "roms.yaml and those two folders. Dotfiles, README files and editors' back-ups (*~, "
        "*.bak, *.swp, #*#, ~$*) are left alone without a word.",
        fix="Move the file out of the plan folder, or rename it to .yaml if it is a data file. "
        "To keep a file or folder there, list it in plan.yaml:\n\n"
        '    ignore: ["*.docx", "drafts/"]',
    ),
    Code(
        "bad-id",
        stage="load",
        title="A file name that is not a valid id",
        description="The file name (without .yaml) is the id of the technology or value chain "
        "that other files refer to, so it must be a valid id: lower-case letters, digits and "
        "'-'.",
        fix="Rename the file as the message suggests:\n\n"
        "    valuechains/Groene Waterstof.yaml  ->  valuechains/groene-waterstof.yaml",
    ),
    Code(
        "outside-data",
        stage="load",
        title="A linked file that lies outside the plan folder",
        description="A symbolic link in the plan folder leads to a file elsewhere. ntsplan "
        "reads only files inside the folder, so that a pull request cannot make it read "
        "other files of the machine.",
        fix="Replace the link with a copy of the file.",
    ),
    Code(
        "unreadable",
        stage="load",
        title="A file that cannot be read",
        description="The file cannot be opened (permissions) or is not a regular file (a "
        "pipe, socket, device or folder). This is a problem of the machine, so the run ends "
        "with exit code 2.",
        fix="Check the file's permissions (chmod u+r FILE), or replace it with a plain file.",
    ),
    Code(
        "file-too-large",
        stage="load",
        title="A data file larger than 1 MiB",
        description="Hand-edited plan files are a few KiB; a larger file is refused so that "
        "a broken or hostile file cannot exhaust memory.",
        fix="Split the file, or remove what does not belong in the plan.",
    ),
    Code(
        "encoding",
        stage="load",
        title="A file that is not UTF-8 text",
        description="Data files are UTF-8 text (a byte-order mark and CRLF line endings are "
        "fine). The file is UTF-16, was saved as Windows-1252 ('ANSI': the message names the "
        "character, such as an 'ë' stored as byte 0xEB), or holds a control character YAML "
        "does not allow.",
        fix="Save the file as UTF-8: in VS Code click the encoding in the status bar, choose "
        "'Save with Encoding', then 'UTF-8'. Delete a control character the message names.",
    ),
    Code(
        "empty-file",
        stage="load",
        title="A file with no content",
        description="The file is empty or holds only comments, so it defines nothing. The "
        "message lists the fields the file needs at least.",
        fix="Fill in at least the fields the message lists; 'ntsplan new valuechain' and "
        "'ntsplan new technology' write a complete file to start from. Or delete the file.",
    ),
    Code(
        "yaml-syntax",
        stage="load",
        title="The file is not valid YAML",
        description="The YAML parser stopped here: often a ': ' inside unquoted text, a line "
        "indented differently from its neighbours, or an unclosed quote or bracket.",
        fix="Quote text that holds ': ', and line up the keys:\n\n"
        "    title: Chips: the next step      # wrong\n"
        '    title: "Chips: the next step"    # right',
    ),
    Code(
        "tab-indent",
        stage="load",
        title="A tab used for indentation",
        description="YAML indents with spaces only; a tab character at the start of a line "
        "is a syntax error.",
        fix="Replace the tab with spaces (VS Code: 'Convert Indentation to Spaces').",
    ),
    Code(
        "multiple-documents",
        stage="load",
        title="More than one YAML document in a file",
        description="A '---' line after content starts a second document; a data file holds "
        "exactly one.",
        fix="Remove the second '---' and what follows, or move it to a file of its own.",
    ),
    Code(
        "too-deep",
        stage="load",
        title="Values nested too deeply",
        description="Mappings and lists are nested more than 64 levels deep; a plan file "
        "needs only a few levels.",
        fix="Check the indentation: a line indented too far nests everything below it.",
    ),
    Code(
        "complex-key",
        stage="load",
        title="A key that is not plain text",
        description="A key in a mapping is a list, a mapping or an alias; keys are plain text.",
        fix="Write the key as text:\n\n    ? [a, b]: value   # wrong\n"
        "    a: value          # right",
    ),
    Code(
        "duplicate-key",
        stage="load",
        title="The same key twice in one mapping",
        description="A key appears twice in the same mapping; only one value can be kept. "
        "When the schema shows that the second key slipped in from a wrong indent (a "
        "'status' of an activity indented under its 'budget'), the message says which way "
        "to move the line.",
        fix="Indent or outdent the line as the message says, or keep one of the two lines "
        "(the message names the other line).",
    ),
    Code(
        "merge-key",
        stage="load",
        title="A YAML merge key ('<<')",
        description="Merge keys hide where a value comes from, so they are not supported.",
        fix="Write the keys out in full instead of '<<: *anchor'.",
    ),
    Code(
        "unsupported-tag",
        stage="load",
        title="A YAML tag ntsplan does not read",
        description="Tags such as '!!python/object' can make a YAML reader run code; only "
        "the plain tags (!!str, !!int, !!float, !!bool, !!null) are accepted.",
        fix="Remove the tag; plain values need none. A text that starts with '!' "
        "('!Belangrijk: ...') is read as a tag: put the whole text in quotes.",
    ),
    Code(
        "bad-tag-value",
        stage="load",
        title="A value that does not fit its tag",
        description="A value tagged !!int, !!float or !!bool cannot be read as one.",
        fix="Fix the value or remove the tag:\n\n    amount: !!int 12.5   # wrong\n"
        "    amount: 12.5         # right",
    ),
    Code(
        "alias-limit",
        stage="load",
        title="Too many aliases",
        description="The file uses more than 1,000 aliases (*name), or its aliases multiply "
        "its content beyond 200,000 values (an 'alias bomb').",
        fix="Write the values out instead of repeating them through aliases.",
    ),
    Code(
        "too-many-values",
        stage="load",
        title="A file with too many values",
        description="The file holds more than 200,000 values; a plan file holds a few hundred.",
        fix="Split the file, or remove what does not belong in the plan.",
    ),
    Code(
        "not-a-file",
        stage="load",
        title="A folder where a data file should be",
        description="A folder is named like a data file (plan.yaml, valuechains/chips.yaml), "
        "so there is no file to read.",
        fix="Move what is in the folder out, delete the folder and write the YAML file.",
    ),
    Code(
        "misplaced-file",
        stage="load",
        severity="warning",
        title="A YAML file where ntsplan reads none",
        description="A .yaml file at the top of the plan folder (or in a folder that is not "
        "read) is not part of the plan. The message says what the file looks like: a value "
        "chain belongs in valuechains/, a technology in technologies/.",
        fix="Move the file where the message says:\n\n"
        "    data/waterstof.yaml  ->  data/valuechains/waterstof.yaml",
    ),
    Code(
        "not-text",
        stage="load",
        title="A file that is not text",
        description="The file is an image, a PDF, an archive (a Word or Excel file) or other "
        "binary data saved under a .yaml name.",
        fix="Put the right YAML file in its place, or move this file out of the plan folder.",
    ),
    Code(
        "invisible-character",
        stage="load",
        title="An invisible character that changes how text is shown",
        description="Unicode bidirectional controls (U+202A to U+202E, U+2066 to U+2069, and "
        "the marks U+200E, U+200F, U+061C) reorder how a line is displayed, so that a reviewer "
        "can read other text than ntsplan reads (the 'Trojan Source' attack). They are errors "
        "wherever they stand. The other invisible characters (zero-width space, joiner and "
        "non-joiner, word joiner, a byte order mark inside the text, soft hyphen, Hangul "
        "filler) and the spaces that look like a plain one (no-break, narrow, thin, en, em, "
        "ideographic) are errors in a key and in a value that is one token once they are gone "
        "(an id, a web or e-mail address, a number, a date): there the value silently differs "
        "from what the editor sees, and a web address with one still looks valid. The problem "
        "stands at the character's own column, names it (U+200B ZERO WIDTH SPACE) and carries "
        "a safe fix that deletes it (`ntsplan fix`); a bidirectional control in free text gets "
        "the same fix as unsafe. Characters in comments are not reported.",
        fix="Delete the character at the position given (`ntsplan fix` does; VS Code shows it "
        "as a highlighted box; retyping the word also removes it):\n\n"
        "    id: oost\u200b-nl    # wrong: a zero-width space after 'oost'\n"
        "    id: oost-nl          # right",
    ),
    Code(
        "lookalike-letter",
        stage="load",
        title="A letter of another script that looks like a Latin one",
        description="A Cyrillic or Greek letter drawn like a Latin one (Cyrillic 'о' for "
        "'o', 'а' for 'a', Greek 'ο'), or a full-width form, inside a key or a value that is "
        "one token: an id, a web or e-mail address, a number, a date. The value reads right "
        "and is wrong: an id matches nothing, an address leads to another host. Reported at "
        "the letter, named, with a safe fix that writes the Latin letter. Text written wholly "
        "in another script, and free text, are not checked.",
        fix="Write the Latin letter (`ntsplan fix` does):\n\n"
        "    lead: n\u043em    # wrong: a Cyrillic o\n"
        "    lead: nom          # right",
    ),
    Code(
        "invisible-in-text",
        stage="load",
        severity="warning",
        title="An invisible character in free text",
        description="A zero-width space, a word joiner, a byte order mark or another invisible "
        "format character inside a title or prose: the document does not show it, but it "
        "breaks searching, copying and where a line may break, and it usually came along with "
        "a paste from a web page or a word processor. The fix deletes it and is unsafe, for the "
        "editor to confirm. Characters that may be meant in text are not reported there: a "
        "soft hyphen (a hyphenation hint), a joiner inside an emoji or a script that needs it, "
        "a no-break space (`€\u00a0200`).",
        fix="Delete the character at the position given, unless it is meant "
        "(`ntsplan fix --unsafe` deletes it).",
    ),
    Code(
        "yaml-indicator",
        stage="load",
        title="A value that starts with a character YAML reads as syntax",
        description="An unquoted value starting with *, &, !, `, @, %, | or > is read as YAML "
        "syntax (an alias, an anchor, a tag, a block), not as text: a summary that starts "
        "with Markdown bold ('**Concept.** ...') is an alias to YAML.",
        fix="Quote the text, or start it on the next line after '>-':\n\n"
        "    summary: **Concept.** Nog niet af.      # wrong\n"
        '    summary: "**Concept.** Nog niet af."    # right\n'
        "    summary: >-\n"
        "      **Concept.** Nog niet af.             # right",
    ),
    Code(
        "unused-anchor",
        stage="load",
        severity="warning",
        title="A word read as an anchor name",
        description="A value that starts with '&word ' defines an anchor named 'word', and "
        "the word is silently dropped from the text ('&Co zoekt partners' becomes 'zoekt "
        "partners'). No alias uses the anchor, so it was most likely meant as text.",
        fix='Put the whole value in quotes:\n\n    summary: "&Co zoekt partners"',
    ),
    Code(
        "ambiguous-number",
        stage="load",
        severity="warning",
        title="A number that may not be read as meant",
        description="YAML reads '200.000' as 200 (the point is the decimal sign), while a Dutch "
        "reader sees two hundred thousand. And a number too large for any field (more than 40 "
        "characters, or beyond what a number can hold, such as 1e999) is read as text, so that "
        "a text field would take it without a word.",
        fix="Write the number without separators: 200000 for two hundred thousand, 200 for "
        "two hundred. Put a very long number that is meant as text in quotes.",
    ),
)
