"""IMACS 2023 cancer screening: the risk category (standard / moderate / high) and the
screening the guideline suggests, read from the rules table
resources/imacs2023_screening.json (each row with its citation and status).

Advice only: the text says what "IMACS 2023 suggests", never an order. A condition is
three-valued (true, false, unknown), so the category reached and the highest category
reachable if the unknown factors were present are both shown.
"""

from __future__ import annotations

import json
from functools import cache

from ..catalogue import RESOURCES
from ..model import Presence
from .facts import ANTIBODIES, Facts, antibody_key
from .result import Result, Used

ORDER = ("standard", "moderate", "high")


@cache
def rules() -> dict:
    return json.loads((RESOURCES / "imacs2023_screening.json").read_text(encoding="utf-8"))


def _any(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _all(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _presence(facts: Facts, key: str) -> bool | None:
    f = facts[key]
    return True if f.present else (False if f.value == Presence.ABSENT else None)


def condition(term: str, facts: Facts, subtype: str | None) -> bool | None:
    """One 'when' term of the rules table: true, false or None (unknown)."""
    kind, _, arg = term.partition(":")
    if kind == "subtype":
        return None if subtype is None else subtype == arg
    if kind == "antibody":
        return _any([_presence(facts, antibody_key(a)) for a in arg.split("|")])
    if kind == "fact":
        return _any([_presence(facts, k) for k in arg.split("|")])
    if kind == "onset_over":
        age = facts["onset_age"]
        return None if not age.known else age.value > float(arg)
    if kind == "seronegative":
        found = [_presence(facts, antibody_key(a)) for a in ANTIBODIES]
        if any(v is True for v in found):
            return False
        return None if any(v is None for v in found) else True
    raise ValueError(f"the IMACS rules table has an unknown condition '{term}'")


def _category(high: int, intermediate: int) -> str:
    for row in rules()["categories"]:
        if high >= row["high_at_least"] and row["high_at_least"] > 0:
            return row["category"]
        if row["intermediate_at_least"] and intermediate >= row["intermediate_at_least"]:
            return row["category"]
    return ORDER[0]


def screening(facts: Facts, subtype: str | None) -> Result:
    """The risk category and suggestions; subtype is DM, ADM, PM, IBM, JDM or None."""
    r = rules()
    counts = {"high": [0, 0], "intermediate": [0, 0]}  # [true, unknown]
    inputs, lower = [], []
    for factor in r["factors"]:
        value = _all([condition(t, facts, subtype) for t in factor["when"]])
        mark = {True: "present", False: "absent", None: "unknown"}[value]
        label = f"{factor['label']} ({factor['level']} risk)"
        inputs.append(Used(label, mark, f"{factor['status']}; {factor['citation']}",
                           missing=value is None))
        if factor["level"] in counts and value is not False:
            counts[factor["level"]][0 if value else 1] += 1
        elif factor["level"] not in counts and value:
            lower.append(factor["label"])
    reached = _category(counts["high"][0], counts["intermediate"][0])
    best = _category(sum(counts["high"]), sum(counts["intermediate"]))
    alias = r["aliases"][reached]
    named = f"{reached} risk" + (f" (also called {alias})" if alias != reached else "")
    res = Result("IMACS 2023 cancer screening", reached, named,
                 inputs, [u.label for u in inputs if u.missing], citation=r["citation"])
    res.extra = {"rules_version": r["version"], "category": reached,
                 "highest_reachable": best, "subtype": subtype, "suggestions": []}
    rule = next(c for c in r["categories"] if c["category"] == reached)
    res.notes.append(f"rule: {rule['rule']} ({rule['status']}; {rule['citation']}); "
                     f"rules table {r['version']}")
    if best != reached:
        res.if_missing.append(f"{best} risk if the factors marked unknown were present")
    if lower:
        res.notes.append("lower-risk features present: " + ", ".join(lower))
    age = facts["onset_age"]
    if age.known and age.value < 18:
        res.notes.append("juvenile onset: " + r["scope"]["text"])
    else:
        res.notes.append("scope: " + r["scope"]["text"])
    for s in r["suggestions"]:
        if reached not in s["categories"]:
            continue
        applies = _all([condition(t, facts, subtype) for t in s.get("when", [])])
        if applies is False:
            continue
        text = f"IMACS 2023 suggests {s['text']}" + ("" if applies else " (if it applies)")
        res.extra["suggestions"].append({"text": text, "status": s["status"],
                                         "citation": s["citation"]})
        if s["status"] != "confirmed":
            res.unconfirmed.append(f"{text} ({s['status']})")
    res.extra["panels"] = r["panels"]
    res.unconfirmed.append("the risk-factor list (Fig. 1 of the guideline) is not confirmed "
                           "row by row; see each factor's status")
    return res
