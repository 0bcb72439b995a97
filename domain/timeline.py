"""A case's course as one list of facts (the `course` command, exports): every timed fact
in day order, then what has no day (undated labs and antibodies, findings, the diagnosis),
each with what the source leaves open said in words."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import drugs
from .model import (
    NOT_SPECIFIED,
    Case,
    CycleCount,
    Precision,
    StepOnset,
    SteroidStep,
    format_number,
)
from .steroids import step_pred_equivalent
from .vocabulary import ASSESSMENT_LABELS

COURSE_COLUMNS = ("day", "precision", "kind", "name", "value", "unit", "flag", "x_uln", "detail")
_ORDER = {
    "diagnosis": 0, "lab": 1, "antibody": 2, "assessment": 3, "finding": 4, "dose": 5,
    "treatment": 6, "outcome": 7,
}


@dataclass(frozen=True)
class TimedFact:
    day: int | None
    precision: Precision
    kind: str  # diagnosis / lab / antibody / assessment / finding / dose / treatment / outcome
    name: str
    value: str
    unit: str
    flag: str = ""  # H / L of a lab result
    x_uln: str = ""  # a lab result as a multiple of its upper limit
    detail: str = ""  # what the source leaves open, a schedule, a note on the day

    def cells(self) -> list[str]:
        day = "" if self.day is None else str(self.day)
        return [
            day, self.precision.value, self.kind, self.name, self.value, self.unit,
            self.flag, self.x_uln, self.detail,
        ]


def _drug_name(drug: str) -> str:
    return drugs()[drug].name if drug in drugs() else drug


def _dose_fact(s: SteroidStep) -> TimedFact:
    eq = step_pred_equivalent(s)
    value = "dose not stated" if s.dose is None else format_number(s.dose)
    if eq is not None and s.drug != "prednisolone":
        value += f" (= {format_number(eq)} prednisolone)"
    detail = []
    if s.from_day_latest is not None:
        detail.append(f"started between day {s.from_day} and day {s.from_day_latest}")
    if s.onset == StepOnset.TAPER:
        detail.append("tapered to this dose; schedule not given")
    if s.to_day is not None:
        detail.append(f"until day {s.to_day}")
    unit = "" if s.dose is None else s.unit
    return TimedFact(s.from_day, s.from_precision, "dose", _drug_name(s.drug), value, unit,
                     detail="; ".join(detail))


def _labs(case: Case) -> list[TimedFact]:
    out = []
    for lab in case.labs:
        x_uln = ""
        if lab.value is not None and lab.ref_high:
            x_uln = format_number(round(lab.value / lab.ref_high, 2))
        detail = "no value given" if lab.value is None and lab.qualitative else ""
        out.append(
            TimedFact(lab.day, lab.precision, "lab", lab.analyte, lab.value_text,
                      "" if lab.value is None else lab.unit, lab.flag, x_uln, detail)
        )
    return out


def _regimens(case: Case) -> list[TimedFact]:
    out = []
    for r in case.regimens:
        agents = ", ".join(
            a.drug + (f" {format_number(a.dose)} {a.unit}".rstrip() if a.dose is not None else "")
            + (f" {a.schedule}" if a.schedule else "")
            for a in r.agents
        )
        count = ""
        if r.cycle_count is not None:
            kind = r.cycle_count_kind.value if r.cycle_count_kind != CycleCount.NOT_GIVEN else ""
            count = f"{kind} {r.cycle_count} cycles".strip()
        interval = (
            f"every {r.cycle_length_days} days" if r.cycle_length_days else "interval not given"
        )
        name = "regimen not stated" if r.name == NOT_SPECIFIED else r.name
        about = "; ".join(x for x in (agents, count, r.schedule, interval) if x)
        if not r.cycles:
            out.append(TimedFact(None, Precision.NOT_SPECIFIED, "treatment", name,
                                 "no cycle dated", "", detail=about))
        for c in r.cycles:
            out.append(TimedFact(c.day, c.precision, "treatment", name, f"cycle {c.number}",
                                 "", detail=about if c.number == r.cycles[0].number else ""))
    return out


def _outcome(case: Case) -> list[TimedFact]:
    o = case.outcome
    out = []
    if o.followup_dose is not None:
        out.append(
            TimedFact(o.followup_day, o.followup_precision, "dose", _drug_name(o.followup_drug),
                      format_number(o.followup_dose), "mg/day",
                      detail="dose at follow-up; since when is not given")
        )
    if o.death_day is not None:
        out.append(TimedFact(o.death_day, o.death_precision, "outcome", "Death", "dead", ""))
    if o.final_outcome != NOT_SPECIFIED or o.followup_day is not None:
        out.append(
            TimedFact(o.followup_day, o.followup_precision, "outcome", "Final outcome",
                      o.final_outcome, "", detail=o.note)
        )
    return out


def _diagnosis(case: Case) -> list[TimedFact]:
    t = case.tumour
    if t.type == NOT_SPECIFIED and not t.stage and not t.metastases:
        return []
    parts = [x for x in (t.stage, t.site) if x]
    if t.metastases:
        parts.append("metastases: " + ", ".join(t.metastases))
    return [TimedFact(None, Precision.NOT_SPECIFIED, "diagnosis", "Cancer", t.type, "",
                      detail="; ".join(parts))]


def course(case: Case) -> list[TimedFact]:
    """Every fact of a case's course, ordered by day (facts with no day last)."""
    out: list[TimedFact] = [*_diagnosis(case), *_labs(case)]
    out += [_dose_fact(s) for s in case.steroid_steps]
    out += _regimens(case)
    for t in case.treatments:
        value = t.detail or t.kind.value
        extra = []
        if t.site:
            extra.append(f"site {t.site}")
        if t.dose is not None:
            extra.append(f"dose {format_number(t.dose)} {t.dose_unit}".rstrip())
        elif t.site:
            extra.append("dose not given")
        out.append(TimedFact(t.start_day, t.start_precision, "treatment", t.name, value, "",
                             detail="; ".join(extra)))
    for a in case.assessments:
        name = ASSESSMENT_LABELS[a.kind] + (f" ({a.side})" if a.side else "")
        out.append(TimedFact(a.day, a.precision, "assessment", name, a.value, ""))
    for ab in case.antibodies:
        value = ab.status.value + (f" {ab.titre}" if ab.titre else "")
        out.append(TimedFact(ab.day, ab.precision, "antibody", ab.antibody, value, ""))
    for f in case.findings:
        out.append(TimedFact(f.day, f.precision, "finding", f.name, f.result, ""))
    out += _outcome(case)
    out.sort(key=lambda f: (f.day is None, f.day or 0, _ORDER[f.kind], f.name))
    return out
