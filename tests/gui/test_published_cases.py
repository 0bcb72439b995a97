"""Two published case reports typed into the window as a clinician would (issue 10).

Only their abstracts are at hand (the full texts are not in the sources available to the
project), so every fact below is the abstract's and nothing else; where an abstract gives
no number, day, drug or regimen, the window holds that as not stated:

- Guan X, et al. Small cell lung cancer with dermatomyositis: a case report. Front Oncol
  14: 1325991, 2024 (DM with SCLC: hormone therapy, then chemotherapy and radiotherapy);
- Knezevic B, et al. Dermatomyositis as the First Manifestation of Nasopharyngeal
  Carcinoma - A Rare Case Report. Medicina 61: 334, 2025 (DM with nasopharyngeal
  carcinoma, and death).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from PySide6.QtCore import Qt

from tests.conftest import ROOT
from tests.gui.helpers import add_row, choose, keys, type_cell, type_into

LEFT = Qt.MouseButton.LeftButton

GUAN = {
    "label": "Guan 2024 (Front Oncol)",
    "citation": "Guan X, Qiu S, Xu Y, Zu J, Sun C, Guo Y, Wang X, Ma K. Small cell lung cancer "
    "with dermatomyositis: a case report. Front Oncol 14: 1325991, 2024. "
    "doi:10.3389/fonc.2024.1325991",
    "age": "60",
    "sex": "male (M)",
    "day0": "Start of the hormone therapy (the abstract gives no dates)",
    "signs": ["rash", "muscle weakness", "dysphagia"],
    "tumour": "SCLC",
    "stage": "T1cN3M0 IIIB (limited stage)",
    "notes": "Entered from the abstract. 'Despite undergoing standard hormone therapy, there "
    "was no discernible improvement in the dermatomyositis symptoms.' A troublesome cough led "
    "to CT, PET-CT and a biopsy. 'Standard chemotherapy and radiotherapy were employed ..., "
    "resulting in partial remission after two treatment cycles.'",
}
KNEZEVIC = {
    "label": "Knezevic 2025 (Medicina)",
    "citation": "Knezevic B, Radevic T, Petronijevic M. Dermatomyositis as the First "
    "Manifestation of Nasopharyngeal Carcinoma - A Rare Case Report. Medicina (Kaunas) 61: "
    "334, 2025. doi:10.3390/medicina61020334",
    "age": "46",
    "sex": "female (F)",
    "day0": "First symptoms, December 2016 (the day is not given)",
    "signs": ["progressive proximal muscle weakness", "characteristic skin changes"],
    "tumour": "Nasopharyngeal carcinoma",
    "histology": "Undifferentiated; Epstein-Barr virus RNA strongly positive",
    "notes": "Entered from the abstract. Electromyography and biopsy confirmed DM. Treatment: "
    "corticosteroids, hydroxychloroquine, chemotherapy and radiotherapy, with temporary "
    "symptomatic improvement; 'she passed away by the end of 2018' (about day 730 from "
    "December 2016, at 30 days a month: on or before).",
}


def enter_patient(qtbot, w, c: dict) -> None:
    p = w.editor.patient
    w.editor.tabs.setCurrentWidget(p)
    type_into(qtbot, p.edits["label"], c["label"])
    type_into(qtbot, p.edits["age"], c["age"])
    choose(qtbot, p.combos["sex"], c["sex"])
    keys(qtbot, p.boxes["citation"], c["citation"])
    type_into(qtbot, p.edits["day0_meaning"], c["day0"])
    p.boxes["signs"].setFocus()
    for i, sign in enumerate(c["signs"]):  # one per line, as the box asks
        if i:
            qtbot.keyClick(p.boxes["signs"], Qt.Key.Key_Return)
        keys(qtbot, p.boxes["signs"], sign)
    choose(qtbot, p.combos["smoking"], "not specified")
    choose(qtbot, p.combos["criteria"], "not specified")  # the abstract names none
    choose(qtbot, p.combos["tumour_type"], c["tumour"])
    if "stage" in c:
        type_into(qtbot, p.edits["stage"], c["stage"])
    if "histology" in c:
        keys(qtbot, p.boxes["histology"], c["histology"])
    keys(qtbot, p.boxes["notes"], c["notes"])


def steroid(qtbot, w, cells: dict) -> None:
    e = w.editor
    e.tabs.setCurrentWidget(e.treatments)
    e.treatments.setCurrentWidget(e.steroids)
    add_row(qtbot, e.steroids.editor, {"Drug": "corticosteroid", "Dose": "not stated", **cells})


def regimen_not_stated(qtbot, w, at_least: str = "") -> None:
    e = w.editor
    e.treatments.setCurrentWidget(e.regimens)
    qtbot.mouseClick(e.regimens.add_button, LEFT)
    box = e.regimens.boxes[-1]
    type_into(qtbot, box.name, "not stated")
    type_into(qtbot, box.schedule, "standard chemotherapy")
    if at_least:
        choose(qtbot, box.given_kind, "at least")
        type_into(qtbot, box.given, at_least)


def other(qtbot, w, kind: str, name: str, site: str = "") -> None:
    e = w.editor
    e.treatments.setCurrentWidget(e.others)
    cells = {"Kind": kind, "Treatment": name, "Start precision": "not specified"}
    if site:
        cells["Site"] = site
    add_row(qtbot, e.others.editor, cells)


def save(w) -> int:
    assert w.editor.errors() == [], w.editor.errors()
    w.save_action.trigger()
    assert not w.editor.is_dirty()
    return w.editor.case_id()


def enter_guan(qtbot, w) -> int:
    w.new_action.trigger()
    enter_patient(qtbot, w, GUAN)
    # "standard hormone therapy": drug not named, dose not stated; later "a gradual
    # reduction in the prescribed hormone dosage": a taper, doses and days not given
    steroid(qtbot, w, {"From day": "0"})
    steroid(
        qtbot, w, {"From precision": "not specified", "Reached by": "taper (schedule not given)"}
    )
    regimen_not_stated(qtbot, w, at_least="2")  # partial remission after two cycles
    other(qtbot, w, "radiotherapy", "radiotherapy", site="not specified")
    e = w.editor
    e.treatments.setCurrentWidget(e.initial)  # hormone therapy first, then the cancer's
    add_row(qtbot, e.initial.editor, {"Step": "1", "Kind": "steroid"})
    add_row(qtbot, e.initial.editor, {"Step": "2", "Kind": "chemotherapy"})
    add_row(qtbot, e.initial.editor, {"Step": "2", "Kind": "radiotherapy"})
    o = w.editor.outcome
    w.editor.tabs.setCurrentWidget(o)
    choose(qtbot, o.cutaneous, "Improvement")
    choose(qtbot, o.muscular, "Improvement")
    return save(w)


def enter_knezevic(qtbot, w) -> int:
    w.new_action.trigger()
    enter_patient(qtbot, w, KNEZEVIC)
    labs = w.editor.labs
    w.editor.tabs.setCurrentWidget(labs)
    # "elevated muscle enzyme levels" by spring 2017: no number, no analyte named
    r = add_row(qtbot, labs.editor, {"Day": "120", "Analyte": "muscle enzymes"})
    type_cell(qtbot, labs.editor.view, r, "Precision", "approximate")
    type_cell(qtbot, labs.editor.view, r, "In words", "elevated")
    steroid(qtbot, w, {"From precision": "not specified"})
    other(qtbot, w, "other", "hydroxychloroquine")
    regimen_not_stated(qtbot, w)
    other(qtbot, w, "radiotherapy", "radiotherapy", site="not specified")
    o = w.editor.outcome
    w.editor.tabs.setCurrentWidget(o)
    choose(qtbot, o.cutaneous, "Temporary improvement")
    choose(qtbot, o.muscular, "Temporary improvement")
    choose(qtbot, o.final, "Dead")
    type_into(qtbot, o.death.day, "730")
    choose(qtbot, o.death.precision, "approximate")
    return save(w)


def course_rows(db_path, case_id: int) -> list[list[str]]:
    out = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "course", str(case_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(csv.reader(io.StringIO(out.stdout), delimiter="\t"))[1:]


def test_two_published_reports_are_held_as_their_abstracts_say(qtbot, open_window, db_path):
    w = open_window()
    guan = enter_guan(qtbot, w)
    knezevic = enter_knezevic(qtbot, w)
    repo = w.repo
    g = repo.get(guan)
    assert [(s.drug, s.dose, s.onset.value) for s in g.steroid_steps] == [
        ("corticosteroid", None, "step"),
        ("corticosteroid", None, "taper"),
    ]
    (reg,) = g.regimens
    assert (reg.name, reg.cycle_count, reg.cycle_count_kind.value) == (
        "not specified",
        2,
        "at least",
    )
    (rt,) = g.treatments
    assert (rt.kind.value, rt.site, rt.dose, rt.start_day) == (
        "radiotherapy",
        "not specified",
        None,
        None,
    )
    assert g.presenting_signs == GUAN["signs"] and g.diagnosis.criteria == "not specified"
    assert (g.tumour.type, g.tumour.stage) == ("SCLC", "T1cN3M0 IIIB (limited stage)")
    k = repo.get(knezevic)
    (lab,) = k.labs
    assert (lab.analyte, lab.value, lab.qualitative.value, lab.day) == (
        "muscle enzymes",
        None,
        "elevated",
        120,
    )
    assert (k.outcome.final_outcome, k.outcome.death_day) == ("Dead", 730)
    assert k.outcome.death_precision.value == "approximate"
    assert k.tumour.type == "Nasopharyngeal carcinoma"
    # the course command says what the abstracts leave open
    rows = course_rows(db_path, guan)
    doses = [(r[4], r[8]) for r in rows if r[2] == "dose"]
    assert doses == [
        ("dose not stated", ""),
        ("dose not stated", "tapered to this dose; schedule not given"),
    ]
    (chemo,) = [r for r in rows if r[2] == "treatment" and r[3] == "regimen not stated"]
    assert chemo[4] == "no cycle dated" and "at least 2 cycles" in chemo[8]
    rows = course_rows(db_path, knezevic)
    assert [
        "120",
        "approximate",
        "lab",
        "muscle enzymes",
        "elevated",
        "",
        "",
        "",
        "no value given",
    ] in rows
    assert ["730", "approximate", "outcome", "Death", "dead", "", "", "", ""] in rows
    # the Summary too
    w.editor.tabs.setCurrentWidget(w.editor.summary)
    text = w.editor.summary.toPlainText()
    assert "Death" in text and "about day 730" in text and "muscle enzymes elevated" in text
    assert "radiotherapy" in text and "site not given; dose not given" in text
    assert g.initial_treatments.status.value == "given"
    w.editor.set_case(g)
    w.editor.tabs.setCurrentWidget(w.editor.summary)
    assert "Steroid→chemotherapy, radiotherapy" in w.editor.summary.toPlainText()
