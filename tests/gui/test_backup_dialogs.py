"""File > Back up now and File > Restore from backup..., as a user answers them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from gui.backup import dialogs as data_dialogs
from gui.backup.dialogs import back_up_now, restore_from_backup
from gui.backup.picker import BackupPicker
from storage.backup import BackupError, list_backups, make_backup
from storage.repository import CaseRepository
from tests.test_backup import content


def answer(monkeypatch, name: str, reply=None) -> list[str]:
    """Let QMessageBox.<name> return reply; the texts shown are collected."""
    said: list[str] = []

    def box(parent, title, text, *args, **kwargs):
        said.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, name, staticmethod(box))
    return said


def test_back_up_now_makes_a_private_backup_and_says_where(qtbot, db, db_path, monkeypatch):
    said = answer(monkeypatch, "information")
    path = back_up_now(None, db_path)
    assert path.parent == db_path.parent / "backups" and path.stat().st_mode & 0o777 == 0o600
    assert str(path) in said[0]
    assert content(path) == content(db_path)
    assert [b.kind for b in list_backups(db_path)] == ["manual"]


def test_a_backup_that_fails_is_said_plainly(qtbot, db, db_path, monkeypatch):
    said = answer(monkeypatch, "warning")

    def fail(*a, **k):
        raise BackupError("cannot write a backup in /media/usb/backups: Read-only file system")

    monkeypatch.setattr(data_dialogs, "make_backup", fail)
    assert back_up_now(None, db_path) is None
    assert said == ["cannot write a backup in /media/usb/backups: Read-only file system"]


def test_the_picker_lists_backups_newest_first(qtbot, db, db_path, tmp_path):
    make_backup(db_path, "daily", source=db)
    CaseRepository(db).delete(2)
    make_backup(db_path, "manual", source=db)
    picker = BackupPicker(db_path)
    qtbot.addWidget(picker)
    picker.open()
    t = picker.table
    assert [(t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())] == [
        ("Made by hand", "16"),
        ("Daily", "17"),
    ]
    assert picker.restore_button.isEnabled() and not picker.empty_label.isVisible()
    picker.grab().save(str(tmp_path / "picker.png"))
    t.selectRow(1)
    qtbot.mouseClick(picker.restore_button, Qt.MouseButton.LeftButton)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.chosen() == list_backups(db_path)[1].path


def test_the_picker_with_no_backups_offers_another_file(qtbot, db_path, tmp_path, monkeypatch):
    picker = BackupPicker(db_path)
    qtbot.addWidget(picker)
    picker.open()
    assert picker.empty_label.isVisible() and not picker.restore_button.isEnabled()
    elsewhere = tmp_path / "usb" / "casebook-copy.sqlite"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(elsewhere), ""))
    )
    qtbot.mouseClick(picker.other_button, Qt.MouseButton.LeftButton)
    assert picker.result() == QDialog.DialogCode.Accepted and picker.chosen() == elsewhere


def pick(row: int):
    def exec_(self):
        self.table.selectRow(row)
        self.restore_button.click()
        return self.result()

    return exec_


def test_restore_replaces_the_content_after_a_yes_and_keeps_the_present_one(
    qtbot, db, db_path, monkeypatch
):
    repo = CaseRepository(db)  # the window's connection
    saved = make_backup(db_path, "manual", source=db)
    at_backup = content(db_path)
    repo.delete(5)
    edited = content(db_path)
    monkeypatch.setattr(BackupPicker, "exec", pick(0))
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    told = answer(monkeypatch, "information")
    assert restore_from_backup(None, db_path) == saved
    assert saved.name in asked[0] and "kept as a backup first" in asked[0]
    assert content(db_path, restores=False) == at_backup and repo.count() == 17
    kept = list_backups(db_path)[0]
    assert kept.kind == "before-restore" and content(kept.path) == edited
    assert str(kept.path) in told[0]


def test_answering_no_restores_nothing(qtbot, db, db_path, monkeypatch):
    make_backup(db_path, "manual", source=db)
    CaseRepository(db).delete(5)
    before = content(db_path)
    monkeypatch.setattr(BackupPicker, "exec", pick(0))
    answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    assert restore_from_backup(None, db_path) is None
    assert content(db_path) == before and len(list_backups(db_path)) == 1


def test_a_damaged_backup_is_refused_before_anything_changes(qtbot, db, db_path, monkeypatch):
    from tests.test_backup import damaged_copy

    saved = make_backup(db_path, "manual", source=db)
    damaged_copy(saved, saved)
    before = content(db_path)
    monkeypatch.setattr(BackupPicker, "exec", pick(0))
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    warned = answer(monkeypatch, "warning")
    assert restore_from_backup(None, db_path) is None
    assert "damaged" in warned[0] and "The casebook was not changed." in warned[0]
    assert content(db_path) == before
