"""File > Export log...: every data export made from this casebook, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from storage.export_log import ExportEvent

COLUMNS = ("When (UTC)", "Who", "Profile", "Formats", "Cases", "Folder")


class ExportLogDialog(QDialog):
    def __init__(self, events: list[ExportEvent], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export log")
        self.resize(900, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"{len(events)} export(s) from this casebook, newest first. The log is kept in "
            "the casebook and cannot be changed."))
        self.table = QTableWidget(len(events), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, e in enumerate(events):
            cells = (e.at.replace("+00:00", "").replace("T", " "), e.user, e.profile, e.formats,
                     str(e.case_count), e.destination)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip("\n".join(e.files) if c == 5 else text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
