"""File > Import...: the validation report of an import, and the choice to make it.

Shows what a dry run found: every problem (file, row, column, what is allowed), in which
case nothing can be imported; or how many cases are new and how many are already in the
casebook, to be skipped or updated. The caller reads existing() after exec()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from storage.data_import import ImportReport


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"From {source}"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        self.existing_label = QLabel("Cases already in the casebook:")
        self.existing_box = QComboBox()
        self.existing_box.addItem("skip them (keep the casebook's version)", "skip")
        self.existing_box.addItem("update them from the file", "update")
        row.addWidget(self.existing_label)
        row.addWidget(self.existing_box, 1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.valid_only_box = QCheckBox(
            f"Import only the {len(report.new) + len(report.skipped)} case(s) without "
            f"problems, leaving out the {len(report.invalid)} with one")
        self.valid_only_box.toggled.connect(self.import_button.setEnabled)
        layout.insertWidget(layout.count() - 1, self.valid_only_box)
        self.valid_only_box.setVisible(bool(report.problems) and not report.blocked)
        if report.problems:
            self.summary.setText(
                f"{len(report.problems)} problem(s). Correct them in the files and import "
                "again" + ("; nothing can be imported until then." if report.blocked else
                           f", or import the cases without problems ({len(report.invalid)} "
                           "case(s) have one).") + " The casebook was not changed.")
            self.details.setPlainText("\n".join(
                [str(p) for p in report.problems]
                + [f"left out: {label}" for label in report.invalid]))
            self.import_button.setEnabled(False)
        else:
            self.summary.setText(
                f"{len(report.new)} new case(s); {len(report.skipped)} already in the "
                "casebook (same case uuid, or the same case of the paper).")
            self.details.setPlainText("\n".join(
                [f"new: {label}" for label in report.new]
                + [f"already in the casebook: {label}" for label in report.skipped]))
            self.import_button.setEnabled(bool(report.new or report.skipped))
        has_existing = bool(report.skipped) and not report.blocked
        self.existing_label.setVisible(has_existing)
        self.existing_box.setVisible(has_existing)

    def valid_only(self) -> bool:
        return self.valid_only_box.isChecked()

    def existing(self) -> str:
        return self.existing_box.currentData()
