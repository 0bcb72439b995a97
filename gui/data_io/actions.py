"""File > Export data... and File > Import... of one main window, with a progress bar and
Cancel (the work runs on the GUI thread in steps, the bar redrawn between them: a Database
may only be used on the thread that made it). The exports, the import and their dialogs
are imported when first used: the first screen needs none of them (nor sqlite-utils)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog

IMPORT_FILES = ("Exports and casebooks (cases.csv *.zip *.xlsx redcap_records.csv *.sqlite "
                "*.db);;"
                "All files (*)")

if TYPE_CHECKING:
    from storage.data_export import ExportResult
    from storage.data_import import ImportReport

    from ..main_window import MainWindow


class DataIoActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.export_action = window.make_action(
            "Export &data...", self.export, None,
            "Export every case: tidy CSV, Excel, REDCap, SPSS/Stata/R or FHIR, de-identified "
            "by the profile you choose")
        self.import_action = window.make_action(
            "&Import...", self.import_, None,
            "Import cases from an export of this app (CSV, Excel, REDCap) or another casebook "
            "file, after a validation report")
        self.template_action = window.make_action(
            "Spreadsheet &template...", self.template, None,
            "Write an empty one-row-per-case Excel template (with its codebook) to fill in "
            "and bring in with File > Import...")
        self.log_action = window.make_action(
            "Export &log...", self.show_log, None,
            "Every data export made from this casebook: who, when, profile, what")
        window.add_file_action(self.export_action)
        window.add_file_action(self.import_action)
        window.add_file_action(self.template_action)
        window.add_file_action(self.log_action)
        self.last_folder = str(Path.home())

    def _progress(self, title: str, total: int) -> QProgressDialog:
        bar = QProgressDialog(title, "Cancel", 0, max(total, 1), self.window)
        bar.setWindowTitle(title)
        bar.setWindowModality(Qt.WindowModality.WindowModal)
        bar.setMinimumDuration(0)
        bar.setAutoClose(False)
        bar.setValue(0)
        return bar

    @staticmethod
    def _step(bar: QProgressDialog):
        def step(done: int, total: int) -> bool:
            bar.setMaximum(max(total, 1))
            bar.setValue(done)
            QApplication.processEvents()
            return not bar.wasCanceled()

        return step

    # ---- export ------------------------------------------------------------------------
    def export(self) -> ExportResult | None:
        from storage.data_export import ExportCancelled, ExportError, export_data

        from .export_dialog import DataExportDialog

        w = self.window
        dialog = DataExportDialog(w, self.last_folder)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.last_folder = dialog.folder_edit.text().strip()
        bar = self._progress("Exporting data", w.repo.count())
        try:
            result = export_data(w.repo.db, dialog.target(), dialog.formats(),
                                 dialog.profile(), bom=dialog.bom(), progress=self._step(bar))
        except ExportCancelled:
            w.show_status("Export cancelled; nothing was written.")
            return None
        except ExportError as e:
            QMessageBox.warning(w, "Export failed", f"{e}\n\nNothing was written.")
            return None
        finally:
            bar.close()
        where = "in it" if dialog.as_zip() else "there"
        QMessageBox.information(
            w, "Exported",
            f"{result.cases} cases exported ({result.profile}) into\n{result.folder}\n\n"
            f"{len(result.files)} files; README.txt {where} says what each holds and what "
            "the profile removed. The export is recorded in the casebook's export log.")
        w.show_status(f"Exported {result.cases} cases to {result.folder}.")
        data = getattr(w, "data", None)
        if data is not None:  # the casebook-wide History shows the export
            data.reread()
        return result

    def template(self) -> Path | None:
        """A new folder (in the folder chosen) holding the template and its README.txt."""
        from storage.data_export import ExportError
        from storage.xlsx_template import TEMPLATE_FILE, export_template

        w = self.window
        parent = QFileDialog.getExistingDirectory(
            w, "Spreadsheet template: the folder to put it in", self.last_folder)
        if not parent:
            return None
        self.last_folder = parent
        folder, n = Path(parent) / "dm-casebook-template", 1
        while folder.exists():
            n += 1
            folder = Path(parent) / f"dm-casebook-template-{n}"
        try:
            export_template(folder)
        except ExportError as e:
            QMessageBox.warning(w, "Template not written", f"{e}\n\nNothing was written.")
            return None
        QMessageBox.information(
            w, "Template written",
            f"{folder / TEMPLATE_FILE}\n\nFill in one row per case on its first sheet (the "
            "second sheet is the codebook), then bring it in with File > Import....")
        w.show_status(f"Template written to {folder}.")
        return folder / TEMPLATE_FILE

    def show_log(self) -> None:
        from storage.export_log import export_events

        from .export_log_view import ExportLogDialog

        ExportLogDialog(export_events(self.window.repo.db), self.window).exec()

    # ---- import ------------------------------------------------------------------------
    def import_(self) -> ImportReport | None:
        from storage.data_import import DataImportError, ImportCancelled, import_data
        from storage.db import StoreBusy

        from .import_dialog import ImportReportDialog

        w = self.window
        if not w.session.resolve_unsaved():
            return None
        folder, _filter = QFileDialog.getOpenFileName(
            w, "Import: an export's cases.csv, its .zip, its workbook, a filled-in template, "
            "REDCap records, or a casebook",
            self.last_folder, IMPORT_FILES)
        if not folder:
            return None
        try:
            dry = import_data(w.repo.db, folder, dry_run=True, valid_only=True)
        except DataImportError as e:
            QMessageBox.warning(w, "Cannot import", str(e))
            return None
        dialog = ImportReportDialog(dry, folder, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        bar = self._progress("Importing cases", len(dry.new) + len(dry.skipped))
        try:
            report = import_data(w.repo.db, folder, on_existing=dialog.existing(),
                                 user=w.repo.user, progress=self._step(bar),
                                 valid_only=dialog.valid_only())
        except ImportCancelled:
            w.show_status("Import cancelled; the casebook was not changed.")
            return None
        except (DataImportError, StoreBusy) as e:
            QMessageBox.warning(w, "Import failed", f"{e}\n\nThe casebook was not changed.")
            return None
        finally:
            bar.close()
        w.events.replaced.emit("")  # every view rereads the casebook
        w.show_status(report.summary().capitalize() + ".")
        return report
