"""One notification path: saves, deletes and restores are announced by the window's
CasebookEvents, and the views that show stored data follow from there alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.backup.picker import BackupPicker
from tests.gui.helpers import type_into
from tests.gui.test_backup_dialogs import answer
from tests.gui.test_data_in_window import menu_action


def test_save_delete_and_restore_are_announced_once_each(qtbot, open_window, monkeypatch):
    w = open_window()
    heard = []
    w.events.saved.connect(lambda case: heard.append(("saved", case.label)))
    w.events.deleted.connect(lambda case_id: heard.append(("deleted", case_id)))
    w.events.replaced.connect(lambda path: heard.append(("replaced", path.endswith(".sqlite"))))
    case_id = w.repo.resolve("Williams 1963 (ref 21)")
    assert w.open_case(case_id)
    type_into(qtbot, w.editor.patient.edits["label"], "Williams 1963 (ref 21, seen)")
    assert w.save_case()
    answer(monkeypatch, "information")
    menu_action(w, "Back up now").trigger()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    w.delete_action.trigger()

    def user_picks_the_backup(picker: BackupPicker):
        picker.table.selectRow(0)
        qtbot.mouseClick(picker.restore_button, Qt.MouseButton.LeftButton)
        return picker.result()

    monkeypatch.setattr(BackupPicker, "exec", user_picks_the_backup)
    menu_action(w, "Restore from backup...").trigger()
    assert heard == [
        ("saved", "Williams 1963 (ref 21, seen)"),
        ("deleted", case_id),
        ("replaced", True),
    ]


def test_the_cohort_window_follows_the_events_not_the_window(qtbot, open_window):
    w = open_window()
    w.charts.show_cohort()
    cohort = w.charts.cohort
    qtbot.waitExposed(cohort)
    labels = {cohort.cases.item(i).text() for i in range(cohort.cases.count())}
    assert labels == {"Takashima 2017 (index case)"}  # the one case with a CK course
    assert w.open_case(w.repo.resolve("Takashima 2017 (index case)"))
    type_into(qtbot, w.editor.patient.edits["label"], "Takashima 2017 (index case), renamed")
    assert w.save_case()
    labels = {cohort.cases.item(i).text() for i in range(cohort.cases.count())}
    assert labels == {"Takashima 2017 (index case), renamed"}
