"""Spreadsheet cells that hold user text (tên, trích yếu, nội dung...) and must never run as formulas.

openpyxl stores a string that starts with "=" as a formula, and a spreadsheet program evaluates "+", "-" and "@"
openers too when a user edits the cell: text typed into dangvu ("=HYPERLINK(...)", "-2+3") must reach the file as
text (CSV/formula injection, OWASP). The cell keeps the exact text: its type is forced to a string and it carries
the quote prefix (what typing a leading ' does in Excel or LibreOffice), so that editing it keeps it text. A
round trip (export, then import) changes nothing.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_OPENERS)


def keep_text(cell: Any) -> Any:
    """`cell`, forced to stay text if it holds a string a spreadsheet would read as a formula."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_cell(sheet: Any, value: Any) -> Any:
    """`value`, or a cell kept as text when it is a string a spreadsheet would read as a formula."""
    return keep_text(WriteOnlyCell(sheet, value=value)) if is_formula_like(value) else value


def safe_row(sheet: Any, values: list[Any]) -> list[Any]:
    """A row for `sheet.append` (normal or write-only sheets) with every formula-like string kept as text."""
    return [safe_cell(sheet, value) for value in values]
