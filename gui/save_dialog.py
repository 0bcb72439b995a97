"""What the save dialogs (chart export, case report, reports of a selection) share: a form
of rows, the Save/Cancel buttons, the path typed in, and a write that warns in plain words.

Nothing here imports the chart code (pyqtgraph): the export error is looked up only when
something failed, and by then the dialog that wrote has imported it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def form_rows(*rows: tuple) -> QFormLayout:
    """A form of (label, field) rows; a label of "" leaves the field without one."""
    form = QFormLayout()
    for row in rows:
        form.addRow(*row)
    return form


def dialog_buttons(dialog: QDialog, text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and an accepting default button named `text`, wired to the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    button.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def stack(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """The dialog's layout: its parts (widgets or layouts) one below the other."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout


def typed_path(dialog: QWidget, title: str, line: QLineEdit, missing: str) -> Path | None:
    """The path typed in `line`, or None after saying `missing` when nothing is typed."""
    text = line.text().strip()
    if not text:
        QMessageBox.warning(dialog, title, missing)
        return None
    return Path(text).expanduser()


def run_or_warn(dialog: QWidget, title: str, failed: str, write: Callable[[], object],
                passing: tuple[type[BaseException], ...] = ()) -> bool:
    """Run `write`; on failure say `failed` and why in plain words (never a traceback for
    a clinician) and give False. Exceptions in `passing` are left to the caller."""
    try:
        write()
    except passing:
        raise
    except Exception as e:
        from .plots.export import ExportError

        if isinstance(e, ExportError):
            QMessageBox.warning(dialog, title, f"{failed}: {e}.")
        else:
            QMessageBox.warning(dialog, title, f"{failed} ({type(e).__name__}).")
        return False
    return True
