"""Your data from the window: File > Back up now, File > Restore from backup..., the
daily backup at start-up, and what happens when the casebook cannot be opened.

    back_up_now(parent, db_path) -> Path | None          the backup made
    restore_from_backup(parent, db_path) -> Path | None  the backup restored; then reload
    open_casebook(path) -> (db, path) | None             start-up: open, or ask what to do
    daily_backup_at_start(parent, db, db_path)           once a day, a warning if it fails
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from storage.backup import (
    BackupError,
    copy_of_backup,
    daily_backup,
    kept_backups,
    make_backup,
    restore,
)
from storage.db import EmptyCasebook, StoreError, open_db

from .bad_file_dialog import BadFileDialog
from .picker import BackupPicker

if TYPE_CHECKING:
    import sqlite_utils

CASEBOOK_FILES = "Casebooks (*.sqlite *.db);;All files (*)"


def back_up_now(parent: QWidget | None, db_path: Path | str) -> Path | None:
    """Make a backup now and say where it is; None (after a message) when it failed."""
    try:
        path = make_backup(Path(db_path), "manual")
    except BackupError as e:
        QMessageBox.warning(parent, "Backup failed", str(e))
        return None
    kept = kept_backups(Path(db_path), "manual")
    QMessageBox.information(
        parent,
        "Backed up",
        f"The casebook was backed up to\n{path}\n\n{len(kept)} manual backup(s) kept "
        f"in {path.parent} (the newest by file date).",
    )
    return path


def restore_from_backup(parent: QWidget | None, db_path: Path | str) -> Path | None:
    """Choose a backup, confirm, restore it (after keeping the present content as a
    backup); returns the backup restored, or None. The caller reloads its views: the
    open connection sees the restored content."""
    db_path = Path(db_path)
    picker = BackupPicker(db_path, parent)
    if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen() is None:
        return None
    chosen = picker.chosen()
    answer = QMessageBox.question(
        parent,
        "Restore from backup",
        f"Replace the casebook's content by the backup\n{chosen.name}?\n\n"
        "The present content is kept as a backup first.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        kept = restore(db_path, chosen)
    except BackupError as e:
        QMessageBox.warning(parent, "Restore failed", f"{e}\n\nThe casebook was not changed.")
        return None
    QMessageBox.information(
        parent,
        "Restored",
        f"The casebook now holds the backup {chosen.name}.\nWhat it held before is kept in\n{kept}",
    )
    return chosen


def ask_bad_file(path: Path, message: str, parent: QWidget | None = None) -> Path | None:
    """Show why the casebook cannot be opened; the file to try next, or None to quit."""
    while True:
        dialog = BadFileDialog(path, message, parent)
        dialog.exec()
        if dialog.choice == "backup" and dialog.selected_backup() is not None:
            try:
                return copy_of_backup(dialog.selected_backup(), path)
            except BackupError as e:
                message = f"{message}\n\nThe backup could not be used: {e}"
        elif dialog.choice == "other":
            chosen, _ = QFileDialog.getOpenFileName(
                parent, "Open a casebook", str(path.parent), CASEBOOK_FILES
            )
            if chosen:
                return Path(chosen)
        elif dialog.choice == "new":
            chosen, _ = QFileDialog.getSaveFileName(
                parent, "New casebook", str(path.parent / "casebook.sqlite"), CASEBOOK_FILES
            )
            if chosen:
                return Path(chosen)
        else:
            return None


def ask_empty_file(path: Path, parent: QWidget | None = None) -> bool:
    """An empty file (0 bytes): start a new casebook in it only if the user says so."""
    answer = QMessageBox.question(
        parent,
        "Empty file",
        f"{path}\nis an empty file (0 bytes), not a casebook.\n\n"
        "Start a new casebook in this file? (The paper's 17 cases are loaded into it; "
        "its permissions stay as they are.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_casebook(
    path: Path,
    ask: Callable[[Path, str], Path | None] = ask_bad_file,
    ask_empty: Callable[[Path], bool] = ask_empty_file,
    quick_check: bool = True,
) -> tuple[sqlite_utils.Database, Path] | None:
    """Open the casebook; while a file cannot be opened (nothing is written to it), ask
    what to open instead; an empty file is used only when the user agrees. None when the
    user quits. quick_check=False leaves SQLite's quick check to the caller (the window
    runs it once it is up: gui.backup.quick_check)."""
    while True:
        try:
            try:
                return open_db(path, quick_check=quick_check), path
            except EmptyCasebook:
                if not ask_empty(path):
                    raise
                return open_db(path, allow_empty=True, quick_check=quick_check), path
        except StoreError as e:
            following = ask(path, str(e))
        if following is None:
            return None
        path = following


def daily_backup_at_start(
    parent: QWidget | None, db: sqlite_utils.Database, db_path: Path
) -> Path | None:
    """The first start of a day backs the casebook up; a failure is said, not fatal."""
    try:
        return daily_backup(db_path, source=db)
    except BackupError as e:
        QMessageBox.warning(
            parent,
            "Daily backup failed",
            f"{e}\n\nThe casebook is open and works, but today's backup was not made. "
            "Use File > Back up now once the problem is solved.",
        )
        return None
