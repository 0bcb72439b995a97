"""The forms hold what a source leaves open: a bounded start, a taper, a dose not stated,
a typical limit offered in the row's unit and never filled in by itself."""

from __future__ import annotations

from domain.model import Case, LabResult, StepOnset, SteroidStep
from gui.editor.labs_form import LabsForm
from gui.editor.steroid_form import SteroidForm


def _col(model, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def test_a_bounded_start_a_taper_and_a_dose_not_stated_round_trip(qtbot):
    form = SteroidForm(lambda: "")
    qtbot.addWidget(form)
    steps = [
        SteroidStep("prednisolone", 40, from_day=0, from_day_latest=60),
        SteroidStep("prednisolone", 15, from_day=90, onset=StepOnset.TAPER),
        SteroidStep("corticosteroid", None, from_day=120),
    ]
    form.load(Case("c", steroid_steps=steps))
    m = form.model
    assert m.index(0, _col(m, "from_day_latest")).data() == "60"
    assert m.index(1, _col(m, "onset")).data() == "taper (schedule not given)"
    assert m.index(2, _col(m, "dose")).data() == "not stated"
    assert m.index(2, _col(m, "pred_eq")).data() == "not stated"
    out = Case("c")
    assert form.apply(out) == []
    got = [(s.drug, s.dose, s.from_day, s.from_day_latest, s.onset) for s in out.steroid_steps]
    assert got == [
        ("prednisolone", 40, 0, 60, StepOnset.STEP),
        ("prednisolone", 15, 90, None, StepOnset.TAPER),
        ("corticosteroid", None, 120, None, StepOnset.STEP),
    ]


def test_the_typical_limit_is_offered_in_the_rows_unit_and_copied_only_when_asked(qtbot):
    form = LabsForm(lambda: "")
    qtbot.addWidget(form)
    form.load(Case("c", labs=[LabResult("CRP", 150, "mg/L", day=0)]))
    m = form.model
    assert m.index(0, _col(m, "typical")).data() == "<1.4 mg/L"  # the paper's <0.14 mg/dL
    assert m.index(0, _col(m, "ref_high")).data() == ""
    assert m.index(0, _col(m, "flag")).data() == ""  # no limit from the source: no flag
    form.editor.view.selectRow(0)
    form.accept_typical_limits()
    assert m.index(0, _col(m, "ref_high")).data() == "1.4"
    assert m.index(0, _col(m, "flag")).data() == "H"
    out = Case("c")
    assert form.apply(out) == []
    assert (out.labs[0].value, out.labs[0].unit, out.labs[0].ref_high) == (150, "mg/L", 1.4)
