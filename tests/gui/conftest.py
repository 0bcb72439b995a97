"""GUI tests: any message box a test did not answer itself fails the test, never hangs.

Qt settings go to the test's own folder, never the user's.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: refuse(None, self.text()))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """Default-constructed QSettings write an INI file under the test's folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield tmp_path / "settings"


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "window.ini")


@pytest.fixture
def open_window(qtbot, db_path, settings_file, template_casebook):
    """Open a main window on the test's casebook file, as the app does (the default file
    starts as a copy of the session's freshly seeded casebook)."""
    from storage.db import open_db
    from storage.repository import CaseRepository
    from tests.conftest import copy_casebook

    opened = []

    def make(path=None):
        if path is None and not db_path.exists():
            copy_casebook(template_casebook, db_path)
        db = open_db(path or db_path)
        opened.append(db)
        w = MainWindow(
            CaseRepository(db),
            str(path or db_path),
            QSettings(settings_file, QSettings.Format.IniFormat),
        )
        opened.append(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # keyboard focus, as on a desktop
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        return w

    yield make
    for item in reversed(opened):  # windows before the files they use
        if isinstance(item, MainWindow):
            # a test that failed half-way leaves edits: drop them so closing asks nothing
            if item.editor.base_case is not None:
                item.editor.set_case(item.editor.base_case)
            item.close()
            item.deleteLater()
        else:
            item.close()


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):
    """Qt's offscreen platform crashes at process exit if the clipboard still holds data."""
    yield
    qapp.clipboard().clear()
