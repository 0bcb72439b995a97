"""The window opens on the paper's 17 cases."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.case_list_model import CASE_ID_ROLE, HEADERS
from gui.main_window import MainWindow


def test_window_lists_the_17_cases_sortable(qtbot, repo):
    w = MainWindow(repo)
    qtbot.addWidget(w)
    w.show()
    assert w.proxy.rowCount() == 17
    assert [w.proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(8)] == list(HEADERS)
    assert w.proxy.index(16, 1).data() == "Our case"
    w.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Age / Sex
    assert w.proxy.index(0, 2).data() == "79/M"
    w.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert w.proxy.index(0, 2).data() == "44/M"


def test_selecting_a_case_shows_its_summary(qtbot, repo):
    w = MainWindow(repo)
    qtbot.addWidget(w)
    w.show()
    row = next(r for r in range(17) if w.proxy.index(r, 1).data() == "Our case")
    w.select_row(row)
    assert w.current_case_id() == w.proxy.index(row, 0).data(CASE_ID_ROLE)
    text = w.summary.toPlainText()
    assert "Takashima 2017 (index case)" in text
    assert "TxN3M0" in text and "80 pack-years" in text


def test_model_contract(qtmodeltester, repo):
    from gui.case_list_model import CaseListModel

    model = CaseListModel()
    model.set_cases(repo.headers(), repo.positive_antibodies())
    qtmodeltester.check(model)
