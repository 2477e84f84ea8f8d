"""Files the site writes that a spreadsheet may open: every cell defused against formulas.

OWASP's rule for CSV injection: a cell that begins with =, +, -, @, a tab or a carriage return
is a formula to Excel, LibreOffice and Google Sheets (however many = follow), and a formula can
run commands or send the sheet's other cells to a web address. Such a cell is written with a
single quote in front, which the spreadsheet takes to mean "text". Every CSV the site offers
writes its cells through `defuse_formula`: the admin's exports as `SpreadsheetSafeCSV`, a CSV
written by hand cell by cell (`tests/security/test_spreadsheet_export.py` checks both).
"""

from typing import Any

from import_export.formats.base_formats import CSV
from tablib import Dataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: Any) -> Any:
    """`value` as a spreadsheet shows it without evaluating it; non-text values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula(value: Any) -> Any:
    """The text `defuse_formula` was given, for a file exported here and imported back."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SpreadsheetSafeCSV(CSV):
    """django-import-export's CSV with every cell defused on export.

    The library's own escaping (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only deletes one
    leading "=", which both alters the text and leaves "==..." a formula.
    """

    def export_data(self, dataset: Dataset, **kwargs) -> str:
        defused = Dataset(headers=dataset.headers)
        for row in dataset:
            defused.append([defuse_formula(cell) for cell in row])
        return super().export_data(defused, **kwargs)
