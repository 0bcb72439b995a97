"""TIS: the reference's worked example, the band edges, and the percent-change function
(kept apart because its formula is not confirmed)."""

from __future__ import annotations

import pytest

from domain.model import Case, CoreSetVisit, LabResult, MmtSide
from domain.scores.case_scores import tis_between
from domain.scores.tis import Measure, category, percent_change, points, tis

WORKED = {
    "physician_global": Measure(6, 3),
    "patient_global": Measure(7, 5),
    "mmt": Measure(110, 125),
    "haq": Measure(1.5, 1.125),
    "enzyme": Measure(4000, 600),
    "extramuscular": Measure(4, 2),
}


def test_the_worked_example_is_57_5_moderate_by_adult_and_juvenile_thresholds():
    r = tis(WORKED, mmt_max=150)
    assert (r.value, r.category) == ("57.5", "moderate improvement")
    got = {k: v["points"] for k, v in r.extra["measures"].items()}
    assert got == {"physician_global": 17.5, "patient_global": 5, "mmt": 10, "haq": 5,
                   "enzyme": 7.5, "extramuscular": 12.5}
    assert tis(WORKED, mmt_max=150, juvenile=True).category == "moderate improvement"
    assert any(u.startswith("percent change per measure") for u in r.unconfirmed)


@pytest.mark.parametrize(
    ("measure", "baseline", "followup", "expected"),
    [("physician_global", 6, 3, 30.0), ("patient_global", 7, 5, 20.0), ("mmt", 110, 125, 10.0),
     ("haq", 1.5, 1.125, 12.5), ("enzyme", 4000, 600, 85.0), ("extramuscular", 4, 2, 20.0),
     ("physician_global", 3, 6, -30.0)],
)
def test_percent_change(measure, baseline, followup, expected):
    assert percent_change(measure, baseline, followup, mmt_max=150) == expected


def test_percent_change_needs_the_mmt_maximum_and_an_enzyme_baseline():
    with pytest.raises(ValueError, match="maximum"):
        percent_change("mmt", 60, 70)
    with pytest.raises(ValueError, match="baseline of 0"):
        percent_change("enzyme", 0, 10)


@pytest.mark.parametrize(
    ("measure", "percent", "expected"),
    [("mmt", 2.0, 0), ("mmt", 2.1, 10), ("mmt", 10.0, 10), ("mmt", 30.0, 27.5),
     ("mmt", 30.1, 32.5), ("physician_global", 5.0, 0), ("physician_global", -40, 0),
     ("physician_global", 40.0, 17.5), ("physician_global", 41, 20), ("haq", 26, 7.5),
     ("enzyme", 90, 7.5), ("extramuscular", 15, 7.5)],
)
def test_band_edges_are_inclusive_at_the_top(measure, percent, expected):
    assert points(measure, percent) == expected


@pytest.mark.parametrize(
    ("total", "juvenile", "expected"),
    [(19.9, False, "no improvement by these criteria"), (20, False, "minimal improvement"),
     (40, False, "moderate improvement"), (60, False, "major improvement"),
     (44.9, True, "minimal improvement"), (70, True, "major improvement")],
)
def test_thresholds(total, juvenile, expected):
    assert category(total, juvenile) == expected


def test_missing_measures_add_nothing_and_say_what_they_could_add():
    r = tis({"physician_global": Measure(6, 3), "mmt": Measure(60, 70)}, mmt_max=80)
    assert r.value == "37.5"  # 17.5 + 12.5% of 80 -> 20
    assert r.category == "minimal improvement"
    assert "Patient global activity" in r.missing
    assert r.if_missing == ["up to 85.0 (major improvement) if every missing measure had "
                            "improved by the top band"]


def test_tis_between_two_visits_of_a_case_takes_the_enzyme_from_that_days_labs():
    grades = dict.fromkeys(
        ("neck_flexors", "deltoid", "biceps", "wrist_extensors", "gluteus_maximus",
         "gluteus_medius", "quadriceps", "ankle_dorsiflexors"), 6)
    a = CoreSetVisit(day=0, physician_global=6, patient_global=7, haq=1.5,
                     extramuscular_global=4, mmt_side=MmtSide.RIGHT,
                     **{f"mmt_{g}": v for g, v in grades.items()})
    b = CoreSetVisit(day=60, physician_global=3, patient_global=5, haq=1.125,
                     extramuscular_global=2, mmt_side=MmtSide.RIGHT,
                     **{f"mmt_{g}": v + 1 for g, v in grades.items()})
    case = Case(label="t", age=50, core_set_visits=[a, b], labs=[
        LabResult("CK", 4000, "IU/L", day=0, ref_high=200),
        LabResult("LDH", 300, "IU/L", day=0, ref_high=250),
        LabResult("CK", 600, "IU/L", day=60, ref_high=200),
    ])
    r = tis_between(case, a, b)
    assert r.extra["measures"]["mmt"]["percent"] == 10.0  # 48 -> 56 of 80
    assert r.extra["measures"]["enzyme"] == {"baseline": 4000, "followup": 600,
                                             "percent": 85.0, "points": 7.5}
    assert (r.value, r.category) == ("57.5", "moderate improvement")
