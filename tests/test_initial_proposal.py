"""The initial-treatment order proposed from the treatments entered (domain)."""

from __future__ import annotations

from domain.initial_proposal import propose_initial_treatments
from domain.model import Case, Cycle, Precision, Regimen, SteroidStep, Treatment, TreatmentKind


def test_order_by_first_start_with_same_day_together_and_unplaced_named():
    case = Case(
        label="x",
        steroid_steps=[SteroidStep("prednisolone", 40, from_day=30),
                       SteroidStep("prednisolone", 60, from_day=5)],
        regimens=[Regimen("CE", cycles=[Cycle(2, 40), Cycle(1, 12)])],
        treatments=[
            Treatment(TreatmentKind.SURGERY, "lobectomy", 0),
            Treatment(TreatmentKind.IVIG, "ivig", 60),
            Treatment(TreatmentKind.IVIG, "IVIg", 12),  # given twice: its first start counts
            Treatment(TreatmentKind.RADIOTHERAPY, "chest", None, Precision.NOT_SPECIFIED),
        ],
    )
    proposal = propose_initial_treatments(case)
    assert proposal.words == "Surgery→PSL→chemotherapy, IVIg"
    assert proposal.unplaced == ["chest (no start day)"]


def test_no_day_no_proposal():
    case = Case(label="x", regimens=[Regimen("CE", cycles=[Cycle(1, None)])])
    proposal = propose_initial_treatments(case)
    assert proposal.order is None and proposal.words == ""
    assert proposal.unplaced == ["chemotherapy (no cycle day)"]
