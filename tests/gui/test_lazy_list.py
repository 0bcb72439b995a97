"""The case list words a row (its Table cells and search text) when it is shown, filtered
or sorted on, and the rest in the idle time after the window is up (issue 17): the same
cells and the same filter results as wording every row at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from gui.case_list import panel as list_panel
from gui.case_list.model import CASE_ID_ROLE, CaseListModel
from gui.main_window import MainWindow
from storage.case_index import list_rows, positive_antibodies


def cells(model: CaseListModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def worded(model: CaseListModel) -> int:
    return sum(e._search is not None for e in model._all)


def test_rows_read_lazily_show_the_same_cells_as_cases_worded_at_once(qtbot, repo):
    eager, lazy = CaseListModel(), CaseListModel()
    eager.set_cases(repo.headers(), repo.positive_antibodies())
    reads = []
    lazy.set_rows(list_rows(repo.db), lambda: reads.append(1) or positive_antibodies(repo.db))
    assert worded(lazy) == 0 and not reads  # nothing worded, no antibody read yet
    assert cells(lazy) == cells(eager)
    for text in ("tif1", "sclc dead", "gastric", "nothing like this"):
        eager.set_filter(text)
        lazy.set_filter(text)
        assert cells(lazy) == cells(eager), text
    assert reads == [1]  # the antibodies were read once, at the first search
    for column in range(eager.columnCount()):
        eager.set_filter("")
        lazy.set_filter("")
        eager.sort(column, Qt.SortOrder.DescendingOrder)
        lazy.sort(column, Qt.SortOrder.DescendingOrder)
        assert cells(lazy) == cells(eager), column


def test_the_window_words_the_rest_in_the_idle_time(qtbot, repo, monkeypatch):
    monkeypatch.setattr(list_panel, "WORD_CHUNK", 5)  # several idle steps for 17 rows
    window = MainWindow(repo)
    qtbot.addWidget(window)
    model = window.model
    assert worded(model) < model.total()
    window.show()
    qtbot.waitUntil(lambda: worded(model) == model.total(), timeout=10_000)
    assert not window.case_list._wording.isActive()


def test_a_saved_case_updates_its_row_in_place(qtbot, repo):
    window = MainWindow(repo)
    qtbot.addWidget(window)
    model = window.model
    row = 4
    case = repo.get(model.index(row, 0).data(CASE_ID_ROLE))
    repo.save(replace(case, label="Case renamed"))
    window.events.saved.emit(repo.get(case.id))  # as File > Save announces it
    assert model.index(row, 0).data() == "Case renamed"
    assert model.total() == 17
    model.set_filter("renamed")
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Case renamed"
