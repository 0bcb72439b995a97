"""Parsers and checks for everything a clinician types.

Numbers are parsed with an explicit grammar (ASCII digits, optional sign, one decimal
point, thousands commas only where nothing else can be meant, see _read_grouped):
Python's float() would accept 'nan', 'inf', '1e400', '1_000' and full-width digits, and
NaN passes every range check.
"""

from __future__ import annotations

import locale
import math
import re
from datetime import date, timedelta

from . import units
from .catalogue import drugs, find_analyte, find_antibody
from .model import (
    bounds_text,
    format_number,
)
from .text import shown
from .validation_unknowns import DAY_MAX, DAY_MIN


class ValidationError(ValueError):
    """A typed value is not allowed; the message names the field and what is allowed."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"([+-]?)([0-9]{1,3})((?:,[0-9]{3})+)(\.[0-9]+)?", re.ASCII)
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+", re.ASCII)
_COMPARATOR = re.compile(r"(<=|>=|≤|≥|<|>)?\s*(.*)", re.DOTALL)
_TITRE = re.compile(r"1\s*:\s*([0-9]+)", re.ASCII)
TITRES = (10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240)  # the usual steps, offered
TITRE_MAX = 1_000_000  # 1:N for any whole N a lab reports (1:100, 1:320, 1:1000 ...)


def locale_decimal_point() -> str:
    """The decimal point of the user's number format (the window sets the locale)."""
    return locale.localeconv()["decimal_point"] or "."


def _fits(value: float, lo: float | None, hi: float | None, integer: bool) -> bool:
    return (
        math.isfinite(value)
        and (lo is None or value >= lo)
        and (hi is None or value <= hi)
        and (not integer or value == int(value))
    )


def _read_grouped(
    t: str, m: re.Match, field: str, bounds: tuple, integer: bool, point: str
) -> str | None:
    """The digits of a number written with commas; None when it is not a number; raises
    ValidationError when the comma may be a decimal comma.

    Thousands commas are taken where nothing else can be meant: more than one group
    (1,234,567), a decimal point after them (15,242.5), or one group where the value read
    as a decimal comma is not allowed (ESR 1,125 = 1.125 fits, 1125 mm/h does not: asked)
    or the user's decimal point is "." (then a comma is never theirs for decimals).
    A first group starting with 0 (0,125) is always a decimal comma.
    """
    sign, first, groups, decimals = m.groups()
    digits = sign + first + groups.replace(",", "") + (decimals or "")
    as_decimal = f"{sign}{first}.{groups[1:]}"
    one_group = groups.count(",") == 1 and not decimals
    use_a_point = ValidationError(field, f"'{t}': use a point for decimals, e.g. {as_decimal}")
    if first.startswith("0"):
        if one_group:
            raise use_a_point
        return None  # 0,125,000 is no number
    if not one_group:
        return digits
    thousands_fit = _fits(float(digits), *bounds, integer)
    decimal_fits = _fits(float(as_decimal), *bounds, integer)
    if thousands_fit and (not decimal_fits or point == "."):
        return digits
    if decimal_fits and not thousands_fit:
        raise use_a_point
    raise ValidationError(
        field, f"'{t}' could be {as_decimal} or {digits}: type it without the comma"
    )


def _examples(lo: float | None, hi: float | None, integer: bool) -> str:
    """Example numbers inside the field's own range ('20 or 2.5'), so that a field such as
    cigarettes per day is never shown a CK value."""

    def inside(x: float) -> bool:
        return (lo is None or x >= lo) and (hi is None or x <= hi)

    fallback = lo if lo is not None else hi if hi is not None else 0
    whole = next((x for x in (20, 5, 1, 0) if inside(x)), None)
    part = next((x for x in (2.5, 1.5, 0.5) if inside(x)), None)
    shown = [format_number(x) for x in (whole, None if integer else part) if x is not None]
    return " or ".join(shown) or format_number(fallback)


def parse_number(
    text: str,
    field: str,
    lo: float | None = None,
    hi: float | None = None,
    unit: str = "",
    integer: bool = False,
    decimal_point: str | None = None,
) -> float:
    """A finite number within [lo, hi]; raises ValidationError naming the field.

    decimal_point: the user's ("." or ","; default: the locale's), which decides whether
    a single thousands comma (15,242) is read as such when a decimal comma would also fit.
    """
    t = text.strip(" \t")
    u = f" {unit}" if unit else ""
    allowed = _range_text(lo, hi, u)
    if not t:
        raise ValidationError(field, f"enter a number{allowed}")
    if _PLAIN.fullmatch(t):
        digits = t
    else:
        grouped = _GROUPED.fullmatch(t)
        point = decimal_point or locale_decimal_point()
        digits = _read_grouped(t, grouped, field, (lo, hi), integer, point) if grouped else None
        if digits is None:
            if _DECIMAL_COMMA.fullmatch(t):
                example = t.replace(",", ".") if len(t) <= 20 else "2.53"
                raise ValidationError(
                    field, f"'{shown(t)}': use a point for decimals, e.g. {example}"
                )
            raise ValidationError(
                field,
                f"'{shown(t)}' is not a number; type digits such as "
                f"{_examples(lo, hi, integer)}{allowed}",
            )
    value = float(digits)
    if not math.isfinite(value):  # 400 digits in a row: float() gives inf
        raise ValidationError(field, f"'{shown(t)}' is not a finite number")
    if integer and value != int(value):
        raise ValidationError(field, f"'{shown(t)}' must be a whole number{allowed}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValidationError(field, f"{shown(t)}{u} is out of range; allowed{allowed}")
    return int(value) if integer else value


def _range_text(lo: float | None, hi: float | None, u: str) -> str:
    text = bounds_text(lo, hi, " from {lo} to {hi}", " of at least {lo}", " of at most {hi}")
    return f"{text}{u}" if text else ""


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


def in_canonical(analyte: str, value: float, unit: str) -> float:
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
    # the limits are kept in the canonical unit: said (and the comma rules applied) in
    # the unit typed
    lo, hi = (units.from_canonical(analyte, x, unit) for x in (a.min, a.max))
    value = parse_number(m.group(2), f"{field} ({name})", lo, hi, unit=unit)
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
