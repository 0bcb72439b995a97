"""The pure descriptions behind the swimmer plot and the CK trajectories."""

from __future__ import annotations

import numpy as np
import pytest

from domain.cohort import Alignment
from domain.model import (
    Case,
    Cycle,
    LabResult,
    Outcome,
    Precision,
    Regimen,
    SteroidStep,
    Treatment,
    TreatmentKind,
)
from domain.swimmer import End, swimmer
from domain.trajectories import Line, Scale, median_line, trajectories

A = Precision.APPROXIMATE


def _followed(label, day, outcome="Dead", precision=Precision.EXACT, **kw) -> Case:
    return Case(label, outcome=Outcome(final_outcome=outcome, followup_day=day,
                                       followup_precision=precision), **kw)


def test_lanes_carry_treatments_outcome_and_approximate_days():
    a = _followed(
        "a", 200, "Dead",
        steroid_steps=[SteroidStep("prednisolone", 60, from_day=0),
                       SteroidStep("prednisolone", 30, from_day=20, from_precision=A)],
        regimens=[Regimen("CE", cycles=[Cycle(1, 15), Cycle(2, 36, A)])],
        treatments=[Treatment(TreatmentKind.SURGERY, "lobectomy", start_day=50)],
    )
    b = _followed("b", 300, "Alive", precision=A)
    literature = Case("McCombs 1947 (ref 20)", reference_number="20")
    lanes_only = Case("c", labs=[LabResult("CK", 900, "IU/L", day=12)])
    d = swimmer([a, b, literature, lanes_only])
    assert [lane.label for lane in d.lanes] == ["b", "a", "c"]  # longest follow-up first
    b_lane, a_lane, c_lane = d.lanes
    assert (b_lane.end, b_lane.end_approximate) == (End.ALIVE, True)
    assert (a_lane.end, a_lane.end_approximate) == (End.DEAD, False)
    marks = [(m.kind, m.start, m.end, m.approximate) for m in a_lane.marks]
    assert marks == [
        (TreatmentKind.STEROID, 0, 20, False),
        (TreatmentKind.STEROID, 20, 200, True),  # still running: to the end of the lane
        (TreatmentKind.CHEMOTHERAPY, 15, None, False),
        (TreatmentKind.CHEMOTHERAPY, 36, None, True),
        (TreatmentKind.SURGERY, 50, None, False),
    ]
    # no follow-up: the lane ends at the last recorded day, drawn as approximate, not known
    assert (c_lane.end_day, c_lane.followup_known, c_lane.end) == (12, False, End.UNKNOWN)
    assert d.left_out == (("20", "no day recorded (no follow-up, treatment or lab day)"),)
    assert [lane.label for lane in swimmer([a, b], "label").lanes] == ["a", "b"]


def test_the_median_uses_each_line_only_within_its_own_days():
    one = Line("one", (0.0, 10.0), (10.0, 1.0))
    two = Line("two", (0.0, 20.0), (100.0, 1.0))
    xs, ys = median_line([one, two], points=3)
    assert xs == [0.0, 10.0, 20.0]
    # day 0: median of 10 and 100 on the log scale = 10^1.5; day 10: of 1 and 10^1;
    # day 20: only "two" reaches it
    assert ys == pytest.approx([10**1.5, 10**0.5, 1.0])
    assert median_line([]) == ([], [])


def test_trajectories_as_x_uln_and_percent_of_baseline():
    case = Case(
        "x",
        labs=[LabResult("CK", 4000, "IU/L", day=-1, ref_high=200),
              LabResult("CK", 1000, "IU/L", day=9, ref_high=200)],
        steroid_steps=[SteroidStep("prednisolone", 60, from_day=0)],
    )
    groups, excluded = trajectories([("All", [case, Case("no CK")])])
    line = groups[0].lines[0]
    assert (line.xs, line.ys) == ((-1, 9), (20.0, 5.0))
    assert excluded == [("no CK", "no dated start of steroids")]
    groups, _ = trajectories([("All", [case])], Alignment.STEROID_START, Scale.BASELINE)
    assert groups[0].lines[0].ys == (100.0, 25.0)


def test_the_lasagna_bins_each_case_by_week_and_leaves_gaps_empty():
    from domain.trajectories import GroupTrajectory, lasagna

    a = Line("a", (0.0, 2.0, 15.0), (10.0, 1000.0, 1.0))
    b = Line("b", (7.0,), (100.0,))
    empty = GroupTrajectory("nobody drawn", (), (), ())
    heat = lasagna([GroupTrajectory("g1", (a,), (), ()), empty,
                    GroupTrajectory("g2", (b,), (), ())])
    assert heat.rows == ("a", "b") and heat.group_rows == (("g1", 0, 1), ("g2", 1, 1))
    assert heat.x0 == 0.0 and heat.values.shape == (2, 3)
    # week 0 of a: median of log10 10 and 1000 = 2; week 2: 0; b only in week 1
    assert heat.values[0, 0] == 2.0 and heat.values[0, 2] == 0.0
    assert np.isnan(heat.values[0, 1]) and heat.values[1, 1] == 2.0


def test_a_lane_of_a_case_that_died_ends_on_its_day_of_death():
    from domain.model import Outcome, Precision

    c = Case("died", outcome=Outcome(final_outcome="Dead", death_day=730,
                                     death_precision=Precision.APPROXIMATE))
    (lane,) = swimmer([c]).lanes
    assert (lane.end_day, lane.end, lane.end_approximate, lane.followup_known) == (
        730.0, End.DEAD, True, True)
