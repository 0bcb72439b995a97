"""A read-only table of a casebook's backups: when, what kind, how many cases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from storage.backup import BackupInfo, count_cases, list_backups

KIND_LABELS = {
    "daily": "Daily",
    "manual": "Made by hand",
    "before-migration": "Before an upgrade",
    "before-restore": "Before a restore",
}
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class BackupTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Made", "Kind", "Cases"])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_backups(self, db_path: Path) -> list[BackupInfo]:
        """List the backups of the casebook at db_path, newest first, and select the newest."""
        backups = list_backups(db_path)
        self.setRowCount(len(backups))
        for row, b in enumerate(backups):
            cases = count_cases(b.path)
            cells = (
                b.created.strftime("%Y-%m-%d %H:%M:%S"),
                KIND_LABELS.get(b.kind, b.kind),
                "unreadable" if cases is None else str(cases),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(b.path))
                item.setToolTip(str(b.path))
                self.setItem(row, col, item)
        if backups:
            self.selectRow(0)
        return backups

    def selected_path(self) -> Path | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.item(rows[0].row(), 0).data(PATH_ROLE))
