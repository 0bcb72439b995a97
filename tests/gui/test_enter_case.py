"""A clinician types a whole new case into the window, saves, and finds it all again."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from PySide6.QtCore import Qt

from tests.conftest import ROOT
from tests.gui.helpers import add_row, cell, choose, type_cell, type_into

LEFT = Qt.MouseButton.LeftButton

LABS = [  # day as typed, value; the third is typed as a date (day 0 is 2026-01-05)
    ("0", "12,000", "0"),
    ("14", "800", "14"),
    ("2026-02-02", "150", "28"),
]
STEPS = [("60", "0", "13"), ("40", "14", "27"), ("20", "28", "")]
CYCLE_DAYS = ["7", "28", "49", "70"]


def enter_patient(qtbot, w) -> None:
    p = w.editor.patient
    type_into(qtbot, p.edits["label"], "Bedside 2026-01")
    type_into(qtbot, p.edits["age"], "63")
    choose(qtbot, p.combos["sex"], "female (F)")
    type_into(qtbot, p.edits["cigs"], "20")
    type_into(qtbot, p.edits["years"], "30")
    type_into(qtbot, p.edits["occupation"], "Teacher")
    type_into(qtbot, p.edits["day0_meaning"], "Day of admission")
    type_into(qtbot, p.edits["day0_date"], "2026-01-05")
    choose(qtbot, p.combos["criteria"], "Bohan and Peter")
    choose(qtbot, p.combos["grade"], "definite")
    choose(qtbot, p.combos["tumour_type"], "SCLC")
    type_into(qtbot, p.edits["size"], "22")
    type_into(qtbot, p.edits["stage"], "T1bN2M0")


def enter_labs(qtbot, w) -> None:
    labs = w.editor.labs
    w.editor.tabs.setCurrentWidget(labs)
    for typed_day, value, day in LABS:
        r = add_row(qtbot, labs.editor, {"Day": (typed_day, day), "Analyte": "CK", "Value": value})
        assert cell(labs.editor.view, r, "Unit") == "IU/L"  # filled from the catalogue
        # a typical limit is offered, never filled in by itself
        assert cell(labs.editor.view, r, "Ref. high") == ""
        assert cell(labs.editor.view, r, "Typical limit") == "<248 IU/L"
    labs.editor.view.selectAll()  # the clinician accepts the offered limit for every row
    qtbot.mouseClick(labs.use_typical, LEFT)
    for r in range(len(LABS)):
        assert cell(labs.editor.view, r, "Ref. high") == "248"


def enter_antibodies(qtbot, w) -> None:
    ab = w.editor.antibodies
    w.editor.tabs.setCurrentWidget(ab)
    choose(qtbot, ab.status["TIF1-gamma"], "positive")
    choose(qtbot, ab.status["Jo-1"], "negative")
    choose(qtbot, ab.status["MDA5"], "negative")
    choose(qtbot, ab.status["NXP2"], "not specified")
    choose(qtbot, ab.status["ANA"], "positive")
    choose(qtbot, ab.titre["ANA"], "1:160")
    choose(qtbot, ab.pattern, "speckled")


def enter_treatments(qtbot, w) -> None:
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.steroids)
    for dose, start, end in STEPS:
        cells = {"Dose": dose, "From day": start}
        if end:
            cells["To day"] = end
        add_row(qtbot, e.steroids.editor, cells)
    e.treatments.setCurrentWidget(e.regimens)
    qtbot.mouseClick(e.regimens.add_button, LEFT)
    box = e.regimens.boxes[0]
    type_into(qtbot, box.name, "Carboplatin + etoposide")
    type_into(qtbot, box.length, "28")
    add_row(qtbot, box.agents_editor, {"Agent": "carboplatin", "Dose": "5", "Unit": "AUC"})
    add_row(qtbot, box.agents_editor, {"Agent": "etoposide", "Dose": "100", "Unit": "mg/m²"})
    box.cycle_count.setFocus()
    box.cycle_count.selectAll()
    qtbot.keyClicks(box.cycle_count, "4")
    assert box.cycles.rowCount() == 4
    for r, day in enumerate(CYCLE_DAYS):
        type_cell(qtbot, box.cycles_editor.view, r, "Day", day)
    e.treatments.setCurrentWidget(e.initial)
    add_row(qtbot, e.initial.editor, {"Kind": "steroid", "Drug": "prednisolone"})
    add_row(qtbot, e.initial.editor, {"Kind": "chemotherapy"})
    assert e.initial.preview.text() == "PSL→chemotherapy"


def enter_outcome(qtbot, w) -> None:
    o = w.editor.outcome
    w.editor.tabs.setCurrentWidget(o)
    choose(qtbot, o.cutaneous, "Gradual improvement")
    choose(qtbot, o.muscular, "Rapid improvement")
    choose(qtbot, o.final, "Alive")
    type_into(qtbot, o.followup.day, "180")


def test_a_new_case_typed_in_is_saved_and_found_again(qtbot, open_window, db_path):
    w = open_window()
    w.new_action.trigger()
    assert w.editor.base_case.id is None
    enter_patient(qtbot, w)
    enter_labs(qtbot, w)
    enter_antibodies(qtbot, w)
    enter_treatments(qtbot, w)
    enter_outcome(qtbot, w)
    assert w.editor.errors() == []
    assert w.save_action.isEnabled()
    w.save_action.trigger()
    case_id = w.editor.case_id()
    assert case_id is not None and not w.editor.is_dirty()
    assert w.case_list.count.text() == "18 of 18 cases"
    w.close()

    w2 = open_window()  # a new window on the same file opens on the last case
    assert w2.editor.case_id() == case_id
    check_everything(w2)
    check_course_command(db_path, case_id)


def check_everything(w) -> None:
    e = w.editor
    p = e.patient
    assert p.edits["label"].text() == "Bedside 2026-01"
    assert p.edits["age"].text() == "63"
    assert p.combos["sex"].currentText() == "female (F)"
    assert (p.edits["cigs"].text(), p.edits["years"].text()) == ("20", "30")
    assert p.pack_years_note.text() == "= 30 from cigarettes and years"
    assert p.edits["occupation"].text() == "Teacher"
    assert p.edits["day0_date"].text() == "2026-01-05"
    assert p.combos["criteria"].currentText() == "Bohan and Peter"
    assert p.combos["grade"].currentText() == "definite"
    assert p.combos["tumour_type"].currentText() == "SCLC"
    assert (p.edits["size"].text(), p.edits["stage"].text()) == ("22", "T1bN2M0")

    view = e.labs.editor.view
    got = [
        (
            cell(view, r, "Day"),
            cell(view, r, "Analyte"),
            cell(view, r, "Value"),
            cell(view, r, "Flag"),
        )
        for r in range(3)
    ]
    assert got == [
        ("0", "CK", "12000", "H"),
        ("14", "CK", "800", "H"),
        ("28", "CK", "150", ""),
    ]
    assert cell(view, 2, "Date") == "2026-02-02"

    ab = e.antibodies
    statuses = {
        k: ab.status[k].currentText() for k in ("TIF1-gamma", "Jo-1", "MDA5", "NXP2", "SRP")
    }
    assert statuses == {
        "TIF1-gamma": "positive",
        "Jo-1": "negative",
        "MDA5": "negative",
        "NXP2": "not specified",
        "SRP": "(not recorded)",
    }
    assert (ab.titre["ANA"].currentText(), ab.pattern.currentText()) == ("1:160", "speckled")

    sv = e.steroids.editor.view
    steps = [
        (cell(sv, r, "Drug"), cell(sv, r, "Dose"), cell(sv, r, "From day"), cell(sv, r, "To day"))
        for r in range(3)
    ]
    assert steps == [("prednisolone", d, s, t) for d, s, t in STEPS]
    assert cell(sv, 0, "Prednisolone eq.") == "60"

    box = e.regimens.boxes[0]
    assert (box.name.text(), box.length.text(), box.cycle_count.value()) == (
        "Carboplatin + etoposide",
        "28",
        4,
    )
    agents = [(r["drug"], r["dose"], r["unit"]) for r in box.agents.rows()]
    assert agents == [("carboplatin", "5", "AUC"), ("etoposide", "100", "mg/m²")]
    assert [(r["number"], r["day"]) for r in box.cycles.rows()] == list(
        zip(["1", "2", "3", "4"], CYCLE_DAYS, strict=True)
    )
    assert e.initial.preview.text() == "PSL→chemotherapy"

    o = e.outcome
    assert o.cutaneous.currentText() == "Gradual improvement"
    assert o.muscular.currentText() == "Rapid improvement"
    assert o.final.currentText() == "Alive"
    assert o.followup.state() == ("180", "exact")


def check_course_command(db_path, case_id) -> None:
    out = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "course", str(case_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    rows = list(csv.reader(io.StringIO(out.stdout), delimiter="\t"))
    facts = {(r[0], r[2], r[3], r[4], r[5]) for r in rows[1:]}
    for _typed, value, day in LABS:
        assert (day, "lab", "CK", value.replace(",", ""), "IU/L") in facts
    for dose, start, _end in STEPS:
        assert (start, "dose", "Prednisolone", dose, "mg/day") in facts
    for n, day in enumerate(CYCLE_DAYS, 1):
        assert (day, "treatment", "Carboplatin + etoposide", f"cycle {n}", "") in facts
