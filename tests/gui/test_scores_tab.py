"""The Scores tab: each instrument with its inputs and their sources, the missing inputs,
the unconfirmed marks; editing the criteria and the core-set visits as a user does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import add_row, cell, choose, type_cell, type_into

INDEX = "Takashima 2017 (index case)"


def _scores(w):
    e = w.editor
    e.tabs.setCurrentWidget(e.scores)
    e.scores.setCurrentWidget(e.scores_view)
    return e.scores_view.browser.toPlainText()


def test_the_index_case_results_show_inputs_sources_missing_and_unconfirmed(open_window):
    w = open_window()
    assert w.open_case(w.repo.resolve(INDEX))
    text = _scores(w)
    assert "Bohan & Peter 1975: probable DM" in text
    assert "definite DM reachable only if the muscle biopsy or the EMG were positive" in text
    assert "EULAR/ACR 2017: definite IIM (12.0)" in text
    assert "CK 15242 IU/L above its upper limit 248 (day 0)" in text
    assert "subgroup: DM" in text
    assert "IMACS 2023 cancer screening: high risk" in text
    assert "IMACS 2023 suggests the basic and the enhanced screening panels" in text
    assert "Unconfirmed: probability not shown" in text
    assert "unconfirmed parts below" in text
    assert "Missing: Neck flexors relatively weaker" in text


def test_editing_a_criterion_changes_the_results_before_saving(open_window, qtbot):
    w = open_window()
    assert w.open_case(w.repo.resolve(INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.scores)
    e.scores.setCurrentWidget(e.criteria)
    # the derived facts are shown, not asked
    assert "derived: CK 15242 IU/L" in e.criteria.derived["enzymes_raised"].text()
    assert e.criteria.derived["anti_jo1"].text().startswith("absent")
    choose(qtbot, e.criteria.combos["muscle_biopsy"], "present")
    assert "Bohan & Peter 1975: definite DM" in _scores(w)
    assert e.is_dirty()
    e.scores.setCurrentWidget(e.criteria)
    type_into(qtbot, e.criteria.onset, "130")
    assert e.criteria.onset_message.plain_text() == (
        "Age at onset: 130 years is out of range; allowed from 0 to 120 years")
    assert not e.can_save()
    assert not e.tabs.tabIcon(e.tabs.indexOf(e.scores)).isNull()  # the tab is marked
    type_into(qtbot, e.criteria.onset, "74")
    assert e.can_save()
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = w.repo.get(w.repo.resolve(INDEX))
    assert (stored.criteria.muscle_biopsy.value, stored.criteria.onset_age) == ("present", 74)


def test_two_core_set_visits_give_a_tis(open_window, qtbot):
    w = open_window()
    assert w.open_case(w.repo.resolve(INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.scores)
    e.scores.setCurrentWidget(e.core_set)
    rows = e.core_set.editor
    grades = ("Neck flexors", "Deltoid", "Biceps", "Wrist extensors", "Gluteus maximus",
              "Gluteus medius", "Quadriceps", "Ankle dorsiflexors")
    add_row(qtbot, rows, {"Day": "0", "Physician global": "6", "Patient global": "7",
                          "HAQ": "1.5", "Extramuscular global": "4",
                          **dict.fromkeys(grades, "6")})
    assert cell(rows.view, 0, "MMT-8 total") == "48 / 80"
    add_row(qtbot, rows, {"Day": "29", "Physician global": "3", "Patient global": "5",
                          "HAQ": "1.125", "Extramuscular global": "2",
                          **dict.fromkeys(grades, "7")})
    text = _scores(w)
    assert "TIS (2016 ACR/EULAR response): moderate improvement (57.5)" in text
    assert "Unconfirmed: percent change per measure" in text
    # a paired group above 10 on one side is refused with what is allowed
    e.scores.setCurrentWidget(e.core_set)
    type_cell(qtbot, rows.view, 1, "Deltoid", "14")
    assert "allowed from 0 to 10 on one side" in rows.messages.plain_text()
    assert not e.can_save()


def test_screenshot_of_the_scores_tab(open_window, qtbot, tmp_path):
    w = open_window()
    w.resize(1500, 1000)
    assert w.open_case(w.repo.resolve(INDEX))
    _scores(w)
    qtbot.wait(50)
    path = tmp_path / "scores_tab.png"
    assert w.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_a_criterion_change_is_undone_with_ctrl_z(open_window, qtbot):
    w = open_window()
    assert w.open_case(w.repo.resolve(INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.scores)
    e.scores.setCurrentWidget(e.criteria)
    choose(qtbot, e.criteria.combos["gottron_papules"], "present")
    assert e.is_dirty()
    e.undo_stack.undo()
    assert e.criteria.combos["gottron_papules"].currentText() == "(not recorded)"  # the paper does not mention it
    assert not e.is_dirty()


def test_the_tis_follows_the_visits_chosen(open_window, qtbot):
    w = open_window()
    assert w.open_case(w.repo.resolve(INDEX))
    e = w.editor
    e.tabs.setCurrentWidget(e.scores)
    e.scores.setCurrentWidget(e.core_set)
    rows = e.core_set.editor
    for day, md in (("0", "6"), ("14", "5"), ("29", "3")):
        add_row(qtbot, rows, {"Day": day, "Physician global": md})
    # first and last visits: physician 6 -> 3 is 30%, 17.5 points; CK from the labs of
    # those days, 15242 -> 54, 7.5 points
    text = _scores(w)
    assert "TIS (2016 ACR/EULAR response): minimal improvement (25.0)" in text
    assert "derived: CK on day 0 (most abnormal: 15242, upper limit 248) and on day 29" in text
    assert "between the core-set visits of day 0 and day 29" in text
    view = e.scores_view
    choose(qtbot, view.visit_to, "day 14")  # 6 -> 5 is 10%: 7.5; CK 15242 -> 226: 7.5
    assert "no improvement by these criteria (15.0)" in view.browser.toPlainText()
    assert "between the core-set visits of day 0 and day 14" in view.browser.toPlainText()
