"""Every bad input shows its message beside the field, refuses Save, and writes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import add_row, choose, dump, type_cell, type_into

LEFT = Qt.MouseButton.LeftButton


def open_index_case(open_window):
    w = open_window()
    row = next(r for r in range(17) if w.model.index(r, 1).data() == "Our case")
    w.select_row(row)
    return w


def ck_value(text):
    def enter(qtbot, w):
        w.editor.tabs.setCurrentWidget(w.editor.labs)
        type_cell(qtbot, w.editor.labs.editor.view, 0, "Value", text)
        return w.editor.labs.editor.messages

    return enter


def empty_label(qtbot, w):
    type_into(qtbot, w.editor.patient.edits["label"], "")
    return w.editor.patient.messages["label"]


def text_in_age(qtbot, w):
    type_into(qtbot, w.editor.patient.edits["age"], "seventy")
    return w.editor.patient.messages["age"]


def absurd_age(qtbot, w):
    type_into(qtbot, w.editor.patient.edits["age"], "175")
    return w.editor.patient.messages["age"]


def bad_day0_date(qtbot, w):
    type_into(qtbot, w.editor.patient.edits["day0_date"], "2016-02-30")
    return w.editor.patient.messages["day0_date"]


def unknown_unit(qtbot, w):
    w.editor.tabs.setCurrentWidget(w.editor.labs)
    type_cell(qtbot, w.editor.labs.editor.view, 0, "Unit", "mg/dL")
    return w.editor.labs.editor.messages


def text_in_lab_day(qtbot, w):
    w.editor.tabs.setCurrentWidget(w.editor.labs)
    type_cell(qtbot, w.editor.labs.editor.view, 0, "Day", "day one")
    return w.editor.labs.editor.messages


def show_treatments(w, form):
    w.editor.tabs.setCurrentWidget(w.editor.treatments)
    w.editor.treatments.setCurrentWidget(form)


def end_before_start(qtbot, w):
    show_treatments(w, w.editor.steroids)
    view = w.editor.steroids.editor.view
    type_cell(qtbot, view, 0, "To day", "-3")
    return w.editor.steroids.editor.messages


def steroid_dose(drug, dose):
    def enter(qtbot, w):
        show_treatments(w, w.editor.steroids)
        view = w.editor.steroids.editor.view
        type_cell(qtbot, view, 0, "Drug", drug)
        type_cell(qtbot, view, 0, "Dose", dose)
        return w.editor.steroids.editor.messages

    return enter


def treatment_end_before_start(qtbot, w):
    show_treatments(w, w.editor.others)
    rows = w.editor.others.editor
    cells = {"Kind": "IVIg", "Treatment": "ivig", "Start day": "30", "End day": "25"}
    add_row(qtbot, rows, cells)
    return rows.messages


def duplicate_antibody(qtbot, w):
    ab = w.editor.antibodies
    w.editor.tabs.setCurrentWidget(ab)
    add_row(qtbot, ab.others_editor, {"Antibody": "TIF1g"})  # TIF1-gamma is in the panel
    return ab.others_editor.messages


def duplicate_other_antibodies(qtbot, w):
    ab = w.editor.antibodies
    w.editor.tabs.setCurrentWidget(ab)
    add_row(qtbot, ab.others_editor, {"Antibody": "anti-Th/To"})  # not in the catalogue
    add_row(qtbot, ab.others_editor, {"Antibody": "anti-Th/To"})
    return ab.general


def bad_titre(qtbot, w):
    w.editor.tabs.setCurrentWidget(w.editor.antibodies)
    choose(qtbot, w.editor.antibodies.titre["ANA"], "1:0")  # 1:100, 1:320 are allowed
    return w.editor.antibodies.row_messages["ANA"]


def mrc_grade(qtbot, w):
    w.editor.tabs.setCurrentWidget(w.editor.assessments)
    type_cell(qtbot, w.editor.assessments.editor.view, 0, "Finding", "6")
    return w.editor.assessments.editor.messages


def regimen_without_name(qtbot, w):
    show_treatments(w, w.editor.regimens)
    type_into(qtbot, w.editor.regimens.boxes[0].name, "")
    return w.editor.regimens.boxes[0].messages


BAD_INPUTS = [
    (empty_label, "Label: required"),
    (text_in_age, "Age: 'seventy' is not a number"),
    (absurd_age, "allowed from 0 to 120 years"),
    (bad_day0_date, "use YYYY-MM-DD"),
    (ck_value("6000000"), "allowed from 0 to 5000000 IU/L"),
    (ck_value("-5"), "out of range"),
    (ck_value("abc"), "'abc' is not a number"),
    (ck_value("nan"), "'nan' is not a number"),
    (ck_value("inf"), "'inf' is not a number"),
    (ck_value("1e400"), "'1e400' is not a number"),
    (ck_value("１５２４２"), "is not a number"),  # full-width digits
    (unknown_unit, "'mg/dL' is not a unit for CK; allowed: IU/L, U/L, ukat/L"),
    (text_in_lab_day, "'day one' is not a number"),
    (end_before_start, "end day -3 is before start day 0"),
    (steroid_dose("prednisolone", "2000"), "allowed from 0 to 1000 mg/day"),
    (steroid_dose("dexamethasone", "200"), "allowed from 0 to 100 mg/day"),
    (steroid_dose("prednisolone", "0"), "must be above 0 mg/day"),
    (treatment_end_before_start, "end day 25 is before start day 30"),
    (duplicate_antibody, "TIF1-gamma is already recorded in the panel"),
    (duplicate_other_antibodies, "anti-Th/To is entered 2 times"),
    (bad_titre, "use 1:N with N a whole number from 1 to 1000000"),
    (mrc_grade, "must be a grade 0 to 5, with + or - where given"),
    (regimen_without_name, "give the regimen a name"),
]


@pytest.mark.parametrize("enter, message", BAD_INPUTS, ids=[b[0].__name__ for b in BAD_INPUTS])
def test_bad_input_is_named_and_nothing_is_written(qtbot, open_window, db_path, enter, message):
    w = open_index_case(open_window)
    before = dump(db_path)
    label = enter(qtbot, w)
    assert label.isVisible() and message in label.plain_text(), label.plain_text()
    assert any(message in str(p) for p in w.editor.errors())
    assert not w.save_action.isEnabled()
    qtbot.keyClick(w.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert w.editor.is_dirty()  # the typed values are still there
    assert dump(db_path) == before
    w.editor.undo_stack.setIndex(0)  # undo everything: the case is as stored again
    assert not w.editor.is_dirty() and w.editor.errors() == []


def test_the_tab_holding_a_problem_is_marked(qtbot, open_window):
    w = open_index_case(open_window)
    tabs = w.editor.tabs
    labs = tabs.indexOf(w.editor.labs)
    assert tabs.tabIcon(labs).isNull()
    ck_value("abc")(qtbot, w)
    assert not tabs.tabIcon(labs).isNull()
    assert "Cannot save yet: Labs row 1, Value (CK)" in w.editor.banner.plain_text()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_an_unusual_ck_asks_before_saving(qtbot, open_window, db_path, monkeypatch, answer):
    w = open_index_case(open_window)
    before = dump(db_path)
    ck_value("80,000")(qtbot, w)
    assert w.editor.errors() == []
    messages = w.editor.labs.editor.messages.plain_text()
    assert "CK 80000 IU/L is far above the usual range" in messages
    asked = []

    def question(_parent, title, text, *_args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    w.save_action.trigger()
    assert "CK 80000 IU/L is far above the usual range" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        assert dump(db_path) == before and w.editor.is_dirty()
    else:
        assert not w.editor.is_dirty()
        case = w.repo.get(w.editor.case_id())
        assert case.lab_series("CK")[0].value == 80000
