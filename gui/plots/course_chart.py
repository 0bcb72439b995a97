"""The Course tab: a case's clinical course chart with its controls, or a plain message.

API for the main window:
    chart = CourseChart()
    chart.set_case(case)          # a Case, or None for "no case selected"
    chart.export_options()        # (analytes shown, x-axis mode) for the export dialog
"""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from domain.catalogue import analytes
from domain.chart import (
    CourseChartData,
    NoCourse,
    analyte_label,
    available_analytes,
    course_chart,
)
from domain.chart_axis import X_AXIS_LABELS, XAxisMode
from domain.model import Case

from .chart_view import ChartView
from .legibility import arrange

CHART_PAGE, MESSAGE_PAGE = 0, 1
NO_CASE_TEXT = "No case selected. Choose a case in the list to see its clinical course."


def no_course_html(title: str, subtitle: str, info: NoCourse) -> str:
    rows = "".join(
        f"<tr><th align='left'>{escape(col)}</th><td>{escape(cell)}</td></tr>"
        for col, cell in info.facts
    )
    sub = f"<p><i>{escape(subtitle)}</i></p>" if subtitle else ""
    return (
        f"<h3>{escape(title)}</h3>{sub}<p>{escape(info.message)}</p>"
        f"<table cellspacing='6'>{rows}</table>"
    )


def _same_but_title(a: CourseChartData, b: CourseChartData) -> bool:
    return dataclasses.replace(a, title=b.title, subtitle=b.subtitle) == b


class CourseChart(QWidget):
    """The chart of the selected case: analyte toggles, time-axis choice, reset zoom."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._case: Case | None = None
        self._data: CourseChartData | None = None
        self._stale = False  # a description not drawn yet (set while the tab is hidden)
        self._wanted: list[str] = ["CK"]  # analytes the user asked for, kept across cases
        self._available_keys: list[str] = []
        self.view = ChartView()
        self.view.hover_changed.connect(self._on_hover)
        # the export's legibility pass (legibility.arrange) at the size shown, again after a
        # resize (once the resizing stops: a 0 ms timer), unless the user has zoomed
        self._arranged_at = QSize()
        self._zoomed = False
        self.view.main.vb.sigRangeChangedManually.connect(self._on_zoomed)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(0)
        self._resized.timeout.connect(self._on_resized)
        self.view.installEventFilter(self)
        self.message = QLabel()
        self.message.setObjectName("noCourseMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setMargin(16)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.message)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(scroll)
        self.checks: dict[str, QCheckBox] = {}
        self.analyte_bar = QHBoxLayout()
        self.analyte_bar.setSpacing(10)
        for key, a in analytes().items():  # one toggle per catalogue analyte, shown as needed
            box = QCheckBox(analyte_label(a.key))
            box.setToolTip(a.name)
            box.setVisible(False)
            box.toggled.connect(lambda on, k=key: self._on_toggled(k, on))
            self.checks[key] = box
            self.analyte_bar.addWidget(box)
        self.x_mode = QComboBox()
        for mode, label in X_AXIS_LABELS.items():
            self.x_mode.addItem(label, mode)
        self.x_mode.setToolTip("Time axis: days, weeks or months from day 0, or dates")
        self.x_mode.currentIndexChanged.connect(self._redraw)
        self.reset = QPushButton("Reset zoom")
        self.reset.setToolTip("Show the whole course again (Home)")
        self.reset.clicked.connect(self._reset_zoom)
        bar = QHBoxLayout()
        self.show_label = QLabel("Show:")
        bar.addWidget(self.show_label)
        bar.addLayout(self.analyte_bar)
        bar.addStretch(1)
        self.x_label = QLabel("Time axis:")
        bar.addWidget(self.x_label)
        bar.addWidget(self.x_mode)
        bar.addWidget(self.reset)
        self.readout = QLabel(" ")
        self.readout.setObjectName("hoverReadout")
        self.readout.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)
        self.set_case(None)

    # -- public API -------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        if self._stale and self._data is not None and self._data.has_course:
            self._draw(self._data)
            self._stale = False
        super().showEvent(event)

    def set_case(self, case: Case | None) -> None:
        """Show a case's course (or a message when it has none or no case is selected)."""
        self._case = case
        self._sync_toggles()
        self._redraw()

    def chart_data(self) -> CourseChartData | None:
        """The description currently drawn (None when no case is selected)."""
        return self._data

    def shown_analytes(self) -> list[str]:
        return [k for k in self._available_keys if self.checks[k].isChecked()]

    def x_axis_mode(self) -> XAxisMode:
        return XAxisMode(self.x_mode.currentData())

    def export_options(self) -> tuple[list[str], XAxisMode]:
        """What the export should show so that it matches the screen."""
        return self.shown_analytes(), self.x_axis_mode()

    # -- internals --------------------------------------------------------------------------

    def _sync_toggles(self) -> None:
        case = self._case
        available = [k for k, _ in available_analytes(case)] if case is not None else []
        self._available_keys = available
        wanted = [k for k in self._wanted if k in available] or available[:1]
        for key, box in self.checks.items():
            box.blockSignals(True)
            box.setHidden(key not in available)
            box.setChecked(key in wanted)
            box.blockSignals(False)
        has = bool(available)
        self.show_label.setVisible(has)

    def _on_toggled(self, key: str, on: bool) -> None:
        if on and key not in self._wanted:
            self._wanted.append(key)
        elif not on and key in self._wanted:
            self._wanted.remove(key)
        self._redraw()

    def _redraw(self) -> None:
        case = self._case
        controls = case is not None
        if case is None:
            self._data = None
            self.message.setText(f"<p>{escape(NO_CASE_TEXT)}</p>")
            self.stack.setCurrentIndex(MESSAGE_PAGE)
        else:
            data = course_chart(case, self.shown_analytes(), self.x_axis_mode())
            old, self._data = self._data, data
            fresh = old is not None and not self._stale
            unchanged = fresh and data == old
            retitled = fresh and not unchanged and _same_but_title(data, old)
            if data.no_course is not None:
                self.message.setText(no_course_html(data.title, data.subtitle, data.no_course))
                self.stack.setCurrentIndex(MESSAGE_PAGE)
                controls = False
            else:
                # drawing costs more than describing: skip it when nothing changed (a save
                # of what is shown), and put it off while the tab is hidden
                if self.isVisible():
                    if retitled:
                        self.view.set_title(data)
                    elif not unchanged:
                        self._draw(data)
                    self._stale = False
                else:
                    self._stale = True
                self.stack.setCurrentIndex(CHART_PAGE)
        for w in (self.x_label, self.x_mode, self.reset):
            w.setVisible(controls)
        self._show_notes()

    def _draw(self, data: CourseChartData) -> None:
        """Draw, lay out at the size shown, then keep labels, legend and ticks apart."""
        self.view.draw(data)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.view.ci.layout.activate()
        arrange(self.view)
        self._arranged_at = self.view.size()
        self._zoomed = False

    def _reset_zoom(self) -> None:
        if self._data is not None and self._data.has_course:
            self._draw(self._data)  # the whole course, arranged again

    def _on_zoomed(self, *_args) -> None:
        self._zoomed = True  # labels stay where they were for the whole course

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._resized.start()
        return False

    def _on_resized(self) -> None:
        data = self._data
        if (data is not None and data.has_course and not self._stale and not self._zoomed
                and self.view.isVisible() and self.view.size() != self._arranged_at):
            self._draw(data)

    def _show_notes(self) -> None:
        if self._data is None or not self._data.has_course:
            self.readout.setText("")
            return
        notes = self._data.notes
        self.readout.setText(" ".join(notes) if notes else "Point at the chart to read a value.")

    def _on_hover(self, text: str) -> None:
        if text:
            self.readout.setText(text)
        else:
            self._show_notes()
