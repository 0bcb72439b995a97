"""The open case and the repository: load, save, revert, duplicate, delete.

Every failure is caught and told in plain words; the form keeps what was typed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from domain.model import Case
from domain.serialize import duplicate
from storage.db import StoreBusy, sqlite_failure
from storage.repository import CaseNotFound, CaseRepository, ConflictError, InvalidCase

from ..events import CasebookEvents
from . import prompts
from .case_editor import CaseEditor

NOT_SAVED = "Nothing was saved; your edits are still in the form."
NOT_DELETED = "The case was not deleted."


def write_failed(db, e: sqlite3.Error, outcome: str) -> str:
    """Why a write failed, with advice only where it applies (a full disk, a read-only
    file, an input/output error), then what happened to the user's work."""
    if isinstance(e, StoreBusy):
        return f"{e}\n\n{outcome}"
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    return f"{sqlite_failure(path, e, 'written')}.\n\n{outcome}"


class CaseSession(QObject):
    """Connects the editor to the repository."""

    message = Signal(str)  # a line for the status bar

    def __init__(
        self, repo: CaseRepository, editor: CaseEditor, events: CasebookEvents, parent: QWidget
    ):
        super().__init__(parent)
        self.repo = repo
        self.editor = editor
        self.events = events  # saves and deletes are announced there
        self.window = parent

    # ---- opening --------------------------------------------------------------------------
    def open(self, case_id: int) -> bool:
        try:
            case = self.repo.get(case_id)
        except CaseNotFound:
            prompts.show_error(self.window, "Case not found", "This case was deleted elsewhere.")
            return False
        except sqlite3.Error as e:
            prompts.show_error(
                self.window, "Cannot read the case", f"The casebook could not be read ({e})."
            )
            return False
        self.editor.set_case(case)
        return True

    def new(self) -> None:
        self.editor.set_case(Case(label=""))
        self.editor.focus_label()

    def revert(self) -> None:
        """Back to the case as last loaded or saved."""
        if self.editor.base_case is not None:
            self.editor.set_case(self.editor.base_case)
            self.message.emit("Changes discarded")

    def resolve_unsaved(self) -> bool:
        """Ask about unsaved edits; True when it is fine to go on (saved or discarded)."""
        if not self.editor.is_dirty():
            return True
        answer = prompts.ask_unsaved(self.window, self.editor.current_label())
        if answer == prompts.SAVE:
            return self.save()
        if answer == prompts.DISCARD:
            self.revert()
            return True
        return False

    # ---- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the edited case in one transaction; False (nothing written) otherwise."""
        case, problems = self.editor.build()
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            self.editor.show_first_problem()
            prompts.show_error(
                self.window,
                "Not saved",
                "Fix these first:\n\n" + "\n".join(f"• {p}" for p in errors[:8]),
            )
            return False
        unusual = [p for p in problems if p.severity == "confirm"]
        if unusual and not prompts.confirm_unusual(self.window, unusual):
            self.editor.show_first_problem(unusual)
            return False
        return self._write(case)

    def _write(self, case: Case) -> bool:
        try:
            self.repo.save(case)
        except InvalidCase as e:
            prompts.show_error(self.window, "Not saved", "\n".join(f"• {p}" for p in e.problems))
            return False
        except ConflictError as e:
            return self._conflict(case, str(e), can_reload=True)
        except CaseNotFound:
            msg = f"'{case.label}' was deleted elsewhere since you opened it."
            return self._conflict(case, msg, can_reload=False)
        except sqlite3.Error as e:
            prompts.show_error(self.window, "Not saved", write_failed(self.repo.db, e, NOT_SAVED))
            return False
        base = self.editor.base_case
        if base is not None and base.uuid == case.uuid:
            self.editor.mark_saved(case)  # the forms already show what was written
        else:
            self.editor.set_case(case)  # a copy: show it
        self.events.saved.emit(case)
        self.message.emit(f"Saved '{case.label}'")
        return True

    def _conflict(self, mine: Case, message: str, can_reload: bool) -> bool:
        answer = prompts.ask_conflict(self.window, message, can_reload)
        if answer == prompts.RELOAD and mine.id is not None:
            self.open(mine.id)
            self.message.emit("Reloaded the stored case; your edits were discarded")
            return False
        if answer == prompts.COPY:
            copy = duplicate(mine, f"{mine.label} (my copy)")
            return self._write(copy)
        return False

    # ---- whole cases ----------------------------------------------------------------------
    def duplicate(self) -> bool:
        """Save a copy of the current case under a new label and open it."""
        base = self.editor.base_case
        if base is None or base.id is None or not self.resolve_unsaved():
            return False
        base = self.editor.base_case
        return self._write(duplicate(base, f"{base.label} (copy)"))

    def delete(self) -> int | None:
        """Delete the current case after confirmation; its id, or None."""
        base = self.editor.base_case
        if base is None or base.id is None:
            return None
        if not prompts.confirm_delete(self.window, base.label):
            return None
        try:
            self.repo.delete(base.id)
        except CaseNotFound:
            pass  # already gone: the list catches up below
        except sqlite3.Error as e:
            prompts.show_error(
                self.window, "Not deleted", write_failed(self.repo.db, e, NOT_DELETED)
            )
            return None
        self.editor.clear()
        self.events.deleted.emit(base.id)
        self.message.emit(f"Deleted '{base.label}'")
        return base.id
