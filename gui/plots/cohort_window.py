"""View > Cohort overlay: pick cases, see their CK as multiples of the upper limit, aligned."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.model import Case
from storage.case_index import cases_with_series
from storage.repository import CaseRepository

from ..events import CasebookEvents, RereadWhenShown
from ..layouts import split_window
from .cohort_view import CohortView

MAX_CASES = 20  # more curves than this make the legend unreadable

ID_ROLE = Qt.ItemDataRole.UserRole


class CohortWindow(RereadWhenShown, QWidget):
    """A separate window: the cases with a CK course to tick, beside the overlay."""

    def __init__(
        self,
        repo: CaseRepository,
        events: CasebookEvents | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        if events is not None:
            for signal in events.changed_signals():
                signal.connect(lambda *_args: self.casebook_changed())
        self.setWindowTitle("Cohort overlay: CK × upper normal limit")
        self.repo = repo
        self._loaded: dict[int, Case] = {}
        self._stale = False
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter cases by label")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.cases = QListWidget()
        self.cases.itemChanged.connect(self._on_item_changed)
        self.count = QLabel()
        self.clear_button = QPushButton("Clear ticks")
        self.clear_button.clicked.connect(self.clear)
        self.view = CohortView()
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(QLabel(f"Tick up to {MAX_CASES} cases with a CK course:"))
        lay.addWidget(self.filter)
        lay.addWidget(self.cases, 1)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        split_window(self, left, self.view, [300, 900])
        self.resize(1250, 720)
        self.refresh()

    def refresh(self) -> None:
        """Reread which cases have a CK course, and the ticked cases themselves."""
        self._stale = False
        ticked = set(self.ticked_ids())
        self._loaded.clear()
        self.cases.blockSignals(True)
        self.cases.clear()
        for case_id, label in cases_with_series(self.repo.db):
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if case_id in ticked else Qt.CheckState.Unchecked
            )
            self.cases.addItem(item)
        self.cases.blockSignals(False)
        self._apply_filter(self.filter.text())
        self._update()

    def ticked_ids(self) -> list[int]:
        return [
            self.cases.item(i).data(ID_ROLE)
            for i in range(self.cases.count())
            if self.cases.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, case_ids: list[int]) -> None:
        wanted = set(case_ids)
        self.cases.blockSignals(True)
        for i in range(self.cases.count()):
            item = self.cases.item(i)
            on = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.cases.blockSignals(False)
        self._update()

    def clear(self) -> None:
        self.set_ticked([])

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.cases.count()):
            item = self.cases.item(i)
            label = item.text().casefold()
            item.setHidden(not all(w in label for w in words))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked and len(self.ticked_ids()) > MAX_CASES:
            self.cases.blockSignals(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.cases.blockSignals(False)
            self.count.setText(f"At most {MAX_CASES} cases at once.")
            return
        self._update()

    def _update(self) -> None:
        ids = self.ticked_ids()
        for case_id in ids:
            if case_id not in self._loaded:
                self._loaded[case_id] = self.repo.get(case_id)
        self.view.set_cases([self._loaded[i] for i in ids])
        self.count.setText(f"{len(ids)} of {self.cases.count()} ticked")
