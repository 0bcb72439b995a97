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


class RereadWhenShown:
    """Mixin (before the QWidget base) for a window that rereads the casebook in `refresh`:
    on a change it rereads now if shown, else when next shown (a save in the main window
    should not pay for a hidden list of 10,000). `refresh` sets `_stale` back to False."""

    _stale = False

    def casebook_changed(self) -> None:
        """Cases were saved, deleted or restored."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
