"""The History tab and File > Back up now / Restore from backup... in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.backup.picker import BackupPicker
from storage.backup import list_backups
from tests.gui.helpers import type_into
from tests.gui.test_backup_dialogs import answer


def menu_action(w, text: str):
    return next(a for a in w.file_menu.actions() if a.text().replace("&", "") == text)


def test_history_tab_shows_the_open_cases_edits(qtbot, open_window):
    w = open_window()
    case_id = w.repo.resolve("Williams 1963 (ref 21)")
    assert w.open_case(case_id)
    type_into(qtbot, w.editor.patient.edits["label"], "Williams 1963 (ref 21, checked)")
    assert w.save_case()
    w.editor.tabs.setCurrentWidget(w.data.history)
    rows = w.data.history.model.shown_rows()
    changed = [r for r in rows if "Williams 1963 (ref 21, checked)" in r]
    assert changed, rows
    assert any("Williams 1963 (ref 21)" in cell for cell in changed[0])  # the old value too
    # another case: its own history only
    assert w.open_case(w.repo.resolve("McCombs 1947 (ref 20)"))
    assert not any("checked" in " ".join(r) for r in w.data.history.model.shown_rows())


def test_back_up_now_from_the_file_menu(qtbot, open_window, db_path, monkeypatch):
    said = answer(monkeypatch, "information")
    w = open_window()
    menu_action(w, "Back up now").trigger()
    (backup,) = list_backups(db_path)
    assert backup.kind == "manual" and str(backup.path) in said[0]


def test_restore_from_the_file_menu_brings_back_a_deleted_case(
    qtbot, open_window, db_path, monkeypatch
):
    w = open_window()
    answer(monkeypatch, "information")
    menu_action(w, "Back up now").trigger()
    victim = w.repo.resolve("McCombs 1947 (ref 20)")
    assert w.open_case(victim)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    w.delete_action.trigger()
    assert w.model.rowCount() == 16

    def user_picks_the_backup(picker: BackupPicker):
        picker.table.selectRow(0)
        qtbot.mouseClick(picker.restore_button, Qt.MouseButton.LeftButton)
        return picker.result()

    monkeypatch.setattr(BackupPicker, "exec", user_picks_the_backup)
    menu_action(w, "Restore from backup...").trigger()
    assert w.model.rowCount() == 17
    assert w.repo.resolve("McCombs 1947 (ref 20)") == victim
    kinds = sorted(b.kind for b in list_backups(db_path))
    assert "manual" in kinds and len(kinds) >= 2  # the content before restoring is kept too
    assert w.editor.case_id() is not None  # a case is open again after the restore
