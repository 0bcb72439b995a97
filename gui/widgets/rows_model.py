"""An editable table of text rows: the model behind every list in the case editor.

Rows hold what the user typed (text), not parsed values, so a wrong entry stays on
screen with its message until it is fixed. Keys starting with '_' are kept but not shown
(e.g. '_orig', the stored item whose provenance must survive the form round trip).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

_ROOT = QModelIndex()
ERROR_BACKGROUND = QColor("#f8d7da")
CONFIRM_BACKGROUND = QColor("#fff3cd")
COMPUTED_FOREGROUND = QColor("#555555")

Row = dict[str, object]


@dataclass(frozen=True)
class Column:
    """One column: its row key, title, and how it is edited."""

    key: str
    title: str
    width: int = 90
    # choices offered by a combo box editor: a fixed list or one computed from the row
    choices: Sequence[str] | Callable[[Row], Sequence[str]] | None = None
    free: bool = True  # the combo also accepts typed text
    computed: Callable[[Row], str] | None = None  # shown, never edited
    tip: str = ""
    numeric: bool = False  # right-aligned

    @property
    def editable(self) -> bool:
        return self.computed is None

    def options(self, row: Row) -> list[str]:
        c = self.choices
        if c is None:
            return []
        return list(c(row) if callable(c) else c)


class RowsModel(QAbstractTableModel):
    """Rows of text cells; `edited(key)` after each change (key names the cell, '' else)."""

    edited = Signal(str)

    def __init__(
        self,
        columns: Sequence[Column],
        defaults: Callable[[], Row],
        on_edit: Callable[[Row, str], None] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self._defaults = defaults
        self._on_edit = on_edit  # may fill other cells, e.g. the unit when the analyte is chosen
        self._rows: list[Row] = []
        self._cell_errors: dict[tuple[int, str], str] = {}
        self._row_errors: dict[int, str] = {}
        self._row_notices: dict[int, str] = {}

    # ---- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return col.computed(row) if col.computed else str(row.get(col.key, ""))
        r = index.row()
        if role == Qt.ItemDataRole.BackgroundRole:
            if (r, col.key) in self._cell_errors or r in self._row_errors:
                return ERROR_BACKGROUND
            if r in self._row_notices:
                return CONFIRM_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self._cell_errors.get((r, col.key))
                or self._row_errors.get(r)
                or self._row_notices.get(r)
                or col.tip
                or None
            )
        if role == Qt.ItemDataRole.ForegroundRole and col.computed:
            return COMPUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        col = self.columns[index.column()]
        if not col.editable:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        if row.get(col.key, "") == text:
            return False
        row[col.key] = text
        if self._on_edit:
            self._on_edit(row, col.key)
        last = self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        self.edited.emit(f"{index.row()}:{col.key}")
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tip or None
        return None

    # ---- rows -----------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        """A copy of the rows (the editor's snapshot for undo)."""
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._cell_errors, self._row_errors, self._row_notices = {}, {}, {}
        self.endResetModel()

    def row(self, i: int) -> Row:
        return self._rows[i]

    def add_row(self, values: Row | None = None) -> int:
        row = {**self._defaults(), **(values or {})}
        n = len(self._rows)
        self.beginInsertRows(_ROOT, n, n)
        self._rows.append(row)
        self.endInsertRows()
        self.edited.emit("")
        return n

    def remove_rows(self, rows: Iterable[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            if 0 <= r < len(self._rows):
                self.beginRemoveRows(_ROOT, r, r)
                del self._rows[r]
                self.endRemoveRows()
        self.edited.emit("")

    def sort_rows(self, key: Callable[[Row], object]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=key)
        # keep persistent indexes (selection, an open editor) on the same rows
        where = {id(r): i for i, r in enumerate(self._rows)}
        moved_from, moved_to = [], []
        for p in self.persistentIndexList():
            if not p.isValid():
                continue
            moved_from.append(p)
            moved_to.append(self.index(where[id(old[p.row()])], p.column()))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()
        self.edited.emit("")

    # ---- problems -------------------------------------------------------------------------
    def set_problems(
        self,
        cells: dict[tuple[int, str], str],
        rows: dict[int, str],
        notices: dict[int, str] | None = None,
    ) -> None:
        """Cells and whole rows to mark (0-based rows): errors red, notices amber."""
        new = (dict(cells), dict(rows), dict(notices or {}))
        if new == (self._cell_errors, self._row_errors, self._row_notices):
            return
        self._cell_errors, self._row_errors, self._row_notices = new
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(
                self.index(0, 0),
                last,
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )
