"""After the window is up: SQLite's quick check of the open casebook, off the GUI thread.

The check reads the whole file (0.4 s at 10,000 cases), so the window does not wait for
it: the file's header, owner and version are checked before it opens (storage.db
check_file), the pages after. When the check fails, every write to the casebook is
refused from then on (nothing more is written into a damaged file), the user is told
plainly what to do, and a lasting note stays in the status bar. A restore from a backup
checks again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from storage.db import quick_check_problem
from storage.write_refusal import refuse_writes

from ..history.trail_check import status_note

DAMAGED_NOTE = "⚠ Casebook damaged: saving is off"
WHAT_TO_DO = (
    "Nothing more will be saved into this file, so that what it still holds is kept as "
    "it is. Your cases can still be read, exported and printed.\n\n"
    "To go on working, use File > Restore from backup... to replace it with a backup, or "
    "quit and open another casebook."
)


class QuickCheck(QObject):
    """Runs the quick check of db_path on a thread of its own; done(problem or None)."""

    done = Signal(object)

    def __init__(self, window: QMainWindow, db_path: Path | str, conn):
        super().__init__(window)
        self.window = window
        self.conn = conn  # the window's connection: its writes are refused on a failure
        self.problem: str | None = None
        self.finished = False
        self.done.connect(self._show)
        path = Path(db_path)
        self._thread = threading.Thread(
            target=lambda: self.done.emit(quick_check_problem(path)), daemon=True
        )
        self._thread.start()

    def _show(self, problem: str | None) -> None:
        self.problem = problem
        self.finished = True
        refuse_writes(self.conn, problem and f"{problem}; saving into it is off")
        # (a restore may bring back an intact file: the note goes)
        status_note(self.window, "casebook_damaged", problem and DAMAGED_NOTE, problem or "")
        if problem is None:
            return
        QMessageBox.critical(self.window, "Casebook damaged", f"{problem}.\n\n{WHAT_TO_DO}")
