"""The case list with its filter box and the count of shown / all cases."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .model import CASE_ID_ROLE, CaseListModel

# rows are worded when shown; the rest in the idle time after the window is up, a chunk
# at a time (~40 ms each at 10,000 cases), so the first keystroke in the filter finds
# them worded and the window never stops answering for long
WORD_AFTER_MS = 300
WORD_CHUNK = 400


class CaseTable(QTableView):
    """The list's view; after each click or key it tells the panel (`settled`), so a move
    the editor refused (Cancel at a prompt, a failed save) is taken back at once: the
    view selects the clicked row after the prompt has answered."""

    settled = Signal()

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self.settled.emit()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.settled.emit()

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        self.settled.emit()


class CaseListPanel(QWidget):
    """`case_chosen(id)` when the user moves to another case in the list."""

    case_chosen = Signal(int)

    def __init__(self, model: CaseListModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: label, citation, diagnosis, treatment, antibody")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip("Shows the cases containing every word typed (Ctrl+F)")
        self.view = CaseTable()
        self.view.setModel(model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Ctrl/Shift+click select several cases (e.g. for File > Case report...); the case
        # clicked last is the one open in the editor
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        widths = (190, 84, 72, 110, 160, 150, 150, 90)
        for i, w in enumerate(widths):
            self.view.setColumnWidth(i, w)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._syncing = False
        self._current_id: int | None = None
        self._refused = False
        self.filter.textChanged.connect(self._filter)
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            sig.connect(self._update_count)
        model.modelReset.connect(self._reselect)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.settled.connect(self._agree)
        self._update_count()
        self._wording = QTimer(self)
        self._wording.setInterval(0)
        self._wording.timeout.connect(self._word_some)
        model.modelReset.connect(self._start_wording)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._start_wording()

    def _start_wording(self) -> None:
        if self.isVisible() and not self._wording.isActive():
            QTimer.singleShot(WORD_AFTER_MS, self, self._wording.start)

    def _word_some(self) -> None:
        if not self.model.word_some(WORD_CHUNK):
            self._wording.stop()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)

    def _update_count(self, *_args) -> None:
        self.count.setText(f"{self.model.rowCount()} of {self.model.total()} cases")

    def _on_current(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return  # a case filtered out of view stays open in the editor
        case_id = current.data(CASE_ID_ROLE)
        if case_id != self._current_id:
            self.case_chosen.emit(case_id)
            # refused (Cancel at a prompt, a failed save): the view may still select the
            # clicked row after this returns; `settled` takes it back
            self._refused = self._current_id != case_id

    def show_case(self, case_id: int | None, alone: bool = False) -> None:
        """Mark the case open in the editor (if shown), without emitting case_chosen;
        `alone`: selected by itself even if the view already has its row current (after a
        delete, the next row becomes current unselected)."""
        self._current_id = case_id
        row = self.model.row_of(case_id)
        if alone and row is not None:
            self._select(row)
        else:
            self._reselect()

    def selected_case_ids(self) -> list[int]:
        """The ids of the selected rows, in the list's order (the open case if none)."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        ids = [self.model.index(r, 0).data(CASE_ID_ROLE) for r in rows]
        return ids or ([self._current_id] if self._current_id is not None else [])

    def _agree(self) -> None:
        """After a refused move the list selects the editor's case alone (when shown); a
        move the editor took (a click, Ctrl+click beside others) stays as made."""
        if not self._refused:
            return
        self._refused = False
        row = self.model.row_of(self._current_id)
        if row is None:
            self.view.selectionModel().clearSelection()
        else:
            self._select(row)

    def _reselect(self) -> None:
        row = self.model.row_of(self._current_id)
        sel = self.view.selectionModel()
        if row is not None and sel.currentIndex().row() == row:
            return  # a click made it current; the view selects it (Ctrl+click: beside others)
        self._syncing = True
        try:
            if row is None:
                sel.clearSelection()
                sel.setCurrentIndex(
                    self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.Clear
                )
            else:
                self._select(row)
        finally:
            self._syncing = False

    def _select(self, row: int) -> None:
        """Make a row current and the only one selected, without emitting case_chosen."""
        syncing, self._syncing = self._syncing, True
        try:
            idx = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                idx,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(idx)
        finally:
            self._syncing = syncing
