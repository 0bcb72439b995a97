"""Bohan & Peter 1975: DM (rash + 3 / 2 / 1 of criteria 1-4) and PM (4 / 3 / 2 of them).

Shows the grade reached, the highest grade reachable if every criterion not done or not
recorded were positive, and which of them it takes; the stored diagnosis grade is
compared, never changed.
"""

from __future__ import annotations

from ..model import Presence
from .facts import Facts
from .result import Result, Used, reference

GRADES = ("definite", "probable", "possible")
NONE = "none"


def grade(n: int, rule: dict) -> str:
    """The grade n positive criteria of 1-4 reach under one rule (DM or PM)."""
    for g in GRADES:
        if n >= rule[g]:
            return g
    return NONE


def _name(g: str, kind: str, rash_known: bool = True) -> str:
    unknown = "" if rash_known else ", the rash not recorded"
    return f"{g} {kind}" + (f" ({unknown[2:]})" if unknown else "") if g != NONE else (
        f"{NONE} ({kind}{unknown})")


def bohan_peter(facts: Facts, stored_criteria: str = "", stored_grade: str = "") -> Result:
    ref = reference()["bohan_peter_1975"]
    crit = ref["criteria"]
    used = [Used.of(facts[c["key"]], label=f"{c['number']}. {c['label']}") for c in crit]
    exclusion = facts["other_cause"]
    used.append(Used.of(exclusion, label="Exclusion: another cause of the myopathy"))
    four = [facts[c["key"]] for c in crit[:4]]
    open_ = [c for c, f in zip(crit[:4], four, strict=True) if not f.known
             or f.value == Presence.NOT_DONE]
    n = sum(f.present for f in four)
    rash = facts["rash"]
    missing = [u.label for u in used if u.missing]
    res = Result("Bohan & Peter 1975", "", "", used, missing, citation=ref["citation"])
    if exclusion.present:
        res.value = res.category = "not classifiable"
        res.notes.append("another cause of the myopathy is recorded: the criteria do not apply")
        return res
    kind = "DM" if rash.present else "PM"
    rule = ref["dm"] if rash.present else ref["pm"]
    reached = grade(n, rule)
    res.value = res.category = _name(reached, kind, rash.known)
    if kind == "DM" and reached == NONE:
        res.notes.append("possible DM requires the rash and at least 1 of criteria 1-4")
    best = grade(n + len(open_), rule)
    res.extra = {"grade": reached, "kind": kind, "criteria_met": n,
                 "highest_reachable": best}
    for g in GRADES[: GRADES.index(best) + 1] if best != NONE else ():
        if g == reached or (reached != NONE and GRADES.index(g) > GRADES.index(reached)):
            continue
        need = rule[g] - n
        names = " or ".join(c["short"] for c in open_)
        which = f"any {need} of: " if need > 1 else ""
        res.if_missing.append(f"{g} {kind} reachable only if {which}{names} were positive")
    if not rash.known:
        res.if_missing.append("a DM grade needs the rash recorded (now graded as PM)")
    if exclusion.value != Presence.ABSENT:
        res.notes.append("other causes of myopathy are not recorded as excluded; the "
                         "criteria require them excluded (" + ref["exclusions"] + ")")
    if "bohan" in stored_criteria.casefold() and stored_grade:
        same = stored_grade.strip().casefold() == reached
        res.notes.append(
            f"stored diagnosis: {stored_grade} ({stored_criteria}); "
            + ("the same as computed" if same else f"differs from the computed {reached}")
        )
        res.extra["stored_grade_agrees"] = same
    return res
