"""Parsers and checks for everything a clinician types.

Numbers are parsed with an explicit grammar (ASCII digits, optional sign, one decimal
point, optional thousands commas): Python's float() would accept 'nan', 'inf', '1e400',
'1_000' and full-width digits, and NaN passes every range check.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from .catalogue import drugs, find_analyte, find_antibody
from .model import (
    format_number,
)


class ValidationError(ValueError):
    """A typed value is not allowed; the message names the field and what is allowed."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_NUMBER = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?", re.ASCII)
_COMPARATOR = re.compile(r"(<=|>=|≤|≥|<|>)?\s*(.*)", re.DOTALL)
_TITRE = re.compile(r"1\s*:\s*([0-9]+)", re.ASCII)
TITRES = (10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240)
DAY_MIN, DAY_MAX = -36500, 36500


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
    """(hard min, hard max, soft max) of an analyte; free-entry analytes are open."""
    a = find_analyte(analyte)
    if a is None:
        return 0.0, 1e9, None
    return a.min, a.max, a.soft_max


def parse_lab_value(text: str, analyte: str, field: str = "Value") -> tuple[str, float]:
    """'<5' -> ('<', 5.0); '15,242' -> ('', 15242.0); within the analyte's limits."""
    m = _COMPARATOR.fullmatch(text.strip())
    comparator = (m.group(1) or "").replace("≤", "<=").replace("≥", ">=")
    lo, hi, _ = analyte_limits(analyte)
    a = find_analyte(analyte)
    unit = a.default_unit if a else ""
    name = a.key if a else (analyte or "value")
    value = parse_number(m.group(2), f"{field} ({name})", lo, hi, unit=unit)
    return comparator, value


def parse_titre(text: str, field: str = "Titre") -> str:
    """'1:80' (also '1 : 80', '80') -> '1:80' for the usual dilution steps; '' stays ''."""
    t = text.strip()
    if not t:
        return ""
    m = _TITRE.fullmatch(t) or re.fullmatch(r"([0-9]+)", t, re.ASCII)
    # int() refuses over 4300 digits; no titre has more than a few
    if not m or len(m.group(1).lstrip("0")) > 6 or int(m.group(1)) not in TITRES:
        raise ValidationError(
            field, f"'{t}' is not a titre; use 1:N with N one of 40, 80, 160 ... 2560"
        )
    return f"1:{int(m.group(1))}"


def check_unit(analyte: str, unit: str, field: str = "Unit") -> str:
    u = unit.strip()
    a = find_analyte(analyte)
    if a is None:
        if not u:
            raise ValidationError(field, "enter the unit of this result")
        return u
    for known in a.units:
        if u.casefold() == known.casefold():
            return known
    raise ValidationError(field, f"'{u}' is not a unit for {a.key}; use {' or '.join(a.units)}")


def dose_limits(drug: str) -> tuple[float, float | None]:
    d = drugs().get(drug)
    if d is None or d.max_daily_mg is None:
        return 10000.0, None
    return d.max_daily_mg, d.soft_max_daily_mg


def parse_dose(text: str, drug: str, field: str = "Dose") -> float:
    hi, _ = dose_limits(drug)
    value = parse_number(text, field, 0, hi, unit="mg/day")
    if value == 0:
        raise ValidationError(field, "a dose must be above 0 mg/day; delete the step instead")
    return value
