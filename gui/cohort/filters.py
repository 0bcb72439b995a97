"""The cohort window's filters: words, tumour, an antibody's status, pattern, outcome,
published or own, year; combinable; saved as named selections in the casebook."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.cohort_filter import (
    ANTIBODY_CHOICES,
    OUTCOME_CHOICES,
    SOURCE_CHOICES,
    CohortFilter,
    FilterChoices,
)
from domain.cohort_pattern import PATTERN_HELP, PATTERN_ORDER, Pattern

ANY = "(any)"


def _checklist(values, tips=None) -> QListWidget:
    w = QListWidget()
    for v in values:
        item = QListWidgetItem(str(v))
        item.setData(Qt.ItemDataRole.UserRole, v)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        if tips:
            item.setToolTip(tips[v])
        w.addItem(item)
    w.setMaximumHeight(w.sizeHintForRow(0) * min(len(values), 8) + 6)
    return w


def _ticked(w: QListWidget) -> frozenset:
    return frozenset(
        w.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(w.count())
        if w.item(i).checkState() == Qt.CheckState.Checked
    )


def _tick(w: QListWidget, values) -> None:
    for i in range(w.count()):
        on = w.item(i).data(Qt.ItemDataRole.UserRole) in values
        w.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class FilterPanel(QWidget):
    """`changed()` after any filter changes; filter() is the current CohortFilter.

    Saving and loading named selections is the window's business (it owns the store):
    `save_requested(name)`, `load_requested(name)`, `delete_requested(name)`.
    """

    changed = Signal()
    save_requested = Signal(str)
    load_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._quiet = False
        self.text = QLineEdit()
        self.text.setPlaceholderText("Words: label, citation, diagnosis, treatment, antibody")
        self.text.setClearButtonEnabled(True)
        self.tumours = _checklist([])
        self.antibody = QComboBox()
        self.antibody_status = _checklist(ANTIBODY_CHOICES)
        self.patterns = _checklist(list(PATTERN_ORDER), PATTERN_HELP)
        self.outcomes = _checklist(OUTCOME_CHOICES)
        self.sources = _checklist(SOURCE_CHOICES)
        self.use_years = QCheckBox("Years")
        self.year_from, self.year_to = QSpinBox(), QSpinBox()
        for s in (self.year_from, self.year_to):
            s.setRange(1800, 2100)
            s.setEnabled(False)
        self.unknown_year = QCheckBox("and unknown year")
        self.unknown_year.setEnabled(False)
        self.count = QLabel()
        self.count.setObjectName("cohortCount")
        self.selections = QComboBox()
        self.save_button = QPushButton("Save selection...")
        self.delete_button = QPushButton("Delete")
        self.clear_button = QPushButton("Clear filters")

        form = QFormLayout()
        form.addRow("Words", self.text)
        form.addRow("Tumour", self.tumours)
        form.addRow("Antibody", self.antibody)
        form.addRow("  status", self.antibody_status)
        form.addRow("Initial treatment", self.patterns)
        form.addRow("Outcome", self.outcomes)
        form.addRow("Cases", self.sources)
        years = QHBoxLayout()
        for w in (self.use_years, self.year_from, QLabel("to"), self.year_to):
            years.addWidget(w)
        form.addRow(years)
        form.addRow("", self.unknown_year)
        saved = QHBoxLayout()
        saved.addWidget(self.selections, 1)
        saved.addWidget(self.delete_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(QLabel("Choose the cases (every filter must hold; ticks in one are "
                             "'or'; none ticked: any)"))
        lay.addLayout(form)
        lay.addWidget(self.count)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        lay.addWidget(QLabel("Saved selections:"))
        lay.addLayout(saved)
        lay.addStretch(1)

        self.text.textChanged.connect(self._emit)
        self.antibody.currentIndexChanged.connect(self._emit)
        for w in (self.tumours, self.antibody_status, self.patterns, self.outcomes,
                  self.sources):
            w.itemChanged.connect(self._emit)
        for s in (self.year_from, self.year_to):
            s.valueChanged.connect(self._emit)
        self.unknown_year.toggled.connect(self._emit)
        self.use_years.toggled.connect(self._years_toggled)
        self.clear_button.clicked.connect(lambda: self.set_filter(CohortFilter()))
        self.save_button.clicked.connect(self._ask_name)
        self.delete_button.clicked.connect(self._delete)
        self.selections.activated.connect(self._load)
        self.set_selection_names([])

    # ---- what the window sets ------------------------------------------------------------
    def set_choices(self, ch: FilterChoices) -> None:
        keep = self.filter()
        self._quiet = True
        self.tumours.clear()
        for t in ch.tumours:
            item = QListWidgetItem(t)
            item.setData(Qt.ItemDataRole.UserRole, t)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tumours.addItem(item)
        self.tumours.setMaximumHeight(self.tumours.sizeHintForRow(0) * min(len(ch.tumours) or 1,
                                                                             6) + 6)
        self.antibody.clear()
        self.antibody.addItem(ANY, "")
        for a in ch.antibodies:
            self.antibody.addItem(a, a)
        if ch.years:
            lo, hi = ch.years
            self.year_from.setValue(lo)
            self.year_to.setValue(hi)
        self._quiet = False
        self.set_filter(keep)

    def set_selection_names(self, names: list[str]) -> None:
        self.selections.clear()
        self.selections.addItem("(choose a saved selection)", "")
        for n in names:
            self.selections.addItem(n, n)
        self.delete_button.setEnabled(bool(names))

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{shown} of {total} cases chosen")

    # ---- the filter ----------------------------------------------------------------------
    def filter(self) -> CohortFilter:
        antibody = self.antibody.currentData() or ""
        statuses = _ticked(self.antibody_status)
        years = self.use_years.isChecked()
        return CohortFilter(
            text=self.text.text().strip(),
            tumours=_ticked(self.tumours),
            antibodies=((antibody, statuses),) if antibody and statuses else (),
            patterns=frozenset(Pattern(p) for p in _ticked(self.patterns)),
            outcomes=_ticked(self.outcomes),
            sources=_ticked(self.sources),
            year_from=self.year_from.value() if years else None,
            year_to=self.year_to.value() if years else None,
            unknown_year=years and self.unknown_year.isChecked(),
        )

    def set_filter(self, f: CohortFilter) -> None:
        self._quiet = True
        self.text.setText(f.text)
        _tick(self.tumours, f.tumours)
        name, statuses = f.antibodies[0] if f.antibodies else ("", frozenset())
        i = self.antibody.findData(name)
        if name and i < 0:  # an antibody no case has now: keep it choosable
            self.antibody.addItem(name, name)
            i = self.antibody.count() - 1
        self.antibody.setCurrentIndex(max(i, 0))
        _tick(self.antibody_status, statuses)
        _tick(self.patterns, f.patterns)
        _tick(self.outcomes, f.outcomes)
        _tick(self.sources, f.sources)
        years = f.year_from is not None or f.year_to is not None
        self.use_years.setChecked(years)
        if f.year_from is not None:
            self.year_from.setValue(f.year_from)
        if f.year_to is not None:
            self.year_to.setValue(f.year_to)
        self.unknown_year.setChecked(f.unknown_year)
        self._quiet = False
        self._emit()

    def _years_toggled(self, on: bool) -> None:
        for w in (self.year_from, self.year_to, self.unknown_year):
            w.setEnabled(on)
        self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit()

    def _ask_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Save selection", "Name of this selection:")
        if ok:
            self.save_requested.emit(name)

    def _load(self, index: int) -> None:
        name = self.selections.itemData(index)
        if name:
            self.load_requested.emit(name)

    def _delete(self) -> None:
        name = self.selections.currentData()
        if name:
            self.delete_requested.emit(name)
