"""The course chart in the main window: the Course tab, File > Export chart..., Copy chart,
and View > Cohort overlay.

The chart follows the case open in the editor. While the case has unsaved edits that pass
validation, the Course tab and exports draw the edited values; otherwise the saved ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from domain.model import Case

from .course_tab import CourseTab

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .course_chart import CourseChart

WARM_UP_AFTER_MS = 200  # after the first paint: the window is up and takes clicks

COURSE_TAB_TITLE = "Course"


class ChartActions:
    """Owns the Course tab and the chart actions of one main window."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.editor = window.editor
        self.tab = CourseTab()  # pyqtgraph is imported when the chart is first needed
        self.tab_index = window.add_editor_tab(self.tab, COURSE_TAB_TITLE, 1)
        self.cohort = None
        self.export_action = window.make_action(
            "&Export chart...",
            self.export,
            "Ctrl+E",
            "Save this case's course chart as PNG, SVG or PDF",
        )
        self.copy_action = window.make_action(
            "Cop&y chart",
            self.copy,
            "Ctrl+Shift+C",
            "Put this case's course chart on the clipboard",
        )
        self.report_action = window.make_action(
            "Case &report...",
            self.report,
            "Ctrl+Shift+R",
            "Save the one-page report (summary, course chart, labs) of this case, or of every "
            "case selected in the list, as PDF or PNG",
        )
        window.add_file_action(self.export_action)
        window.add_file_action(self.copy_action)
        window.add_file_action(self.report_action)
        self.cohort_action = window.make_action(
            "&Cohort overlay...",
            self.show_cohort,
            "Ctrl+Shift+O",
            "CK of several cases as multiples of the upper limit, aligned at steroid or chemotherapy start",
        )
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.cohort_action)
        self.editor.case_loaded.connect(self.tab.set_case)
        self.editor.tabs.currentChanged.connect(self._on_tab_changed)
        _FirstPaint(window, self._after_first_paint)  # a child of the window: kept alive

    @property
    def chart(self) -> CourseChart:
        """The Course tab's chart widget (made now if it was not yet)."""
        return self.tab.chart()

    def _after_first_paint(self) -> None:
        # timers owned by the window: none fires once it is gone
        QTimer.singleShot(WARM_UP_AFTER_MS, self.window, self._warm_up)

    def _warm_up(self) -> None:
        """The chart's modules, and sqlite-utils (storage.db.Casebook), so that neither the
        first click on the Course tab nor the first save waits for its import."""
        if not self.window.isVisible():
            return  # closed meanwhile (its casebook may be closed too)
        if not self.tab.is_built():
            self.tab.warm_up()
        full = getattr(self.window.repo.db, "full", None)
        if full is not None:
            full()

    def current_case(self) -> Case | None:
        """The open case as edited when its edits are valid, else as saved."""
        base = self.editor.base_case
        if base is None:
            return None
        if self.editor.is_dirty():
            case, problems = self.editor.build()
            if not any(p.severity == "error" for p in problems):
                return case
        return base

    def report(self) -> None:
        """File > Case report...: the open case's, or one per case selected in the list."""
        ids = self.window.case_list.selected_case_ids()
        if len(ids) < 2:
            from ..report_dialog import report_dialog

            report_dialog(self.window, self.current_case())
            return
        from ..report_selection_dialog import selection_report_dialog

        def load(case_id: int) -> Case:
            if case_id == self.editor.case_id():
                return self.current_case()  # with its valid unsaved edits, as for one case
            return self.window.repo.get(case_id)

        selection_report_dialog(self.window, ids, load)

    def _on_tab_changed(self, index: int) -> None:
        if index == self.tab_index and self.editor.is_dirty():
            self.tab.set_case(self.current_case())

    def export(self) -> None:
        from .export_dialog import export_chart_dialog

        analytes, mode = self.chart.export_options()
        export_chart_dialog(self.window, self.current_case(), analytes, mode)

    def copy(self) -> None:
        from .export import ExportError, copy_chart_to_clipboard

        case, data = self.current_case(), self.chart.chart_data()
        if case is None or data is None or not data.has_course:
            QMessageBox.information(
                self.window, "Copy chart", "This case has no course chart to copy."
            )
            return
        analytes, mode = self.chart.export_options()
        try:
            copy_chart_to_clipboard(case, analytes=analytes, x_mode=mode)
        except ExportError as e:
            QMessageBox.warning(self.window, "Copy chart", str(e))
            return
        self.window.show_status("Chart copied to the clipboard.")

    def show_cohort(self) -> None:
        from .cohort_window import CohortWindow

        if self.cohort is None:
            self.cohort = CohortWindow(self.window.repo, self.window.events, self.window)
            case_id = self.editor.case_id()
            if case_id is not None:  # start from the open case, if it has a CK course
                self.cohort.set_ticked([case_id])
        self.cohort.show()
        self.cohort.raise_()
        self.cohort.activateWindow()


class _FirstPaint(QObject):
    """Calls then() once, after the window's first paint event."""

    def __init__(self, window, then):
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False
