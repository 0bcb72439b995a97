"""The Course tab, built lazily: the chart widget, and with it pyqtgraph and numpy (~0.5 s
of imports), is made the first time the tab is shown or a chart is asked for, so the first
screen of the window never waits for them. After the window's first paint the chart's
modules are imported in the idle time (warm_up), so the first click on the tab is quick.
"""

from __future__ import annotations

import importlib
import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from domain.model import Case

if TYPE_CHECKING:
    from .course_chart import CourseChart

CHART_MODULE = "gui.plots.course_chart"


class CourseTab(QWidget):
    """Holds the case to chart; makes the CourseChart when first needed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._case: Case | None = None
        self._chart: CourseChart | None = None
        self.warm_up_seconds: float | None = None  # how long the idle import took
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_case(self, case: Case | None) -> None:
        self._case = case
        if self._chart is not None:
            self._chart.set_case(case)

    def chart(self) -> CourseChart:
        """The chart widget, made now if it was not yet (showing the case held)."""
        if self._chart is None:
            from .course_chart import CourseChart

            self._chart = CourseChart()
            self._layout.addWidget(self._chart)
            self._chart.set_case(self._case)
        return self._chart

    def is_built(self) -> bool:
        return self._chart is not None

    def warm_up(self) -> None:
        """Import the chart's modules now (idle time after the first paint), timed."""
        t0 = time.perf_counter()
        importlib.import_module(CHART_MODULE)
        self.warm_up_seconds = time.perf_counter() - t0

    def showEvent(self, event) -> None:
        self.chart()
        super().showEvent(event)
