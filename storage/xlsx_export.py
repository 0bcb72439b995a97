"""The Excel workbook of an export (openpyxl, imported only when one is asked for): an
"about" sheet, a sheet per table and the one-row-per-case sheet, then the codebook. Cells
are typed (whole numbers, numbers, text; the date of day 0 as a date), the header row is
frozen, and no cell is a formula: text beginning with "=" is stored as text.

openpyxl 3.1.5: 3.1 MB installed, ~0.13 s to import (measured for issue 13); write-only
mode streams rows to disk, so 10,000 cases do not sit in memory.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain import export_plan as plan
from domain import fields as spec
from domain.codebook import CODEBOOK_COLUMNS
from domain.fields import DATE

from .export_source import StoredCase, scores_of

WORKBOOK = "dm_casebook.xlsx"
WIDE = "cases_wide"


class WorkbookWriter:
    def __init__(self, profile: plan.Profile):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        self.profile = profile
        self.cell = WriteOnlyCell
        self.book = Workbook(write_only=True)
        about = self.book.create_sheet("about")
        for line in ("DM Casebook data export", f"Profile: {profile.name} - {profile.title}",
                     *profile.rules):
            about.append([line])
        self.cols = {e.table: plan.columns(profile, e) for e in spec.ENTITIES}
        self.cols[WIDE] = plan.wide_columns(profile)
        self.sheets = {}
        for table, cols in self.cols.items():
            sheet = self.book.create_sheet(table)
            sheet.freeze_panes = "A2"
            sheet.append([c.name for c in cols])
            self.sheets[table] = sheet
        self.dates = {t: [i for i, c in enumerate(cs) if c.type == DATE]
                      for t, cs in self.cols.items()}

    def _typed(self, sheet, table: str, values: list) -> list:
        for i in self.dates.get(table, ()):
            if values[i]:
                values[i] = date.fromisoformat(values[i])
        for i, v in enumerate(values):
            if isinstance(v, str) and v.startswith("="):  # text, never a formula
                cell = self.cell(sheet, value=v)
                cell.data_type = "s"
                values[i] = cell
            elif v == "":
                values[i] = None
        return values

    def _append(self, table: str, values: list) -> None:
        sheet = self.sheets[table]
        sheet.append(self._typed(sheet, table, values))

    def add(self, case: StoredCase) -> None:
        self._append("cases", plan.tidy_values(self.cols["cases"], case.row))
        for table, rows in case.children.items():
            for r in rows:
                self._append(table, plan.tidy_values(self.cols[table], r))
        summary = plan.wide_summary(case.row, case.children, scores_of(case))
        self._append(WIDE, plan.tidy_values(self.cols[WIDE], summary))

    def close(self) -> None:
        """Nothing to release: write-only sheets hold their rows until save."""

    def finish(self, folder: Path) -> list[str]:
        sheet = self.book.create_sheet("codebook")
        sheet.freeze_panes = "A2"
        sheet.append(list(CODEBOOK_COLUMNS))
        for row in plan.codebook(self.profile):
            sheet.append(self._typed(sheet, "codebook", [row[c] for c in CODEBOOK_COLUMNS]))
        self.book.save(folder / WORKBOOK)
        return [WORKBOOK]
