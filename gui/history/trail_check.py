"""At start-up: is the audit trail as the app wrote it? Said plainly when it is not.

The check reads every entry (about 4 s per million recorded changes), so it runs on a
thread of its own with its own read-only connection, and reports back by a signal.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from storage.audit_chain import ChainReport, verify
from storage.db import connect

ALTERED = "⚠ Audit trail altered outside the app"
KEPT_AS_FOUND = (
    "Nothing was changed or repaired: the trail is kept as it was found, as evidence. "
    "Your cases open and save as usual; new entries are added after the altered ones. "
    "The command verify-audit prints this report again."
)


def _verify_file(path: Path) -> ChainReport:
    try:
        db = connect(path, mode="readonly")
        try:
            return verify(db)
        finally:
            db.close()
    except sqlite3.Error as e:
        return ChainReport(problems=[f"the audit trail could not be read ({e})"])


def status_note(window: QMainWindow, name: str, text: str | None, tip: str = "") -> None:
    """A lasting note in the window's status bar named name (a check's finding), or none
    when text is None; a later check replaces or removes the earlier one."""
    bar = window.statusBar()
    note = bar.findChild(QLabel, name)
    if text is None:
        if note is not None:
            bar.removeWidget(note)
            note.deleteLater()
        return
    if note is None:
        note = QLabel(text)
        note.setObjectName(name)
        bar.addPermanentWidget(note)
    note.setToolTip(tip)


class TrailCheck(QObject):
    """Verifies the trail of db_path off the GUI thread; done(report) when finished, and
    a warning and a lasting status-bar note when the trail was altered."""

    done = Signal(object)

    def __init__(self, window: QMainWindow, db_path: Path | str):
        super().__init__(window)
        self.window = window
        self.report: ChainReport | None = None
        self.done.connect(self._show)
        self._thread = threading.Thread(
            target=lambda: self.done.emit(_verify_file(Path(db_path))), daemon=True
        )
        self._thread.start()

    def _show(self, report: ChainReport) -> None:
        self.report = report
        if report.intact:  # (a restore may bring back an intact trail)
            status_note(self.window, "audit_altered", None)
            return
        status_note(self.window, "audit_altered", ALTERED, "\n".join(report.lines()))
        QMessageBox.warning(
            self.window,
            "Audit trail altered",
            "\n".join(report.lines()) + "\n\n" + KEPT_AS_FOUND,
        )
