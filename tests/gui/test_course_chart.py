"""The Course tab's chart, driven as a user drives it."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt

from domain.chart_axis import XAxisMode
from gui.plots.course_chart import CHART_PAGE, MESSAGE_PAGE, CourseChart
from storage.seed import paper_cases


@pytest.fixture(scope="module")
def cases():
    return paper_cases()


@pytest.fixture
def index(cases):
    return next(c for c in cases if c.reference_number == "Our case")


@pytest.fixture
def chart(qtbot):
    w = CourseChart()
    qtbot.addWidget(w)
    w.resize(1200, 750)
    w.show()
    qtbot.waitExposed(w)
    return w


def legend_labels(view) -> list[str]:
    return [label.text for _, label in view.legend.items]


def test_index_case_draws_ck_dose_lane_and_legend(chart, index):
    chart.set_case(index)
    assert chart.stack.currentIndex() == CHART_PAGE
    v = chart.view
    assert v.left_axis.labelText == "CK (IU/L)"
    assert v.dose_axis.labelText == "Prednisolone-equivalent dose (mg/day)"
    assert v.lane_plot.getAxis("bottom").labelText == "Days from day 0"
    # the dose axis has its own AxisItem on its own ViewBox, linear, not the log one
    assert v.dose_axis.linkedView() is v.dose_vb and not v.dose_axis.logMode
    lo, hi = v.dose_vb.viewRange()[1]
    assert lo == 0 and 70 <= hi <= 90
    assert list(v.dose_curve.getData()[1][:2]) == [70, 70]
    labels = legend_labels(v)
    assert "CK (IU/L)" in labels
    assert "Steroid, prednisolone-equivalent (mg/day)" in labels  # right-axis curve, by hand
    assert "Upper normal limit (248 IU/L)" in labels and "Hollow: approximate day" in labels
    assert [t.toPlainText().strip() for t in v.lane.tags if t.isVisible()] == [
        "C1",
        "C2",
        "C3",
        "C4",
    ]
    # hollow markers for the approximate days 14 and 29, filled for day 0
    brushes = [b.color().name() for b in v.series[0].markers.data["brush"]]
    assert brushes == ["#d55e00", "#ffffff", "#ffffff"]


def test_hover_reads_out_the_nearest_point(chart, index, qtbot):
    chart.set_case(index)
    v = chart.view
    qtbot.wait(20)
    scene_point = v.main.vb.mapViewToScene(QPointF(14, math.log10(226)))
    widget_point = v.mapFromScene(scene_point)
    qtbot.mouseMove(v.viewport(), widget_point + type(widget_point)(3, 2))
    qtbot.waitUntil(lambda: "226" in chart.readout.text())
    assert chart.readout.text().startswith("CK 226 IU/L on about day 14")
    assert v.highlight.isVisible()
    # the dose step on the right axis reads out too, with drug and real dose
    text, _ = v.hover_text_at(v.dose_vb.mapViewToScene(QPointF(7, 70)))
    assert text.startswith("Steroid day 0 to day 14: prednisolone 70 mg/day")
    # and the dashed taper between two stated doses says what is not given
    y = 15 + (10 - 15) * (135 - 90) / (180 - 90)
    text, _ = v.hover_text_at(v.dose_vb.mapViewToScene(QPointF(135, y)))
    assert text.startswith("Taper from prednisolone 15 mg/day")
    assert text.endswith("schedule not given")


def test_literature_case_shows_a_plain_message_with_its_table_facts(chart, cases):
    chart.set_case(cases[1])  # Williams 1963: no time series
    assert chart.stack.currentIndex() == MESSAGE_PAGE
    text = chart.message.text()
    assert "No time course is recorded for this case" in text
    assert "Williams 1963 (ref 21)" in text
    assert "PSL (60 mg), chemotherapy" in text and "Gradual improvement" in text
    assert not chart.x_mode.isVisible() and not chart.reset.isVisible()
    chart.set_case(None)
    assert "No case selected" in chart.message.text()


def test_switching_analytes_on_plots_them_as_multiples_of_the_limit(chart, index, qtbot):
    chart.set_case(index)
    box = chart.checks["myoglobin"]
    assert box.isVisible() and not box.isChecked() and chart.checks["CK"].isChecked()
    assert not chart.checks["LDH"].isVisible()  # the case has no LDH
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert chart.shown_analytes() == ["CK", "myoglobin"]
    assert chart.view.left_axis.labelText == "Multiple of upper normal limit (× ULN)"
    assert "Myoglobin" in legend_labels(chart.view)
    assert "Upper normal limit (1 × ULN)" in legend_labels(chart.view)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert chart.view.left_axis.labelText == "CK (IU/L)"


def test_zoom_and_reset(chart, index, qtbot):
    chart.set_case(index)
    vb = chart.view.main.vb
    full = vb.viewRange()[0]
    vb.scaleBy((0.2, 1))
    assert vb.viewRange()[0][1] - vb.viewRange()[0][0] < 0.5 * (full[1] - full[0])
    lane_x = chart.view.lane_plot.vb.viewRange()[0]
    assert lane_x == pytest.approx(vb.viewRange()[0])  # the lane follows the zoom
    qtbot.mouseClick(chart.reset, Qt.MouseButton.LeftButton)
    assert vb.viewRange()[0] == pytest.approx(full)


def test_time_axis_choice_changes_ticks(chart, index):
    chart.set_case(index)
    chart.x_mode.setCurrentIndex(chart.x_mode.findData(XAxisMode.WEEKS))
    bottom = chart.view.lane_plot.getAxis("bottom")
    assert bottom.labelText == "Weeks from day 0"
    assert chart.export_options() == (["CK"], XAxisMode.WEEKS)


def test_switching_case_reuses_the_plot_items(chart, index, cases):
    chart.set_case(index)
    items = (chart.view.series[0].line, chart.view.dose_curve, chart.view.legend)
    chart.set_case(cases[0])
    chart.set_case(index)
    assert (chart.view.series[0].line, chart.view.dose_curve, chart.view.legend) == items
    assert chart.stack.currentIndex() == CHART_PAGE


def test_censored_and_zero_ck_are_drawn_as_down_triangles_and_explained(chart):
    from domain.model import Case, LabResult

    case = Case(
        label="Censored",
        labs=[
            LabResult("CK", 2400, "IU/L", 0, ref_high=200),
            LabResult("CK", 5, "IU/L", 20, comparator="<", ref_high=200),
            LabResult("CK", 0, "IU/L", 40, ref_high=200),
        ],
    )
    chart.set_case(case)
    markers = chart.view.series[0].markers
    assert list(markers.data["symbol"]) == ["o", "t", "t"]
    floor = chart.chart_data().left.floor
    assert list(markers.data["y"]) == pytest.approx(
        [math.log10(2400), math.log10(5), math.log10(floor)]
    )
    assert chart.view.main.vb.viewRange()[1][0] < math.log10(floor)  # visible, on the floor
    assert "Below limit, or 0 (drawn on the axis floor)" in legend_labels(chart.view)
    assert [t.toPlainText() for t in chart.view.annotations.value_labels[:3]] == ["2400", "<5", "0"]
