"""Building the QApplication, opening the casebook, showing the window."""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from storage.db import default_db_path
from storage.repository import CaseRepository

from .backup.dialogs import ask_bad_file, daily_backup_at_start, open_casebook
from .backup.quick_check import QuickCheck
from .history.trail_check import TrailCheck
from .main_window import MainWindow

UNEXPECTED = (
    "An unexpected error stopped this action:\n\n{error}\n\n"
    "A failed save writes nothing, and the case you were editing is still in the window. "
    "The technical details were printed to the terminal."
)


def show_unexpected_error(exc_type, exc, tb) -> None:
    """sys.excepthook for the window: the details go to stderr, a plain message on screen."""
    traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    if issubclass(exc_type, KeyboardInterrupt):
        return
    error = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    QMessageBox.critical(QApplication.activeWindow(), "DM Casebook", UNEXPECTED.format(error=error))


def open_window(path: Path, ask=ask_bad_file):
    """(window, db, path) of the casebook at path, or None when the user quits.

    A file that cannot be opened is never written: say why, offer a backup or another
    file. SQLite's quick check, which reads the whole file, waits until the window is up
    (QuickCheck); a file so damaged that the window cannot even read its list is checked
    in full at once and said so, as at any open."""
    opened = open_casebook(path, ask=ask, quick_check=False)
    checked = False
    while opened is not None:
        db, path = opened
        try:
            repo = CaseRepository(db)
            window = MainWindow(repo, str(path))
        except sqlite3.DatabaseError:
            db.close()
            if checked:
                raise
            opened, checked = open_casebook(path, ask=ask), True
            continue
        repo.on_busy = window.show_status  # "busy, retrying" while another program writes
        return window, db, path
    return None


def run_app(db_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DM Casebook")
    app.setOrganizationName("DM Casebook")
    sys.excepthook = show_unexpected_error  # no traceback ever reaches a clinician
    path = Path(db_path) if db_path else default_db_path()
    opened = open_window(path)
    if opened is None:
        return 2
    window, db, path = opened
    window.show()
    # the pages of the file (SQLite's quick check) and the trail as the app wrote it:
    # both off the GUI thread, once the window is up; a damaged file is written no more
    window.quick_check = QuickCheck(window, path, db.conn)
    TrailCheck(window, path)
    # once a day, once the window is up (a failure is a warning, not a stop)
    QTimer.singleShot(0, lambda: daily_backup_at_start(window, db, path))
    if os.environ.get("DM_CASEBOOK_BENCH_STARTUP"):  # `make bench` times the cold start
        from devtools.startup_probe import install

        install(app, window)
    return app.exec()
