"""Issue 11, item 6: Revert asks and has a shortcut; the Summary says history,
investigations and the outcome note; a Stage box that holds a stage; a regimen note of
several lines; route 'oral' only suggested; a cycle without a day reported once; the
smoking fields' error example is a number they allow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import add_row, cell, column, type_cell, type_into

B = QMessageBox.StandardButton
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
INDEX = "Takashima 2017 (index case)"


def answer(monkeypatch, button, box="question") -> list[str]:
    asked: list[str] = []

    def reply(_parent, _title, text, *_args):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, box, staticmethod(reply))
    return asked


def test_revert_asks_naming_the_case_and_has_ctrl_r(qtbot, open_window, monkeypatch):
    w = open_window()
    assert w.revert_action in w.file_menu.actions()
    assert w.revert_action.shortcut().toString() == "Ctrl+R"  # shown beside it in the menu
    age = w.editor.patient.edits["age"]
    type_into(qtbot, age, "99")
    asked = answer(monkeypatch, B.No)
    qtbot.keyClick(age, Qt.Key.Key_R, CTRL)
    assert asked and "Discard the unsaved changes to 'McCombs 1947 (ref 20)'" in asked[0]
    assert age.text() == "99" and w.editor.is_dirty()  # No keeps the edits
    asked = answer(monkeypatch, B.Yes)
    w.revert_action.trigger()
    assert asked and age.text() == "55" and not w.editor.is_dirty()


def test_the_summary_has_history_investigations_and_outcome_note(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    case = w.editor.base_case
    w.editor.tabs.setCurrentWidget(w.editor.summary)
    text = w.editor.summary.toPlainText()
    assert "History" in text and case.history[:60] in text
    assert "Investigations" in text and "Muscle MRI (STIR)" in text
    assert "CT (mediastinal lymph nodes) (about day 75): Swelling disappeared" in text
    assert "Outcome" in text and case.outcome.note[:60] in text


def test_the_stage_box_holds_a_whole_stage(qtbot, open_window):
    w = open_window()
    stage = w.editor.patient.edits["stage"]
    type_into(qtbot, stage, "pT2aN2M1b, stage IVA")
    w.editor.tabs.setCurrentWidget(w.editor.patient)
    assert stage.maximumWidth() > stage.fontMetrics().horizontalAdvance(stage.text()) + 8
    assert stage.width() > stage.fontMetrics().horizontalAdvance(stage.text()) + 8


def test_a_regimen_note_takes_several_lines(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.regimens)
    note = e.regimens.boxes[0].note
    note.setFocus()
    note.selectAll()  # typed over what the paper's note says
    qtbot.keyClicks(note, "Dose reduced at cycle 3.")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "Neutropenia grade 3.")
    w.save_action.trigger()
    stored = w.repo.get(e.case_id()).regimens[0].note
    assert stored == "Dose reduced at cycle 3.\nNeutropenia grade 3."


def test_route_oral_is_a_suggestion_until_chosen(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.steroids)
    rows = e.steroids.editor
    r = add_row(qtbot, rows, {"Dose": "5", "From day": "300"})
    index = rows.model.index(r, column(rows.view, "Route"))
    assert index.data() == "oral"  # shown, greyed, as a suggestion
    assert index.data(Qt.ItemDataRole.EditRole) == ""
    assert "Not recorded until you choose or type it" in index.data(Qt.ItemDataRole.ToolTipRole)
    w.save_action.trigger()
    assert w.repo.get(e.case_id()).steroid_steps[r].route == ""  # not stated, not 'oral'
    type_cell(qtbot, rows.view, r, "Route", "oral")
    w.save_action.trigger()
    assert w.repo.get(e.case_id()).steroid_steps[r].route == "oral"
    assert cell(rows.view, r, "Route") == "oral"


def test_a_cycle_without_a_day_is_reported_once(qtbot, open_window, monkeypatch):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.regimens)
    box = e.regimens.boxes[0]
    type_cell(qtbot, box.cycles_editor.view, 1, "Day", " ", expect="")
    message = "Regimen 1 cycles row 2, Day: enter a day"
    assert [str(p) for p in e.errors()] == [
        "Regimen 1 cycles row 2, Day: enter a day, or set its precision to 'not specified'"]
    assert box.cycles_editor.messages.text().count(message) == 1
    assert message not in box.messages.text()
    assert not w.save_action.isEnabled()
    # moving to another case, Save: "Fix these first" lists it once
    answer(monkeypatch, B.Save)
    shown = answer(monkeypatch, B.Ok, "warning")
    w.select_row(0)
    assert len(shown) == 1 and shown[0].count(message) == 1


def test_the_smoking_error_example_is_a_number_it_allows(qtbot, open_window):
    w = open_window()
    p = w.editor.patient
    type_into(qtbot, p.edits["cigs"], "lots")
    text = p.messages["cigs"].text()
    assert "is not a number; type digits such as 20 or 2.5 from 0 to 200" in text
    assert "15242" not in text
    type_into(qtbot, p.edits["years"], "many")
    assert "such as 20 or 2.5 from 0 to 100 years" in p.messages["years"].text()
