"""Casebook events: one Qt object through which every change to the casebook is announced.

Whatever writes (the case session, a restore) emits here after the write has committed;
every view that shows stored data (the list, the chart, the History tab, the cohort
window) subscribes here. No view calls another view or reaches into the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CasebookEvents(QObject):
    saved = Signal(object)  # the Case just written (new, updated or a copy)
    deleted = Signal(int)  # the id of the case just deleted
    replaced = Signal(str)  # the whole content was replaced (a restore); the backup's path

    def changed_signals(self) -> tuple:
        """Every signal that means 'what is stored changed', for views that just reread."""
        return (self.saved, self.deleted, self.replaced)
