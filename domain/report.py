"""What a one-page case report says, as plain text: no Qt, no layout.

Title and citation, a short summary (the Table's wording where it has it), and the timed
lab results with their flags. Calendar dates, occupation and free-text notes stay out
unless asked for (allow_dates / identifying): like the charts, a report is meant to be
shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import analytes, antibodies
from .chart_types import number_text
from .model import (
    NOT_SPECIFIED,
    AntibodyStatus,
    Case,
    CycleCount,
    Precision,
    StepOnset,
    TreatmentKind,
    bounds_text,
    format_number,
)
from .table import COLUMNS, table_row


@dataclass(frozen=True)
class LabRow:
    day: str  # "0", "about 14", "" when not recorded
    test: str
    result: str  # "15,242", "<5"
    unit: str
    reference: str  # "60-248", "<248", ""
    flag: str  # "H", "L", ""


@dataclass(frozen=True)
class CaseReport:
    title: str
    citation: str
    summary: tuple[tuple[str, str], ...]  # (heading, text)
    labs: tuple[LabRow, ...]
    footnote: str


def _day(day: int | None, precision: Precision) -> str:
    if day is None:
        return ""
    return f"{'' if precision == Precision.EXACT else 'about '}{day}"


def _reference(low: float | None, high: float | None) -> str:
    return bounds_text(low, high, "{lo}-{hi}", ">{lo}", "<{hi}")


def _antibody_text(case: Case) -> str:
    names = {k: a.name for k, a in antibodies().items()}
    by_status: dict[str, list[str]] = {}
    for r in case.antibodies:
        if r.status in (AntibodyStatus.NOT_TESTED, AntibodyStatus.NOT_SPECIFIED):
            continue
        name = names.get(r.antibody, r.antibody)
        if r.titre:
            name += f" {r.titre}"
        by_status.setdefault(str(r.status), []).append(name)
    parts = [f"{status}: {', '.join(n)}" for status, n in by_status.items()]
    return "; ".join(parts) or NOT_SPECIFIED


def _treatments_text(case: Case) -> str:
    parts = []
    steps = sorted(case.steroid_steps, key=lambda s: (s.from_day is None, s.from_day or 0))
    if steps:
        doses = ""
        for i, s in enumerate(steps):
            dose = "dose not stated" if s.dose is None else format_number(s.dose)
            join = ", tapered to " if s.onset == StepOnset.TAPER and "tapered" not in doses else " → "
            doses += (join if i else "") + dose
        parts.append(f"{steps[0].drug} {doses} {steps[0].unit}")
    for r in case.regimens:
        agents = "/".join(a.drug for a in r.agents) or r.name
        n = r.cycle_count if r.cycle_count is not None else len(r.cycles)
        at_least = "at least " if r.cycle_count_kind == CycleCount.AT_LEAST else ""
        name = "regimen not stated" if r.name == NOT_SPECIFIED else (r.name or agents)
        parts.append(f"{name}: {at_least}{n} cycle{'s' * (n != 1)}")
    for t in case.treatments:
        if t.kind != TreatmentKind.STEROID:
            parts.append(t.name)
    if case.outcome.followup_dose is not None:
        parts.append(f"{format_number(case.outcome.followup_dose)} mg/day at follow-up")
    return "; ".join(parts)


def case_report(case: Case, allow_dates: bool = False, identifying: bool = False) -> CaseReport:
    """The report's content for a case; dates and identifying details only if asked."""
    cells = dict(zip(COLUMNS, table_row(case), strict=True))
    summary: list[tuple[str, str]] = [("Age / Sex", cells["Age / Sex"])]
    tumour = cells["Diagnosis"]
    if case.tumour.stage:
        tumour += f", stage {case.tumour.stage}"
    summary.append(("Tumour", tumour))
    summary.append(("Antibodies", _antibody_text(case)))
    if case.diagnosis.criteria:
        grade = case.diagnosis.grade or NOT_SPECIFIED
        summary.append(("DM diagnosis", f"{grade} ({case.diagnosis.criteria})"))
    summary.append(("Initial treatments", cells["Initial treatments"]))
    course = _treatments_text(case)
    if course:
        summary.append(("Treatments", course))
    summary.append(
        (
            "Responses",
            f"skin: {cells['Response: cutaneous manifestations']}; "
            f"muscle: {cells['Response: muscular manifestations']}",
        )
    )
    summary.append(("Final outcome", cells["Final outcome"]))
    if case.day0_meaning:
        summary.append(("Day 0", case.day0_meaning))
    if allow_dates and case.day0_date:
        summary.append(("Date of day 0", case.day0_date))
    if identifying and case.occupation:
        summary.append(("Occupation", case.occupation))
    names = {k: a.name for k, a in analytes().items()}
    labs = sorted(case.labs, key=lambda r: (r.day is None, r.day or 0, r.analyte))
    rows = tuple(
        LabRow(
            _day(r.day, r.precision),
            names.get(r.analyte, r.analyte),
            f"{r.comparator}{number_text(r.value)}" if r.value is not None else NOT_SPECIFIED,
            r.unit,
            _reference(r.ref_low, r.ref_high),
            r.flag,
        )
        for r in labs
    )
    footnote = "Days are counted from day 0" + ("" if allow_dates else "; no calendar dates")
    return CaseReport(case.label, case.citation, tuple(summary), rows, footnote + ".")
