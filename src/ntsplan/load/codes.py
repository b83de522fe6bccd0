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
        description="technologies/ and valuechains/ hold only .yaml files; other files and "
        "sub-folders are not read.",
        fix="Move the file out of the plan folder, or rename it to .yaml if it is a data file.",
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
        description="Data files are UTF-8 text. The file is UTF-16, holds a byte that is not "
        "valid UTF-8, or holds a control character YAML does not allow.",
        fix="Save the file as UTF-8 (in VS Code: 'Save with Encoding', then 'UTF-8').",
    ),
    Code(
        "empty-file",
        stage="load",
        title="A file with no content",
        description="The file is empty or holds only comments, so it defines nothing.",
        fix="Fill in the file (ntsplan new writes a complete one), or delete it.",
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
        description="A key appears twice in the same mapping; only one value can be kept.",
        fix="Keep one of the two lines (the message names the other line).",
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
        fix="Remove the tag; plain values need none.",
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
)
