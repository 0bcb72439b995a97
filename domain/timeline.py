"""A case's course as one list of timed facts (the `course` command, exports)."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import drugs
from .model import Case, Precision, format_number
from .steroids import step_pred_equivalent
from .vocabulary import ASSESSMENT_LABELS

COURSE_COLUMNS = ("day", "precision", "kind", "name", "value", "unit")


@dataclass(frozen=True)
class TimedFact:
    day: int | None
    precision: Precision
    kind: str  # lab / dose / treatment / assessment / antibody / finding
    name: str
    value: str
    unit: str

    def cells(self) -> list[str]:
        day = "" if self.day is None else str(self.day)
        return [day, self.precision.value, self.kind, self.name, self.value, self.unit]


def course(case: Case) -> list[TimedFact]:
    """Every timed fact of a case, ordered by day (facts with no day last)."""
    out: list[TimedFact] = []
    for lab in case.labs:
        out.append(TimedFact(lab.day, lab.precision, "lab", lab.analyte, lab.value_text, lab.unit))
    for s in case.steroid_steps:
        eq = step_pred_equivalent(s)
        name = drugs()[s.drug].name if s.drug in drugs() else s.drug
        value = format_number(s.dose)
        if eq is not None and s.drug != "prednisolone":
            value += f" (= {format_number(eq)} prednisolone)"
        out.append(TimedFact(s.from_day, s.from_precision, "dose", name, value, s.unit))
    for r in case.regimens:
        for c in r.cycles:
            out.append(TimedFact(c.day, c.precision, "treatment", r.name, f"cycle {c.number}", ""))
    for t in case.treatments:
        value = t.detail or t.kind.value
        out.append(TimedFact(t.start_day, t.start_precision, "treatment", t.name, value, ""))
    for a in case.assessments:
        out.append(
            TimedFact(a.day, a.precision, "assessment", ASSESSMENT_LABELS[a.kind], a.value, "")
        )
    for ab in case.antibodies:
        if ab.day is not None:
            value = ab.status.value + (f" {ab.titre}" if ab.titre else "")
            out.append(TimedFact(ab.day, ab.precision, "antibody", ab.antibody, value, ""))
    for f in case.findings:
        if f.day is not None:
            out.append(TimedFact(f.day, f.precision, "finding", f.name, f.result, ""))
    order = {"lab": 0, "antibody": 1, "assessment": 2, "finding": 3, "dose": 4, "treatment": 5}
    out.sort(key=lambda f: (f.day is None, f.day or 0, order[f.kind], f.name))
    return out
