"""The Investigations tab: every finding of a case (imaging, endoscopy, EMG, biopsy,
immunohistochemistry ...) with its day and precision, edited in one place; the preloaded
index case's findings are there and survive a save untouched."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import add_row, cell, type_cell, type_into

LEFT = Qt.MouseButton.LeftButton
INDEX = "Takashima 2017 (index case)"


def open_index(open_window):
    w = open_window()
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    assert w.editor.base_case.label == INDEX
    return w


def show_tab(w):
    w.editor.tabs.setCurrentWidget(w.editor.findings)
    return w.editor.findings.editor


def test_the_index_case_findings_are_shown_in_stored_order(qtbot, open_window):
    w = open_index(open_window)
    rows = show_tab(w)
    stored = w.repo.get(w.editor.case_id()).findings
    assert rows.model.rowCount() == len(stored) == 17
    shown = [(cell(rows.view, r, "Kind"), cell(rows.view, r, "Investigation"),
              cell(rows.view, r, "Result")) for r in range(rows.model.rowCount())]
    assert shown[3] == ("imaging", "Muscle MRI (STIR)", stored[3].result)
    assert shown[4] == ("EMG", "Electromyogram", "Not performed")
    assert shown[8][0] == "tumour search"  # a kind the list does not offer is kept
    assert shown[12] == ("immunohistochemistry", "Synaptophysin", "partially positive")
    assert (cell(rows.view, 15, "Day"), cell(rows.view, 15, "Precision")) == ("75", "approximate")
    assert (cell(rows.view, 3, "Day"), cell(rows.view, 3, "Precision")) == ("", "not specified")
    # immunohistochemistry is edited here only: the Patient tab has no table of its own
    assert not hasattr(w.editor.patient, "ihc")


def test_saving_the_index_case_leaves_its_findings_identical(qtbot, open_window):
    w = open_index(open_window)
    case_id = w.editor.case_id()
    before = w.repo.get(case_id).findings
    type_into(qtbot, w.editor.patient.edits["occupation"], "Precision polisher")
    w.save_action.trigger()
    after = w.repo.get(case_id)
    assert after.occupation == "Precision polisher"
    assert after.findings == before  # kinds, results, days, precisions and sources alike


def test_a_finding_edited_and_one_added_round_trip(qtbot, open_window):
    w = open_index(open_window)
    case_id = w.editor.case_id()
    before = w.repo.get(case_id).findings
    rows = show_tab(w)
    type_cell(qtbot, rows.view, 4, "Result", "Myopathic pattern")
    add_row(qtbot, rows, {"Kind": "PET-CT", "Investigation": "FDG PET-CT",
                          "Result": "Uptake in the mediastinal nodes", "Day": "20"})
    assert cell(rows.view, 17, "Precision") == "exact"  # a typed day is exact
    w.save_action.trigger()
    after = w.repo.get(case_id).findings
    assert len(after) == 18
    assert after[4].result == "Myopathic pattern" and after[4].source == before[4].source
    assert after[:4] == before[:4] and after[5:17] == before[5:]
    new = after[17]
    assert (new.kind, new.name, new.result, new.day, new.precision.value) == (
        "pet-ct", "FDG PET-CT", "Uptake in the mediastinal nodes", 20, "exact")
    assert new.source is None
    w.select_row(0)
    w.select_row(next(r for r in range(17) if w.model.index(r, 0).data() == INDEX))
    rows = show_tab(w)
    assert cell(rows.view, 17, "Kind") == "PET-CT"


def test_a_finding_without_kind_or_name_is_named_and_not_saved(qtbot, open_window):
    w = open_index(open_window)
    rows = show_tab(w)
    add_row(qtbot, rows, {"Result": "Normal"})
    text = rows.messages.text()
    assert "Kind: choose the kind: imaging, PET-CT" in text
    assert "Investigation: name the investigation" in text
    assert not w.save_action.isEnabled()
    assert len(w.repo.get(w.editor.case_id()).findings) == 17
