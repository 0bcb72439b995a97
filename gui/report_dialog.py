"""File > Case report...: the open case's one-page report as PDF or PNG, A4 or US Letter.

Calendar dates and the occupation stay out unless ticked (they can identify a patient).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from domain.chart_axis import parse_day0
from domain.model import Case

from .case_report import FORMATS, write_report
from .plots.export_dialog import SETTINGS_FOLDER, file_stem
from .save_dialog import dialog_buttons, form_rows, run_or_warn, stack, typed_path

TITLE = "Case report"
PAGE_NAMES = {"a4": "A4 (210 x 297 mm)", "letter": "US Letter (8.5 x 11 in)"}


class ReportDialog(QDialog):
    """Chooses file, format, page and what may identify; then writes the report."""

    def __init__(self, case: Case, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.case = case
        self.written: Path | None = None
        folder = QSettings().value(SETTINGS_FOLDER, str(Path.home()))
        self.path = QLineEdit(str(Path(folder) / f"{file_stem(case.label)}-report.pdf"))
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.format.currentIndexChanged.connect(self._on_format)
        self.page = QComboBox()
        for key, name in PAGE_NAMES.items():
            self.page.addItem(name, key)
        self.dates = QCheckBox("Show calendar dates (a date can identify the patient)")
        self.dates.setEnabled(parse_day0(case.day0_date) is not None)
        self.identifying = QCheckBox("Show the occupation")
        self.identifying.setEnabled(bool(case.occupation))
        form = form_rows(("File:", self.path), ("Format:", self.format), ("Page:", self.page),
                         ("", self.dates), ("", self.identifying))
        buttons, self.write_button = dialog_buttons(self, "Save")
        stack(self, form, buttons)

    def _on_format(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.format.currentData()}")))

    def accept(self) -> None:
        """Write; on failure say why in plain words and stay open."""
        path = typed_path(self, TITLE, self.path, "File: choose where to save the report.")
        if path is None:
            return

        def write() -> None:
            self.written = write_report(
                self.case, path, page=self.page.currentData(),
                allow_dates=self.dates.isChecked(), identifying=self.identifying.isChecked(),
            )

        if not run_or_warn(self, TITLE, "The report was not saved", write):
            return
        QSettings().setValue(SETTINGS_FOLDER, str(path.parent))
        super().accept()


def report_dialog(parent: QWidget | None, case: Case | None) -> Path | None:
    """Ask where and how, and write the case's report; the path, or None."""
    if case is None:
        QMessageBox.information(parent, TITLE, "Select a case first.")
        return None
    dialog = ReportDialog(case, parent)
    return dialog.written if dialog.exec() == QDialog.DialogCode.Accepted else None
