"""A casebook that cannot be opened: a clear message (window and CLI), nothing written,
and an offer to open a copy of a backup, another file or a new one."""

from __future__ import annotations

import os
import sqlite3
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

import storage.db
from gui.backup import dialogs as data_dialogs
from gui.backup.bad_file_dialog import BadFileDialog
from gui.backup.dialogs import ask_bad_file, open_casebook
from storage.backup import list_backups, make_backup
from storage.db import open_db
from storage.migrations import SCHEMA_VERSION
from storage.repository import CaseRepository
from tests.test_backup import damaged_copy


def not_sqlite(p, monkeypatch):
    p.write_bytes(b"Patient list, typed in a word processor.\n" * 20)


def other_app(p, monkeypatch):
    conn = sqlite3.connect(p)  # a file made by another program
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def newer(p, monkeypatch):
    open_db(p).close()
    conn = sqlite3.connect(p)  # as a later version of the app would leave it
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def read_only(p, monkeypatch):
    open_db(p).close()
    p.chmod(0o400)
    real = os.access  # root may write anyway: show the file read-only as a user sees it
    monkeypatch.setattr(
        storage.db.os,
        "access",
        lambda f, mode: False if (mode & os.W_OK and str(f) == str(p)) else real(f, mode),
    )


def damaged(p, monkeypatch):
    good = p.with_name("good.sqlite")
    open_db(good).close()
    damaged_copy(good, p)
    good.unlink()


BAD = {
    not_sqlite: "not an SQLite file",
    other_app: "another application",
    newer: "newer DM Casebook",
    read_only: "read-only",
    damaged: "damaged",
}


@pytest.mark.parametrize("make", BAD, ids=lambda f: f.__name__)
def test_each_bad_file_gets_a_clear_message_and_is_not_written(db_path, monkeypatch, capsys, make):
    make(db_path, monkeypatch)
    before = db_path.read_bytes()
    asked = []
    assert open_casebook(db_path, ask=lambda path, msg: asked.append((path, msg))) is None
    [(path, message)] = asked
    assert path == db_path and BAD[make] in message and str(db_path) in message
    assert "Traceback" not in message and "sqlite3." not in message
    assert db_path.read_bytes() == before
    import main  # the headless commands say the same in one line

    assert main.main(["--db", str(db_path), "cases"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and BAD[make] in err and err.count("\n") == 1
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def with_backups(db_path):
    """A casebook with two backups, then damaged: what the dialog offers."""
    db = open_db(db_path)
    make_backup(db_path, "daily", source=db)
    CaseRepository(db).delete(1)
    make_backup(db_path, "manual", source=db)
    db.close()
    good = db_path.with_name("good.sqlite")
    db_path.rename(good)
    damaged_copy(good, db_path)
    good.unlink()
    return list_backups(db_path)


def test_the_dialog_lists_the_backups_and_opens_a_copy_of_one(qtbot, db_path, tmp_path):
    backups = with_backups(db_path)
    dialog = BadFileDialog(db_path, "casebook.sqlite is damaged (integrity check: …)")
    qtbot.addWidget(dialog)
    dialog.open()
    assert "Nothing was written to this file." in dialog.message_label.text()
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 1).text() for r in range(2)] == ["Made by hand", "Daily"]
    assert [table.item(r, 2).text() for r in range(2)] == ["16", "17"]
    dialog.grab().save(str(tmp_path / "bad_file_dialog.png"))
    table.selectRow(1)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.selected_backup()) == ("backup", backups[1].path)


def test_no_backup_means_no_backup_button(qtbot, db_path):
    not_sqlite(db_path, None)
    dialog = BadFileDialog(db_path, "not a casebook")
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.backup_button.isVisible() and not dialog.table.isVisible()
    assert "no backup" in dialog.backup_label.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "quit" and dialog.result() == QDialog.DialogCode.Rejected


def click_in_dialog(button_name: str, row: int | None = None):
    """BadFileDialog.exec as a user answering it: select a row, click a button."""

    def exec_(self):
        if row is not None:
            self.table.selectRow(row)
        getattr(self, button_name).click()
        return self.result()

    return exec_


def test_opening_a_copy_of_a_backup_leaves_the_bad_file_alone(qtbot, db_path, monkeypatch):
    backups = with_backups(db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(BadFileDialog, "exec", click_in_dialog("backup_button", row=0))
    db, path = open_casebook(db_path)
    assert path != db_path and "from-backup" in path.name and path.parent == db_path.parent
    assert CaseRepository(db).count() == 16  # the newest backup: after the delete
    assert db_path.read_bytes() == before
    assert backups[0].path.exists() and len(list_backups(db_path)) == 2
    db.close()


def test_another_file_or_a_new_one_can_be_opened_instead(qtbot, db_path, tmp_path, monkeypatch):
    not_sqlite(db_path, None)
    other = tmp_path / "other.sqlite"
    open_db(other).close()
    monkeypatch.setattr(BadFileDialog, "exec", click_in_dialog("other_button"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), ""))
    )
    db, path = open_casebook(db_path)
    assert path == other
    db.close()
    new = tmp_path / "fresh.sqlite"
    monkeypatch.setattr(BadFileDialog, "exec", click_in_dialog("new_button"))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(new), ""))
    )
    db, path = open_casebook(db_path)
    assert path == new and CaseRepository(db).count() == 17
    db.close()


def test_a_backup_that_cannot_be_used_is_said_and_asked_again(qtbot, db_path, monkeypatch):
    backups = with_backups(db_path)
    damaged_copy(backups[0].path, backups[0].path)  # the backup is damaged too
    answers = iter(["backup_button", "quit_button"])
    messages = []

    def exec_(self):
        messages.append(self.message_label.text())
        self.table.selectRow(0)
        getattr(self, next(answers)).click()
        return self.result()

    monkeypatch.setattr(BadFileDialog, "exec", exec_)
    assert ask_bad_file(db_path, "casebook.sqlite is damaged") is None
    assert "could not be used" in messages[1] and "damaged" in messages[1]


def test_the_app_quits_quietly_when_the_user_chooses_quit(qtbot, db_path, monkeypatch):
    from gui.app import run_app

    not_sqlite(db_path, None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    monkeypatch.setattr(BadFileDialog, "exec", click_in_dialog("quit_button"))
    assert run_app(db_path) == 2


def test_a_failed_daily_backup_is_a_warning_not_a_stop(qtbot, db, db_path, monkeypatch):
    from storage.backup import BackupError

    warned = []
    monkeypatch.setattr(
        data_dialogs.QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2]))
    )
    assert data_dialogs.daily_backup_at_start(None, db, db_path) is not None
    assert data_dialogs.daily_backup_at_start(None, db, db_path) is None  # once a day
    assert warned == []

    def full(*a, **k):
        raise BackupError("cannot write a backup in /x/backups: No space left on device")

    monkeypatch.setattr(data_dialogs, "daily_backup", full)
    assert data_dialogs.daily_backup_at_start(None, db, db_path) is None
    assert "No space left" in warned[0] and "File > Back up now" in warned[0]
