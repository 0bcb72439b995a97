"""The case list as a Qt model: one row per case, the paper Table's columns.

The model filters and sorts itself rather than sitting behind a QSortFilterProxyModel:
at 10,000 cases a proxy calls back into Python for every row on each keystroke (65-80 ms
measured with a filter role, 8-27 ms with a Python filterAcceptsRow) and for every
comparison when sorting (0.4 s). Here a keystroke is one pass over precomputed,
case-folded search strings and a model reset, and a sort is one Python sort on
the keys of the sorted column.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.model import Case
from domain.table import COLUMNS, generated_cells, table_order_key
from storage.case_rows import case_from_row

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

HEADERS = ("Case", *COLUMNS)
_ROOT = QModelIndex()


class _Entry:
    """One case of the list. A row read from the casebook is worded (its Table cells and
    search text) only when first shown, sorted on a worded column or filtered: at 10,000
    cases wording every row cost ~1 s of the start-up for the ~30 rows on screen."""

    __slots__ = ("case_id", "uuid", "order", "age", "_row", "_case", "_cells", "_search",
                 "_antibodies")

    def __init__(self, case_id: int, uuid: str, order: tuple, age: int, *, row=None,
                 case: Case | None = None, antibodies=None):
        self.case_id = case_id
        self.uuid = uuid
        self.order = order  # the paper's order (preloaded cases), then by label
        self.age = age
        self._row = row  # the stored list fields, until worded
        self._case = case
        self._cells: list[str] | None = None
        self._search: str | None = None  # case-folded: label, cells, citation, antibodies
        self._antibodies = antibodies  # a list, or a callable case id -> list (read once)

    @classmethod
    def of_case(cls, case: Case, antibodies: list[str]) -> _Entry:
        age = case.age if case.age is not None else -1
        return cls(case.id, case.uuid, table_order_key(case), age, case=case,
                   antibodies=antibodies)

    @classmethod
    def of_row(cls, row: dict, antibodies) -> _Entry:
        big = 1 << 30
        order = (row["table_order"] if row["table_order"] is not None else big, row["label"])
        age = row["age"] if row["age"] is not None else -1
        return cls(row["id"], row["uuid"], order, age, row=row, antibodies=antibodies)

    def _case_of(self) -> Case:
        if self._case is None:
            self._case = case_from_row(self._row)
            self._row = None
        return self._case

    @property
    def cells(self) -> list[str]:
        if self._cells is None:
            # the facts' own wording: the printed Table's quirks ("N.S" without its full
            # stop, a missing comma) stay in the `table` command, which reproduces the paper
            case = self._case_of()
            self._cells = [case.label, *generated_cells(case)]
        return self._cells

    @property
    def search(self) -> str:
        if self._search is None:
            ab = self._antibodies
            ab = ab(self.case_id) if callable(ab) else (ab or [])
            self._search = " ".join([*self.cells, self._case_of().citation, *ab]).casefold()
            self._case = None  # worded: the row's objects are no longer needed
            self._antibodies = None
        return self._search

    def key(self, column: int) -> tuple:
        """Sort key of a column: Reference in the paper's order, Age / Sex by age."""
        if column == 1:
            return self.order
        if column == 2:
            return (self.age, self.cells[2])
        return (self.cells[column].casefold(), self.order)


class _Antibodies:
    """case id -> its positive antibodies, read from the casebook at the first search."""

    def __init__(self, read):
        self._read = read
        self._by_case: dict[int, list[str]] | None = None

    def __call__(self, case_id: int) -> list[str]:
        if self._by_case is None:
            try:
                self._by_case = self._read()
            except sqlite3.ProgrammingError:  # the casebook was closed: the window is going
                self._by_case = {}
        return self._by_case.get(case_id, [])


class CaseListModel(QAbstractTableModel):
    """All cases' Table rows; shows those matching the filter, in the chosen order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[_Entry] = []
        self._by_id: dict[int, _Entry] = {}
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
        self._all = [_Entry.of_case(c, antibodies.get(c.id, [])) for c in cases]
        self._by_id = {e.case_id: e for e in self._all}
        self._order()
        self._show(self._all)
        self.endResetModel()

    def set_rows(self, rows: list[dict], read_antibodies) -> None:
        """Every case from its stored list fields (storage.case_index.list_rows), worded
        when shown; read_antibodies() gives case id -> positive antibodies, read at the
        first search."""
        by_case = _Antibodies(read_antibodies)
        self.beginResetModel()
        self._all = [_Entry.of_row(r, by_case) for r in rows]
        self._by_id = {e.case_id: e for e in self._all}
        self._order()
        self._show(self._all)
        self.endResetModel()

    def word_some(self, count: int) -> bool:
        """Word up to count more rows (the idle time after the first paint does it, so
        that the first keystroke in the filter finds them worded); False when all are."""
        for e in self._all:
            if e._search is None:
                _ = e.search
                count -= 1
                if count <= 0:
                    return True
        return False

    def upsert_case(self, case: Case, positive_antibodies: list[str]) -> None:
        """Show a saved case: update its row in place, or add it at the end."""
        new = _Entry.of_case(case, positive_antibodies)
        entry = self._by_id.get(case.id)
        if entry is None:
            self._all.append(new)
            self._by_id[case.id] = new
        else:  # in place: the list and the visible rows hold the same entry
            for name in _Entry.__slots__:
                setattr(entry, name, getattr(new, name))
            new = entry
        row = self.row_of(case.id)
        if row is not None:
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
        self._by_id.pop(case_id, None)
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
