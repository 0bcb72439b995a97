"""2017 EULAR/ACR classification criteria for IIM: the score without and with muscle
biopsy, the category by the published cut-offs, the rule that without a DM skin sign
biopsy features are needed, and the subgroup (JDM / DM / ADM / PM incl. IMNM / IBM).

Sums are rounded to one decimal before they meet a cut-off (3.1 + 1.3 + 0.9 is not 5.3 in
floating point). No probability is shown: the reference does not confirm the formula.
"""

from __future__ import annotations

from ..model import Presence
from .facts import SKIN_SIGNS, Fact, Facts
from .result import Result, Used, reference

NOT_IIM = "not IIM"


def category(score: float, biopsy: bool) -> str:
    """The published category of a score (rounded to one decimal first)."""
    ref = reference()["eular_acr_2017"]
    s = round(score, 1)
    for cut, name, _probability in ref["cutoffs"]["biopsy" if biopsy else "no_biopsy"]:
        if s >= cut:
            return name
    return NOT_IIM


def _age_points(age: Fact, column: str) -> float | None:
    if not age.known:
        return None
    for band in reference()["eular_acr_2017"]["age_bands"]:
        if age.value >= band["from"] and (band["below"] is None or age.value < band["below"]):
            return band[column]
    return 0.0  # onset before 18: no age points


def score(facts: Facts, biopsy: bool) -> tuple[float, float]:
    """(score from the known items, the most the unknown items could add)."""
    ref = reference()["eular_acr_2017"]
    column = "biopsy" if biopsy else "no_biopsy"
    total = _age_points(facts["onset_age"], column) or 0.0
    more = 0.0 if facts["onset_age"].known else max(b[column] for b in ref["age_bands"])
    for item in ref["items"]:
        w = item[column]
        if w is None:
            continue
        f = facts[item["key"]]
        if f.present:
            total += w
        elif not f.known or f.value == Presence.NOT_DONE:
            more += w
    return round(total, 1), round(more, 1)


def biopsy_done(facts: Facts) -> bool:
    keys = ("muscle_biopsy", "bx_endomysial", "bx_perimysial", "bx_perifascicular",
            "bx_rimmed_vacuoles")
    return any(facts[k].value in (Presence.PRESENT, Presence.ABSENT) for k in keys)


def subgroup(facts: Facts) -> str:
    """The subclassification tree (unconfirmed except the IBM branch)."""
    age = facts["onset_age"]
    skin = [facts[k] for k in SKIN_SIGNS]
    has_skin = any(f.present for f in skin)
    if not age.known:
        return "unknown (age at onset not recorded)"
    if age.value < 18:
        return "JDM" if has_skin else "juvenile myositis other than JDM"
    if has_skin:
        weak = [facts["weak_prox_upper"], facts["weak_prox_lower"]]
        if any(f.present for f in weak):
            return "DM"
        if all(f.value == Presence.ABSENT for f in weak):
            return "ADM (amyopathic DM)"
        return "DM or ADM (proximal weakness not recorded)"
    if (facts["weak_finger_flexors"].present and facts["no_treatment_response"].present) or \
            facts["bx_rimmed_vacuoles"].present:
        return "IBM"
    return "PM (including IMNM)"


def eular_acr(facts: Facts) -> Result:
    ref = reference()["eular_acr_2017"]
    with_bx = biopsy_done(facts)
    no_bx, no_bx_more = score(facts, biopsy=False)
    bx, bx_more = score(facts, biopsy=True)
    used_score, more = (bx, bx_more) if with_bx else (no_bx, no_bx_more)
    column = "biopsy" if with_bx else "no_biopsy"
    age = facts["onset_age"]
    inputs = [Used.of(age, _age_points(age, column), "Age at onset of the first symptom")]
    for item in ref["items"]:
        f = facts[item["key"]]
        if item[column] is None:
            continue
        inputs.append(Used.of(f, item[column] if f.present else 0.0, item["label"]))
    cat = category(used_score, with_bx)
    skin_known = [facts[k] for k in SKIN_SIGNS]
    res = Result("EULAR/ACR 2017", f"{used_score:.1f}", cat, inputs,
                 [u.label for u in inputs if u.missing], citation=ref["citation"])
    res.extra = {"score_without_biopsy": no_bx, "score_with_biopsy": bx if with_bx else None,
                 "biopsy_done": with_bx, "highest_reachable": round(used_score + more, 1)}
    res.notes.append(
        f"score {no_bx:.1f} without muscle biopsy"
        + (f", {bx:.1f} with it (biopsy column and cut-offs used)" if with_bx
           else "; no muscle biopsy: the no-biopsy column and cut-offs are used")
    )
    if not any(f.present for f in skin_known):
        features = [facts[k] for k in ("bx_endomysial", "bx_perimysial", "bx_perifascicular",
                                       "bx_rimmed_vacuoles")]
        if cat != NOT_IIM and not any(f.present for f in features):
            res.notes.append(f"{ref['skin_rule']} ({cat} by score, not classified)")
            cat = res.category = "not classified: no DM skin sign and no biopsy feature"
    reachable = category(used_score + more, with_bx)
    if more and reachable != category(used_score, with_bx):
        res.if_missing.append(f"up to {used_score + more:.1f} ({reachable}) if every item "
                              "not recorded were present")
    elif more:
        res.if_missing.append("the items not recorded can only raise the score; the "
                              "category stays")
    if not with_bx:
        res.if_missing.append(
            f"with a muscle biopsy the score would use the biopsy column: {bx:.1f} from the "
            f"items known, up to {bx + bx_more:.1f}"
        )
    probable = cat in ("probable IIM", "definite IIM")
    res.extra["subgroup"] = subgroup(facts) if probable else None
    if probable:
        res.notes.append(f"subgroup: {res.extra['subgroup']}")
        res.unconfirmed.append("subgroup: " + ref["subgroup_note"])
    res.unconfirmed.append("probability not shown: " + ref["probability_note"])
    return res
