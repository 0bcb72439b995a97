"""View > Cohort, driven as a user drives it: tick filters, type words, group, save a
selection, export; on the paper's cases and on a synthetic cohort."""

from __future__ import annotations

import csv
from xml.etree import ElementTree

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QInputDialog, QMessageBox

from devtools.synth import synthetic_cases
from storage.db import open_db
from storage.repository import CaseRepository


def tick(qtbot, widget, text: str) -> None:
    """Tick (or untick) a filter entry with the keyboard, as a user does: select, Space."""
    item = widget.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    widget.setFocus()
    widget.setCurrentItem(item)
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def grey(image: QImage, w: int = 160, h: int = 100) -> np.ndarray:
    small = image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
        w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    rows = [np.frombuffer(small.constScanLine(y), np.uint8, w) for y in range(h)]
    return np.array(rows, dtype=float)


def looks_alike(a: QImage, b: QImage) -> bool:
    # about 1.4 for a faithful export, 5.8 when the axis text came out twice its size
    return float(np.abs(grey(a) - grey(b)).mean()) < 3


def tab(w, title: str) -> None:
    w.tabs.setCurrentIndex(next(i for i in range(w.tabs.count()) if w.tabs.tabText(i) == title))


@pytest.fixture
def cohort(open_window, qtbot):
    main = open_window()
    main.cohort.action.trigger()  # View > Cohort: the cases together...
    w = main.cohort.cohort
    qtbot.waitExposed(w)
    return w


def column(table, j: int) -> list[str]:
    return [table.item(i, j).text() for i in range(table.rowCount())]


def test_filters_choose_cases_and_every_view_follows(cohort, qtbot):
    w, f = cohort, cohort.filters
    assert f.count.text() == "17 of 17 cases chosen"
    tick(qtbot, f.patterns, "corticosteroids before chemotherapy")
    assert f.count.text() == "4 of 17 cases chosen"
    assert column(w.paper_table, 0) == ["33", "34", "35", "Our case"]
    assert w.table1_table.horizontalHeaderItem(2).text() == "All (n=4)"
    assert column(w.groups_table, 0) == ["corticosteroids before chemotherapy", "All"]
    tick(qtbot, f.outcomes, "Alive")  # and: alive
    assert f.count.text() == "3 of 17 cases chosen"
    tick(qtbot, f.outcomes, "Dead")  # or dead
    assert f.count.text() == "4 of 17 cases chosen"
    qtbot.keyClicks(f.text, "Murakami")
    assert column(w.paper_table, 0) == ["34"]
    qtbot.mouseClick(f.clear_button, Qt.MouseButton.LeftButton)
    assert f.count.text() == "17 of 17 cases chosen"


def test_grouped_table1_and_survival_counts_the_cases_left_out(cohort, qtbot):
    w = cohort
    w.group_by.setCurrentIndex(w.group_by.findData("outcome"))
    header = [w.table1_table.horizontalHeaderItem(j).text()
              for j in range(w.table1_table.columnCount())]
    assert header[2:] == ["All (n=17)", "Final outcome: Alive (n=4)",
                          "Final outcome: Dead (n=9)", "Final outcome: not specified (n=4)"]
    tab(w, "Survival")
    assert "Left out: 16 cases without a follow-up day, a known outcome or a dated day 0" in (
        w.survival.summary.text())
    s = w.survival
    s.origin.setCurrentIndex(s.origin.findData("start of chemotherapy"))
    assert [d.times for _name, d in s.curves if d.times] == [(240.0,)]  # 255 less day 15
    assert "a dated start of chemotherapy" in s.summary.text()
    tab(w, "Swimmer plot")
    assert [lane.label for lane in w.swimmer.data.lanes] == ["Our case"]
    assert "16 cases without any recorded day are not drawn" in w.swimmer.note.text()


def test_a_named_selection_is_saved_in_the_casebook_and_chosen_again(
    cohort, qtbot, monkeypatch, db_path
):
    f = cohort.filters
    tick(qtbot, f.patterns, "none")
    tick(qtbot, f.patterns, "not specified")
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("No information", True)))
    qtbot.mouseClick(f.save_button, Qt.MouseButton.LeftButton)
    assert f.selections.currentText() == "No information"
    qtbot.mouseClick(f.clear_button, Qt.MouseButton.LeftButton)
    assert f.count.text() == "17 of 17 cases chosen"
    i = f.selections.findText("No information")
    f.selections.setCurrentIndex(i)
    f.selections.activated.emit(i)
    assert f.count.text() == "2 of 17 cases chosen"
    assert column(cohort.paper_table, 0) == ["20", "22"]
    # another program reading the file sees the stored selection
    other = open_db(db_path)
    assert [r[0] for r in other.execute("SELECT name FROM saved_selections")] == [
        "No information"]
    other.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("  ", True)))
    qtbot.mouseClick(f.save_button, Qt.MouseButton.LeftButton)
    assert shown == ["Selection name: type a name (1 to 80 characters)"]


def test_exports_read_back(cohort, qtbot, tmp_path):
    w = cohort
    tab(w, "Table 1")
    out = w.export_current(tmp_path / "t1.csv")
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Characteristic", "Category", "All (n=17)"]
    assert ["Sex", "male", "12/17 (71%)"] in rows
    md = w.export_current(tmp_path / "t1.md").read_text(encoding="utf-8").splitlines()
    assert md[0] == "| Characteristic | Category | All (n=17) |"
    for name, view in (("Swimmer plot", w.swimmer), ("Survival", w.survival)):
        tab(w, name)
        png = QImage(str(w.export_current(tmp_path / "plot.png")))
        assert png.width() == 2 * view.graphics.viewport().width()
        assert round(png.dotsPerMeterX() * 0.0254) == 192
        # the file looks as the screen does (text, marks and layout at the same places)
        assert looks_alike(png, view.graphics.grab().toImage())
    tab(w, "Survival")
    svg = ElementTree.parse(w.export_current(tmp_path / "km.svg")).getroot()
    texts = "".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Overall survival from day 0" in texts
    pdf = w.export_current(tmp_path / "km.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def test_a_synthetic_cohort_fills_every_view(qtbot, tmp_path):
    from gui.cohort.window import CohortAnalysisWindow

    db = open_db(tmp_path / "synth.sqlite", seed=False)
    repo = CaseRepository(db)
    for case in synthetic_cases(60, seed=3):
        repo.save(case)
    w = CohortAnalysisWindow(repo)
    qtbot.addWidget(w)
    w.show()
    w.group_by.setCurrentIndex(w.group_by.findData("initial-treatment"))
    assert w.filters.count.text() == "60 of 60 cases chosen"
    lanes = w.swimmer.data.lanes
    assert len(lanes) == 60
    assert [lane.end_day for lane in lanes] == sorted((lane.end_day for lane in lanes),
                                                      reverse=True)
    w.swimmer.sort.setCurrentIndex(w.swimmer.sort.findData("label"))
    assert [lane.label for lane in w.swimmer.data.lanes][:2] == ["Synthetic 00001",
                                                                 "Synthetic 00002"]
    assert sum(d.times != () for _n, d in w.survival.curves) >= 2
    assert "median survival (days)" in w.survival.summary.text()
    assert "cases drawn" in w.trajectories.note.text()
    t = w.trajectories
    t.mode.setCurrentIndex(t.mode.findData("heat"))  # the heat map: a row per case
    image = next(i for i in t.plot.items if isinstance(i, pg.ImageItem))
    rows = image.image.shape[1]  # pyqtgraph images are [x, y]: y is the case
    assert t.note.text().startswith(f"{rows} cases, one row each, in weeks")
    assert 0 < rows <= 60
    t.mode.setCurrentIndex(t.mode.findData("lines"))
    assert not any(isinstance(i, pg.ImageItem) for i in t.plot.items)
    assert t.note.text().startswith(f"{rows} cases drawn")
    w.close()
    db.close()


def test_group_by_an_antibody_and_follow_a_save_in_the_main_window(open_window, qtbot):
    from domain.model import Case

    main = open_window()
    main.cohort.action.trigger()
    w = main.cohort.cohort
    w.group_by.setCurrentIndex(w.group_by.findData("antibody:TIF1-gamma"))
    header = [w.table1_table.horizontalHeaderItem(j).text()
              for j in range(w.table1_table.columnCount())]
    assert header[3:] == ["Anti-TIF1-gamma: positive (n=1)",
                          "Anti-TIF1-gamma: not recorded (n=16)"]
    case = Case("New own case")
    main.repo.save(case)
    main.events.saved.emit(case)  # as the window announces every save
    assert w.filters.count.text() == "18 of 18 cases chosen"
    assert w.group_by.currentData() == "antibody:TIF1-gamma"  # the choice is kept
    assert "New own case" in column(w.paper_table, 0)
    main.repo.delete(case.id)
    main.events.deleted.emit(case.id)
    assert w.filters.count.text() == "17 of 17 cases chosen"
    w.hide()  # hidden: nothing is read until it is shown again
    again = Case("Saved while hidden")
    main.repo.save(again)
    main.events.saved.emit(again)
    assert w.filters.count.text() == "17 of 17 cases chosen"
    w.show()
    assert w.filters.count.text() == "18 of 18 cases chosen"


def test_table1_shows_the_instruments_computed_once_per_case(cohort, qtbot, monkeypatch,
                                                              tmp_path):
    import gui.cohort.window as window_module
    from domain.model import Case, CriteriaFacts, Presence

    w = cohort
    tab(w, "Table 1")
    rows = {(r[0], r[1]): r[2] for r in w.table1_table.rows}
    assert rows[("Bohan & Peter 1975, grade reached", "probable DM")] == "1/1 (100%)"
    assert rows[("Bohan & Peter 1975, grade reached", "not computable")] == "16"
    assert rows[("EULAR/ACR 2017 classification", "definite IIM")] == "1/1 (100%)"
    assert rows[("IMACS 2023 cancer risk", "high")] == "1/17 (6%)"
    computed = []
    real = window_module.summarize
    monkeypatch.setattr(window_module, "summarize", lambda c: computed.append(c) or real(c))
    tick(qtbot, w.filters.outcomes, "Dead")  # a filter redraws Table 1 from the cache
    assert w.filters.count.text() == "9 of 17 cases chosen" and computed == []
    tick(qtbot, w.filters.outcomes, "Dead")  # and untick
    assert w.filters.count.text() == "17 of 17 cases chosen" and computed == []
    case = Case("Own, rash and weakness", criteria=CriteriaFacts(
        heliotrope=Presence.PRESENT, weak_prox_upper=Presence.PRESENT))
    w.repo.save(case)
    w.case_saved(case)  # a save: only that case is computed
    assert [c.label for c in computed] == ["Own, rash and weakness"]
    w.table1_table.scrollToBottom()
    w.grab().save(str(tmp_path / "table1.png"))
