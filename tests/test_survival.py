"""Kaplan-Meier against a hand-worked example, and the cases it is drawn from."""

from __future__ import annotations

import numpy as np
import pytest

from domain.model import Case, Outcome, Precision
from domain.survival import (
    kaplan_meier,
    km_rows,
    median_followup,
    number_at_risk,
    survival_data,
)

# 12 cases: deaths at 3, 5, 8, 10, 15, 20; censored at 6, 12, 17, 22, 25, 30 (the shape
# of the reference's 12-subject set: S = 0.9167, 0.8333, 0.7407, 0.6481, 0.5401, 0.4051;
# median 20). Worked by hand:
#   t  n  d  S
#   3 12  1  11/12                     = 0.91667
#   5 11  1  11/12 * 10/11 = 10/12     = 0.83333
#   8  9  1  10/12 * 8/9               = 0.74074   (6 censored: 9 at risk)
#  10  8  1  * 7/8                      = 0.64815
#  15  6  1  * 5/6                      = 0.54012   (12 censored)
#  20  4  1  * 3/4                      = 0.40509   (17 censored) -> median 20
# Greenwood at t=5: 1/(12*11) + 1/(11*10) = 1/60; log-log sigma = sqrt(1/60)/|ln(10/12)|
# = 0.708087; CI = S^exp(+-1.96 sigma) = 0.8333^4.00626, 0.8333^0.249609
# = 0.48172, 0.95551.
TIMES = [3, 5, 6, 8, 10, 12, 15, 17, 20, 22, 25, 30]
DIED = [True, True, False, True, True, False, True, False, True, False, False, False]


def test_product_limit_matches_the_hand_worked_example():
    km = kaplan_meier(TIMES, DIED)
    assert km.times.tolist() == [3, 5, 8, 10, 15, 20]
    assert km.at_risk.tolist() == [12, 11, 9, 8, 6, 4]
    assert km.survival.round(4).tolist() == [0.9167, 0.8333, 0.7407, 0.6481, 0.5401, 0.4051]
    assert km.median() == 20
    assert km.lower[1] == pytest.approx(0.48172, abs=5e-5)
    assert km.upper[1] == pytest.approx(0.95551, abs=5e-5)
    assert km.at(4) == pytest.approx(11 / 12) and km.at(0) == 1.0
    assert (km.n, km.deaths) == (12, 6)


def test_interval_stays_inside_and_brackets_the_estimate():
    km = kaplan_meier(TIMES, DIED)
    assert np.all((km.lower <= km.survival) & (km.survival <= km.upper))
    assert np.all((km.lower >= 0) & (km.upper <= 1))
    lo, hi = km.median_ci()
    # the lower bound is 0.48172 at day 5 (worked above); the upper never falls to 0.5
    assert (lo, hi) == (5, None)


def test_numbers_at_risk_and_reverse_km_follow_up():
    assert number_at_risk(TIMES, [0, 10, 20, 30]) == [12, 8, 4, 1]
    # reverse KM: censorings at 6, 12, 17, 22, 25, 30 are the events; by hand
    # S = 10/11 at 6, * 6/7 at 12, * 4/5 at 17 = 0.6234, * 2/3 at 22 = 0.4156 -> 22
    assert median_followup(TIMES, DIED) == 22


def test_everyone_dead_closes_the_curve_at_zero():
    km = kaplan_meier([1, 2], [True, True])
    assert km.survival.tolist() == [0.5, 0.0]
    assert km.lower[-1] == km.upper[-1] == 0.0
    assert km.median() == 1
    nobody = kaplan_meier([1, 2], [False, False])
    assert nobody.times.size == 0 and nobody.at(5) == 1.0 and nobody.median() is None


def test_cases_without_follow_up_or_outcome_are_left_out_and_counted():
    cases = [
        Case("a", outcome=Outcome(final_outcome="Dead", followup_day=30)),
        Case("b", outcome=Outcome(final_outcome="Alive", followup_day=90,
                                  followup_precision=Precision.APPROXIMATE)),
        Case("c", outcome=Outcome(final_outcome="Dead")),
        Case("d", outcome=Outcome(followup_day=40)),
    ]
    data = survival_data(cases)
    assert data.times == (30.0, 90.0) and data.died == (True, False)
    assert data.approximate == 1
    assert data.excluded == (("c", "follow-up not known"), ("d", "outcome not specified"))
    header, rows = km_rows([("All", data)])
    assert rows[0][:5] == ["All", "30", "2", "1", "0.5000"]
    assert rows[1][:5] == ["All", "median", "2", "1", "30"]
    assert rows[2][:3] == ["All", "left out (no follow-up, outcome or origin)", "2"]


def test_the_origin_can_be_the_start_of_steroids_or_chemotherapy():
    from domain.model import Cycle, Regimen, SteroidStep

    a = Case("a", outcome=Outcome(final_outcome="Dead", followup_day=100,
                                  followup_precision=Precision.EXACT),
             steroid_steps=[SteroidStep("prednisolone", 60, from_day=10)],
             regimens=[Regimen("CE", cycles=[Cycle(1, 40, Precision.APPROXIMATE)])])
    b = Case("b", outcome=Outcome(final_outcome="Alive", followup_day=50,
                                  followup_precision=Precision.EXACT))
    assert survival_data([a, b]).times == (100.0, 50.0)
    steroids = survival_data([a, b], "start of steroids")
    assert steroids.times == (90.0,) and steroids.approximate == 0
    assert steroids.excluded == (("b", "no dated start of steroids"),)
    chemo = survival_data([a], "start of chemotherapy")
    assert chemo.times == (60.0,) and chemo.approximate == 1  # the cycle's day is approximate


def test_a_death_the_source_dates_is_the_event_day_even_without_a_follow_up_day():
    """Issue 10's day of death: 'died about two years later' ends the case there."""
    cases = [
        Case("dated death", outcome=Outcome(final_outcome="Dead", death_day=730,
                                            death_precision=Precision.APPROXIMATE)),
        Case("both", outcome=Outcome(final_outcome="Dead", followup_day=400, death_day=380)),
        Case("alive", outcome=Outcome(final_outcome="Alive", followup_day=500, death_day=None)),
    ]
    data = survival_data(cases)
    assert data.labels == ("dated death", "both", "alive")
    assert data.times == (730.0, 380.0, 500.0) and data.died == (True, True, False)
    assert data.approximate == 1 and data.excluded == ()
