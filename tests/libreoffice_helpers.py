"""Edit a workbook in LibreOffice Calc, headless, as a person would, and save it as .xlsx.

A Basic macro in a fresh user profile opens the workbook, makes the edits (a number, a
text, a formula, a cleared cell, a sort of a range, a hidden row as a filter leaves it)
and saves with Calc's own "Calc MS Excel 2007 XML" filter: the file the import reads is
LibreOffice's writing, not openpyxl's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Each edit: sheet~cell~kind~value, joined by '|'. Kinds: n (number), s (text), f
# (formula), x (clear), sort (cell is a range, value the 0-based column, descending),
# hide (cell is a 1-based row number).
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Edit(inPath As String, outPath As String, edits As String)
  On Error Goto Failed
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = &quot;Hidden&quot;
  props(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, props())
  For Each one In Split(edits, &quot;|&quot;)
    If one &lt;&gt; &quot;&quot; Then
      parts = Split(one, &quot;~&quot;)
      sheet = doc.Sheets.getByName(parts(0))
      Select Case parts(2)
        Case &quot;n&quot;
          sheet.getCellRangeByName(parts(1)).setValue(CDbl(parts(3)))
        Case &quot;s&quot;
          sheet.getCellRangeByName(parts(1)).setString(parts(3))
        Case &quot;f&quot;
          sheet.getCellRangeByName(parts(1)).setFormula(parts(3))
        Case &quot;x&quot;
          sheet.getCellRangeByName(parts(1)).setString(&quot;&quot;)
        Case &quot;sort&quot;
          Dim fields(0) As New com.sun.star.table.TableSortField
          fields(0).Field = CInt(parts(3))
          fields(0).IsAscending = False
          Dim sorting(0) As New com.sun.star.beans.PropertyValue
          sorting(0).Name = &quot;SortFields&quot;
          sorting(0).Value = fields()
          sheet.getCellRangeByName(parts(1)).sort(sorting())
        Case &quot;hide&quot;
          sheet.getRows().getByIndex(CInt(parts(1)) - 1).IsVisible = False
      End Select
    End If
  Next
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  save(1).Name = &quot;Overwrite&quot;
  save(1).Value = True
  doc.storeToURL(ConvertToURL(outPath), save())
  doc.close(True)
  Exit Sub
Failed:
  n = FreeFile
  Open outPath &amp; &quot;.error&quot; For Output As #n
  Print #n, &quot;line &quot; &amp; Erl &amp; &quot;: &quot; &amp; Error$
  Close #n
End Sub
</script:module>
"""


def _profile(root: Path) -> Path:
    """A fresh LibreOffice profile with the macro in its Standard library."""
    assert SOFFICE is not None
    profile = root / "lo-profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--terminate_after_init",
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, "utf-8")
    return profile


def edit_in_libreoffice(source: Path, target: Path, edits: Sequence[str]) -> None:
    """Open ``source`` in LibreOffice, make ``edits`` (see ``_MACRO``), save as ``target``."""
    assert SOFFICE is not None
    with tempfile.TemporaryDirectory(prefix="ntsplan-lo-") as root:
        profile = _profile(Path(root))
        arguments = ",".join(f'"{a}"' for a in (source, target, "|".join(edits)))
        command = [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"macro:///Standard.Module1.Edit({arguments})",
        ]
        # Its own session, so that a LibreOffice that hangs is ended with all its processes.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    error = target.with_name(target.name + ".error")
    assert not error.exists(), error.read_text()
    assert target.is_file(), out + err
