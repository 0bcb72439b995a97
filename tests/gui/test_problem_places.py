"""Problems are placed from their fields (section, row, field), never from their text: the
cell a problem is about turns red with its message as tooltip, a value that did not parse
is reported once, and every day column makes a typed day exact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from domain.problems import Section
from gui.widgets.rows_model import ERROR_BACKGROUND
from tests.gui.helpers import add_row, column, type_cell
from tests.gui.test_validation import open_index_case, show_treatments

BG, TIP = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole


def red(view, row, title) -> bool:
    return view.model().index(row, column(view, title)).data(BG) == ERROR_BACKGROUND


def test_a_check_of_the_parsed_case_marks_the_cell_it_is_about(qtbot, open_window):
    w = open_index_case(open_window)
    show_treatments(w, w.editor.steroids)
    view = w.editor.steroids.editor.view
    type_cell(qtbot, view, 0, "To day", "-3")
    [p] = [p for p in w.editor.errors() if p.section == Section.STEROIDS]
    assert (p.row, p.field) == (1, "to_day")
    assert red(view, 0, "To day") and not red(view, 0, "Dose") and not red(view, 0, "Drug")
    tip = view.model().index(0, column(view, "To day")).data(TIP)
    assert tip == "end day -3 is before start day 0"


def test_a_cycle_without_a_day_is_reported_once_in_its_own_row(qtbot, open_window):
    w = open_index_case(open_window)
    show_treatments(w, w.editor.regimens)
    box = w.editor.regimens.boxes[0]
    view = box.cycles_editor.view
    type_cell(qtbot, view, 1, "Day", " ", expect="")  # C2 day cleared, still exact
    about = [p for p in w.editor.errors() if p.section == Section.CYCLES]
    assert len(about) == 1, [str(p) for p in about]  # the parser's, not check_case's again
    assert (about[0].parent, about[0].row, about[0].field) == (1, 2, "day")
    assert str(about[0]).startswith("Regimen 1 cycles row 2, Day: enter a day")
    assert red(view, 1, "Day") and not red(view, 0, "Day")
    assert box.cycles_editor.messages.plain_text().count("enter a day") == 1


def test_a_problem_checked_by_antibody_name_marks_that_other_antibody_row(qtbot, open_window):
    w = open_index_case(open_window)
    ab = w.editor.antibodies
    w.editor.tabs.setCurrentWidget(ab)
    add_row(qtbot, ab.others_editor, {"Antibody": "anti-Th/To", "Titre": "1:0"})
    [p] = [p for p in w.editor.errors() if p.field == "titre"]
    assert (p.section, p.row) == (Section.OTHER_ANTIBODIES, 1)
    assert red(ab.others_editor.view, 0, "Titre")
    assert "1:N" in ab.others_editor.messages.plain_text()
    assert ab.general.plain_text() == ""


def _tables(w):
    e = w.editor
    return {
        "labs": (e.labs, e.labs.editor, "Day", "Precision"),
        "steroids": (e.steroids, e.steroids.editor, "From day", "From precision"),
        "treatments": (e.others, e.others.editor, "Start day", "Start precision"),
        "assessments": (e.assessments, e.assessments.editor, "Day", "Precision"),
        "other antibodies": (e.antibodies, e.antibodies.others_editor, "Day", "Precision"),
    }


@pytest.mark.parametrize(
    "table", ["labs", "steroids", "treatments", "assessments", "other antibodies"]
)
def test_every_day_column_makes_a_typed_day_exact(qtbot, open_window, table):
    w = open_index_case(open_window)
    form, rows, day, precision = _tables(w)[table]
    if form in (w.editor.steroids, w.editor.others):
        show_treatments(w, form)
    else:
        w.editor.tabs.setCurrentWidget(form)
    r = add_row(qtbot, rows, {precision: "not specified"})
    type_cell(qtbot, rows.view, r, day, "12")
    assert rows.model.index(r, column(rows.view, precision)).data() == "exact"


def test_a_cycle_day_typed_is_exact_too(qtbot, open_window):
    w = open_index_case(open_window)
    show_treatments(w, w.editor.regimens)
    view = w.editor.regimens.boxes[0].cycles_editor.view
    type_cell(qtbot, view, 0, "Precision", "not specified")
    type_cell(qtbot, view, 0, "Day", "3")
    assert view.model().index(0, column(view, "Precision")).data() == "exact"
