"""The .xlsx package itself, for what openpyxl does not say: whether the file is a
workbook at all (a password-protected one is an encrypted package in an OLE container,
as an old .xls is), and the merged ranges of each sheet, which openpyxl's streaming mode
leaves out (read from the workbook's sheet list, its relationships, and each sheet's
``<mergeCell>`` elements, which follow the cell data)."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS = "save it as 'Excel 2007-365 (.xlsx)' and import that file"


def not_a_workbook(raw: bytes) -> tuple[str, str] | None:
    """The problem code and message for bytes that are no .xlsx workbook, else None."""
    if raw.startswith(OLE_MAGIC):
        if _ENCRYPTED in raw:
            return (
                "workbook-encrypted",
                "the workbook is protected with a password; open it, remove the password and "
                "save it as .xlsx, then import that file",
            )
        return ("workbook-unreadable", f"this is an Excel 97-2003 (.xls) file; {_SAVE_AS}")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        return (
            "workbook-unreadable",
            f"not an .xlsx workbook (the file is damaged or of another kind); {_SAVE_AS}",
        )
    return None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.decode("ascii"):
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def merged_ranges(raw: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per sheet name, its merged ranges as (top, left, bottom, right), 1-based."""
    found: dict[str, list[tuple[int, int, int, int]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            paths = _sheet_paths(package)
            for name, path in paths.items():
                try:
                    xml = package.read(path)
                except KeyError:
                    continue
                for match in _MERGE.finditer(xml):
                    left, top, right, bottom = match.groups()
                    found.setdefault(name, []).append(
                        (
                            int(top),
                            _column_number(left),
                            int(bottom or top),
                            _column_number(right or left),
                        )
                    )
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return found
    return found


def _sheet_paths(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name to the path of its XML part, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    paths: dict[str, str] = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet"):
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            paths[sheet.get("name", "")] = path
    return paths
