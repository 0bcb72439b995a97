"""Issue 12 item 9: the window says plainly, at start, when the audit trail was altered
outside the app (and only then); nothing is repaired."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from gui.history.trail_check import ALTERED, TrailCheck
from tests.conftest import copy_casebook
from tests.test_audit_chain import outside_the_app


def checked(qtbot, w, db_path) -> TrailCheck:
    checker = TrailCheck(w, db_path)
    qtbot.waitUntil(lambda: checker.report is not None)  # its signal reached the window
    return checker


def note(w) -> QLabel | None:
    return w.statusBar().findChild(QLabel, "audit_altered")


def test_an_intact_trail_says_nothing(qtbot, open_window, db_path):
    w = open_window()
    assert checked(qtbot, w, db_path).report.intact  # no dialog (any would fail the test)
    assert note(w) is None


def test_an_altered_trail_is_told_in_a_warning_and_stays_in_the_status_bar(
    qtbot, open_window, db_path, template_casebook, monkeypatch, tmp_path
):
    copy_casebook(template_casebook, db_path)
    outside_the_app(db_path, "UPDATE audit_events SET user_name = 'dr nobody' WHERE id = 3")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[1:3])))
    w = open_window()
    checker = checked(qtbot, w, db_path)
    [(title, text)] = shown
    assert title == "Audit trail altered"
    assert "altered outside DM Casebook" in text and "entry 3 (create of" in text
    assert "Nothing was changed or repaired" in text
    assert note(w) is not None and note(w).text() == ALTERED and note(w).isVisible()
    assert not checker.report.intact
    w.resize(1200, 800)
    w.grab().save(str(tmp_path / "audit_altered.png"))


def test_a_restored_backup_with_an_altered_trail_is_said_too(
    qtbot, open_window, db_path, monkeypatch
):
    from gui.backup.picker import BackupPicker
    from storage.backup import make_backup
    from tests.gui.test_backup_dialogs import pick

    w = open_window()
    backup = make_backup(db_path, "manual")
    outside_the_app(backup, "UPDATE audit_changes SET new_value = '\"x\"' WHERE id = 7")
    shown = []
    monkeypatch.setattr(BackupPicker, "exec", pick(0))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    assert w.data.restore() == backup
    qtbot.waitUntil(lambda: w.data.trail_check.report is not None)
    [text] = shown
    assert "entry 1 (create of" in text and note(w).text() == ALTERED


def test_restoring_an_intact_backup_takes_the_note_away(
    qtbot, open_window, db_path, template_casebook, monkeypatch
):
    from gui.backup.picker import BackupPicker
    from storage.backup import make_backup
    from tests.gui.test_backup_dialogs import pick

    copy_casebook(template_casebook, db_path)
    backup = make_backup(db_path, "manual")
    outside_the_app(db_path, "UPDATE audit_events SET reason = 'x' WHERE id = 2")
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: None))
    w = open_window()
    checked(qtbot, w, db_path)
    assert note(w) is not None
    monkeypatch.setattr(BackupPicker, "exec", pick(0))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    assert w.data.restore() == backup
    qtbot.waitUntil(lambda: w.data.trail_check.report is not None)
    assert w.data.trail_check.report.intact
    qtbot.waitUntil(lambda: note(w) is None)
