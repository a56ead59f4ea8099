"""Words every service's API says the same way: multilingual text, slugs, spreadsheet cells.

One definition each, so that the registry and the events service cannot drift apart
(the merged OpenAPI document then shows one ``LocalizedText``, not two).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A URL slug: lower-case ASCII words joined by single hyphens (``fes-zellige-atelier``)."""

SLUG_MAX_LENGTH = 120

SlugPath = Annotated[str, Path(max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN)]

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets
# (tab and CR too: some spreadsheets strip them and read what follows).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class LocalizedText(BaseModel):
    """Text that people read, once per language of the platform (French is the reference)."""

    fr: str
    en: str
    ar: str


def spreadsheet_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: such a cell is quoted with ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
