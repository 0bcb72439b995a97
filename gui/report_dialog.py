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
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from domain.chart_axis import parse_day0
from domain.model import Case

from .case_report import FORMATS, write_report
from .plots.export import ExportError
from .plots.export_dialog import SETTINGS_FOLDER, file_stem

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
        form = QFormLayout()
        form.addRow("File:", self.path)
        form.addRow("Format:", self.format)
        form.addRow("Page:", self.page)
        form.addRow("", self.dates)
        form.addRow("", self.identifying)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_format(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.format.currentData()}")))

    def accept(self) -> None:
        """Write; on failure say why in plain words and stay open."""
        text = self.path.text().strip()
        if not text:
            QMessageBox.warning(self, TITLE, "File: choose where to save the report.")
            return
        path = Path(text).expanduser()
        try:
            self.written = write_report(
                self.case, path, page=self.page.currentData(),
                allow_dates=self.dates.isChecked(), identifying=self.identifying.isChecked(),
            )
        except ExportError as e:
            QMessageBox.warning(self, TITLE, f"The report was not saved: {e}.")
            return
        except Exception as e:  # never a traceback for a clinician
            QMessageBox.warning(self, TITLE, f"The report was not saved ({type(e).__name__}).")
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
