"""The window: the case list (sort, filter, count), menus and shortcuts, settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.case_list.model import CASE_ID_ROLE, HEADERS, SEARCH_ROLE, CaseListModel
from tests.gui.helpers import type_into


def labels(w) -> list[str]:
    return [w.model.index(r, 0).data() for r in range(w.model.rowCount())]


def test_window_lists_the_17_cases_sortable(open_window):
    w = open_window()
    assert w.model.rowCount() == 17
    assert [w.model.headerData(i, Qt.Orientation.Horizontal) for i in range(8)] == list(HEADERS)
    assert w.model.index(16, 1).data() == "Our case"  # the paper's order
    w.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Age / Sex
    assert w.model.index(0, 2).data() == "79/M"
    w.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert w.model.index(0, 2).data() == "44/M"
    w.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert labels(w) == sorted(labels(w), key=str.casefold)


def test_the_window_opens_on_a_case_and_clicking_another_opens_it(qtbot, open_window):
    w = open_window()
    assert w.editor.case_id() == w.model.index(0, 0).data(CASE_ID_ROLE)
    row = next(r for r in range(17) if w.model.index(r, 1).data() == "Our case")
    rect = w.table.visualRect(w.model.index(row, 0))
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.current_case_id() == w.model.index(row, 0).data(CASE_ID_ROLE)
    assert w.editor.patient.edits["label"].text() == "Takashima 2017 (index case)"
    assert w.editor.labs.model.rowCount() == 13
    w.editor.tabs.setCurrentWidget(w.editor.summary)
    text = w.editor.summary.toPlainText()
    assert "TxN3M0" in text and "80 pack-years" in text


def test_filter_narrows_as_you_type_and_counts(qtbot, open_window):
    w = open_window()
    f = w.case_list.filter
    assert w.case_list.count.text() == "17 of 17 cases"
    qtbot.keyClicks(f, "ivi")
    assert labels(w) == ["Zangrilli 2008 (ref 30)", "Antonioli 2004 (ref 31)"]
    assert w.case_list.count.text() == "2 of 17 cases"
    type_into(qtbot, f, "TIF1")  # antibodies
    assert labels(w) == ["Takashima 2017 (index case)"]
    type_into(qtbot, f, "bronchus")  # citation (Williams 1963)
    assert labels(w) == ["Williams 1963 (ref 21)"]
    type_into(qtbot, f, "sclc alive")  # every word
    assert "Takashima 2017 (index case)" in labels(w) and w.model.rowCount() < 17
    type_into(qtbot, f, "LCNEC")  # diagnosis, case-insensitive
    assert w.model.rowCount() == 2
    type_into(qtbot, f, "")
    assert w.model.rowCount() == 17


def test_a_case_filtered_out_stays_open(qtbot, open_window):
    w = open_window()
    first = w.editor.case_id()
    type_into(qtbot, w.case_list.filter, "no such case")
    assert w.model.rowCount() == 0 and w.editor.case_id() == first
    type_into(qtbot, w.case_list.filter, "")
    assert w.table.currentIndex().data(CASE_ID_ROLE) == first


def test_shortcuts(qtbot, open_window):
    w = open_window()
    qtbot.keyClick(
        w.editor.patient.edits["label"], Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    assert QApplication.focusWidget() is w.case_list.filter
    antibodies_key = Qt.Key(Qt.Key.Key_1 + w.editor.tabs.indexOf(w.editor.antibodies))
    qtbot.keyClick(w.case_list.filter, antibodies_key, Qt.KeyboardModifier.ControlModifier)
    assert w.editor.tabs.currentWidget() is w.editor.antibodies
    qtbot.keyClick(w.case_list.filter, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.editor.tabs.currentWidget() is w.charts.tab
    qtbot.keyClick(w.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.editor.base_case.id is None
    assert QApplication.focusWidget() is w.editor.patient.edits["label"]
    keys = {
        a.text(): a.shortcut().toString()
        for a in (w.new_action, w.save_action, w.find_action, w.undo_action, w.quit_action)
    }
    assert keys == {
        "&New case": "Ctrl+N",
        "&Save": "Ctrl+S",
        "&Find case": "Ctrl+F",
        "&Undo": "Ctrl+Z",
        "&Quit": "Ctrl+Q",
    }
    assert "Ctrl+Shift+Z" in [k.toString() for k in w.redo_action.shortcuts()]
    assert w.delete_action.shortcut().toString() == "Del"
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_about_names_the_paper(open_window, monkeypatch):
    w = open_window()
    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: shown.append(a[2])))
    w.about_action.trigger()
    assert "Dermatomyositis Associated with Lung Neuroendocrine Carcinoma" in shown[0]
    assert "Intern Med 56: 719-724, 2017" in shown[0]


def test_window_size_splitter_and_last_case_are_remembered(qtbot, open_window, settings_file):
    w = open_window()
    w.resize(760, 560)  # within the offscreen screen (800 x 600): restoring clamps to it
    w.splitter.setSizes([300, 450])
    row = next(r for r in range(17) if w.model.index(r, 1).data() == "24")
    w.select_row(row)
    chosen = w.editor.case_id()
    sizes = w.splitter.sizes()
    assert sizes[0] < 400  # moved from the default
    w.close()
    s = QSettings(settings_file, QSettings.Format.IniFormat)
    assert s.value("window/geometry") is not None
    w2 = open_window()
    assert w2.editor.case_id() == chosen
    assert (w2.width(), w2.height()) == (760, 560)
    assert w2.splitter.sizes() == sizes


def test_default_settings_stay_in_the_test_folder(isolated_settings):
    s = QSettings()
    s.setValue("probe", 1)
    s.sync()
    assert s.fileName().startswith(str(isolated_settings))


def test_model_contract(qtmodeltester, repo):
    model = CaseListModel()
    model.set_cases(repo.headers(), repo.positive_antibodies())
    qtmodeltester.check(model)
    model.set_filter("sclc")
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_model_search_text_holds_positive_antibodies_and_citation(repo):
    model = CaseListModel()
    model.set_cases(repo.headers(), repo.positive_antibodies())
    row = model.row_of(repo.resolve("Takashima 2017 (index case)"))
    search = model.index(row, 0).data(SEARCH_ROLE)
    assert "tif1-gamma" in search and "doi:10.2169" in search


def test_model_follows_saves_and_deletes(repo):
    model = CaseListModel()
    model.set_cases(repo.headers(), repo.positive_antibodies())
    case = repo.get(repo.resolve("Rose 1979 (ref 24)"))
    case.age = 59
    repo.save(case)
    model.upsert_case(case, [])
    assert model.index(model.row_of(case.id), 2).data() == "59/F"
    model.set_filter("rose")
    model.remove_case(case.id)
    assert model.rowCount() == 0 and model.total() == 16
