"""The instruments against the reference's published and worked examples, and the index
case's done-when (interop-and-scores.md section 1, copied into resources/)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.model import AntibodyResult, AntibodyStatus, Case, LabResult, Presence
from domain.scores.bohan_peter import bohan_peter
from domain.scores.case_scores import case_scores
from domain.scores.eular_acr import category, eular_acr
from domain.scores.facts import RECORDED, Fact, gather
from domain.scores.imacs_screening import screening
from storage.seed import paper_cases

P, A, ND = Presence.PRESENT, Presence.ABSENT, Presence.NOT_DONE


def facts(**values):
    """Every input unknown except those given (recorded)."""
    out = gather(Case(label="vector"))
    for key, value in values.items():
        out[key] = Fact(key, value, RECORDED)
    return out


def index_case() -> Case:
    return paper_cases()[-1]


# ---- Bohan & Peter: the reference's test vectors -----------------------------------------
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"rash": P}, "none (DM)"),
        ({"rash": P, "bp_weakness": P}, "possible DM"),
        ({"rash": P, "bp_weakness": P, "bp_enzymes": P, "emg_myopathic": P}, "definite DM"),
        ({"rash": A, "bp_weakness": P, "bp_enzymes": P, "emg_myopathic": P,
          "muscle_biopsy": P}, "definite PM"),
        ({"rash": A, "bp_weakness": P, "bp_enzymes": P}, "possible PM"),
        ({"rash": P, "bp_weakness": P, "bp_enzymes": P, "other_cause": P}, "not classifiable"),
    ],
)
def test_bohan_peter_vectors(given, expected):
    assert bohan_peter(facts(**given)).value == expected


def test_bohan_peter_rash_alone_says_what_possible_needs():
    r = bohan_peter(facts(rash=P, bp_weakness=A, bp_enzymes=A, emg_myopathic=A,
                          muscle_biopsy=A))
    assert r.extra["highest_reachable"] == "none"
    assert any("at least 1 of criteria 1-4" in n for n in r.notes)


def test_bohan_peter_compares_the_stored_grade_and_never_changes_it():
    r = bohan_peter(facts(rash=P, bp_weakness=P), "Bohan and Peter", "definite")
    assert r.value == "possible DM"
    assert r.extra["stored_grade_agrees"] is False
    assert any("differs from the computed possible" in n for n in r.notes)


# ---- EULAR/ACR 2017 ------------------------------------------------------------------------
def test_eular_worked_vector_without_biopsy_is_10_1_definite():
    f = facts(onset_age=55, weak_prox_upper=P, weak_prox_lower=P, heliotrope=P,
              gottron_papules=P, enzymes_raised=P)
    r = eular_acr(f)
    assert (r.value, r.category) == ("10.1", "definite IIM")
    assert r.extra["subgroup"] == "DM"


def test_eular_worked_vector_in_the_biopsy_column_is_10_7_definite():
    f = facts(onset_age=55, weak_prox_upper=P, weak_prox_lower=P, heliotrope=P,
              gottron_papules=P, enzymes_raised=P, muscle_biopsy=A)
    r = eular_acr(f)  # a biopsy was done (no features): the biopsy column
    assert r.extra["biopsy_done"] and r.extra["score_with_biopsy"] == 10.7
    assert (r.value, r.category) == ("10.7", "definite IIM")


def test_eular_skin_only_vector_is_8_5_definite_amyopathic():
    f = facts(onset_age=62, heliotrope=P, gottron_sign=P, weak_prox_upper=A, weak_prox_lower=A)
    r = eular_acr(f)
    assert (r.value, r.category, r.extra["subgroup"]) == ("8.5", "definite IIM",
                                                         "ADM (amyopathic DM)")


@pytest.mark.parametrize(
    ("score", "biopsy", "expected"),
    [(5.2, False, "not IIM"), (5.3, False, "possible IIM"), (5.4, False, "possible IIM"),
     (5.5, False, "probable IIM"), (7.4, False, "probable IIM"), (7.5, False, "definite IIM"),
     (6.4, True, "not IIM"), (6.5, True, "possible IIM"), (6.7, True, "probable IIM"),
     (8.6, True, "probable IIM"), (8.7, True, "definite IIM")],
)
def test_eular_published_cutoffs(score, biopsy, expected):
    assert category(score, biopsy) == expected


def test_eular_sums_are_rounded_before_the_cutoff():
    # heliotrope 3.1 + raised enzymes 1.3 + legs proximal > distal 0.9 = 5.3 (not 5.2999...)
    r = eular_acr(facts(heliotrope=P, enzymes_raised=P, weak_legs_prox_distal=P, onset_age=10))
    assert (r.value, r.category) == ("5.3", "possible IIM")


def test_eular_without_a_skin_sign_needs_a_biopsy_feature():
    f = facts(onset_age=50, weak_prox_upper=P, weak_prox_lower=P, weak_neck_flexors=P,
              anti_jo1=P, enzymes_raised=P, heliotrope=A, gottron_papules=A, gottron_sign=A)
    r = eular_acr(f)
    assert r.value == "10.7" and r.category.startswith("not classified")
    with_bx = eular_acr({**f, "muscle_biopsy": Fact("muscle_biopsy", P, RECORDED),
                         "bx_perimysial": Fact("bx_perimysial", P, RECORDED)})
    assert with_bx.category == "definite IIM" and with_bx.extra["subgroup"] == "PM (including IMNM)"


def test_eular_shows_no_probability_and_marks_the_unconfirmed_parts():
    r = eular_acr(facts(onset_age=55, heliotrope=P, gottron_sign=P, weak_prox_upper=P))
    assert "probability" not in r.extra
    assert any(u.startswith("probability not shown") for u in r.unconfirmed)
    assert any(u.startswith("subgroup") for u in r.unconfirmed)


# ---- the index case (done-when) ------------------------------------------------------------
def test_index_case_scores():
    bp, ea, imacs = case_scores(index_case())
    assert bp.value == "probable DM"
    assert bp.extra["stored_grade_agrees"] is True  # the paper says probable
    assert bp.if_missing == [
        "definite DM reachable only if the muscle biopsy or the EMG were positive"
    ]
    assert (ea.value, ea.category, ea.extra["subgroup"]) == ("12.0", "definite IIM", "DM")
    assert ea.extra["biopsy_done"] is False
    points = {u.label: u.points for u in ea.inputs if u.points}
    assert points == {
        "Age at onset of the first symptom": 2.1,
        "Objective symmetric weakness, proximal upper extremities": 0.7,
        "Objective symmetric weakness, proximal lower extremities": 0.8,
        "Heliotrope rash": 3.1,
        "Gottron's sign": 3.3,
        "Dysphagia or oesophageal dysmotility": 0.7,
        "Raised CK, LDH, AST or ALT (above the upper limit of normal)": 1.3,
    }
    assert "Gottron's papules" in ea.missing
    assert imacs.value == "high"
    texts = [s["text"] for s in imacs.extra["suggestions"]]
    assert "IMACS 2023 suggests the basic and the enhanced screening panels at IIM diagnosis" in texts
    assert any("PET-CT as a single screening investigation" in t for t in texts)


def test_derived_inputs_say_where_they_came_from():
    f = gather(index_case())
    assert f["enzymes_raised"].detail == "CK 15242 IU/L above its upper limit 248 (day 0)"
    assert f["enzymes_raised"].source.quote.startswith("creatine kinase (CK), 15,242")
    assert (f["anti_jo1"].value, f["anti_jo1"].detail) == (A, "anti-Jo-1 negative")
    assert f["dysphagia"].value == P and "Severe" in f["dysphagia"].detail
    assert (f["onset_age"].value, f["onset_age"].origin) == (75, "derived")
    assert f["bx_perifascicular"].value == ND  # no biopsy: its features are not asked


def test_a_recorded_onset_age_and_lab_limits_change_the_derivation():
    case = index_case()
    case.criteria = replace(case.criteria, onset_age=38)
    case.labs = [LabResult("CK", 200, "IU/L", day=0, ref_high=248)]
    f = gather(case)
    assert (f["onset_age"].value, f["onset_age"].origin) == (38, "recorded")
    assert f["enzymes_raised"].value == A  # every CK within its limit
    case.labs = [LabResult("CK", 900, "IU/L", day=0)]  # no limit given: nothing derived
    assert gather(case)["enzymes_raised"].value is None


# ---- IMACS 2023 screening ------------------------------------------------------------------
def test_imacs_one_high_risk_factor_is_moderate_and_says_what_could_raise_it():
    r = screening(facts(onset_age=35, dysphagia=A, skin_ulceration=A), "DM")
    assert r.value == "moderate"
    assert r.extra["highest_reachable"] == "high"  # refractory activity, anti-TIF1γ unknown


def test_imacs_antisynthetase_pm_with_nothing_else_is_standard():
    case = Case(label="asyn", antibodies=[AntibodyResult(n, AntibodyStatus.NEGATIVE)
                                          for n in ("TIF1-gamma", "NXP2", "SAE", "HMGCR")]
                + [AntibodyResult("Jo-1", AntibodyStatus.POSITIVE)])
    f = gather(case)
    for k in ("dysphagia", "skin_ulceration", "refractory_activity"):
        f[k] = Fact(k, A, RECORDED)
    f["onset_age"] = Fact("onset_age", 30, RECORDED)
    r = screening(f, "PM")
    assert r.value == "standard"  # PM is one intermediate factor; moderate needs 2
    r = screening(f, "DM")
    assert r.value == "moderate"  # DM subtype: one high-risk factor
    assert any("Anti-Jo-1" in n for n in r.notes)


def test_imacs_juvenile_onset_says_screening_is_not_routine_and_marks_unconfirmed_rows():
    r = screening(facts(onset_age=12), "JDM")
    assert any(n.startswith("juvenile onset") for n in r.notes)
    assert r.unconfirmed and all(s["text"].startswith("IMACS 2023 suggests")
                                 for s in r.extra["suggestions"])


def test_every_case_of_the_paper_and_random_cases_score_without_error():
    import random

    from tests.casegen import random_case

    rng = random.Random(15)
    cases = paper_cases() + [random_case(rng) for _ in range(200)]
    for case in cases:
        for r in case_scores(case):
            assert r.category and r.citation, r.instrument
            assert all(u.where for u in r.inputs)
    literature = case_scores(paper_cases()[0])  # the Table gives no criteria
    assert literature[0].value == "none (PM, the rash not recorded)"
    assert "5. Typical DM rash (heliotrope, Gottron's sign or papules)" in literature[0].missing


def test_score_input_checks_name_the_field_and_what_is_allowed():
    from domain.checks import check_case
    from domain.model import CoreSetVisit, CriteriaFacts, MmtSide

    case = Case(label="c", age=40, criteria=CriteriaFacts(onset_age=45),
                core_set_visits=[CoreSetVisit(day=0, mmt_deltoid=14),
                                 CoreSetVisit(day=1, mmt_side=MmtSide.BOTH, mmt_deltoid=14,
                                              mmt_neck_flexors=12, haq=3.5)])
    got = {(p.where, p.message) for p in check_case(case)}
    assert got == {
        ("Age at onset", "45 is after the age at presentation (40)"),
        ("Core-set visit 1, MMT side", "choose right, left or both sides"),
        ("Core-set visit 1, Deltoid", "allowed from 0 to 10 on one side (Kendall 0-10 a side)"),
        ("Core-set visit 2, Neck flexors",
         "allowed from 0 to 10 tested once (Kendall 0-10 a side)"),
        ("Core-set visit 2, HAQ", "allowed from 0 to 3"),
    }
