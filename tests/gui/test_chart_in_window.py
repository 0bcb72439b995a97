"""The course chart inside the main window: the Course tab, Export chart (Ctrl+E), the cohort
overlay; driven as a user drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gui.plots.export_dialog import ExportDialog
from tests.gui.helpers import cell, column, type_cell


def open_index_case(w) -> int:
    case_id = w.repo.resolve("Takashima 2017 (index case)")
    assert w.open_case(case_id)
    return case_id


def ck_points(w) -> list[tuple[float, float]]:
    data = w.charts.chart.chart_data()
    (ck,) = [s for s in data.series if s.analyte == "CK"]
    return [(p.day, p.value) for p in ck.points]


def test_course_tab_follows_the_open_case(qtbot, open_window):
    w = open_window()
    open_index_case(w)
    qtbot.keyClick(w.case_list.filter, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.editor.tabs.currentWidget() is w.charts.tab
    assert w.editor.tabs.tabText(w.editor.tabs.currentIndex()) == "Course"
    assert ck_points(w) == [(0, 15242), (14, 226), (29, 54)]
    assert w.charts.chart.stack.currentIndex() == 0  # the chart page, not the message
    # a literature case has no course: the tab says so with the Table facts
    assert w.open_case(w.repo.resolve("Williams 1963 (ref 21)"))
    assert w.charts.chart.stack.currentIndex() == 1
    text = w.charts.chart.message.text()
    assert "PSL (60 mg), chemotherapy" in text and "Gradual improvement" in text


def test_unsaved_lab_edits_show_in_the_chart_and_saved_ones_stay(qtbot, open_window):
    w = open_window()
    open_index_case(w)
    labs = w.editor.labs
    w.editor.tabs.setCurrentWidget(labs)
    view = labs.editor.view
    row = next(
        r
        for r in range(view.model().rowCount())
        if cell(view, r, "Analyte") == "CK" and cell(view, r, "Day") == "14"
    )
    type_cell(qtbot, view, row, "Value", "300")
    assert w.editor.is_dirty()
    w.editor.tabs.setCurrentWidget(w.charts.tab)
    assert ck_points(w) == [(0, 15242), (14, 300), (29, 54)]
    w.editor.set_case(w.editor.base_case)  # discard: the chart shows the saved values again
    assert ck_points(w) == [(0, 15242), (14, 226), (29, 54)]
    assert column(view, "Value") >= 0


def test_ctrl_e_exports_the_chart_as_shown(qtbot, open_window, tmp_path, monkeypatch):
    w = open_window()
    open_index_case(w)
    w.editor.tabs.setCurrentWidget(w.charts.tab)
    out = tmp_path / "index-course.png"

    def user_exports(dialog: ExportDialog):
        dialog.path.clear()
        qtbot.keyClicks(dialog.path, str(out))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", user_exports)
    qtbot.keyClick(w.case_list.filter, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1800, 1000)
    assert round(image.dotsPerMeterX() * 0.0254) == 300


def test_copy_chart_puts_an_image_on_the_clipboard(qtbot, open_window):
    w = open_window()
    open_index_case(w)
    QApplication.clipboard().clear()
    w.charts.copy_action.trigger()
    assert not QApplication.clipboard().image().isNull()


def test_cohort_overlay_starts_from_the_open_case_and_adds_ticked_ones(qtbot, open_window):
    from domain.model import Case, LabResult, SteroidStep

    w = open_window()
    other = Case(label="Clinic 2026-02", age=60)
    other.labs = [
        LabResult("CK", 5000, "IU/L", day=0, ref_high=200),
        LabResult("CK", 400, "IU/L", day=10, ref_high=200),
    ]
    other.steroid_steps = [SteroidStep("prednisolone", 60, from_day=2)]
    w.repo.save(other)
    open_index_case(w)
    w.charts.cohort_action.trigger()
    cohort = w.charts.cohort
    qtbot.waitExposed(cohort)
    labels = [cohort.cases.item(i).text() for i in range(cohort.cases.count())]
    assert labels == ["Clinic 2026-02", "Takashima 2017 (index case)"]
    assert len(cohort.view.data().series) == 1
    cohort.cases.item(0).setCheckState(Qt.CheckState.Checked)
    series = {s.label: s for s in cohort.view.data().series}
    assert len(series) == 2
    clinic = next(s for label, s in series.items() if "Clinic" in label)
    # aligned at steroid start (day 2) and drawn as multiples of the limit (200 IU/L)
    assert [(p.x, p.y) for p in clinic.points] == [(-2, 25), (8, 2)]
