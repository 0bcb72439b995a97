"""File > Case report... with several cases selected in the list: one PDF with a page per
case, or a folder with a file (PDF or PNG) per case, with a progress bar that can stop it.

One PDF is all or nothing (stopped or failed: no file). A folder keeps the files already
written when stopped; each of them is whole (written beside its name, then renamed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from domain.model import Case

from .case_report import FORMATS, ReportCancelled, write_report, write_reports
from .plots.export import ExportError
from .plots.export_dialog import SETTINGS_FOLDER, file_stem
from .report_dialog import PAGE_NAMES, TITLE
from .save_dialog import dialog_buttons, form_rows, run_or_warn, stack, typed_path

ONE_PDF, FOLDER = "pdf", "folder"
TARGETS = {ONE_PDF: "One PDF, a page per case", FOLDER: "A folder, one file per case"}


def case_file_name(case: Case, fmt: str) -> str:
    """As `report --all` names them: 003-takashima-2017-index-case.pdf."""
    return f"{case.id or 0:03d}-{file_stem(case.label)}.{fmt}"


class SelectionReportDialog(QDialog):
    """Chooses one PDF or a folder, format, page and what may identify; then writes."""

    def __init__(self, case_ids: list[int], load: Callable[[int], Case],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.case_ids, self.load = list(case_ids), load
        self.written: list[Path] = []
        self.folder = Path(QSettings().value(SETTINGS_FOLDER, str(Path.home())))
        self.target = QComboBox()
        for key, name in TARGETS.items():
            self.target.addItem(name, key)
        self.path = QLineEdit(str(self.folder / "case-reports.pdf"))
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.page = QComboBox()
        for key, name in PAGE_NAMES.items():
            self.page.addItem(name, key)
        self.dates = QCheckBox("Show calendar dates (a date can identify the patient)")
        self.identifying = QCheckBox("Show the occupation")
        self.path_label = QLabel("File:")
        form = form_rows((QLabel(f"{len(self.case_ids)} cases selected in the list."),),
                         ("Save as:", self.target), (self.path_label, self.path),
                         ("Format:", self.format), ("Page:", self.page),
                         ("", self.dates), ("", self.identifying))
        buttons, self.write_button = dialog_buttons(self, "Save")
        stack(self, form, buttons)
        self.target.currentIndexChanged.connect(self._on_target)
        self._on_target()

    def _on_target(self) -> None:
        one_pdf = self.target.currentData() == ONE_PDF
        self.path_label.setText("File:" if one_pdf else "Folder:")
        self.path.setText(str(self.folder / "case-reports.pdf") if one_pdf else str(self.folder))
        self.format.setCurrentIndex(self.format.findData("pdf"))
        self.format.setEnabled(not one_pdf)  # one file of several pages is a PDF

    def accept(self) -> None:
        """Write with a progress bar; on failure say why in plain words and stay open."""
        path = typed_path(self, TITLE, self.path,
                          f"{self.path_label.text()} choose where to save.")
        if path is None:
            return
        progress = QProgressDialog(f"Writing the reports of {len(self.case_ids)} cases…",
                                   "Stop", 0, len(self.case_ids), self)
        progress.setWindowTitle(TITLE)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        options = {"page": self.page.currentData(), "allow_dates": self.dates.isChecked(),
                   "identifying": self.identifying.isChecked()}

        def write() -> None:
            if self.target.currentData() == ONE_PDF:
                self.written = [self._one_pdf(path, options, progress)]
            else:
                self._folder(path, options, progress)

        try:
            if not run_or_warn(self, TITLE, "The reports were not saved", write,
                               passing=(ReportCancelled,)):
                return
        except ReportCancelled:
            kept = f" {len(self.written)} files were written to {path}." if self.written else ""
            QMessageBox.information(self, TITLE, f"Stopped: nothing more was written.{kept}")
            return
        finally:
            progress.close()
        QSettings().setValue(SETTINGS_FOLDER, str(path.parent if path.suffix else path))
        super().accept()

    def _one_pdf(self, path: Path, options: dict, progress: QProgressDialog) -> Path:
        def step(n: int) -> bool:
            progress.setValue(n)  # a modal progress dialog also handles Stop here
            return not progress.wasCanceled()

        cases = (self.load(case_id) for case_id in self.case_ids)
        return write_reports(cases, path, progress=step, **options)

    def _folder(self, folder: Path, options: dict, progress: QProgressDialog) -> None:
        if not folder.is_dir():
            raise ExportError(f"{folder}: no such folder")
        fmt = self.format.currentData()
        for n, case_id in enumerate(self.case_ids, 1):
            if progress.wasCanceled():
                raise ReportCancelled("stopped")
            case = self.load(case_id)
            self.written.append(write_report(case, folder / case_file_name(case, fmt), **options))
            progress.setValue(n)


def selection_report_dialog(parent: QWidget | None, case_ids: list[int],
                            load: Callable[[int], Case]) -> list[Path]:
    """Ask where and how, and write the selected cases' reports; the files written."""
    dialog = SelectionReportDialog(case_ids, load, parent)
    return dialog.written if dialog.exec() == QDialog.DialogCode.Accepted else []
