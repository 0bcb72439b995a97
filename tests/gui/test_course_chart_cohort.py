"""The cohort overlay view: several cases' CK as × ULN, aligned at the user's choice."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF

from domain.cohort import Alignment
from domain.model import Case, Cycle, LabResult, Regimen, SteroidStep
from gui.plots.cohort_view import CohortView
from storage.seed import paper_cases


def second_case() -> Case:
    return Case(
        label="Case B",
        labs=[
            LabResult("CK", 6000, "U/L", day=0, ref_high=200),
            LabResult("CK", 5, "U/L", day=30, comparator="<", ref_high=200),
        ],
        steroid_steps=[SteroidStep("prednisolone", 50, from_day=2)],
        regimens=[Regimen("EP", cycles=[Cycle(1, 10)])],
    )


def test_overlay_aligns_cases_and_lists_those_it_cannot_place(qtbot):
    cases = paper_cases()
    index = cases[-1]
    view = CohortView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_cases([index, second_case(), cases[0]])
    assert view.alignment() == Alignment.STEROID_START
    assert [c.xData.tolist() for c in view.curves[:2]] == [[0, 14, 29], [-2, 28]]
    assert [label.text for _, label in view.legend.items][:2] == [
        "Takashima 2017 (index case)",
        "Case B",
    ]
    assert "McCombs 1947 (ref 20) (no dated start of steroids)" in view.excluded.text()
    assert view.plot.getAxis("bottom").labelText == "Days from start of steroids"
    view.align.setCurrentIndex(view.align.findData(Alignment.CHEMO_START))  # the user's choice
    assert [c.xData.tolist() for c in view.curves[:2]] == [[-15, -1, 14], [-10, 20]]
    assert view.plot.getAxis("bottom").labelText == "Days from start of chemotherapy"
    # the censored "<5" sits at its limit, 5/200 × ULN, as a down triangle
    assert view.curves[1].yData[1] == math.log10(5 / 200)
    text = view.hover_text_at(view.plot.vb.mapViewToScene(QPointF(-15, math.log10(15242 / 248))))
    assert text.startswith("Takashima 2017 (index case): CK 15,242 IU/L (61.46 × ULN)")
