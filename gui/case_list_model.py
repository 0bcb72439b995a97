"""The case list as a Qt model: one row per case, the paper Table's columns."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.model import Case
from domain.table import COLUMNS, table_order_key, table_row

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

HEADERS = ("Case", *COLUMNS)
_ROOT = QModelIndex()


class CaseListModel(QAbstractTableModel):
    """Rows are (case id, label, Table cells, search text), filled from case headers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[int, list[str], str, tuple]] = []

    def set_cases(self, cases: list[Case], antibodies: dict[int, list[str]] | None = None) -> None:
        antibodies = antibodies or {}
        self.beginResetModel()
        self._rows = []
        for c in sorted(cases, key=table_order_key):
            cells = [c.label, *table_row(c)]
            search = " ".join([*cells, c.citation, " ".join(antibodies.get(c.id, []))]).casefold()
            self._rows.append((c.id, cells, search, table_order_key(c)))
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        case_id, cells, search, order = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[col]
        if role == CASE_ID_ROLE:
            return case_id
        if role == SEARCH_ROLE:
            return search
        if role == SORT_ROLE:
            if col == 2:  # Age / Sex sorts by age
                head = cells[col].split("/")[0]
                return int(head) if head.isdigit() else -1
            if col == 1:  # Reference sorts in the paper's order
                return order[0]
            return cells[col].casefold()
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def row_of(self, case_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row[0] == case_id:
                return i
        return None
