"""Saving, reverting, undo, the unsaved-changes prompt, new / duplicate / delete, conflicts."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.editor import prompts
from storage.db import open_db
from storage.repository import CaseRepository
from tests.gui.helpers import dump, type_cell, type_into

B = QMessageBox.StandardButton


def row_of(w, reference: str) -> int:
    return next(r for r in range(w.model.rowCount()) if w.model.index(r, 1).data() == reference)


def click_row(qtbot, w, row: int) -> None:
    rect = w.table.visualRect(w.model.index(row, 0))
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answer_questions(monkeypatch, answer) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def revert(monkeypatch, w) -> list[str]:
    """File > Revert, answering Yes to its question; the questions asked."""
    asked = answer_questions(monkeypatch, B.Yes)
    w.revert_action.trigger()
    return asked


@pytest.mark.parametrize("answer", [B.Save, B.Discard, B.Cancel])
def test_switching_case_with_unsaved_edits_asks(qtbot, open_window, monkeypatch, answer):
    w = open_window()
    first = w.editor.case_id()
    label = w.editor.patient.edits["label"].text()
    type_into(qtbot, w.editor.patient.edits["label"], "Renamed")
    asked = answer_questions(monkeypatch, answer)
    click_row(qtbot, w, 3)
    assert "The case 'Renamed' has changes that are not saved" in asked[0]
    stored = w.repo.get(first).label
    if answer == B.Save:
        assert stored == "Renamed" and w.editor.case_id() != first
        assert w.model.index(w.model.row_of(first), 0).data() == "Renamed"
    elif answer == B.Discard:
        assert stored == label and w.editor.case_id() != first
    else:
        assert stored == label and w.editor.case_id() == first
        assert w.editor.patient.edits["label"].text() == "Renamed" and w.editor.is_dirty()
        assert w.table.currentIndex().row() == 0  # the list stays on the case being edited
        revert(monkeypatch, w)


@pytest.mark.parametrize("answer", [B.Save, B.Discard, B.Cancel])
def test_closing_with_unsaved_edits_asks(qtbot, open_window, monkeypatch, answer):
    w = open_window()
    case_id = w.editor.case_id()
    type_into(qtbot, w.editor.patient.edits["age"], "56")
    asked = answer_questions(monkeypatch, answer)
    w.close()
    assert asked
    assert w.isVisible() == (answer == B.Cancel)
    assert w.repo.get(case_id).age == (56 if answer == B.Save else 55)
    if answer == B.Cancel:
        assert w.editor.patient.edits["age"].text() == "56"
        revert(monkeypatch, w)


def test_revert_discards_edits(qtbot, open_window, db_path, monkeypatch):
    w = open_window()
    before = dump(db_path)
    type_into(qtbot, w.editor.patient.edits["age"], "99")
    assert w.revert_action.isEnabled() and w.isWindowModified()
    revert(monkeypatch, w)
    assert w.editor.patient.edits["age"].text() == "55"
    assert not w.editor.is_dirty() and not w.save_action.isEnabled()
    assert dump(db_path) == before


def test_undo_and_redo_edits(qtbot, open_window, monkeypatch):
    w = open_window()
    label, age = w.editor.patient.edits["label"], w.editor.patient.edits["age"]
    type_into(qtbot, label, "Changed")
    type_into(qtbot, age, "60")
    # Ctrl+Z in a field goes through the case's history: typing in one field is one step
    qtbot.keyClick(age, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (label.text(), age.text()) == ("Changed", "55")
    qtbot.keyClick(age, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == "McCombs 1947 (ref 20)" and not w.editor.is_dirty()
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(age, Qt.Key.Key_Z, mods)
    assert label.text() == "Changed" and w.editor.is_dirty()
    w.redo_action.trigger()
    assert age.text() == "60"
    revert(monkeypatch, w)


def test_ctrl_z_in_a_loaded_regimen_field_undoes_through_the_case(qtbot, open_window):
    w = open_window()
    w.select_row(row_of(w, "Our case"))  # its regimen box is built by loading, not by typing
    label = w.editor.patient.edits["label"]
    type_into(qtbot, label, "Index case, checked")
    w.editor.tabs.setCurrentWidget(w.editor.treatments)
    w.editor.treatments.setCurrentWidget(w.editor.regimens)
    name = w.editor.regimens.boxes[0].name
    name.setFocus()
    # the first key pressed in that field is Ctrl+Z: it undoes the case's last edit
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == "Takashima 2017 (index case)"
    assert not w.editor.is_dirty()


def test_undo_restores_a_deleted_lab_row(qtbot, open_window):
    w = open_window()
    w.select_row(row_of(w, "Our case"))
    labs = w.editor.labs
    w.editor.tabs.setCurrentWidget(labs)
    view = labs.editor.view
    first_cell = view.visualRect(labs.model.index(0, 3)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first_cell)
    qtbot.mouseClick(labs.editor.delete_button, Qt.MouseButton.LeftButton)
    assert labs.model.rowCount() == 12
    w.undo_action.trigger()
    assert labs.model.rowCount() == 13 and labs.model.row(0)["value"] == "15242"
    assert not w.editor.is_dirty()


def test_editing_a_preloaded_case_keeps_its_provenance(qtbot, open_window):
    w = open_window()
    w.select_row(row_of(w, "Our case"))
    case_id = w.editor.case_id()
    before = w.repo.get(case_id)
    w.editor.tabs.setCurrentWidget(w.editor.labs)
    type_cell(qtbot, w.editor.labs.editor.view, 0, "Value", "15000")
    w.editor.tabs.setCurrentWidget(w.editor.patient)
    type_into(qtbot, w.editor.patient.edits["occupation"], "Polisher")
    w.save_action.trigger()
    after = w.repo.get(case_id)
    assert after.labs[0].value == 15000 and after.occupation == "Polisher"
    assert after.sources == before.sources
    for part in ("labs", "antibodies", "steroid_steps", "treatments", "assessments", "findings"):
        assert [x.source for x in getattr(after, part)] == [x.source for x in getattr(before, part)]
    assert [r.source for r in after.regimens] == [r.source for r in before.regimens]
    cycles = [[c.source for c in r.cycles] for r in after.regimens]
    assert cycles == [[c.source for c in r.cycles] for r in before.regimens]
    assert after.labs[0].source.quote.startswith("creatine kinase (CK), 15,242 IU/L")
    assert after.labs[0].note == before.labs[0].note
    assert [f.name for f in after.findings] == [f.name for f in before.findings]
    w.editor.tabs.setCurrentWidget(w.editor.sources_tab)
    sources = w.editor.sources.tree
    assert sources.topLevelItem(0).text(0) == f"Case ({len(before.sources)})"


def test_new_case_needs_only_a_label(qtbot, open_window):
    w = open_window()
    w.new_action.trigger()
    assert not w.save_action.isEnabled()  # nothing typed, nothing to save
    assert "Label: required" in w.editor.patient.messages["label"].plain_text()
    type_into(qtbot, w.editor.patient.edits["label"], "Ward 5, bed 2")
    w.save_action.trigger()
    case = w.repo.get(w.editor.case_id())
    assert case.label == "Ward 5, bed 2" and case.tumour.type == "not specified"
    assert case.outcome.final_outcome == "not specified"
    assert w.case_list.count.text() == "18 of 18 cases"
    assert w.table.currentIndex().data() == "Ward 5, bed 2"


def test_duplicate_keeps_provenance_under_a_new_label(open_window):
    w = open_window()
    w.select_row(row_of(w, "Our case"))
    original = w.repo.get(w.editor.case_id())
    w.duplicate_action.trigger()
    copy = w.repo.get(w.editor.case_id())
    assert copy.id != original.id and copy.label == "Takashima 2017 (index case) (copy)"
    assert copy.sources == original.sources and copy.seed_key is None
    assert [x.source for x in copy.labs] == [x.source for x in original.labs]
    assert w.repo.count() == 18


@pytest.mark.parametrize("answer", [B.No, B.Yes])
def test_delete_asks_naming_the_case(open_window, monkeypatch, db_path, answer):
    w = open_window()
    w.select_row(row_of(w, "24"))
    case_id = w.editor.case_id()
    before = dump(db_path)
    asked = answer_questions(monkeypatch, answer)
    w.delete_action.trigger()
    assert "Delete the case 'Rose 1979 (ref 24)'" in asked[0]
    if answer == B.No:
        assert dump(db_path) == before and w.editor.case_id() == case_id
    else:
        assert w.repo.count() == 16 and w.model.row_of(case_id) is None
        assert w.case_list.count.text() == "16 of 16 cases"
        assert w.editor.case_id() is not None and w.editor.case_id() != case_id


@pytest.mark.parametrize("answer", [prompts.RELOAD, prompts.COPY, prompts.CANCEL])
def test_a_case_changed_elsewhere_is_not_overwritten(
    qtbot, open_window, monkeypatch, db_path, answer
):
    w = open_window()
    case_id = w.editor.case_id()
    other = CaseRepository(open_db(db_path))  # another window, or another program
    theirs = other.get(case_id)
    theirs.occupation = "Miner"
    other.save(theirs)
    other.db.close()
    type_into(qtbot, w.editor.patient.edits["occupation"], "Baker")
    asked = []
    monkeypatch.setattr(
        prompts, "ask_conflict", lambda _p, message, _r: asked.append(message) or answer
    )
    saved = w.session.save()
    assert "was changed elsewhere since you opened it" in asked[0]
    assert w.repo.get(case_id).occupation == "Miner"  # theirs is never overwritten
    occupation = w.editor.patient.edits["occupation"].text()
    if answer == prompts.RELOAD:
        assert not saved and occupation == "Miner" and not w.editor.is_dirty()
    elif answer == prompts.COPY:
        copy = w.repo.get(w.editor.case_id())
        assert saved and copy.id != case_id and copy.occupation == "Baker"
        assert copy.label == "McCombs 1947 (ref 20) (my copy)"
        assert w.model.row_of(copy.id) is not None
    else:
        assert not saved and occupation == "Baker" and w.editor.is_dirty()
        revert(monkeypatch, w)


def test_a_failed_write_keeps_the_typed_values(qtbot, open_window, monkeypatch, db_path):
    w = open_window()
    before = dump(db_path)
    type_into(qtbot, w.editor.patient.edits["occupation"], "Carpenter")

    def broken_save(case, check_version=True):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(w.repo, "save", broken_save)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    w.save_action.trigger()
    assert "could not be written (disk I/O error)" in shown[0]
    assert "your edits are still in the form" in shown[0]
    assert w.editor.patient.edits["occupation"].text() == "Carpenter" and w.editor.is_dirty()
    assert dump(db_path) == before
    revert(monkeypatch, w)


def test_delete_key_deletes_from_the_list_only(qtbot, open_window, monkeypatch):
    w = open_window()
    asked = answer_questions(monkeypatch, B.No)
    age = w.editor.patient.edits["age"]
    age.setFocus()
    age.setCursorPosition(0)
    qtbot.keyClick(age, Qt.Key.Key_Delete)  # in a field, Delete deletes a character
    assert age.text() == "5" and asked == []
    revert(monkeypatch, w)
    asked = answer_questions(monkeypatch, B.No)
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    assert "Delete the case 'McCombs 1947 (ref 20)'" in asked[0]


def test_views_follow_the_open_case(qtbot, open_window):
    w = open_window()
    shown = []
    w.editor.case_loaded.connect(shown.append)
    w.select_row(row_of(w, "Our case"))
    assert shown[-1].label == "Takashima 2017 (index case)" and shown[-1].labs
    type_into(qtbot, w.editor.patient.edits["occupation"], "Polisher")
    w.save_action.trigger()
    assert shown[-1].occupation == "Polisher" and shown[-1].version == 2


def test_sort_by_day_orders_labs_and_assessments(qtbot, open_window, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    w = open_window()
    w.select_row(row_of(w, "Our case"))
    for form in (w.editor.labs, w.editor.assessments):
        w.editor.tabs.setCurrentWidget(form)
        rows = form.model.rows()
        form.model.set_rows(list(reversed(rows)))  # as if entered newest first
        (button,) = [b for b in form.findChildren(QPushButton) if b.text() == "Sort by day"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        days = [str(r["day"]) for r in form.model.rows()]
        dated = [int(d) for d in days if d.strip()]
        assert dated == sorted(dated), days
        assert all(d.strip() for d in days[: len(dated)])  # rows with no day come last
    revert(monkeypatch, w)
