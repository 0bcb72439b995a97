"""File > Export data... as one .zip file, chosen in the dialog as a user chooses it, then
File > Import... of that .zip; and a folder that cannot be written leaves no file."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from gui.data_io.export_dialog import DataExportDialog
from gui.data_io.import_dialog import ImportReportDialog
from storage.export_log import export_events
from tests.gui.test_backup_dialogs import answer
from tests.test_export_zip import unwritable


def click_on_circle(qtbot, button) -> None:
    """A click on a radio button's or tick box's indicator, as a user clicks it."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def choose_zip_export(qtbot, monkeypatch, folder, profile="limited", formats=("xlsx",)):
    seen = {}

    def exec_(dialog: DataExportDialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.folder_button.isChecked() and not dialog.zip_button.isChecked()
        click_on_circle(qtbot, dialog.profile_buttons[profile])
        for name in formats:
            click_on_circle(qtbot, dialog.format_boxes[name])
        dialog.folder_edit.clear()
        qtbot.keyClicks(dialog.folder_edit, str(folder))
        assert dialog.name_label.text().startswith("A new folder will be made: ")
        click_on_circle(qtbot, dialog.zip_button)
        assert dialog.zip_button.isChecked() and not dialog.folder_button.isChecked()
        label = dialog.name_label.text()
        assert label.startswith("A new file will be made: dm-casebook-export-")
        assert label.endswith(f"-{profile}.zip")
        seen["label"] = label
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(DataExportDialog, "exec", exec_)
    return seen


def test_export_data_as_one_zip_then_import_it(qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    seen = choose_zip_export(qtbot, monkeypatch, tmp_path, "identified", ("xlsx",))
    said = answer(monkeypatch, "information")
    w.data_io.export_action.trigger()
    made = list(tmp_path.glob("dm-casebook-export-*"))
    assert len(made) == 1 and made[0].is_file() and made[0].suffix == ".zip"
    target = made[0]
    assert seen["label"].endswith(target.name)
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        assert {"README.txt", "cases.csv", "dm_casebook.xlsx"} <= set(z.namelist())
        assert "Profile: identified" in z.read("README.txt").decode()
    assert "17 cases exported (identified)" in said[0] and str(target) in said[0]
    assert "README.txt in it" in said[0]
    event = export_events(w.repo.db)[0]
    assert event.destination == str(target) and event.formats == "csv,xlsx"
    # the casebook-wide History names the zip (issue 13 item 3: who, when, what, where)
    w.editor.clear()
    w.editor.tabs.setCurrentWidget(w.data.history)
    rows = [r for r in w.data.history.model.shown_rows() if r[3] == "Exported"]
    assert len(rows) == 1
    when, user, cases, _change, item, _field, _old, new, reason = rows[0]
    assert (when, user, cases) == (event.at, event.user, "all cases (17 cases)")
    assert item == "Data export" and new == "identified: csv,xlsx"
    assert str(target) in reason
    # File > Import... of the zip: the report, then nothing new (the same 17 cases)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    shown = {}

    def report(dialog: ImportReportDialog):
        shown["summary"] = dialog.summary.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportReportDialog, "exec", report)
    w.data_io.import_action.trigger()
    assert shown["summary"].startswith("0 new case(s); 17 already in the casebook"), shown


def test_a_zip_export_into_a_folder_that_cannot_be_written_leaves_nothing(
        qtbot, open_window, monkeypatch, tmp_path):
    w = open_window()
    place = tmp_path / "readonly"
    place.mkdir()
    choose_zip_export(qtbot, monkeypatch, place, "safe-harbor", ())
    said = answer(monkeypatch, "warning")
    unwritable(place, monkeypatch)
    try:
        w.data_io.export_action.trigger()
    finally:
        place.chmod(0o700)
    assert len(said) == 1 and "cannot write there (Permission denied)" in said[0]
    assert "Nothing was written." in said[0] and "Traceback" not in said[0]
    assert list(place.iterdir()) == [] and export_events(w.repo.db) == []
