"""The case list as a Qt model: one row per case, the paper Table's columns.

The model filters and sorts itself rather than sitting behind a QSortFilterProxyModel:
at 10,000 cases a proxy calls back into Python for every row on each keystroke (65-80 ms
measured with a filter role, 8-27 ms with a Python filterAcceptsRow) and for every
comparison when sorting (0.4 s). Here a keystroke is one pass over precomputed,
case-folded search strings and a model reset, and a sort is one Python sort on
the keys of the sorted column.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.model import Case
from domain.table import COLUMNS, generated_cells, table_order_key

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

HEADERS = ("Case", *COLUMNS)
_ROOT = QModelIndex()


@dataclass(slots=True)
class _Entry:
    case_id: int
    uuid: str
    cells: list[str]
    search: str  # case-folded: label, Table cells, citation, positive antibodies
    order: tuple  # the paper's order (preloaded cases), then by label
    age: int

    def key(self, column: int) -> tuple:
        """Sort key of a column: Reference in the paper's order, Age / Sex by age."""
        if column == 1:
            return self.order
        if column == 2:
            return (self.age, self.cells[2])
        return (self.cells[column].casefold(), self.order)


def _entry(case: Case, antibodies: list[str]) -> _Entry:
    # the facts' own wording: the printed Table's quirks ("N.S" without its full stop, a
    # missing comma) stay in the `table` command, which reproduces the paper
    cells = [case.label, *generated_cells(case)]
    search = " ".join([*cells, case.citation, *antibodies]).casefold()
    age = case.age if case.age is not None else -1
    return _Entry(case.id, case.uuid, cells, search, table_order_key(case), age)


class CaseListModel(QAbstractTableModel):
    """All cases' Table rows; shows those matching the filter, in the chosen order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[_Entry] = []
        self._visible: list[_Entry] = []
        self._terms: list[str] = []
        self._sort = (1, Qt.SortOrder.AscendingOrder)
        self._rows: dict[int, int] | None = None  # case id -> visible row, built when asked
        # an optional last column (a score chosen in View > Case list column): its title,
        # and per case id its text, tooltip and sort key; none until chosen
        self._extra: tuple[str, dict[int, tuple[str, str, tuple]]] | None = None

    # ---- filling --------------------------------------------------------------------------
    def set_cases(self, cases: list[Case], antibodies: dict[int, list[str]] | None = None) -> None:
        antibodies = antibodies or {}
        self.beginResetModel()
        self._all = [_entry(c, antibodies.get(c.id, [])) for c in cases]
        self._order()
        self._show(self._all)
        self.endResetModel()

    def upsert_case(self, case: Case, positive_antibodies: list[str]) -> None:
        """Show a saved case: update its row in place, or add it at the end."""
        new = _entry(case, positive_antibodies)
        old = next((i for i, e in enumerate(self._all) if e.case_id == case.id), None)
        if old is None:
            self._all.append(new)
        else:
            self._all[old] = new
        row = self.row_of(case.id)
        if row is not None:
            self._visible[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        elif self._matches(new):
            n = len(self._visible)
            self.beginInsertRows(_ROOT, n, n)
            self._visible.append(new)
            self._rows = None
            self.endInsertRows()

    def set_extra_column(self, title: str | None,
                         values: dict[int, tuple[str, str, tuple]] | None = None) -> None:
        """Show a last column titled title with each case's (text, tooltip, sort key), or
        no such column when title is None."""
        self.beginResetModel()
        self._extra = None if title is None else (title, dict(values or {}))
        if self._extra is None and self._sort[0] >= len(HEADERS):
            self._sort = (1, Qt.SortOrder.AscendingOrder)
        self._order()
        self._show(self._all)
        self.endResetModel()

    def set_extra_value(self, case_id: int, value: tuple[str, str, tuple] | None) -> None:
        """One case's cell of the last column (after a save), or none (deleted)."""
        if self._extra is None:
            return
        if value is None:
            self._extra[1].pop(case_id, None)
            return
        self._extra[1][case_id] = value
        row = self.row_of(case_id)
        if row is not None:
            cell = self.index(row, len(HEADERS))
            self.dataChanged.emit(cell, cell)

    def remove_case(self, case_id: int) -> None:
        self._all = [e for e in self._all if e.case_id != case_id]
        row = self.row_of(case_id)
        if row is not None:
            self.beginRemoveRows(_ROOT, row, row)
            del self._visible[row]
            self._rows = None
            self.endRemoveRows()

    # ---- filter and order -----------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        """Show the cases whose label, citation, Table cells or antibodies hold every word."""
        terms = text.casefold().split()
        if terms == self._terms:
            return
        # typing on narrows the shown rows: only they need looking at again
        narrower = bool(self._terms) and all(any(o in t for t in terms) for o in self._terms)
        pool = self._visible if narrower else self._all
        self._terms = terms
        self.beginResetModel()
        self._show(pool)
        self.endResetModel()

    def _show(self, pool: list[_Entry]) -> None:
        """The entries of pool that match the filter become the visible rows."""
        terms = self._terms
        if not terms:
            self._visible = list(pool)
        elif len(terms) == 1:  # the common case, kept to one tight loop
            t = terms[0]
            self._visible = [e for e in pool if t in e.search]
        else:
            self._visible = [e for e in pool if all(t in e.search for t in terms)]
        self._rows = None

    def _matches(self, e: _Entry) -> bool:
        return all(t in e.search for t in self._terms)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        self.beginResetModel()
        self._order()
        self._show(self._all)
        self.endResetModel()

    def _order(self) -> None:
        column, order = self._sort
        reverse = order == Qt.SortOrder.DescendingOrder
        if column < len(HEADERS):
            self._all.sort(key=lambda e: e.key(column), reverse=reverse)
            return
        values = self._extra[1] if self._extra is not None else {}
        self._all.sort(key=lambda e: (values.get(e.case_id, ("", "", ()))[2], e.order),
                       reverse=reverse)

    # ---- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS) + (self._extra is not None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._visible[index.row()]
        if index.column() >= len(HEADERS):
            if self._extra is None or role not in (Qt.ItemDataRole.DisplayRole,
                                                   Qt.ItemDataRole.ToolTipRole):
                return e.case_id if role == CASE_ID_ROLE else None
            text, tip, _key = self._extra[1].get(e.case_id, ("", "", ()))
            return text if role == Qt.ItemDataRole.DisplayRole else tip
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return e.cells[index.column()]
        if role == CASE_ID_ROLE:
            return e.case_id
        if role == SEARCH_ROLE:
            return e.search
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return HEADERS[section] if section < len(HEADERS) else self._extra[0]
        return None

    # ---- lookups --------------------------------------------------------------------------
    def total(self) -> int:
        return len(self._all)

    def row_of(self, case_id: int | None) -> int | None:
        """The visible row of a case, or None when it is filtered out or unknown."""
        if self._rows is None:
            self._rows = {e.case_id: i for i, e in enumerate(self._visible)}
        return self._rows.get(case_id)

    def id_of_uuid(self, uuid: str) -> int | None:
        return next((e.case_id for e in self._all if e.uuid == uuid), None)
