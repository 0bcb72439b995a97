"""Issue 12 item 12: an empty (0-byte) casebook file is used only when the user says so."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gui.backup.bad_file_dialog import BadFileDialog
from gui.backup.dialogs import open_casebook
from storage.repository import CaseRepository


def answer(monkeypatch, button, asked: list):
    def question(parent, title, text, *args):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def empty(db_path):
    db_path.touch()
    db_path.chmod(0o640)
    return db_path


def test_the_window_asks_and_starts_a_casebook_in_it_keeping_its_mode(qtbot, db_path, monkeypatch):
    asked = []
    answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    db, path = open_casebook(empty(db_path))
    [text] = asked
    assert "empty file (0 bytes)" in text and str(db_path) in text
    assert path == db_path and CaseRepository(db).count() == 17
    db.close()
    assert db_path.stat().st_mode & 0o777 == 0o640


def test_saying_no_leaves_the_file_as_it_is_and_shows_the_choices(qtbot, db_path, monkeypatch):
    asked, shown = [], []
    answer(monkeypatch, QMessageBox.StandardButton.No, asked)

    def exec_(self):
        shown.append(self.message_label.text())
        self.quit_button.click()
        return self.result()

    monkeypatch.setattr(BadFileDialog, "exec", exec_)
    assert open_casebook(empty(db_path)) is None
    assert len(asked) == 1 and "empty file (0 bytes)" in shown[0]
    assert db_path.stat().st_size == 0 and db_path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name, "home"]
