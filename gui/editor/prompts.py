"""The questions the editor asks. Each is one function, so a test can answer it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from domain.problems import Problem

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RELOAD, COPY = "reload", "copy"

Button = QMessageBox.StandardButton


def ask_unsaved(parent: QWidget | None, label: str) -> str:
    """Save / Discard / Cancel for unsaved edits."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"The case '{label or 'New case'}' has changes that are not saved.\n\n"
        "Save them before going on?",
        Button.Save | Button.Discard | Button.Cancel,
        Button.Save,
    )
    return {Button.Save: SAVE, Button.Discard: DISCARD}.get(answer, CANCEL)


def _yes(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question whose safe answer, No, is the default."""
    answer = QMessageBox.question(parent, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def confirm_unusual(parent: QWidget | None, problems: Sequence[Problem]) -> bool:
    """Yes to save values that are possible but far outside the usual range."""
    lines = "\n".join(f"• {p}" for p in problems)
    return _yes(
        parent, "Unusual values", f"Please check:\n\n{lines}\n\nSave these values as they are?"
    )


def confirm_revert(parent: QWidget | None, label: str) -> bool:
    """Yes to throw away the unsaved edits (No, the default, keeps them)."""
    return _yes(
        parent,
        "Revert",
        f"Discard the unsaved changes to '{label or 'New case'}' and go back to the case as "
        "last saved?\n\nThis cannot be undone.",
    )


def confirm_delete(parent: QWidget | None, label: str) -> bool:
    return _yes(
        parent,
        "Delete case",
        f"Delete the case '{label}' and everything recorded in it?\n\nThis cannot be undone.",
    )


def ask_conflict(parent: QWidget | None, message: str, can_reload: bool = True) -> str:
    """The case changed in the file since it was opened: reload theirs, copy mine, cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Case changed elsewhere")
    box.setText(message)
    box.setInformativeText(
        "Your edits are still in the form. Reload the stored case (your edits are lost), "
        "or save your version as a new case."
    )
    reload = box.addButton("Reload theirs", QMessageBox.ButtonRole.DestructiveRole)
    reload.setEnabled(can_reload)
    copy = box.addButton("Save mine as a copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(Button.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    clicked = box.clickedButton()
    return RELOAD if clicked is reload else COPY if clicked is copy else CANCEL


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
