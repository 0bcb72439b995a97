"""The paper's 17 cases: loaded once, with their facts and provenance."""

from __future__ import annotations

import re

from domain.model import AntibodyStatus, Precision, StepOnset
from domain.steroids import step_pred_equivalent
from storage.db import open_db
from storage.repository import CaseRepository
from storage.seed import paper_cases, seed_paper_cases


def index_case(repo):
    return repo.get(repo.resolve("Takashima 2017 (index case)"))


def test_seed_gives_17_cases_once(db_path):
    db = open_db(db_path)
    assert CaseRepository(db).count() == 17
    assert seed_paper_cases(db) == 0
    db.close()
    db = open_db(db_path)
    assert CaseRepository(db).count() == 17


def test_user_edits_survive_a_restart_and_deleted_cases_stay_deleted(db_path):
    db = open_db(db_path)
    repo = CaseRepository(db)
    case = index_case(repo)
    case.labs[0].value = 15000
    repo.save(case)
    repo.delete(repo.resolve("McCombs 1947 (ref 20)"))
    db.close()
    repo = CaseRepository(open_db(db_path))
    assert index_case(repo).labs[0].value == 15000
    assert repo.count() == 16


def test_every_preloaded_fact_has_provenance():
    for case in paper_cases():
        assert {
            "reference_number",
            "age_sex",
            "tumour.type",
            "initial_treatments",
            "outcome.response_cutaneous",
            "outcome.response_muscular",
            "outcome.final_outcome",
        } <= set(case.sources)
        items = [
            *case.labs,
            *case.antibodies,
            *case.steroid_steps,
            *case.regimens,
            *case.treatments,
            *case.assessments,
            *case.findings,
            *(c for r in case.regimens for c in r.cycles),
        ]
        for item in items:
            assert item.source is not None, item
            assert item.source.reference.startswith("Takashima et al., Intern Med 2017")


def _paper_text() -> str:
    """The paper with white space removed, γ as a letter, and the two sentences that
    the page layout interrupts joined again (citations: without Markdown emphasis)."""
    from tests.conftest import PAPER

    text = re.sub(r"\s+", "", PAPER.read_text(encoding="utf-8")).replace("$\\gamma$", "γ")
    text = text.replace("stom-**Figure3.**Histologyofamediastinallymphnode.ach", "stomach")
    text = re.sub(r"BohanandPeter---.*?Chestcomputedtomography\.", "BohanandPeter", text)
    # the reference list's italics and bold, and the page break inside reference 29
    return text.replace("*", "").replace("literature.-IntJ", "literature.IntJ")


def test_quotes_are_verbatim_from_the_paper():
    text = _paper_text()
    for case in paper_cases():
        items = [
            *case.labs,
            *case.antibodies,
            *case.steroid_steps,
            *case.regimens,
            *case.assessments,
            *case.findings,
            *(c for r in case.regimens for c in r.cycles),
            *case.sources.values(),
        ]
        for item in items:
            quote = item.quote if hasattr(item, "quote") else item.source.quote
            assert re.sub(r"\s+", "", quote) in text, quote


def test_index_case_values(repo):
    c = index_case(repo)
    assert (c.age, c.sex.value, c.computed_pack_years, c.occupation) == (
        75,
        "M",
        80,
        "Precision polishing worker",
    )
    ck = [(r.day, r.value, r.precision) for r in c.lab_series("CK")]
    assert ck == [
        (0, 15242, Precision.EXACT),
        (14, 226, Precision.APPROXIMATE),
        (29, 54, Precision.APPROXIMATE),
    ]
    labs = {r.analyte: (r.value, r.unit, r.ref_high, r.flag) for r in c.labs if r.day == 0}
    assert labs == {
        "CK": (15242, "IU/L", 248, "H"),
        "myoglobin": (2504, "ng/mL", 73, "H"),
        "aldolase": (31.6, "U/mL", 4.9, "H"),
        "CRP": (2.53, "mg/dL", 0.14, "H"),
        "ESR": (42, "mm/h", 20, "H"),
    }
    markers = {
        r.analyte: (r.value, r.ref_high, r.flag, r.precision) for r in c.labs if r.day is None
    }
    assert markers["NSE"] == (83.7, 16.3, "H", Precision.NOT_SPECIFIED)
    assert markers["ProGRP"] == (24.1, 81, "", Precision.NOT_SPECIFIED)
    assert set(markers) == {"CEA", "CA19-9", "CYFRA", "SCC", "NSE", "ProGRP"}
    abs_ = {a.antibody: a for a in c.antibodies}
    assert abs_["ANA"].status == AntibodyStatus.POSITIVE and abs_["ANA"].titre == "1:80"
    assert abs_["ANA"].pattern == "speckled"
    assert abs_["TIF1-gamma"].status == AntibodyStatus.POSITIVE
    for name in ("Jo-1", "PL-7", "PL-12", "OJ", "EJ", "SRP", "MDA5", "Ku", "Mi-2"):
        assert abs_[name].status == AntibodyStatus.NEGATIVE, name
    # antibodies the paper does not mention are not stored (no invented quote)
    assert not {"NXP2", "SAE", "HMGCR"} & set(abs_)
    negative_clause = abs_["Jo-1"].source.quote
    assert negative_clause.startswith("negative results were obtained") and "Mi-2" in negative_clause
    assert all(abs_[n].source.quote == negative_clause for n in ("SRP", "MDA5", "Ku", "Mi-2"))
    steps = [(s.from_day, s.dose, s.from_precision, s.onset) for s in c.steroid_steps]
    assert steps == [
        (0, 70, Precision.APPROXIMATE, StepOnset.STEP),
        (15, 55, Precision.EXACT, StepOnset.STEP),
        (90, 15, Precision.APPROXIMATE, StepOnset.TAPER),  # schedule not given
        (180, 10, Precision.APPROXIMATE, StepOnset.TAPER),
    ]
    assert [step_pred_equivalent(s) for s in c.steroid_steps] == [70, 55, 15, 10]
    # 7 mg/day is the dose at the time of writing, not a step from a day
    o = c.outcome
    assert (o.followup_dose, o.followup_drug, o.followup_day) == (7, "prednisolone", 255)
    assert "counted from day 0 (admission)" in o.note
    assert c.sources["outcome.followup_dose"].quote.endswith("7 mg/day of PSL.")
    assert "Day 14" in c.day0_meaning and "counted from it" in c.day0_meaning
    assert c.presenting_signs == [
        "muscle weakness", "muscle pain", "rash", "arthralgia", "severe dysphagia", "fever"
    ]
    search = next(f for f in c.findings if f.kind == "tumour search")
    assert "CT" not in search.name and "modality not named" in search.name
    skin = [a.value for a in c.assessments if a.kind.value == "skin"]
    assert "Promptly improved (on prednisolone, before chemotherapy)" in skin
    assert c.outcome.response_cutaneous == "Gradual improvement"  # the Table's, kept
    (regimen,) = c.regimens
    assert [a.drug for a in regimen.agents] == ["carboplatin", "etoposide"]
    assert (regimen.cycle_count, regimen.cycle_count_kind, regimen.schedule) == (
        4, "exactly", "repeated monthly"
    )
    assert [(cy.number, cy.day) for cy in regimen.cycles] == [(1, 15), (2, 45), (3, 75), (4, 105)]
    assert (c.diagnosis.criteria, c.diagnosis.grade) == ("Bohan and Peter", "probable")
    assert (c.tumour.type, c.tumour.size_mm, c.tumour.stage) == ("SCLC or LCNEC", 13, "TxN3M0")
    ihc = {f.name: f.result for f in c.findings if f.kind == "ihc"}
    assert ihc == {
        "Cytokeratin (AE1/AE3)": "positive",
        "Synaptophysin": "partially positive",
        "CD56": "partially positive",
        "TTF-1": "negative",
    }
    mrc = sorted(
        (a.day, a.kind.value, a.value) for a in c.assessments if a.kind.value.startswith("mrc")
    )
    assert [v for _, _, v in mrc] == ["3", "3", "4", "4", "5", "5"]
    assert (c.outcome.final_outcome, c.outcome.response_muscular) == ("Alive", "Rapid improvement")


def test_literature_cases_keep_not_specified_as_a_value(repo):
    c = repo.get(repo.resolve("Lightman 1977 (ref 22)"))
    assert c.initial_treatments.status == "not specified"
    assert c.outcome.final_outcome == "not specified"
    assert c.outcome.response_cutaneous == "not specified"
    c = repo.get(repo.resolve("McCombs 1947 (ref 20)"))
    assert c.initial_treatments.status == "none"
    c = repo.get(repo.resolve("Williams 1963 (ref 21)"))
    assert c.initial_treatments.steps[0][0].dose_text == "60 mg"
    assert c.sources["citation"].locator == "References, entry 21"


def test_the_discussions_facts_on_the_literature_cases_carry_their_sentence(repo):
    def facts(label: str) -> list[tuple[str, str, str]]:
        c = repo.get(repo.resolve(label))
        return [(f.name, f.result, f.source.quote) for f in c.findings]

    (prompt,) = facts("Labinjoh 1998 (ref 33)")
    assert prompt[:2] == ("Response to corticosteroids before chemotherapy", "prompt response")
    assert facts("Albert 2015 (ref 35)") == [prompt]
    assert facts("Chao 2012 (ref 32)")[0][:2] == (
        "Response to corticosteroids without chemotherapy", "response"
    )
    assert facts("Murakami 2004 (ref 34)")[0][1] == "gradual response"
    assert "combination of corticosteroids and IVIg" in facts("Antonioli 2004 (ref 31)")[0][2]
    assert facts("Zangrilli 2008 (ref 30)")[0][1] == "IVIg alone"
    mccombs = repo.get(repo.resolve("McCombs 1947 (ref 20)"))
    assert mccombs.findings[0].result == "no information about treatment available"
    assert mccombs.initial_treatments.status == "none"  # the Table's "None": both kept
    assert "does not reconcile" in mccombs.notes
    assert facts("Lightman 1977 (ref 22)")[0][1] == "no information about treatment available"


def test_case_29_is_labelled_by_its_first_authors_surname(repo):
    c = repo.get(repo.resolve("Tsoukalas 2013 (ref 29)"))
    assert c.citation.startswith("Nikolaos T, Maria T")  # as printed
    assert "Tsoukalas" in c.notes
