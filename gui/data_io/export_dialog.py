"""File > Export data...: which profile, which formats, where, and whether as a new
folder or as one .zip file. The caller reads the choices (profile(), formats(), target(),
bom()) after exec()."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from domain.export_plan import PROFILES

FORMAT_LABELS = {
    "csv": "Tidy CSV files + codebook (R, Python, any program)",
    "xlsx": "Excel workbook (a sheet per table + codebook)",
    "redcap": "REDCap data dictionary + records",
    "spss": "SPSS / PSPP syntax (.sps) beside the CSV files",
    "stata": "Stata do-file (.do) beside the CSV files",
    "r": "R script (.R) beside the CSV files",
    "fhir": "FHIR R4 Bundle (JSON) for a FHIR server",
}


class DataExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, start_folder: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Export data")
        layout = QVBoxLayout(self)
        box = QGroupBox("De-identification profile")
        grid = QVBoxLayout(box)
        self.profile_group = QButtonGroup(self)
        self.profile_buttons: dict[str, QRadioButton] = {}
        for name, profile in PROFILES.items():
            button = QRadioButton(profile.title)
            self.profile_group.addButton(button)
            self.profile_buttons[name] = button
            grid.addWidget(button)
            button.toggled.connect(self._show_rules)
        self.rules = QPlainTextEdit()  # what the profile does, in full (a label clipped it)
        self.rules.setReadOnly(True)
        self.rules.setMinimumSize(560, 150)
        grid.addWidget(self.rules)
        layout.addWidget(box)
        formats = QGroupBox("Formats")
        fgrid = QGridLayout(formats)
        self.format_boxes: dict[str, QCheckBox] = {}
        for i, (name, text) in enumerate(FORMAT_LABELS.items()):
            check = QCheckBox(text)
            check.setChecked(name == "csv")
            check.toggled.connect(self._update)
            self.format_boxes[name] = check
            fgrid.addWidget(check, i, 0)
        self.bom_box = QCheckBox("Begin CSV files with a byte-order mark (Excel on Windows)")
        fgrid.addWidget(self.bom_box, len(FORMAT_LABELS), 0)
        layout.addWidget(formats)
        row = QHBoxLayout()
        row.addWidget(QLabel("Into the folder:"))
        self.folder_edit = QLineEdit(start_folder)
        self.folder_edit.textChanged.connect(self._update)
        row.addWidget(self.folder_edit, 1)
        browse = QPushButton("Choose...")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        kind = QHBoxLayout()
        kind.addWidget(QLabel("Write the export as:"))
        self.kind_group = QButtonGroup(self)
        self.folder_button = QRadioButton("a new folder")
        self.zip_button = QRadioButton("one .zip file")
        self.folder_button.setChecked(True)
        for button in (self.folder_button, self.zip_button):
            self.kind_group.addButton(button)
            kind.addWidget(button)
            button.toggled.connect(self._update)
        kind.addStretch(1)
        layout.addLayout(kind)
        self.name_label = QLabel()
        layout.addWidget(self.name_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self._show_rules()

    def _show_rules(self) -> None:
        name = self.profile()
        self.rules.setPlainText(
            "\n".join("• " + r for r in PROFILES[name].rules) if name
            else "Choose a profile: it decides what leaves the casebook.")
        self._update()

    def _update(self) -> None:
        ready = bool(self.profile() and self.formats() and self.folder_edit.text().strip())
        self.export_button.setEnabled(ready)
        what = "file" if self.as_zip() else "folder"
        self.name_label.setText(f"A new {what} will be made: {self.target().name}"
                                if ready else "")

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into", self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def profile(self) -> str:
        return next((n for n, b in self.profile_buttons.items() if b.isChecked()), "")

    def formats(self) -> list[str]:
        return [n for n, b in self.format_boxes.items() if b.isChecked()]

    def bom(self) -> bool:
        return self.bom_box.isChecked()

    def as_zip(self) -> bool:
        return self.zip_button.isChecked()

    def folder(self) -> Path:
        """The new export folder, inside the folder chosen."""
        name = f"dm-casebook-export-{self.stamp}-{self.profile() or 'profile'}"
        return Path(self.folder_edit.text().strip()).expanduser() / name

    def target(self) -> Path:
        """What the export writes: the new folder, or the .zip file of that name."""
        folder = self.folder()
        return folder.with_name(folder.name + ".zip") if self.as_zip() else folder
