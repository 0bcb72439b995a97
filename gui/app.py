"""Building the QApplication, opening the casebook, showing the window."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from storage.db import default_db_path
from storage.repository import CaseRepository

from .backup.dialogs import daily_backup_at_start, open_casebook
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


def run_app(db_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DM Casebook")
    app.setOrganizationName("DM Casebook")
    sys.excepthook = show_unexpected_error  # no traceback ever reaches a clinician
    path = Path(db_path) if db_path else default_db_path()
    # a file that cannot be opened is never written: say why, offer a backup or another file
    opened = open_casebook(path)
    if opened is None:
        return 2
    db, path = opened
    repo = CaseRepository(db)
    window = MainWindow(repo, str(path))
    repo.on_busy = window.show_status  # "busy, retrying" while another program writes
    window.show()
    # is the trail as the app wrote it? (off the GUI thread; a warning, never a repair)
    TrailCheck(window, path)
    # once a day, once the window is up (a failure is a warning, not a stop)
    QTimer.singleShot(0, lambda: daily_backup_at_start(window, db, path))
    if os.environ.get("DM_CASEBOOK_BENCH_STARTUP"):  # `make bench` times the cold start
        from devtools.startup_probe import install

        install(app, window)
    return app.exec()
