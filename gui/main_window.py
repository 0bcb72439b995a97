"""The main window: the case list beside the selected case."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QSplitter, QTableView

from storage.repository import CaseRepository

from .case_list_model import CASE_ID_ROLE, SORT_ROLE, CaseListModel
from .case_summary import CaseSummary


class MainWindow(QMainWindow):
    def __init__(self, repo: CaseRepository, db_path: str = ""):
        super().__init__()
        self.repo = repo
        self.setWindowTitle(f"DM Casebook — {db_path}" if db_path else "DM Casebook")
        self.model = CaseListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.summary = CaseSummary()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.reload()
        self.resize(1400, 800)

    def reload(self) -> None:
        self.model.set_cases(self.repo.headers(), self.repo.positive_antibodies())
        self.table.resizeColumnsToContents()
        if self.proxy.rowCount():
            self.select_row(0)

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def current_case_id(self) -> int | None:
        idx = self.table.selectionModel().currentIndex()
        return idx.data(CASE_ID_ROLE) if idx.isValid() else None

    def _on_current_changed(self, current, _previous) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        self.summary.show_case(self.repo.get(case_id) if case_id is not None else None)
