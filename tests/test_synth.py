"""The synthetic cohort: deterministic, valid, shaped like real cases; the bulk writer."""

from __future__ import annotations

import math
import statistics
from collections import Counter

import pytest

from devtools.synth import LABEL_PREFIX, synthetic_case, synthetic_cases
from domain.checks import check_case
from domain.serialize import case_to_dict

SAMPLE = 300


@pytest.fixture(scope="module")
def cohort():
    return list(synthetic_cases(SAMPLE, seed=7))


def test_same_seed_same_cases_and_other_seed_other_cases():
    a = [case_to_dict(c) for c in synthetic_cases(20, seed=3)]
    b = [case_to_dict(c) for c in synthetic_cases(20, seed=3)]
    c = [case_to_dict(c) for c in synthetic_cases(20, seed=4)]
    assert a == b
    assert all(x != y for x, y in zip(a, c, strict=True))
    assert len({x["uuid"] for x in a + c}) == 40


def test_count_labels_and_continuation():
    cases = list(synthetic_cases(12, seed=1))
    assert [c.label for c in cases] == [f"Synthetic {n:05d}" for n in range(1, 13)]
    # 7 then 5 more from number 8 are the same 12 cases
    parts = list(synthetic_cases(7, seed=1)) + list(synthetic_cases(5, seed=1, start=8))
    assert [case_to_dict(c) for c in parts] == [case_to_dict(c) for c in cases]
    assert synthetic_case(123456, 1).label == "Synthetic 123456"
    assert all(c.label.startswith(LABEL_PREFIX) and "not a real patient" in c.notes for c in cases)


def test_every_case_is_valid(cohort):
    for case in cohort:
        problems = check_case(case)
        assert [p for p in problems if p.severity == "error"] == [], case.label
        # the only questions asked are about methylprednisolone pulses
        for p in problems:
            assert "methylprednisolone" in p.message and "pulse" in p.message, p


def test_labs_per_case_ages_and_sexes(cohort):
    counts = [len(c.labs) for c in cohort]
    assert min(counts) >= 20 and max(counts) <= 80
    assert 40 <= statistics.mean(counts) <= 60
    assert all(40 <= c.age <= 85 for c in cohort)
    sexes = Counter(c.sex.value for c in cohort)
    assert sexes["M"] > 0.4 * SAMPLE and sexes["F"] > 0.2 * SAMPLE
    for c in cohort:
        days = [r.day for r in c.labs]
        assert days == sorted(days)
        assert c.outcome.followup_day >= days[-1]


def test_ck_falls_under_treatment(cohort):
    ratios = []
    for case in cohort:
        ck = case.lab_series("CK")
        day0 = next(r.value for r in ck if r.day == 0)
        later = [r.value for r in ck if 28 <= r.day <= 90]
        if later:
            ratios.append(math.log(statistics.mean(later) / day0))
    assert len(ratios) > 0.8 * SAMPLE
    assert statistics.mean(ratios) < math.log(0.5)
    assert sum(r < 0 for r in ratios) > 0.85 * len(ratios)


def test_tumours_antibodies_and_censored_values(cohort):
    tumours = Counter(c.tumour.type for c in cohort)
    for t in ("SCLC", "LCNEC", "SCLC or LCNEC", "Lung adenocarcinoma"):
        assert tumours[t] > 0, t
    assert tumours["SCLC"] == max(tumours.values())
    tif1 = sum(
        any(a.antibody == "TIF1-gamma" and a.status == "positive" for a in c.antibodies)
        for c in cohort
    )
    assert 0.35 * SAMPLE < tif1 < 0.75 * SAMPLE
    for c in cohort:  # myositis-specific antibodies are mutually exclusive here
        msa = [a for a in c.antibodies if a.antibody != "ANA" and a.status == "positive"]
        assert len(msa) <= 1
    censored = [r for c in cohort for r in c.labs if r.comparator == "<"]
    assert censored and {r.analyte for r in censored} >= {"CRP"}
    analytes = {r.analyte for c in cohort for r in c.labs}
    assert {"CK", "myoglobin", "aldolase", "CRP", "ESR", "NSE", "ProGRP", "CEA"} <= analytes


def test_treatments_are_shaped_like_real_courses(cohort):
    outcomes = Counter(c.outcome.final_outcome for c in cohort)
    assert set(outcomes) == {"Alive", "Dead", "not specified"}
    with_chemo = [c for c in cohort if c.regimens]
    assert len(with_chemo) > 0.5 * SAMPLE
    for c in with_chemo:
        days = [cy.day for cy in c.regimens[0].cycles]
        assert days == sorted(days) and len(set(days)) == len(days)
    kinds = Counter(t.kind.value for c in cohort for t in c.treatments)
    assert kinds["ivig"] and kinds["immunosuppressant"] and kinds["radiotherapy"]
    tapered = [c for c in cohort if c.steroid_steps]
    assert len(tapered) > 0.85 * SAMPLE
    for c in tapered:
        oral = [s for s in c.steroid_steps if s.route == "oral"]
        doses = [s.dose for s in oral]
        assert doses == sorted(doses, reverse=True)  # a taper never goes up
        assert 30 <= doses[0] <= 80
        for a, b in zip(c.steroid_steps, c.steroid_steps[1:], strict=False):
            assert a.to_day == b.from_day - 1
    drugs = Counter(c.steroid_steps[0].drug for c in tapered)
    assert drugs["prednisolone"] > drugs["methylprednisolone"] > 0
