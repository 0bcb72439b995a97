"""The list and the editor always agree on "the case": after Cancel at the unsaved-changes
prompt or a refused save, the list's selection goes back to the case the editor shows,
and File > Delete names and deletes that case. Prompts are the real message boxes,
answered by clicking their buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.case_list.model import CASE_ID_ROLE
from storage.repository import CaseNotFound
from tests.gui.helpers import type_into

B = QMessageBox.StandardButton
REAL = {name: getattr(QMessageBox, name) for name in ("question", "warning")}


def real_boxes(monkeypatch) -> None:
    """Undo the suite's guard against unanswered dialogs: this test answers them."""
    for name, box in REAL.items():
        monkeypatch.setattr(QMessageBox, name, box)


def answer(qtbot, *buttons: B) -> list[str]:
    """Click `buttons` in the message boxes that open next, one each; their texts."""
    seen: list[str] = []
    pending = list(buttons)
    handled: list[QMessageBox] = []

    def click(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box in handled or not box.isVisible():
            if tries < 200:  # the next box is not open yet: look again in the next loop
                QTimer.singleShot(0, lambda: click(tries + 1))
            return
        handled.append(box)
        seen.append(f"{box.windowTitle()}: {box.text()}")
        button = box.button(pending.pop(0))
        if pending:
            QTimer.singleShot(0, click)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return seen


def click_row(qtbot, w, row: int) -> None:
    rect = w.table.visualRect(w.model.index(row, 0))
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()


def selected_ids(w) -> list[int]:
    rows = w.table.selectionModel().selectedRows()
    return sorted(i.data(CASE_ID_ROLE) for i in rows)


def assert_list_shows_editor_case(w) -> None:
    editor_id = w.editor.case_id()
    assert w.table.currentIndex().data(CASE_ID_ROLE) == editor_id
    assert selected_ids(w) == [editor_id]


def test_cancel_at_the_prompt_keeps_the_list_on_the_edited_case(qtbot, open_window, monkeypatch):
    w = open_window()
    real_boxes(monkeypatch)
    edited = w.editor.case_id()
    stored_label = w.editor.base_case.label
    type_into(qtbot, w.editor.patient.edits["label"], "Renamed")
    assert w.windowTitle().startswith("Renamed — DM Casebook")
    clicked = w.model.index(3, 0).data(CASE_ID_ROLE)
    clicked_label = w.model.index(3, 0).data()
    seen = answer(qtbot, B.Cancel)
    click_row(qtbot, w, 3)
    assert seen and "'Renamed' has changes that are not saved" in seen[0]
    assert w.editor.case_id() == edited and w.editor.is_dirty()
    assert_list_shows_editor_case(w)
    assert w.windowTitle().startswith("Renamed — DM Casebook")
    assert w.delete_action.text() == f"&Delete case '{stored_label}'..."

    # File > Delete now names and deletes the editor's case, not the one clicked
    w.editor.patient.edits["label"].setFocus()
    assert w.delete_action in w.file_menu.actions()
    seen = answer(qtbot, B.Yes)
    w.delete_action.trigger()
    assert seen and f"Delete the case '{stored_label}'" in seen[0]
    assert clicked_label not in seen[0]
    assert w.model.row_of(edited) is None
    assert w.repo.get(clicked).label == clicked_label
    with pytest.raises(CaseNotFound):
        w.repo.get(edited)
    assert_list_shows_editor_case(w)


def test_a_refused_save_keeps_the_list_on_the_edited_case(qtbot, open_window, monkeypatch):
    w = open_window()
    real_boxes(monkeypatch)
    edited = w.editor.case_id()
    type_into(qtbot, w.editor.patient.edits["age"], "300")
    seen = answer(qtbot, B.Save, B.Ok)  # Save, then "Fix these first" is acknowledged
    click_row(qtbot, w, 5)
    assert len(seen) == 2 and seen[1].startswith("Not saved: Fix these first")
    assert w.editor.case_id() == edited
    assert_list_shows_editor_case(w)
    # and a move with the keyboard, Cancel: the list stays too
    w.table.setFocus()
    seen = answer(qtbot, B.Cancel)
    qtbot.keyClick(w.table, Qt.Key.Key_Down)
    QApplication.processEvents()
    assert seen and w.editor.case_id() == edited
    assert_list_shows_editor_case(w)
    type_into(qtbot, w.editor.patient.edits["age"], "55")


def test_an_accepted_move_follows_the_click(qtbot, open_window, monkeypatch):
    w = open_window()
    real_boxes(monkeypatch)
    type_into(qtbot, w.editor.patient.edits["age"], "56")
    clicked = w.model.index(4, 0).data(CASE_ID_ROLE)
    seen = answer(qtbot, B.Discard)
    click_row(qtbot, w, 4)
    assert seen and w.editor.case_id() == clicked
    assert_list_shows_editor_case(w)
    label = w.editor.base_case.label
    assert w.windowTitle().startswith(f"{label} — DM Casebook")
    assert w.duplicate_action.text() == f"D&uplicate case '{label}'"
