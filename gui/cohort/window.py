"""View > Cohort: the chosen cases together: grouping, Table 1, the paper's Table, swimmer
plot, survival and CK trajectories, each exportable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.cohort_filter import FilterError, choices
from domain.cohort_groups import VARIABLES, Group, group_cases, group_rows, variable
from domain.cohort_table1 import NOTES, response_by_pattern, table1
from domain.cohort_table1_scores import SCORE_NOTES
from domain.model import Case
from domain.scores.summary import ScoreSummary, summarize
from domain.table import COLUMNS, table_order_key, table_row
from storage.cohort_read import cohort_cases
from storage.repository import CaseRepository
from storage.safe_write import SafeWriteError
from storage.selections import (
    SelectionError,
    delete_selection,
    load_selection,
    save_selection,
    selection_names,
)

from ..events import CasebookEvents, RereadWhenShown
from ..layouts import split_window
from .export import CohortExportError, export_plot, export_table
from .filters import FilterPanel
from .survival_view import SurvivalView
from .swimmer_view import SwimmerView
from .trajectory_view import TrajectoryView

NO_GROUP = ""
MAX_COLUMN_PX = 380


class _Table(QTableWidget):
    def __init__(self):
        super().__init__()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.header: list[str] = []
        self.rows: list[list[str]] = []

    def show_rows(self, header: list[str], rows: list[list[str]]) -> None:
        self.header, self.rows = header, rows
        self.clear()
        self.setColumnCount(len(header))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(header)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        for j in range(len(header)):  # long cells stay readable in their tooltip
            self.setColumnWidth(j, min(self.columnWidth(j), MAX_COLUMN_PX))


class CohortAnalysisWindow(RereadWhenShown, QWidget):
    def __init__(self, repo: CaseRepository, events: CasebookEvents | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Cohort: the chosen cases together")
        self.repo = repo
        self._all: list[Case] = []
        self.chosen: list[Case] = []
        self._stale = False
        self._scores: dict[int, tuple[Case, ScoreSummary]] = {}
        if events is not None:  # one case saved or deleted: only it is read again
            events.saved.connect(self.case_saved)
            events.deleted.connect(self.case_deleted)
            events.replaced.connect(lambda *_a: self.casebook_changed())
        self.filters = FilterPanel()
        self.group_by = QComboBox()
        self.group_by.addItem("(no grouping)", NO_GROUP)
        for key, var in VARIABLES.items():
            self.group_by.addItem(var.label, key)
        self.export_button = QPushButton("Export...")
        self.tabs = QTabWidget()
        self.groups_table, self.table1_table = _Table(), _Table()
        self.response_table, self.paper_table = _Table(), _Table()
        self.swimmer = SwimmerView()
        self.survival = SurvivalView()
        self.trajectories = TrajectoryView()
        table1_page = QWidget()
        t1 = QVBoxLayout(table1_page)
        t1.setContentsMargins(0, 0, 0, 0)
        t1.addWidget(self.table1_table, 1)
        notes = QLabel("\n".join(NOTES + SCORE_NOTES))
        notes.setWordWrap(True)
        t1.addWidget(notes)
        for page, title in (
            (self.groups_table, "Groups"),
            (table1_page, "Table 1"),
            (self.response_table, "Response by pattern"),
            (self.paper_table, "The paper's Table"),
            (self.swimmer, "Swimmer plot"),
            (self.survival, "Survival"),
            (self.trajectories, "CK trajectories"),
        ):
            self.tabs.addTab(page, title)
        left = QScrollArea()
        left.setWidget(self.filters)
        left.setWidgetResizable(True)
        left.setMinimumWidth(self.filters.sizeHint().width() + 24)
        right = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Group by:"))
        bar.addWidget(self.group_by)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 4, 4, 4)
        rl.addLayout(bar)
        rl.addWidget(self.tabs, 1)
        split_window(self, left, right, [420, 980])
        self.resize(1400, 820)
        self.filters.changed.connect(self._update)
        self.group_by.currentIndexChanged.connect(self._update)
        self.filters.save_requested.connect(self.save_selection)
        self.filters.load_requested.connect(self.load_selection)
        self.filters.delete_requested.connect(self.delete_selection)
        self.export_button.clicked.connect(self._ask_export)
        self.refresh()

    # ---- reading ---------------------------------------------------------------------
    def case_saved(self, case: Case) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._all = sorted([c for c in self._all if c.id != case.id] + [case],
                           key=table_order_key)
        self.filters.set_choices(choices(self._all))
        self._update()

    def case_deleted(self, case_id: int) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._all = [c for c in self._all if c.id != case_id]
        self._update()

    def _case_scores(self, case: Case) -> ScoreSummary:
        """A case's instruments, computed once per case object read (a save replaces the
        object): the filters redraw Table 1 without computing them again."""
        got = self._scores.get(id(case))
        if got is None or got[0] is not case:
            got = self._scores[id(case)] = (case, summarize(case))
        return got[1]

    def refresh(self) -> None:
        self._stale = False
        self._scores = {}
        self._all = sorted(cohort_cases(self.repo.db), key=table_order_key)
        found = choices(self._all)
        self.filters.set_choices(found)
        self._offer_antibody_groups(found.antibodies)
        self.filters.set_selection_names(selection_names(self.repo.db))
        self._update()

    def _offer_antibody_groups(self, antibodies: list[str]) -> None:
        """Group by one antibody's status: an entry per antibody the cases record."""
        keep = self.group_by.currentData()
        self.group_by.blockSignals(True)
        while self.group_by.count() > len(VARIABLES) + 1:
            self.group_by.removeItem(self.group_by.count() - 1)
        for name in antibodies:
            key = f"antibody:{name}"
            self.group_by.addItem(f"{variable(key).label} status", key)
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(keep)))
        self.group_by.blockSignals(False)

    def _update(self, *_args) -> None:
        self.chosen = self.filters.filter().apply(self._all)
        self.filters.set_count(len(self.chosen), len(self._all))
        key = self.group_by.currentData()
        var = variable(key) if key else None
        self.groups_table.show_rows(*group_rows(self.chosen, var or variable(
            "initial-treatment")))
        t = table1(self.chosen, var, self._case_scores)
        self.table1_table.show_rows(t.header, t.rows)
        self.response_table.show_rows(*response_by_pattern(self.chosen))
        self.paper_table.show_rows(list(COLUMNS), [table_row(c) for c in self.chosen])
        self.swimmer.set_cases(self.chosen)
        groups = group_cases(self.chosen, var) if var else [Group("All", tuple(self.chosen))]
        self.survival.set_groups([(g.value, list(g.cases)) for g in groups])
        self.trajectories.set_groups([(g.value, list(g.cases)) for g in groups])

    # ---- named selections ----------------------------------------------------------------
    def save_selection(self, name: str) -> None:
        try:
            kept = save_selection(self.repo.db, name, self.filters.filter())
        except SelectionError as e:
            QMessageBox.warning(self, "Selection not saved", str(e))
            return
        self.filters.set_selection_names(selection_names(self.repo.db))
        self.filters.selections.setCurrentIndex(self.filters.selections.findData(kept))

    def load_selection(self, name: str) -> None:
        try:
            self.filters.set_filter(load_selection(self.repo.db, name))
        except (SelectionError, FilterError) as e:
            QMessageBox.warning(self, "Selection not loaded", str(e))

    def delete_selection(self, name: str) -> None:
        delete_selection(self.repo.db, name)
        self.filters.set_selection_names(selection_names(self.repo.db))

    # ---- exports -------------------------------------------------------------------------
    def current_table(self) -> _Table | None:
        page = self.tabs.currentWidget()
        if page is self.tabs.widget(1):
            return self.table1_table
        return page if isinstance(page, _Table) else None

    def export_current(self, path: Path) -> Path:
        """The current tab to path (a table: .csv/.md; a plot: .png/.svg/.pdf)."""
        table = self.current_table()
        if table is not None:
            return export_table(path, table.header, table.rows)
        page = self.tabs.currentWidget()
        return export_plot(page.graphics, path)

    def _ask_export(self) -> None:
        table = self.current_table() is not None
        kinds = "CSV (*.csv);;Markdown (*.md)" if table else (
            "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)")
        name = self.tabs.tabText(self.tabs.currentIndex()).lower().replace(" ", "_")
        path, _f = QFileDialog.getSaveFileName(self, "Export", f"cohort_{name}", kinds)
        if not path:
            return
        try:
            done = self.export_current(Path(path))
        except (CohortExportError, SafeWriteError) as e:
            QMessageBox.warning(self, "Not exported", str(e))
            return
        QMessageBox.information(self, "Exported", f"Saved {done}")
