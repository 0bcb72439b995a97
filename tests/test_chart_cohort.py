"""The cohort overlay's description (domain/cohort.py)."""

from __future__ import annotations

import pytest

from domain.chart import PointKind
from domain.cohort import Alignment, cohort_overlay
from domain.model import Case, Cycle, LabResult, Precision, Regimen, SteroidStep
from storage.seed import paper_cases


@pytest.fixture(scope="module")
def index() -> Case:
    return next(c for c in paper_cases() if c.reference_number == "Our case")


def other() -> Case:
    return Case(
        label="Case B",
        labs=[
            LabResult("CK", 4000, "U/L", day=2, ref_high=200),
            LabResult("CK", 0, "U/L", day=40, ref_high=200),
            LabResult("CK", 900, "U/L", day=50),  # no limit: cannot be × ULN
        ],
        steroid_steps=[SteroidStep("prednisolone", 60, from_day=5)],
        regimens=[Regimen("EP", cycles=[Cycle(1, 20)])],
    )


def test_aligned_at_steroid_start_and_at_chemotherapy_start(index):
    lit = paper_cases()[0]
    at_steroid = cohort_overlay([index, other(), lit], Alignment.STEROID_START)
    a, b = at_steroid.series
    assert [(p.x, round(p.y, 2)) for p in a.points] == [(0, 61.46), (14, 0.91), (29, 0.22)]
    assert [p.x for p in b.points] == [-3, 35]  # days from day 5
    assert at_steroid.excluded == ((lit.label, "no dated start of steroids"),)
    assert at_steroid.x.title == "Days from start of steroids"
    at_chemo = cohort_overlay([index, other()], Alignment.CHEMO_START)
    a, b = at_chemo.series
    assert [p.x for p in a.points] == [-15, -1, 14]
    assert [p.x for p in b.points] == [-18, 20]
    assert a.anchor_day == 15 and b.anchor_day == 20


def test_zero_on_the_floor_and_approximate_days_marked(index):
    d = cohort_overlay([index, other()], Alignment.STEROID_START)
    zero = d.series[1].points[1]
    assert zero.kind == PointKind.ZERO and d.y_min < zero.y < 0.2
    # the index case's steroid start is approximate, so every aligned day is too
    assert {p.precision for p in d.series[0].points} == {Precision.APPROXIMATE}
    assert "about day +29 from start of steroids (case day 29)" in d.series[0].points[2].hover


def test_cases_without_ck_limits_are_listed():
    case = Case(
        label="C",
        labs=[LabResult("CK", 800, "U/L", day=1)],
        steroid_steps=[SteroidStep("prednisolone", 40, from_day=0)],
    )
    d = cohort_overlay([case])
    assert d.series == () and d.excluded == (("C", "no CK with an upper normal limit"),)
