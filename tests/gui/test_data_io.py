"""File > Export data... and File > Import... driven as a user drives them: the dialog's
widgets clicked and typed into, the progress bar's Cancel, the validation report."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog

from devtools.synth import synthetic_case
from gui.data_io.export_dialog import DataExportDialog
from gui.data_io.import_dialog import ImportReportDialog
from storage.data_export import export_data
from storage.export_log import export_events
from tests.gui.test_backup_dialogs import answer


def fill_export_dialog(qtbot, monkeypatch, folder, profile="safe-harbor", formats=("xlsx",)):
    seen = {}

    def exec_(dialog: DataExportDialog):
        dialog.show()  # as exec() shows it
        qtbot.waitExposed(dialog)
        assert not dialog.export_button.isEnabled()  # no profile chosen yet
        button = dialog.profile_buttons[profile]  # on its circle, as a user clicks it
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        assert "90+" in dialog.rules.toPlainText() or profile != "safe-harbor"
        for name in formats:
            dialog.format_boxes[name].setChecked(True)
        dialog.folder_edit.clear()
        qtbot.keyClicks(dialog.folder_edit, str(folder))
        assert dialog.export_button.isEnabled()
        seen["folder"] = dialog.folder()
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(DataExportDialog, "exec", exec_)
    return seen


def test_export_data_writes_the_chosen_profile_and_formats_and_logs_it(
        qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    seen = fill_export_dialog(qtbot, monkeypatch, tmp_path)
    said = answer(monkeypatch, "information")
    w.data_io.export_action.trigger()
    folder = seen["folder"]
    assert folder.parent == tmp_path and folder.name.endswith("-safe-harbor")
    assert (folder / "dm_casebook.xlsx").exists() and (folder / "cases.csv").exists()
    assert "Profile: safe-harbor" in (folder / "README.txt").read_text()
    assert "17 cases exported (safe-harbor)" in said[0] and str(folder) in said[0]
    assert export_events(w.repo.db)[0].profile == "safe-harbor"


def test_cancel_on_the_progress_bar_leaves_nothing(qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    seen = fill_export_dialog(qtbot, monkeypatch, tmp_path, "identified", ("csv",))
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    w.data_io.export_action.trigger()
    assert not seen["folder"].exists() and list(tmp_path.glob("dm-casebook-export*")) == []
    assert "cancelled" in w.statusBar().currentMessage()
    assert export_events(w.repo.db) == []


def source_folder(tmp_path, template_casebook):
    from storage.db import open_db
    from storage.repository import CaseRepository
    from tests.conftest import copy_casebook

    repo = CaseRepository(open_db(copy_casebook(template_casebook, tmp_path / "site.sqlite")))
    for n in (1, 2, 3):
        repo.save(synthetic_case(n, seed=31))
    folder = export_data(repo.db, tmp_path / "site-export", ["csv"], "identified").folder
    repo.db.close()
    return folder


def test_import_shows_the_report_then_adds_the_new_cases_to_the_list(
        qtbot, open_window, monkeypatch, tmp_path, template_casebook):
    folder = source_folder(tmp_path, template_casebook)
    w = open_window()
    before = w.model.rowCount()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(folder / "cases.csv"), ""))
    shown = {}

    def exec_(dialog: ImportReportDialog):
        shown["summary"] = dialog.summary.text()
        assert dialog.import_button.isEnabled() and dialog.existing_box.isVisibleTo(dialog)
        dialog.existing_box.setCurrentIndex(0)  # skip the paper's cases it already has
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", exec_)
    w.data_io.import_action.trigger()
    assert shown["summary"].startswith("3 new case(s); 17 already in the casebook")
    assert w.model.rowCount() == before + 3
    assert "imported: 3 new" in w.statusBar().currentMessage().lower()


def test_an_import_with_problems_lists_them_and_cannot_be_made(
        qtbot, open_window, monkeypatch, tmp_path, template_casebook):
    folder = source_folder(tmp_path, template_casebook)
    path = folder / "lab_results.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("value")] = "lots"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    w = open_window()
    before = w.model.rowCount()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(folder / "cases.csv"), ""))
    shown = {}

    def exec_(dialog: ImportReportDialog):
        shown["details"] = dialog.details.toPlainText()
        shown["enabled"] = dialog.import_button.isEnabled()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportReportDialog, "exec", exec_)
    w.data_io.import_action.trigger()
    assert "lab_results.csv row 2, value: 'lots' is not a number" in shown["details"]
    assert shown["enabled"] is False and w.model.rowCount() == before

    def tick_valid_only(dialog: ImportReportDialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.valid_only_box.isVisible() and not dialog.import_button.isEnabled()
        dialog.valid_only_box.setChecked(True)  # as a click on it does
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportReportDialog, "exec", tick_valid_only)
    w.data_io.import_action.trigger()
    # the case with the bad lab result (the paper's first) is left out; the others are in
    assert w.model.rowCount() == before + 3
    assert "1 with problems left out" in w.statusBar().currentMessage()


def test_a_folder_that_is_no_export_is_said_plainly(qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    (tmp_path / "notes.txt").write_text("not an export")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(tmp_path / "notes.txt"), ""))
    said = answer(monkeypatch, "warning")
    w.data_io.import_action.trigger()
    assert "not an export of this app" in said[0]


def test_the_export_log_lists_every_export_newest_first(qtbot, open_window, monkeypatch,
                                                        tmp_path):
    from gui.data_io.export_log_view import ExportLogDialog

    w = open_window()
    export_data(w.repo.db, tmp_path / "one", ["csv"], "limited", user="dr_one")
    export_data(w.repo.db, tmp_path / "two", ["redcap", "fhir"], "safe-harbor", user="dr_two")
    shown = {}

    def exec_(dialog: ExportLogDialog):
        t = dialog.table
        shown["rows"] = [[t.item(r, c).text() for c in range(1, 6)] for r in range(t.rowCount())]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportLogDialog, "exec", exec_)
    w.data_io.log_action.trigger()
    assert shown["rows"] == [
        ["dr_two", "safe-harbor", "redcap,fhir", "17", str(tmp_path / "two")],
        ["dr_one", "limited", "csv", "17", str(tmp_path / "one")],
    ]


def test_an_export_is_a_row_of_the_casebook_wide_history(qtbot, open_window, monkeypatch,
                                                          tmp_path):
    from gui.history.view import EXPORT_ITEM, HistoryView

    w = open_window()
    seen = fill_export_dialog(qtbot, monkeypatch, tmp_path, "limited", ("csv", "spss"))
    answer(monkeypatch, "information")
    w.data_io.export_action.trigger()
    view = HistoryView(w.repo)  # the casebook-wide History
    qtbot.addWidget(view)
    rows = view.model.shown_rows()
    exported = [r for r in rows if r[3] == "Exported"]
    assert len(exported) == 1, rows
    when, user, cases, _change, item, _field, _old, new, reason = exported[0]
    event = export_events(w.repo.db)[0]
    assert (when, user) == (event.at, event.user)
    assert item == "Data export" and cases == "all cases (17 cases)"
    assert new == "limited: csv,spss" and str(seen["folder"]) in reason
    assert rows[0] == exported[0]  # the newest event: listed first
    assert view.count_label.text() == f"{len(rows) - 1} changes and 1 export recorded"
    # the item filter finds the exports alone; a case's own History has none
    combo = view.item_combo
    combo.setCurrentIndex(combo.findData(EXPORT_ITEM))
    assert view.model.shown_rows() == exported
    combo.setCurrentIndex(0)
    view.set_case(w.repo.resolve("McCombs 1947 (ref 20)"))
    assert view.model.rowCount() > 0 and not any(
        r[3] == "Exported" for r in view.model.shown_rows())


def test_file_spreadsheet_template_then_import_of_it_filled(qtbot, open_window, monkeypatch,
                                                             tmp_path):
    from tests.test_xlsx_template import CLINIC, fill

    w = open_window()
    before = w.model.rowCount()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    said = answer(monkeypatch, "information")
    action = next(a for a in w.file_menu.actions()
                  if a.text().replace("&", "") == "Spreadsheet template...")
    action.trigger()
    path = tmp_path / "dm-casebook-template" / "dm_casebook_template.xlsx"
    assert path.is_file() and str(path) in said[0]
    action.trigger()  # never over the first one
    assert (tmp_path / "dm-casebook-template-2" / "dm_casebook_template.xlsx").is_file()
    fill(path, [CLINIC])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown = {}

    def exec_(dialog: ImportReportDialog):
        shown["summary"] = dialog.summary.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", exec_)
    w.data_io.import_action.trigger()
    assert shown["summary"].startswith("1 new case(s)"), shown
    assert w.model.rowCount() == before + 1


def test_the_history_tab_with_no_case_open_shows_an_export_as_it_is_made(
        qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    w.editor.clear()  # no case open: the History tab is the casebook's
    w.editor.tabs.setCurrentWidget(w.data.history)
    assert w.data.history.case_id is None
    assert not [r for r in w.data.history.model.shown_rows() if r[3] == "Exported"]
    fill_export_dialog(qtbot, monkeypatch, tmp_path, "identified", ("csv",))
    answer(monkeypatch, "information")
    w.data_io.export_action.trigger()
    rows = [r for r in w.data.history.model.shown_rows() if r[3] == "Exported"]
    assert len(rows) == 1 and rows[0][4] == "Data export" and rows[0][7] == "identified: csv"
