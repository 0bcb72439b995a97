"""A case's History: every recorded change (who, when, old and new value, why),
filterable, exportable to CSV.

HistoryView(repo, case_id) shows one case; case_id=None shows the whole casebook (deleted
cases included) and, among its changes, every data export of the export log (Change
"Exported", Item "Data export": who, when, profile, formats, how many cases, where).
set_case(case_id) follows the open case; reload() after a save or an export.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.model import format_number
from storage.audit import AuditEntry
from storage.repository import CaseRepository
from storage.safe_write import SafeWriteError, write_csv_atomically

if TYPE_CHECKING:
    from storage.export_log import ExportEvent

EXPORT_ITEM = "export"  # a row of the export log, shown in the casebook-wide History
HEADERS = ("When", "User", "Case", "Change", "Item", "Field", "Old value", "New value", "Reason")
CSV_HEADERS = ("When (UTC)", *HEADERS[1:])
ITEMS = {
    "case": "Case details",
    "lab_results": "Lab result",
    "antibody_results": "Antibody",
    "steroid_steps": "Steroid step",
    "regimens": "Regimen",
    "regimen_cycles": "Regimen cycle",
    "treatments": "Treatment",
    "assessments": "Assessment",
    "findings": "Finding",
    "case_sources": "Source",
    EXPORT_ITEM: "Data export",
}
FIELDS = {
    "dm_criteria": "DM criteria",
    "dm_grade": "DM grade",
    "dm_findings": "DM findings",
    "tumour_size_mm": "Tumour size (mm)",
    "day0_meaning": "Day 0 means",
    "day0_date": "Day 0 date",
    "pred_eq_mg_day": "Prednisolone equivalent (mg/day)",
    "loinc": "LOINC",
    "ref_low": "Reference low",
    "ref_high": "Reference high",
    "cycle_length_days": "Cycle length (days)",
    "followup_day": "Follow-up day",
    "seed_key": "Preloaded case key",
    "uuid": "Case identifier",
}
CHANGES = {
    ("create", "add"): "Created",
    ("update", "add"): "Added",
    ("update", "set"): "Changed",
    ("update", "remove"): "Removed",
    ("delete", "remove"): "Deleted",
}
_ROOT = QModelIndex()
ABSENT = "—"  # the row did not exist before / no longer exists
EMPTY = "(none)"  # the field held no value


def field_label(field: str) -> str:
    return FIELDS.get(field) or field.replace("_", " ").capitalize()


def item_label(e: AuditEntry) -> str:
    """'Case details', 'Lab result 3 (CK)', 'Regimen 1, cycle 2'."""
    if e.item == "case":
        return ITEMS["case"]
    if e.item == "regimen_cycles":
        regimen, cycle = e.row_key.split(".")
        return f"Regimen {regimen}, cycle {cycle}"
    name = f"{ITEMS.get(e.item, e.item)} {e.row_key}"
    return f"{name} ({e.row_label})" if e.row_label else name


def value_text(raw_json: str | None, value: object) -> str:
    if raw_json is None:
        return ABSENT
    if value is None or value == "":
        return EMPTY
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def local_time(utc_iso: str) -> str:
    return datetime.fromisoformat(utc_iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def history_row(e: AuditEntry) -> tuple[str, ...]:
    """The cells of one entry, the When cell in UTC as stored."""
    return (
        e.at,
        e.user,
        e.case_label,
        CHANGES.get((e.action, e.change), e.change),
        item_label(e),
        field_label(e.field),
        value_text(e.old_json, e.old),
        value_text(e.new_json, e.new),
        e.reason,
    )


def export_row(e: ExportEvent) -> tuple[str, ...]:
    """The cells of one data export (storage/export_log.py) in the casebook-wide History."""
    cases = f"{e.case_count} case{'s' if e.case_count != 1 else ''}"
    return (e.at, e.user, f"all cases ({cases})", "Exported", ITEMS[EXPORT_ITEM],
            "profile, formats", ABSENT, f"{e.profile}: {e.formats}",
            f"{cases} exported to {e.destination}")


class HistoryModel(QAbstractTableModel):
    """Entries newest event first (in recorded order within an event), filtered in place."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []
        self._items: list[str] = []
        self._search: list[str] = []
        self._shown: list[int] = []
        self._text = ""
        self._item = ""

    def set_entries(self, entries: list[AuditEntry],
                    exports: Sequence[ExportEvent] = ()) -> None:
        """exports (newest first) go among the entries by their time."""
        order = sorted(range(len(entries)), key=lambda i: (-entries[i].event_id, i))
        rows = [(history_row(entries[i]), entries[i].item) for i in order]
        for e in sorted(exports, key=lambda x: x.at):  # oldest first: each goes above
            at = next((k for k, (r, _i) in enumerate(rows) if r[0] <= e.at), len(rows))
            rows.insert(at, (export_row(e), EXPORT_ITEM))
        self.beginResetModel()
        self._rows = [r for r, _i in rows]
        self._items = [i for _r, i in rows]
        self._search = ["\t".join(r).casefold() for r in self._rows]
        self._refilter()
        self.endResetModel()

    def set_filter(self, text: str = "", item: str = "") -> None:
        """Keep entries containing text (any column) and of one item kind ('' for all)."""
        self.beginResetModel()
        self._text, self._item = text.strip().casefold(), item
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        self._shown = [
            i
            for i in range(len(self._rows))
            if (not self._item or self._items[i] == self._item)
            and (not self._text or self._text in self._search[i])
        ]

    def shown_rows(self) -> list[tuple[str, ...]]:
        return [self._rows[i] for i in self._shown]

    def total(self) -> int:
        return len(self._rows)

    def export_count(self) -> int:
        """How many of the rows are data exports (casebook-wide History only)."""
        return self._items.count(EXPORT_ITEM)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._shown[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return local_time(row[0]) if index.column() == 0 else row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row[0]} (UTC)" if index.column() == 0 else row[index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class HistoryView(QWidget):
    def __init__(
        self, repo: CaseRepository, case_id: int | None = None, parent=None, load: bool = True
    ):
        """load=False leaves the table empty until set_case() or reload() (the window's
        History tab reads the trail only when it is shown)."""
        super().__init__(parent)
        self.repo = repo
        self.case_id = case_id
        self.model = HistoryModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter: a field, a value, a user, a reason…")
        self.filter_edit.setClearButtonEnabled(True)
        self.item_combo = QComboBox()
        self.item_combo.addItem("All items", "")
        for key, label in ITEMS.items():
            self.item_combo.addItem(label if key == "case" else f"{label}s", key)
        self.export_button = QPushButton("Export CSV…")
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 3)
        bar.addWidget(self.item_combo, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.item_combo.currentIndexChanged.connect(self._apply_filter)
        self.export_button.clicked.connect(self._export_clicked)
        if load:
            self.reload()

    def set_case(self, case_id: int | None) -> None:
        """Show another case's history (None: the whole casebook)."""
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        """Read the trail again (after a save, a delete or a restore)."""
        entries = self.repo.history(self.case_id)
        self.table.setColumnHidden(2, self.case_id is not None)  # one case: no Case column
        exports: list[ExportEvent] = []
        if self.case_id is None:  # the whole casebook: its data exports too
            from storage.export_log import export_events

            exports = export_events(self.repo.db)
        self.model.set_entries(entries, exports)
        self.table.resizeColumnsToContents()
        for column in (4, 6, 7):  # long names and notes must not push the rest out of sight
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        self._update_count()

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_edit.text(), self.item_combo.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        exports = self.model.export_count()
        what = (f"changes and {exports} export{'s' if exports != 1 else ''}" if exports
                else "changes")
        self.count_label.setText(
            f"{total - exports} {what} recorded" if shown == total
            else f"{shown} of {total} {'rows' if exports else 'changes'} shown"
        )

    def export_csv(self, path: Path | str) -> int:
        """Write the entries shown (as filtered) to a CSV file; returns how many."""
        rows = self.model.shown_rows()
        header = CSV_HEADERS if self.case_id is None else _without_case(CSV_HEADERS)
        body = [row if self.case_id is None else _without_case(row) for row in rows]
        try:  # all or nothing, cells neutralised, mode 0600 (storage.safe_write)
            write_csv_atomically(path, header, body)
        except SafeWriteError as e:
            raise OSError(str(e)) from None
        return len(rows)

    def _export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the history", "history.csv", "CSV files (*.csv)"
        )
        if not path:
            return
        try:
            n = self.export_csv(path)
        except OSError as e:
            QMessageBox.warning(self, "Export failed", e.strerror or str(e))
            return
        self.count_label.setText(f"{n} changes exported to {path}")


def _without_case(row: tuple[str, ...]) -> tuple[str, ...]:
    return row[:2] + row[3:]
