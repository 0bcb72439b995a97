"""File > Restore from backup...: choose one of the casebook's backups, or another file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from storage.backup import backup_dir

from .table import BackupTable


class BackupPicker(QDialog):
    """After accept(), chosen() is the backup to restore."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.db_path = Path(db_path)
        self._other: Path | None = None
        intro = QLabel(
            "Choose the backup to restore. The casebook's present content is kept as a "
            "backup first, so a restore can itself be undone."
        )
        intro.setWordWrap(True)
        self.table = BackupTable()
        self.empty_label = QLabel(f"There are no backups in {backup_dir(self.db_path)} yet.")
        self.other_button = QPushButton("Choose another file…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch()
        row.addWidget(self.buttons)
        layout.addLayout(row)
        backups = self.table.show_backups(self.db_path)
        self.empty_label.setVisible(not backups)
        self.restore_button.setEnabled(bool(backups))
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.table.selected_path() is not None)
        )
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.other_button.clicked.connect(self._choose_other)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(620, 400)

    def _choose_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup file",
            str(backup_dir(self.db_path)),
            "Casebook backups (*.sqlite *.db);;All files (*)",
        )
        if path:
            self._other = Path(path)
            self.accept()

    def chosen(self) -> Path | None:
        return self._other or self.table.selected_path()
