"""Issue 12 item 2 in the window: "Back up now" names a file that exists and what is kept."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gui.backup.dialogs import back_up_now
from storage.backup import KEEP
from tests.test_nothing_lost_backups import _future_backups


def test_back_up_now_with_later_names_in_the_folder(qtbot, db, db_path, monkeypatch):
    _future_backups(db_path, "manual")
    said = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda p, t, text, *a, **k: said.append(text))
    )
    path = back_up_now(None, db_path)
    assert path.exists()
    assert str(path) in said[0] and f"{KEEP} manual backup(s) kept" in said[0]
