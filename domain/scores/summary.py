"""Each classification instrument's result in one line, for the views of many cases at once:
Table 1 of the cohort, the data exports' cases_wide file and the case list's score column.

A result is *not computable* when the inputs recorded reach the lowest outcome (no Bohan &
Peter grade, "not IIM", standard risk) while the inputs not recorded could reach a higher
one: counting it as "none" would count an unknown as a no. A higher outcome reached is
counted as reached (the missing inputs could only raise it); `*_reachable` says how high.
Computed from the case's facts every time, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Case
from .bohan_peter import NONE as BP_NONE
from .bohan_peter import bohan_peter
from .case_scores import subtype
from .eular_acr import NOT_IIM, category, eular_acr
from .facts import gather
from .imacs_screening import ORDER as IMACS_ORDER
from .imacs_screening import rules, screening
from .result import reference

NOT_COMPUTABLE = "not computable"
BP_GRADES = ("definite", "probable", "possible", BP_NONE, "not classifiable", NOT_COMPUTABLE)
EA_CATEGORIES = ("definite IIM", "probable IIM", "possible IIM", NOT_IIM)


@dataclass(frozen=True)
class ScoreSummary:
    bp: str  # "probable DM", "not classifiable", "not computable", ...
    bp_grade: str  # one of BP_GRADES
    bp_reachable: str  # the highest grade reachable if the open criteria were positive
    bp_missing: tuple[str, ...]
    ea_score: float | None  # None when the classification is not computable
    ea_category: str
    ea_subgroup: str
    ea_reachable: float
    ea_missing: tuple[str, ...]
    imacs: str  # standard / moderate / high, or not computable
    imacs_reachable: str
    imacs_missing: tuple[str, ...]


def summarize(case: Case) -> ScoreSummary:
    """Bohan & Peter, EULAR/ACR 2017 and the IMACS 2023 risk of one case (no TIS: it needs
    two chosen visits)."""
    facts = gather(case)
    bp = bohan_peter(facts, case.diagnosis.criteria, case.diagnosis.grade)
    ea = eular_acr(facts)
    im = screening(facts, subtype(ea, bp))
    grade = bp.extra.get("grade", bp.value)  # "not classifiable" has no grade
    reach_bp = bp.extra.get("highest_reachable") or ""
    bp_open = grade == BP_NONE and reach_bp not in ("", BP_NONE)
    reach_ea = ea.extra["highest_reachable"]
    ea_open = ea.category == NOT_IIM and category(reach_ea, ea.extra["biopsy_done"]) != NOT_IIM
    reached, best = im.extra["category"], im.extra["highest_reachable"]
    im_open = reached == IMACS_ORDER[0] and best != reached
    return ScoreSummary(
        bp=NOT_COMPUTABLE if bp_open else bp.value,
        bp_grade=NOT_COMPUTABLE if bp_open else grade,
        bp_reachable=reach_bp,
        bp_missing=tuple(bp.missing),
        ea_score=None if ea_open else float(ea.value),
        ea_category=NOT_COMPUTABLE if ea_open else ea.category,
        ea_subgroup=ea.extra.get("subgroup") or "",
        ea_reachable=reach_ea,
        ea_missing=tuple(ea.missing),
        imacs=NOT_COMPUTABLE if im_open else reached,
        imacs_reachable=best,
        imacs_missing=tuple(im.missing),
    )


def references() -> dict[str, tuple[str, str]]:
    """Per instrument: (its citation, what the reference confirms of it), for the codebook."""
    ref = reference()
    ea, bp = ref["eular_acr_2017"], ref["bohan_peter_1975"]
    r = rules()
    return {
        "bp": (bp["citation"], f"criteria and grades {bp['status']}"),
        "ea": (ea["citation"],
               f"weights {ea['weights_status']}, cut-offs {ea['cutoffs_status']}, skin rule "
               f"{ea['skin_rule_status']}, subgroup tree {ea['subgroup_status']}, "
               f"probability {ea['probability_status']} (not given)"),
        "imacs": (r["citation"], f"rules table {r['version']}: categories partly confirmed, "
                  "risk factors not confirmed row by row"),
    }
