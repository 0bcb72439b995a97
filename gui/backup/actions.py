"""Your data in the main window: the History tab (the audit trail of the open case),
File > Back up now and File > Restore from backup...."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from domain.model import Case

from ..history.trail_check import TrailCheck
from ..history.view import HistoryView
from .dialogs import back_up_now, restore_from_backup
from .quick_check import QuickCheck

if TYPE_CHECKING:
    from ..main_window import MainWindow

HISTORY_TAB_TITLE = "History"


class DataActions:
    """Owns the History tab and the backup actions of one main window."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.history = HistoryView(window.repo, load=False)
        self.tab_index = window.add_editor_tab(self.history, HISTORY_TAB_TITLE)
        self._case_id: int | None = None  # the open case; its history loads when shown
        self._loaded = False
        self.trail_check: TrailCheck | None = None  # of the last restore
        self.backup_action = window.make_action(
            "&Back up now", self.back_up, None, "Copy the casebook to its backups folder now"
        )
        self.restore_action = window.make_action(
            "R&estore from backup...",
            self.restore,
            None,
            "Replace the casebook's content by a backup (the present content is kept as a backup)",
        )
        window.add_file_action(self.backup_action)
        window.add_file_action(self.restore_action)
        enabled = bool(window.db_path)  # a window on no file has nothing to back up
        self.backup_action.setEnabled(enabled)
        self.restore_action.setEnabled(enabled)
        window.editor.case_loaded.connect(self._on_case_loaded)
        window.editor.tabs.currentChanged.connect(lambda _i: self._refresh())
        # a delete clears the editor first (case_loaded(None)), which already refreshes
        window.events.saved.connect(lambda case: self._on_case_loaded(case, force=True))
        window.events.replaced.connect(self._on_replaced)

    def _shown(self) -> bool:
        return self.window.editor.tabs.currentIndex() == self.tab_index

    def _on_case_loaded(self, case: Case | None, force: bool = False) -> None:
        self._case_id = case.id if case is not None else None
        self._refresh(force)

    def _refresh(self, force: bool = False) -> None:
        """Read the trail only while the tab is shown (switching cases stays fast)."""
        if not self._shown():
            return
        if force or not self._loaded or self.history.case_id != self._case_id:
            self.history.set_case(self._case_id)
            self._loaded = True

    def back_up(self) -> Path | None:
        return back_up_now(self.window, self.window.db_path)

    def restore(self) -> Path | None:
        w = self.window
        if not w.session.resolve_unsaved():
            return None
        restored = restore_from_backup(w, w.db_path)
        if restored is None:
            return None
        w.events.replaced.emit(str(restored))
        w.show_status(f"Restored from {restored.name}.")
        self.trail_check = TrailCheck(w, w.db_path)  # the trail now is the backup's
        w.quick_check = QuickCheck(w, w.db_path, w.repo.db.conn)  # and so are the pages
        return restored

    def _on_replaced(self, _backup: str) -> None:
        self.reread()

    def reread(self) -> None:
        """The trail or the export log changed: reread when the tab is shown (now, if it
        is)."""
        self._loaded = False
        self._refresh()
