"""The order of initial treatments is proposed from the treatments entered, worded as the
Table words it; it is stored only when the user confirms it (or types their own)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from domain.initial_proposal import propose_initial_treatments
from domain.model import InitialTreatmentsStatus
from tests.gui.helpers import add_row, cell, type_cell, type_into

LEFT = Qt.MouseButton.LeftButton
INDEX = "Takashima 2017 (index case)"


def enter_treatments(qtbot, w) -> None:
    """A new case: prednisolone and IVIg from day 0, chemotherapy from day 21."""
    e = w.editor
    w.new_action.trigger()
    type_into(qtbot, e.patient.edits["label"], "Bedside 2026-04")
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.steroids)
    add_row(qtbot, e.steroids.editor, {"Dose": "60", "From day": "0"})
    e.treatments.setCurrentWidget(e.others)
    add_row(qtbot, e.others.editor, {"Kind": "IVIg", "Treatment": "ivig", "Start day": "0"})
    e.treatments.setCurrentWidget(e.regimens)
    qtbot.mouseClick(e.regimens.add_button, LEFT)
    box = e.regimens.boxes[0]
    type_into(qtbot, box.name, "Carboplatin + etoposide")
    box.cycle_count.setFocus()
    box.cycle_count.selectAll()
    qtbot.keyClicks(box.cycle_count, "2")
    type_cell(qtbot, box.cycles_editor.view, 0, "Day", "21")
    type_cell(qtbot, box.cycles_editor.view, 1, "Day", "42")
    e.treatments.setCurrentWidget(e.initial)


def test_the_proposal_is_shown_but_not_stored_until_confirmed(qtbot, open_window):
    w = open_window()
    enter_treatments(qtbot, w)
    initial = w.editor.initial
    assert initial.proposal.text() == "PSL, IVIg→chemotherapy  (not confirmed)."
    assert initial.use_proposal.isEnabled()
    assert initial.preview.text() == "N.S."  # the case's own order: nothing entered
    assert w.editor.errors() == []
    w.save_action.trigger()
    stored = w.repo.get(w.editor.case_id())
    assert stored.initial_treatments.status == InitialTreatmentsStatus.NOT_SPECIFIED
    assert stored.initial_treatments.steps == []


def test_confirming_the_proposal_stores_it(qtbot, open_window):
    w = open_window()
    enter_treatments(qtbot, w)
    initial = w.editor.initial
    qtbot.mouseClick(initial.use_proposal, LEFT)
    assert initial.status.currentText() == "given (listed below)"
    assert [(cell(initial.editor.view, r, "Step"), cell(initial.editor.view, r, "Kind"))
            for r in range(3)] == [("1", "steroid"), ("1", "IVIg"), ("2", "chemotherapy")]
    assert initial.preview.text() == "PSL, IVIg→chemotherapy"
    assert "the order above says the same" in initial.proposal.text()
    assert not initial.use_proposal.isEnabled()
    assert w.editor.errors() == []
    w.save_action.trigger()
    stored = w.repo.get(w.editor.case_id())
    assert stored.initial_treatments == propose_initial_treatments(stored).order
    # one undo takes the confirmation back
    w.undo_action.trigger()
    assert initial.model.rowCount() == 0 and initial.preview.text() == "N.S."


def test_overriding_the_proposal_keeps_the_users_order(qtbot, open_window):
    w = open_window()
    enter_treatments(qtbot, w)
    initial = w.editor.initial
    add_row(qtbot, initial.editor, {"Kind": "chemotherapy"})
    add_row(qtbot, initial.editor, {"Kind": "steroid", "Drug": "prednisolone"})
    assert initial.preview.text() == "Chemotherapy→PSL"
    assert "not confirmed" in initial.proposal.text() and initial.use_proposal.isEnabled()
    assert w.editor.errors() == []
    w.save_action.trigger()
    steps = w.repo.get(w.editor.case_id()).initial_treatments.steps
    assert [[i.kind.value for i in s] for s in steps] == [["chemotherapy"], ["steroid"]]


def test_the_index_case_agrees_with_its_treatments(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    initial = w.editor.initial
    assert initial.proposal.text().startswith("PSL→chemotherapy  (the order above says the same")
    assert not initial.use_proposal.isEnabled()


def test_treatments_without_a_day_give_no_proposal(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 1).data() == "24"))
    initial = w.editor.initial
    assert not initial.use_proposal.isEnabled()
    assert initial.proposal.text().startswith("No proposal: no treatment entered has a start day")
