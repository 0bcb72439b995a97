"""The checks of a whole case before it is written: ranges, required fields, days that fit.

Each finding is a `Problem` with its place (section, row, field), so the window can put it
beside the field it is about; the form parsers report the values that did not parse.
"""

from __future__ import annotations

import math
from collections import Counter

from .catalogue import drugs
from .model import (
    AntibodyStatus,
    AssessmentKind,
    Case,
    InitialTreatmentsStatus,
    Precision,
    Sex,
    format_number,
)
from .problems import Problem, Section
from .text import LABEL_MAX, unsafe_characters
from .units import range_in_unit
from .validation import (
    DAY_MAX,
    DAY_MIN,
    ValidationError,
    analyte_limits,
    check_unit,
    dose_limits,
    in_canonical,
    parse_titre,
)
from .validation_unknowns import ECOG_GRADES, MRC_GRADES, check_unknowns


def check_case(case: Case) -> list[Problem]:
    """Every problem in a case, before anything is written."""
    p: list[Problem] = []

    def err(section: Section, row, field: str, msg: str, label: str = "", **kw) -> None:
        p.append(Problem(section, row, field, msg, label=label, **kw))

    def confirm(section: Section, row, field: str, msg: str, label: str = "") -> None:
        p.append(Problem(section, row, field, msg, "confirm", label))

    def case_err(field: str, label: str, msg: str) -> None:
        err(Section.CASE, None, field, msg, label)

    if not case.label.strip():
        case_err("label", "Label", "required; give the case a name such as 'Clinic 2026-03'")
    elif unsafe := unsafe_characters(case.label):
        found = ", ".join(unsafe[:3])
        case_err(
            "label",
            "Label",
            f"no control or text-direction characters in a label (found {found}); "
            "type it as plain text",
        )
    if len(case.label) > LABEL_MAX:
        case_err(
            "label",
            "Label",
            f"at most {LABEL_MAX} characters (this one has {len(case.label)}); put the "
            "rest in the notes",
        )
    if case.age is not None and not 0 <= case.age <= 120:
        case_err("age", "Age", f"{case.age} is out of range; allowed from 0 to 120 years")
    if case.sex not in tuple(Sex):
        case_err("sex", "Sex", "use M, F or not specified")
    if case.initial_treatments.status not in tuple(InitialTreatmentsStatus):
        err(Section.INITIAL, None, "", "the status must be given, none or not specified")
    if case.tumour.size_mm is not None and not 0 < case.tumour.size_mm <= 300:
        case_err("size_mm", "Tumour size", "allowed from 0.1 to 300 mm")
    # "not lo <= x <= hi" also catches NaN, which passes every comparison
    if case.pack_years is not None and not 0 <= case.pack_years <= 300:
        case_err("pack_years", "Pack-years", "allowed from 0 to 300")
    if case.cigarettes_per_day is not None and not 0 <= case.cigarettes_per_day <= 200:
        case_err("cigarettes_per_day", "Cigarettes per day", "allowed from 0 to 200")
    if case.smoking_years is not None and not 0 <= case.smoking_years <= 100:
        case_err("smoking_years", "Smoking years", "allowed from 0 to 100")
    if case.table_order is not None and not 1 <= case.table_order <= 1_000_000:
        case_err("table_order", "Table order", "allowed from 1 to 1000000")
    _check_days(case, err)
    for i, lab in enumerate(case.labs, 1):
        lo, hi, soft = analyte_limits(lab.analyte)
        if not lab.analyte.strip():
            err(Section.LABS, i, "analyte", "choose an analyte", "Analyte")
            continue
        if lab.value is not None:
            # limits are in the canonical unit, said in the row's own unit
            value = (
                in_canonical(lab.analyte, lab.value, lab.unit)
                if math.isfinite(lab.value)
                else math.nan
            )
            if not lo <= value <= hi:
                msg = f"{lab.analyte} must be {range_in_unit(lab.analyte, lab.unit, lo, hi)}"
                err(Section.LABS, i, "value", msg, "Value")
            elif soft is not None and value > soft:
                confirm(
                    Section.LABS,
                    i,
                    "value",
                    f"{lab.analyte} {format_number(lab.value)} {lab.unit} is far above the "
                    "usual range; is it right?",
                    "Value",
                )
        words_only = lab.value is None and lab.qualitative and not lab.unit.strip()
        try:
            if not words_only:  # a result given only in words has no unit
                check_unit(lab.analyte, lab.unit)
        except ValidationError as e:
            err(Section.LABS, i, "unit", e.message, "Unit")
        if lab.comparator not in ("", "<", ">", "<=", ">="):
            err(Section.LABS, i, "value", "comparator must be <, >, <=, >= or nothing", "Value")
        bad = [
            (f, label)
            for f, label, x in (
                ("ref_low", "Ref. low", lab.ref_low),
                ("ref_high", "Ref. high", lab.ref_high),
            )
            if x is not None and not (math.isfinite(x) and abs(x) <= 1e9)
        ]
        if bad:  # named by the limit, so the window marks its cell
            field, label = bad[0]
            err(Section.LABS, i, field, "reference limits must be numbers up to 1000000000", label)
        elif lab.ref_low is not None and lab.ref_high is not None and lab.ref_low > lab.ref_high:
            err(
                Section.LABS,
                i,
                "ref_low",
                "the lower reference limit is above the upper one",
                "Ref. low",
            )
    seen = Counter(a.antibody for a in case.antibodies)
    for name, n in seen.items():
        if n > 1:
            err(
                Section.ANTIBODIES,
                None,
                "",
                f"{name} is entered {n} times; keep one result per antibody",
            )
    for a in case.antibodies:
        if a.status not in tuple(AntibodyStatus):
            err(
                Section.ANTIBODIES,
                a.antibody,
                "status",
                f"status must be one of {', '.join(AntibodyStatus)}",
                "Status",
            )
        if a.titre:
            try:
                parse_titre(a.titre)
            except ValidationError as e:
                err(Section.ANTIBODIES, a.antibody, "titre", e.message, "Titre")
    for i, s in enumerate(case.steroid_steps, 1):
        hi, soft = dose_limits(s.drug)
        drug = drugs().get(s.drug)
        if drug is None or not drug.is_glucocorticoid:
            err(
                Section.STEROIDS,
                i,
                "drug",
                f"'{s.drug}' is not a glucocorticoid in the catalogue",
                "Drug",
            )
        if s.dose is None:
            pass  # the source does not state the dose
        elif not math.isfinite(s.dose) or not 0 < s.dose <= hi:
            err(
                Section.STEROIDS,
                i,
                "dose",
                f"dose for {s.drug} must be above 0 and at most {format_number(hi)} mg/day",
                "Dose",
            )
        elif soft is not None and s.dose > soft:
            confirm(
                Section.STEROIDS,
                i,
                "dose",
                f"{format_number(s.dose)} mg/day of {s.drug} is above the usual {format_number(soft)} mg/day (a pulse?); is it right?",
                "Dose",
            )
    check_unknowns(case, err)
    for i, r in enumerate(case.regimens, 1):
        if not r.name.strip():
            err(
                Section.REGIMENS,
                i,
                "name",
                "give the regimen a name, e.g. carboplatin + etoposide",
                "Name",
            )
        numbers = [c.number for c in r.cycles]
        if len(set(numbers)) != len(numbers):
            err(Section.REGIMENS, i, "", "cycle numbers repeat")
        if not all(1 <= n <= 999 for n in numbers):
            err(Section.REGIMENS, i, "", "cycle numbers allowed from 1 to 999")
        for j, agent in enumerate(r.agents, 1):
            if agent.dose is not None and not 0 <= agent.dose <= 1e6:
                err(
                    Section.AGENTS,
                    j,
                    "dose",
                    f"dose of {agent.drug or 'an agent'} must be 0 to 1000000",
                    "Dose",
                    parent=i,
                )
        if r.cycle_length_days is not None and not 1 <= r.cycle_length_days <= 365:
            err(
                Section.REGIMENS,
                i,
                "cycle_length_days",
                "allowed from 1 to 365 days",
                "Cycle length",
            )
    for i, a in enumerate(case.assessments, 1):
        if a.kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER):
            if a.value not in MRC_GRADES:
                err(
                    Section.ASSESSMENTS,
                    i,
                    "value",
                    f"MRC grade '{a.value}' must be a grade 0 to 5, with + or - where given "
                    "(e.g. 4-, 4, 4+)",
                    "Finding",
                )
        elif a.kind == AssessmentKind.ECOG and a.value not in ECOG_GRADES:
            err(Section.ASSESSMENTS, i, "value",
                f"ECOG performance status '{a.value}' must be 0, 1, 2, 3 or 4", "Finding")
        if a.side not in ("", "left", "right"):
            err(Section.ASSESSMENTS, i, "side",
                "side must be left, right or empty (both or not given)", "Side")
    from .scores.checks import check_score_inputs  # the instruments' inputs

    return p + check_score_inputs(case)


def _check_days(case: Case, err) -> None:
    def check(section: Section, row, field: str, label: str, day, precision, **kw) -> None:
        if day is None and precision != Precision.NOT_SPECIFIED:
            err(
                section,
                row,
                field,
                "enter a day, or set its precision to 'not specified'",
                label,
                **kw,
            )
        in_range(section, row, field, label, day, **kw)

    def in_range(section: Section, row, field: str, label: str, day, **kw) -> bool:
        if day is not None and not DAY_MIN <= day <= DAY_MAX:
            err(
                section,
                row,
                field,
                f"day {day} is out of range ({DAY_MIN} to {DAY_MAX})",
                label,
                **kw,
            )
            return False
        return True

    def ends(section: Section, i: int, start, end, field: str, label: str) -> None:
        """The end day (field, label) is in range and not before the start."""
        if in_range(section, i, field, label, end) and None not in (start, end):
            if end < start:
                err(section, i, field, f"end day {end} is before start day {start}", label)

    o = case.outcome
    check(
        Section.OUTCOME, None, "followup_day", "Follow-up day", o.followup_day, o.followup_precision
    )
    for i, lab in enumerate(case.labs, 1):
        check(Section.LABS, i, "day", "Day", lab.day, lab.precision)
    for a in case.antibodies:
        in_range(Section.ANTIBODIES, a.antibody, "day", "Day", a.day)
    for i, s in enumerate(case.steroid_steps, 1):
        check(Section.STEROIDS, i, "from_day", "From day", s.from_day, s.from_precision)
        ends(Section.STEROIDS, i, s.from_day, s.to_day, "to_day", "To day")
    for i, t in enumerate(case.treatments, 1):
        check(Section.TREATMENTS, i, "start_day", "Start day", t.start_day, t.start_precision)
        ends(Section.TREATMENTS, i, t.start_day, t.end_day, "end_day", "End day")
    for i, f in enumerate(case.findings, 1):
        in_range(Section.FINDINGS, i, "day", "Day", f.day)
    for i, r in enumerate(case.regimens, 1):
        for j, c in enumerate(r.cycles, 1):
            check(Section.CYCLES, j, "day", "Day", c.day, c.precision, parent=i)
    for i, a in enumerate(case.assessments, 1):
        check(Section.ASSESSMENTS, i, "day", "Day", a.day, a.precision)
