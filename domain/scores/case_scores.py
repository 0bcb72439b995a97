"""Every instrument for one case, from its stored facts."""

from __future__ import annotations

from ..model import Case, CoreSetVisit, LabResult
from .bohan_peter import bohan_peter
from .eular_acr import eular_acr
from .facts import gather
from .imacs_screening import screening
from .result import Result
from .tis import Measure, tis

TIS_ENZYMES = ("CK", "aldolase", "LDH", "ALT", "AST")
_VISIT_MEASURES = {
    "physician_global": "physician_global",
    "patient_global": "patient_global",
    "haq": "haq",
    "extramuscular": "extramuscular_global",
}


def case_scores(case: Case) -> list[Result]:
    """Bohan & Peter, EULAR/ACR 2017, IMACS 2023 screening and, with two dated core-set
    visits, the TIS between the first and the last."""
    facts = gather(case)
    bp = bohan_peter(facts, case.diagnosis.criteria, case.diagnosis.grade)
    ea = eular_acr(facts)
    out = [bp, ea, screening(facts, subtype(ea, bp))]
    dated = sorted((v for v in case.core_set_visits if v.day is not None), key=lambda v: v.day)
    if len(dated) >= 2:
        out.append(tis_between(case, dated[0], dated[-1]))
    return out


def subtype(ea: Result, bp: Result) -> str | None:
    """DM, ADM, PM, IBM or JDM: the EULAR/ACR subgroup, else the Bohan & Peter kind."""
    group = ea.extra.get("subgroup") or ""
    for name in ("JDM", "ADM", "DM", "PM", "IBM"):
        if group.startswith(name) and not group.startswith("DM or"):
            return name
    if bp.extra.get("grade") not in (None, "none"):
        return bp.extra["kind"]
    return None


def _lab_on(case: Case, analyte: str, day: int) -> LabResult | None:
    rows = [r for r in case.labs if r.analyte == analyte and r.day == day and r.value is not None]
    return rows[0] if rows else None


def _enzyme(case: Case, a: CoreSetVisit, b: CoreSetVisit) -> Measure | None:
    """The most abnormal enzyme (value over its upper limit) at the first visit, and the
    same enzyme at the second; from the labs of those days."""
    first = [r for r in (_lab_on(case, n, a.day) for n in TIS_ENZYMES)
             if r is not None and r.ref_high]
    if not first:
        return None
    worst = max(first, key=lambda r: r.value / r.ref_high)
    later = _lab_on(case, worst.analyte, b.day)
    where = (f"derived: {worst.analyte} on day {a.day} (most abnormal: "
             f"{worst.value_text}, upper limit {worst.ref_high:g})")
    if later is None:
        return Measure(worst.value, None, where + f"; no {worst.analyte} on day {b.day}")
    return Measure(worst.value, later.value, where + f" and on day {b.day}")


def tis_between(case: Case, a: CoreSetVisit, b: CoreSetVisit, juvenile: bool | None = None) -> Result:
    measures = {
        key: Measure(getattr(a, attr), getattr(b, attr), f"core-set visits day {a.day} and {b.day}")
        for key, attr in _VISIT_MEASURES.items()
    }
    mmt_max = None
    if a.mmt8_total is not None and b.mmt8_total is not None and a.mmt_side and b.mmt_side:
        if a.mmt8_maximum == b.mmt8_maximum:
            mmt_max = a.mmt8_maximum
            measures["mmt"] = Measure(a.mmt8_total, b.mmt8_total,
                                      f"MMT-8 totals, {a.mmt_side} / {b.mmt_side}")
    enzyme = _enzyme(case, a, b)
    if enzyme is not None:
        measures["enzyme"] = enzyme
    if juvenile is None:
        age = gather(case)["onset_age"]
        juvenile = age.known and age.value < 18
    res = tis(measures, mmt_max, juvenile)
    res.notes.insert(0, f"between the core-set visits of day {a.day} and day {b.day}")
    return res
