"""The 2016 ACR/EULAR myositis response criteria: the Total Improvement Score (TIS)
between two visits, 0-100, and minimal / moderate / major improvement.

The points per band and the thresholds are confirmed (resources/scores_reference.json).
How each measure's percent change is computed is NOT confirmed: it lives in
percent_change() alone, so that checking it against the NIEHS calculator touches one
function and its tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from .result import Result, Used, reference

MEASURES = ("physician_global", "patient_global", "mmt", "haq", "enzyme", "extramuscular")
SCALE_MAX = {"physician_global": 10.0, "patient_global": 10.0, "haq": 3.0,
             "extramuscular": 10.0}


@dataclass(frozen=True)
class Measure:
    """One core-set measure at two visits (None: not measured at that visit)."""

    baseline: float | None
    followup: float | None
    where: str = "entered"


def percent_change(measure: str, baseline: float, followup: float,
                   mmt_max: float | None = None) -> float:
    """Absolute percent improvement of one measure (positive = better). UNCONFIRMED.

    Believed from the NIEHS calculator's inputs (it asks for the maximum MMT score and the
    enzyme's upper limit): bounded scales as the change over the scale's range
    (VAS 0-10 and HAQ 0-3 fall as they improve, MMT rises), the enzyme as the fall
    relative to its baseline. Source: interop-and-scores.md 1c, marked [B] there.
    """
    if measure == "mmt":
        if not mmt_max:
            raise ValueError("the MMT's maximum score is needed (80 one side, 150 both)")
        change = (followup - baseline) / mmt_max
    elif measure == "enzyme":
        if baseline <= 0:
            raise ValueError("an enzyme baseline of 0 gives no relative change")
        change = (baseline - followup) / baseline
    else:
        change = (baseline - followup) / SCALE_MAX[measure]
    return round(change * 100, 6)  # 12.5 stays 12.5, not 12.499999999999998


def points(measure: str, percent: float) -> float:
    """The points of a percent improvement: band tops inclusive, worsening gives 0."""
    spec = _measure_spec(measure)
    for edge, pts in zip(spec["edges"], spec["points"], strict=False):
        if percent <= edge:
            return pts
    return spec["points"][-1]


def _measure_spec(measure: str) -> dict:
    return {m["key"]: m for m in reference()["tis_2016"]["measures"]}[measure]


def category(total: float, juvenile: bool = False) -> str:
    ref = reference()["tis_2016"]
    for cut, name in ref["thresholds"]["juvenile" if juvenile else "adult"]:
        if round(total, 1) >= cut:
            return name
    return ref["below_thresholds"]


def tis(measures: dict[str, Measure], mmt_max: float | None = None,
        juvenile: bool = False) -> Result:
    """The TIS of the measures given; a measure missing at either visit adds 0 points and
    its top points are shown as what it could add."""
    ref = reference()["tis_2016"]
    total, more, inputs, missing = 0.0, 0.0, [], []
    per: dict[str, dict] = {}
    for key in MEASURES:
        spec = _measure_spec(key)
        m = measures.get(key)
        if m is None or m.baseline is None or m.followup is None:
            missing.append(spec["label"])
            more += spec["points"][-1]
            inputs.append(Used(spec["label"], "not measured at both visits",
                               m.where if m else "not recorded", 0.0, True))
            continue
        pct = percent_change(key, m.baseline, m.followup, mmt_max)
        pts = points(key, pct)
        total += pts
        per[key] = {"baseline": m.baseline, "followup": m.followup, "percent": pct,
                    "points": pts}
        shown = f"{_num(m.baseline)} → {_num(m.followup)} ({_num(pct)}%)"
        inputs.append(Used(spec["label"], shown, m.where, pts))
    total = round(total, 1)
    group = "juvenile" if juvenile else "adult"
    res = Result("TIS (2016 ACR/EULAR response)", f"{total:.1f}", category(total, juvenile),
                 inputs, missing, citation=ref["citation"])
    res.extra = {"total": total, "thresholds": group, "measures": per, "mmt_max": mmt_max}
    if missing:
        best = round(total + more, 1)
        res.if_missing.append(f"up to {best:.1f} ({category(best, juvenile)}) if every "
                              "missing measure had improved by the top band")
    res.notes.append(f"{group} thresholds: " + ", ".join(
        f"{name} ≥{cut}" for cut, name in reversed(ref["thresholds"][group])))
    res.unconfirmed.append("percent change per measure: " + ref["percent_note"])
    return res


def _num(x: float) -> str:
    from ..model import format_number

    return format_number(round(x, 3))
