"""The casebook cannot be opened: say why, and offer a backup, another file or a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from .table import BackupTable


class BadFileDialog(QDialog):
    """After it closes, choice is "backup" (selected_backup()), "other", "new" or "quit"."""

    def __init__(self, path: Path, message: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("DM Casebook cannot open the casebook")
        self.path = Path(path)
        self.choice = "quit"
        headline = QLabel(f"<b>{self.path.name} cannot be opened.</b>")
        self.message_label = QLabel(f"{message}\n\nNothing was written to this file.")
        self.message_label.setWordWrap(True)
        self.table = BackupTable()
        backups = self.table.show_backups(self.path)
        self.backup_label = QLabel(
            "Backups of this casebook: open a copy of one (the backup itself stays as it is)."
            if backups
            else "There is no backup of this casebook beside it."
        )
        self.backup_label.setWordWrap(True)
        self.backup_button = QPushButton("Open a copy of this backup")
        self.other_button = QPushButton("Open another file…")
        self.new_button = QPushButton("New casebook…")
        self.quit_button = QPushButton("Quit")
        self.table.setVisible(bool(backups))
        self.backup_button.setVisible(bool(backups))
        self.table.itemSelectionChanged.connect(
            lambda: self.backup_button.setEnabled(self.table.selected_path() is not None)
        )
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.other_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        for w in (headline, self.message_label, self.backup_label, self.table):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(lambda: self._done("backup"))
        self.other_button.clicked.connect(lambda: self._done("other"))
        self.new_button.clicked.connect(lambda: self._done("new"))
        self.quit_button.clicked.connect(lambda: self._done("quit"))
        self.resize(640, 420 if backups else 220)

    def _done(self, choice: str) -> None:
        self.choice = choice
        if choice == "quit":
            self.reject()
        else:
            self.accept()

    def selected_backup(self) -> Path | None:
        return self.table.selected_path()
