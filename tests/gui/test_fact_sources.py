"""A case entered from a publication carries, per fact, where in it and its own words,
as the preloaded cases do; the citation is typed once per case."""

from __future__ import annotations

from PySide6.QtCore import Qt

from domain.model import Source
from tests.gui.helpers import add_row, cell, type_cell, type_into

CITATION = "Doe J, Roe R. A case of DM with SCLC. J Rare Dis 12: 34-38, 2024."
QUOTE = "Creatine kinase was 12,000 IU/L on admission."


def enter_case(qtbot, w, citation: str = CITATION) -> None:
    e = w.editor
    w.new_action.trigger()
    type_into(qtbot, e.patient.edits["label"], "Doe 2024")
    e.patient.boxes["citation"].setFocus()
    qtbot.keyClicks(e.patient.boxes["citation"], citation)
    e.tabs.setCurrentWidget(e.labs)
    add_row(qtbot, e.labs.editor, {"Day": "0", "Analyte": "CK", "Value": "12000",
                                   "Where in the source": "Case Report, para 1",
                                   "Quote": QUOTE})
    e.tabs.setCurrentWidget(e.findings)
    add_row(qtbot, e.findings.editor, {"Kind": "imaging", "Investigation": "Chest CT",
                                       "Result": "Mass in the right hilum",
                                       "Where in the source": "Figure 1",
                                       "Quote": "A mass in the right hilum (arrow)."})


def test_sources_typed_by_hand_round_trip_through_save_and_reload(qtbot, open_window):
    w = open_window()
    enter_case(qtbot, w)
    assert w.editor.errors() == []
    w.save_action.trigger()
    case_id = w.editor.case_id()
    stored = w.repo.get(case_id)
    assert stored.labs[0].source == Source(CITATION, "Case Report, para 1", QUOTE)
    assert stored.findings[0].source == Source(CITATION, "Figure 1",
                                               "A mass in the right hilum (arrow).")
    w.close()

    w2 = open_window()  # a new window on the same file opens on the last case
    assert w2.editor.case_id() == case_id
    labs = w2.editor.labs.editor.view
    assert (cell(labs, 0, "Where in the source"), cell(labs, 0, "Quote")) == (
        "Case Report, para 1", QUOTE)
    w2.editor.tabs.setCurrentWidget(w2.editor.sources_tab)
    assert w2.editor.sources.intro.text().startswith("2 facts of this case carry their source")

    # the citation is corrected once: every source typed with it follows
    box = w2.editor.patient.boxes["citation"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, CITATION.replace("2024", "2025"))
    w2.save_action.trigger()
    again = w2.repo.get(case_id)
    assert {again.labs[0].source.reference, again.findings[0].source.reference} == {
        CITATION.replace("2024", "2025")}
    # clearing a fact's source removes it, nothing else
    type_cell(qtbot, labs, 0, "Where in the source", " ", expect="")
    type_cell(qtbot, labs, 0, "Quote", " ", expect="")
    w2.save_action.trigger()
    last = w2.repo.get(case_id)
    assert last.labs[0].source is None and last.findings[0].source == again.findings[0].source


def test_a_source_needs_the_citation_and_both_parts(qtbot, open_window):
    w = open_window()
    enter_case(qtbot, w, citation="")
    labs = w.editor.labs.editor
    w.editor.tabs.setCurrentWidget(w.editor.labs)
    assert "Where in the source: type the citation of the publication first" in labs.messages.text()
    assert not w.save_action.isEnabled()
    type_cell(qtbot, labs.view, 0, "Quote", " ", expect="")
    assert ("Quote: give both where in the source and its words, or neither"
            in labs.messages.text())
    assert not w.save_action.isEnabled()


def test_the_preloaded_index_case_shows_its_sources_and_keeps_them(qtbot, open_window):
    w = open_window()
    w.select_row(next(r for r in range(17)
                      if w.model.index(r, 0).data() == "Takashima 2017 (index case)"))
    case_id = w.editor.case_id()
    before = w.repo.get(case_id)
    view = w.editor.findings.editor.view
    assert cell(view, 12, "Where in the source") == before.findings[12].source.locator
    type_into(qtbot, w.editor.patient.edits["occupation"], "Polisher")
    w.save_action.trigger()
    after = w.repo.get(case_id)
    for attr in ("labs", "steroid_steps", "treatments", "assessments", "findings",
                 "regimens", "antibodies"):
        assert [x.source for x in getattr(after, attr)] == [
            x.source for x in getattr(before, attr)], attr
    assert [c.source for c in after.regimens[0].cycles] == [
        c.source for c in before.regimens[0].cycles]
    assert after.sources == before.sources and before.regimens[0].source is not None


def test_a_case_details_source_round_trips(qtbot, open_window):
    w = open_window()
    enter_case(qtbot, w)
    e = w.editor
    e.tabs.setCurrentWidget(e.sources_tab)
    rows = e.case_sources.editor
    add_row(qtbot, rows, {"Which detail": "age sex", "Where in the source": "Case Report, para 1",
                          "Quote": "A 63-year-old woman was admitted"})
    add_row(qtbot, rows, {"Where in the source": "Abstract", "Quote": "small cell carcinoma"})
    assert "Which detail: choose the detail this source is for" in rows.messages.text()
    assert e.tabs.tabIcon(e.tabs.indexOf(e.sources_tab)).isNull() is False  # marked ⚠
    assert not w.save_action.isEnabled()
    type_cell(qtbot, rows.view, 1, "Which detail", "tumour: type")
    assert w.editor.errors() == []
    w.save_action.trigger()
    case_id = e.case_id()
    w.close()

    w2 = open_window()
    assert w2.editor.case_id() == case_id
    stored = w2.repo.get(case_id).sources
    assert stored == {
        "age_sex": Source(CITATION, "Case Report, para 1", "A 63-year-old woman was admitted"),
        "tumour.type": Source(CITATION, "Abstract", "small cell carcinoma"),
    }
    rows = w2.editor.case_sources.editor
    assert [cell(rows.view, r, "Which detail") for r in range(2)] == ["age sex", "tumour: type"]
    w2.editor.tabs.setCurrentWidget(w2.editor.sources_tab)
    assert w2.editor.sources.intro.text().startswith("4 facts of this case carry their source")


def test_a_regimen_and_its_cycles_carry_typed_sources(qtbot, open_window):
    w = open_window()
    enter_case(qtbot, w)
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.regimens)
    qtbot.mouseClick(e.regimens.add_button, Qt.MouseButton.LeftButton)
    box = e.regimens.boxes[0]
    type_into(qtbot, box.name, "Carboplatin + etoposide")
    type_into(qtbot, box.source_locator, "Case Report, para 3")
    type_into(qtbot, box.source_quote, "She received carboplatin and etoposide.")
    box.cycle_count.setFocus()
    box.cycle_count.selectAll()
    qtbot.keyClicks(box.cycle_count, "1")
    view = box.cycles_editor.view
    type_cell(qtbot, view, 0, "Day", "7")
    type_cell(qtbot, view, 0, "Where in the source", "Figure 2")
    type_cell(qtbot, view, 0, "Quote", "first cycle on day 7")
    assert e.errors() == []
    w.save_action.trigger()
    regimen = w.repo.get(e.case_id()).regimens[0]
    assert regimen.source == Source(CITATION, "Case Report, para 3",
                                    "She received carboplatin and etoposide.")
    assert regimen.cycles[0].source == Source(CITATION, "Figure 2", "first cycle on day 7")


def test_an_antibody_carries_a_typed_source(qtbot, open_window):
    from tests.gui.helpers import choose

    w = open_window()
    enter_case(qtbot, w)
    ab = w.editor.antibodies
    w.editor.tabs.setCurrentWidget(ab)
    type_into(qtbot, ab.locator["MDA5"], "Table 2")
    assert "choose the result this source gives, or clear the source" in (
        ab.row_messages["MDA5"].text())
    assert not w.save_action.isEnabled()
    choose(qtbot, ab.status["MDA5"], "negative")
    type_into(qtbot, ab.quote["MDA5"], "anti-MDA5 antibody was negative")
    add_row(qtbot, ab.others_editor, {"Antibody": "anti-PM-Scl75", "Where in the source": "Table 2",
                                      "Quote": "PM-Scl75 positive"})
    assert w.editor.errors() == []
    w.save_action.trigger()
    stored = {a.antibody: a.source for a in w.repo.get(w.editor.case_id()).antibodies}
    assert stored["MDA5"] == Source(CITATION, "Table 2", "anti-MDA5 antibody was negative")
    assert stored["anti-PM-Scl75"] == Source(CITATION, "Table 2", "PM-Scl75 positive")
