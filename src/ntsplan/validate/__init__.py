"""The validate stage: documents to models, and pydantic errors to located problems."""

from __future__ import annotations

from ntsplan.validate.files import Checked, ValidationMemo, ValidationResult, validate_files

__all__ = ["Checked", "ValidationMemo", "ValidationResult", "validate_files"]
