"""The load stage: files on disk to documents with source marks."""

from __future__ import annotations

from ntsplan.load.document import Document
from ntsplan.load.folder import load_folder
from ntsplan.load.layout import Kind, LoadResult, Reader, SourceFile

__all__ = ["Document", "Kind", "LoadResult", "Reader", "SourceFile", "load_folder"]
