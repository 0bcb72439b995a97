"""Parsers and checks for everything a clinician types.

Numbers are parsed with an explicit grammar (ASCII digits, optional sign, one decimal
point, optional thousands commas): Python's float() would accept 'nan', 'inf', '1e400',
'1_000' and full-width digits, and NaN passes every range check.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from . import units
from .catalogue import drugs, find_analyte, find_antibody
from .model import (
    AntibodyStatus,
    AssessmentKind,
    Case,
    InitialTreatmentsStatus,
    Precision,
    Sex,
    format_number,
)
from .validation_unknowns import DAY_MAX, DAY_MIN, ECOG_GRADES, MRC_GRADES, check_unknowns


class ValidationError(ValueError):
    """A typed value is not allowed; the message names the field and what is allowed."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One finding of check_case: an error refuses the save, 'confirm' asks first."""

    field: str
    message: str
    severity: str = "error"  # "error" or "confirm"

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


_NUMBER = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?", re.ASCII)
_COMPARATOR = re.compile(r"(<=|>=|≤|≥|<|>)?\s*(.*)", re.DOTALL)
_TITRE = re.compile(r"1\s*:\s*([0-9]+)", re.ASCII)
TITRES = (10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240)  # the usual steps, offered
TITRE_MAX = 1_000_000  # 1:N for any whole N a lab reports (1:100, 1:320, 1:1000 ...)



def parse_number(
    text: str,
    field: str,
    lo: float | None = None,
    hi: float | None = None,
    unit: str = "",
    integer: bool = False,
) -> float:
    """A finite number within [lo, hi]; raises ValidationError naming the field."""
    t = text.strip(" \t")
    u = f" {unit}" if unit else ""
    allowed = _range_text(lo, hi, u)
    if not t:
        raise ValidationError(field, f"enter a number{allowed}")
    if not _NUMBER.fullmatch(t):
        if re.fullmatch(r"[+-]?[0-9]+,[0-9]{1,2}", t, re.ASCII):
            raise ValidationError(field, f"'{t}': use a point for decimals, e.g. 2.53")
        raise ValidationError(
            field, f"'{t}' is not a number; type digits such as 15242 or 2.53{allowed}"
        )
    value = float(t.replace(",", ""))
    if not math.isfinite(value):  # 400 digits in a row: float() gives inf
        raise ValidationError(field, f"'{t}' is not a finite number")
    if integer and value != int(value):
        raise ValidationError(field, f"'{t}' must be a whole number{allowed}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValidationError(field, f"{t}{u} is out of range; allowed{allowed}")
    return int(value) if integer else value


def _range_text(lo: float | None, hi: float | None, u: str) -> str:
    if lo is not None and hi is not None:
        return f" from {format_number(lo)} to {format_number(hi)}{u}"
    if lo is not None:
        return f" of at least {format_number(lo)}{u}"
    if hi is not None:
        return f" of at most {format_number(hi)}{u}"
    return ""


def parse_day(text: str, field: str = "Day") -> int:
    """A day number relative to day 0 (negative before day 0)."""
    return parse_number(text, field, DAY_MIN, DAY_MAX, integer=True)


def parse_optional_day(text: str, field: str = "Day") -> int | None:
    return None if not text.strip() else parse_day(text, field)


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)


def parse_date(text: str, field: str = "Date") -> str:
    """An ISO date 'YYYY-MM-DD' (a real calendar day); '' stays ''."""
    t = text.strip()
    if not t:
        return ""
    m = _ISO_DATE.fullmatch(t)
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise ValidationError(
            field, f"'{t}' is not a date; use YYYY-MM-DD, e.g. 2016-03-15"
        ) from None


def date_of_day(day0_date: str, day: int | None) -> str:
    """The calendar date of a day number when day 0 has a date, else ''."""
    if not day0_date or day is None:
        return ""
    try:
        return (date.fromisoformat(day0_date) + timedelta(days=day)).isoformat()
    except OverflowError:  # before year 1 or after 9999: no calendar date to show
        return ""


def parse_day_or_date(text: str, day0_date: str = "", field: str = "Day") -> int | None:
    """A day number, or a YYYY-MM-DD date counted from day 0's date; '' is None."""
    t = text.strip()
    if not t:
        return None
    if "-" in t[1:]:  # a date, not a negative day number
        if not day0_date:
            raise ValidationError(
                field, f"'{t}' is a date but day 0 has no date; type a day number such as 14"
            )
        days = (date.fromisoformat(parse_date(t, field)) - date.fromisoformat(day0_date)).days
        if not DAY_MIN <= days <= DAY_MAX:
            raise ValidationError(field, f"{t} is {days} days from day 0; out of range")
        return days
    return parse_day(t, field)


def antibody_key(text: str) -> str | None:
    """The catalogue key of an antibody named by key, name or synonym (case-insensitive)."""
    a = find_antibody(text)
    return a.key if a is not None else None


def analyte_limits(analyte: str) -> tuple[float, float, float | None]:
    """(hard min, hard max, soft max) of an analyte in its canonical unit; free-entry
    analytes are open."""
    a = find_analyte(analyte)
    if a is None:
        return 0.0, 1e9, None
    return a.min, a.max, a.soft_max


def _in_canonical(analyte: str, value: float, unit: str) -> float:
    """The value in the canonical unit; a unit kept as typed (or unknown) counts as is."""
    c = units.to_canonical(analyte, value, unit)
    return value if c is None else c


def parse_lab_value(
    text: str, analyte: str, field: str = "Value", unit: str = ""
) -> tuple[str, float]:
    """'<5' -> ('<', 5.0); '15,242' -> ('', 15242.0); within the analyte's limits, which
    are kept in its canonical unit and said in the unit typed (default: the usual one)."""
    m = _COMPARATOR.fullmatch(text.strip())
    comparator = (m.group(1) or "").replace("≤", "<=").replace("≥", ">=")
    a = find_analyte(analyte)
    name = a.key if a else (analyte or "value")
    if a is None:
        return comparator, parse_number(m.group(2), f"{field} ({name})", 0, 1e9)
    unit = (units.known_unit(a, unit) if unit.strip() else None) or a.default_unit
    value = parse_number(m.group(2), f"{field} ({name})", 0, None, unit=unit)
    if not a.min <= _in_canonical(analyte, value, unit) <= a.max:
        raise ValidationError(
            f"{field} ({name})",
            f"{m.group(2).strip()} {unit} is out of range; allowed "
            + units.range_in_unit(analyte, unit, a.min, a.max),
        )
    return comparator, value


def parse_titre(text: str, field: str = "Titre") -> str:
    """'1:80' (also '1 : 80', '80') -> '1:80' for any dilution 1:N a lab reports (1:100,
    1:320, 1:1000 ...); '' stays ''."""
    t = text.strip()
    if not t:
        return ""
    m = _TITRE.fullmatch(t) or re.fullmatch(r"([0-9]+)", t, re.ASCII)
    # int() refuses over 4300 digits; no titre has more than a few
    if not m or len(m.group(1).lstrip("0")) > 7 or not 1 <= int(m.group(1)) <= TITRE_MAX:
        raise ValidationError(
            field,
            f"'{t}' is not a titre; use 1:N with N a whole number from 1 to {TITRE_MAX} "
            "(e.g. 1:80, 1:100, 1:320, 1:1000)",
        )
    return f"1:{int(m.group(1))}"


def check_unit(analyte: str, unit: str, field: str = "Unit") -> str:
    """The catalogue's spelling of a unit the analyte converts from; any unit for an
    analyte outside the catalogue."""
    u = unit.strip()
    a = find_analyte(analyte)
    if a is None:
        if not u:
            raise ValidationError(field, "enter the unit of this result")
        return u
    known = units.known_unit(a, u)
    if known is None:
        raise ValidationError(
            field, f"'{u}' is not a unit for {a.key}; allowed: {units.allowed_units_text(a)}"
        )
    return known


def dose_limits(drug: str) -> tuple[float, float | None]:
    d = drugs().get(drug)
    if d is None or d.max_daily_mg is None:
        return 10000.0, None
    return d.max_daily_mg, d.soft_max_daily_mg


def is_not_stated(text: str) -> bool:
    """'not stated' / 'not specified' / 'unknown' typed for a value the source leaves out."""
    return text.strip().casefold() in {"not stated", "not specified", "unknown", "n.s."}


def parse_dose(text: str, drug: str, field: str = "Dose") -> float | None:
    """mg/day within the drug's limits; 'not stated' is None (the source gives no dose)."""
    hi, _ = dose_limits(drug)
    if is_not_stated(text):
        return None
    value = parse_number(text, field, 0, hi, unit="mg/day")
    if value == 0:
        raise ValidationError(field, "a dose must be above 0 mg/day; delete the step instead")
    return value


def check_case(case: Case) -> list[Problem]:
    """Every problem in a case, before anything is written."""
    p: list[Problem] = []

    def err(field: str, msg: str) -> None:
        p.append(Problem(field, msg))

    def confirm(field: str, msg: str) -> None:
        p.append(Problem(field, msg, "confirm"))

    if not case.label.strip():
        err("Label", "required; give the case a name such as 'Clinic 2026-03'")
    elif any(unicodedata.category(ch) == "Cc" for ch in case.label):
        err("Label", "no control characters (such as a tab or a line break) in a label")
    if case.age is not None and not 0 <= case.age <= 120:
        err("Age", f"{case.age} is out of range; allowed from 0 to 120 years")
    if case.sex not in tuple(Sex):
        err("Sex", "use M, F or not specified")
    if case.initial_treatments.status not in tuple(InitialTreatmentsStatus):
        err("Initial treatments", "the status must be given, none or not specified")
    if case.tumour.size_mm is not None and not 0 < case.tumour.size_mm <= 300:
        err("Tumour size", "allowed from 0.1 to 300 mm")
    # "not lo <= x <= hi" also catches NaN, which passes every comparison
    if case.pack_years is not None and not 0 <= case.pack_years <= 300:
        err("Pack-years", "allowed from 0 to 300")
    if case.cigarettes_per_day is not None and not 0 <= case.cigarettes_per_day <= 200:
        err("Cigarettes per day", "allowed from 0 to 200")
    if case.smoking_years is not None and not 0 <= case.smoking_years <= 100:
        err("Smoking years", "allowed from 0 to 100")
    if case.table_order is not None and not 1 <= case.table_order <= 1_000_000:
        err("Table order", "allowed from 1 to 1000000")
    _check_days(case, err)
    for i, lab in enumerate(case.labs, 1):
        where = f"Labs row {i}"
        lo, hi, soft = analyte_limits(lab.analyte)
        if not lab.analyte.strip():
            err(where, "choose an analyte")
            continue
        if lab.value is not None:
            # limits are in the canonical unit, said in the row's own unit
            value = (
                _in_canonical(lab.analyte, lab.value, lab.unit)
                if math.isfinite(lab.value)
                else math.nan
            )
            if not lo <= value <= hi:
                err(
                    where,
                    f"{lab.analyte} must be {units.range_in_unit(lab.analyte, lab.unit, lo, hi)}",
                )
            elif soft is not None and value > soft:
                confirm(
                    where,
                    f"{lab.analyte} {format_number(lab.value)} {lab.unit} is far above the "
                    "usual range; is it right?",
                )
        words_only = lab.value is None and lab.qualitative and not lab.unit.strip()
        try:
            if not words_only:  # a result given only in words has no unit
                check_unit(lab.analyte, lab.unit, where)
        except ValidationError as e:
            err(where, e.message)
        if lab.comparator not in ("", "<", ">", "<=", ">="):
            err(where, "comparator must be <, >, <=, >= or nothing")
        limits = [x for x in (lab.ref_low, lab.ref_high) if x is not None]
        if not all(math.isfinite(x) and abs(x) <= 1e9 for x in limits):
            err(where, "reference limits must be numbers up to 1000000000")
        elif lab.ref_low is not None and lab.ref_high is not None and lab.ref_low > lab.ref_high:
            err(where, "the lower reference limit is above the upper one")
    seen = Counter(a.antibody for a in case.antibodies)
    for name, n in seen.items():
        if n > 1:
            err("Antibodies", f"{name} is entered {n} times; keep one result per antibody")
    for a in case.antibodies:
        if a.status not in tuple(AntibodyStatus):
            err("Antibodies", f"{a.antibody}: status must be one of {', '.join(AntibodyStatus)}")
        if a.titre:
            try:
                parse_titre(a.titre, f"Antibodies {a.antibody} titre")
            except ValidationError as e:
                err(e.field, e.message)
    for i, s in enumerate(case.steroid_steps, 1):
        where = f"Steroid step {i}"
        hi, soft = dose_limits(s.drug)
        if s.drug not in drugs() or not drugs()[s.drug].is_glucocorticoid:
            err(where, f"'{s.drug}' is not a glucocorticoid in the catalogue")
        if s.dose is None:
            pass  # the source does not state the dose
        elif not math.isfinite(s.dose) or not 0 < s.dose <= hi:
            err(where, f"dose for {s.drug} must be above 0 and at most {format_number(hi)} mg/day")
        elif soft is not None and s.dose > soft:
            confirm(
                where,
                f"{format_number(s.dose)} mg/day of {s.drug} is above the usual {format_number(soft)} mg/day (a pulse?); is it right?",
            )
    check_unknowns(case, err)
    for i, r in enumerate(case.regimens, 1):
        if not r.name.strip():
            err(f"Regimen {i}", "give the regimen a name, e.g. carboplatin + etoposide")
        numbers = [c.number for c in r.cycles]
        if len(set(numbers)) != len(numbers):
            err(f"Regimen {i}", "cycle numbers repeat")
        if not all(1 <= n <= 999 for n in numbers):
            err(f"Regimen {i}", "cycle numbers allowed from 1 to 999")
        for agent in r.agents:
            if agent.dose is not None and not 0 <= agent.dose <= 1e6:
                err(f"Regimen {i}", f"dose of {agent.drug or 'an agent'} must be 0 to 1000000")
        if r.cycle_length_days is not None and not 1 <= r.cycle_length_days <= 365:
            err(f"Regimen {i}", "cycle length allowed from 1 to 365 days")
    for i, a in enumerate(case.assessments, 1):
        if a.kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER):
            if a.value not in MRC_GRADES:
                err(
                    f"Assessment {i}",
                    f"MRC grade '{a.value}' must be a grade 0 to 5, with + or - where given "
                    "(e.g. 4-, 4, 4+)",
                )
        elif a.kind == AssessmentKind.ECOG and a.value not in ECOG_GRADES:
            err(f"Assessment {i}", f"ECOG performance status '{a.value}' must be 0, 1, 2, 3 or 4")
        if a.side not in ("", "left", "right"):
            err(f"Assessment {i}", "side must be left, right or empty (both or not given)")
    return p


def _check_days(case: Case, err) -> None:
    def check(where: str, day: int | None, precision: Precision) -> None:
        if day is None and precision != Precision.NOT_SPECIFIED:
            err(where, "enter a day, or set its precision to 'not specified'")
        in_range(where, day)

    def in_range(where: str, day: int | None) -> bool:
        if day is not None and not DAY_MIN <= day <= DAY_MAX:
            err(where, f"day {day} is out of range ({DAY_MIN} to {DAY_MAX})")
            return False
        return True

    check("Follow-up", case.outcome.followup_day, case.outcome.followup_precision)
    for i, lab in enumerate(case.labs, 1):
        check(f"Labs row {i}", lab.day, lab.precision)
    for a in case.antibodies:
        in_range(f"Antibodies {a.antibody}", a.day)
    for i, s in enumerate(case.steroid_steps, 1):
        check(f"Steroid step {i}", s.from_day, s.from_precision)
        if (
            in_range(f"Steroid step {i} end", s.to_day)
            and s.to_day is not None
            and s.from_day is not None
            and s.to_day < s.from_day
        ):
            err(f"Steroid step {i}", f"end day {s.to_day} is before start day {s.from_day}")
    for i, t in enumerate(case.treatments, 1):
        check(f"Treatment {i}", t.start_day, t.start_precision)
        if (
            in_range(f"Treatment {i} end", t.end_day)
            and t.end_day is not None
            and t.start_day is not None
            and t.end_day < t.start_day
        ):
            err(f"Treatment {i}", f"end day {t.end_day} is before start day {t.start_day}")
    for i, f in enumerate(case.findings, 1):
        in_range(f"Finding {i}", f.day)
    for i, r in enumerate(case.regimens, 1):
        for c in r.cycles:
            check(f"Regimen {i} cycle {c.number}", c.day, c.precision)
    for i, a in enumerate(case.assessments, 1):
        check(f"Assessment {i}", a.day, a.precision)

