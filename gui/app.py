"""Building the QApplication, opening the casebook, showing the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from storage.db import StoreError, default_db_path, open_db
from storage.repository import CaseRepository

from .main_window import MainWindow


def run_app(db_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DM Casebook")
    app.setOrganizationName("DM Casebook")
    path = Path(db_path) if db_path else default_db_path()
    try:
        db = open_db(path)
    except StoreError as e:
        QMessageBox.critical(None, "DM Casebook cannot open the casebook", str(e))
        return 2
    window = MainWindow(CaseRepository(db), str(path))
    window.show()
    if os.environ.get("DM_CASEBOOK_BENCH_STARTUP"):  # `make bench` times the cold start
        from .startup_probe import install

        install(app, window)
    return app.exec()
