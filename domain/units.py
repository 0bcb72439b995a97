"""Lab units through one catalogue: every analyte has a canonical UCUM unit, and the units
labs print convert to it by the factors resources/analytes.json gives.

A value is stored as typed with its unit; comparisons, ranges, charts and exports use the
canonical value. A unit the catalogue knows but does not convert (aldolase "U/mL", which
reports print where U/L is meant) is kept as typed and has no canonical value.
"""

from __future__ import annotations

from .catalogue import Analyte, analytes, find_analyte
from .model import LabResult, format_number

# how a unit labs print is coded in UCUM where the two differ: international units of
# enzyme activity are coded U/L, as the issue asks; shown as typed
UCUM_CODE = {"IU/L": "U/L", "IU/mL": "U/mL", "µg/L": "ug/L", "μg/L": "ug/L"}


class UnitError(ValueError):
    """A unit the analyte's catalogue entry does not know."""


def known_unit(a: Analyte, unit: str) -> str | None:
    """The catalogue's spelling of unit for analyte a (case-insensitive), or None."""
    folded = unit.strip().casefold()
    for u in a.factors:
        if u.casefold() == folded:
            return u
    return None


def allowed_units_text(a: Analyte) -> str:
    return ", ".join(a.factors)


def ucum_code(analyte: str, unit: str) -> str:
    """The UCUM code of a unit as typed (IU/L is coded U/L)."""
    a = find_analyte(analyte)
    u = (known_unit(a, unit) if a else None) or unit.strip()
    return UCUM_CODE.get(u, u)


def ucum(unit: str) -> str | None:
    """The UCUM code of a unit some catalogue analyte knows (IU/L is U/L), else None."""
    for a in analytes().values():
        u = known_unit(a, unit)
        if u is not None:
            return UCUM_CODE.get(u, u)
    return None


def factor(analyte: str, unit: str) -> float | None:
    """The factor turning a value in unit into the analyte's canonical unit.

    None when the unit is kept as typed (not converted), or for an analyte not in the
    catalogue. An unknown unit of a catalogue analyte raises UnitError.
    """
    a = find_analyte(analyte)
    if a is None:
        return None
    u = known_unit(a, unit)
    if u is None:
        raise UnitError(
            f"'{unit.strip()}' is not a unit for {a.key}; allowed: {allowed_units_text(a)}"
        )
    f = a.factors[u]
    return None if f is None else float(f)


def to_canonical(analyte: str, value: float | None, unit: str) -> float | None:
    """value in the analyte's canonical unit; None when it cannot be converted."""
    if value is None:
        return None
    try:
        f = factor(analyte, unit)
    except UnitError:
        return None
    return None if f is None else _clean(value * f)


def from_canonical(analyte: str, value: float, unit: str) -> float:
    """A canonical value expressed in unit (for messages in the row's own unit)."""
    try:
        f = factor(analyte, unit)
    except UnitError:
        f = None
    return value if not f else _clean(value / f)


def canonical_unit(analyte: str) -> str | None:
    a = find_analyte(analyte)
    return a.ucum if a else None


def _clean(x: float) -> float:
    """Round away binary noise (2.53 x 10 = 25.299999999999997) at 12 significant digits."""
    return float(f"{x:.12g}")


def lab_canonical_value(r: LabResult) -> float | None:
    return to_canonical(r.analyte, r.value, r.unit)


def lab_canonical_unit(r: LabResult) -> str | None:
    """The canonical unit when the row's value converts to it, else None."""
    if r.value is None or lab_canonical_value(r) is None:
        return None
    return canonical_unit(r.analyte)


def unit_note(analyte: str, unit: str) -> str:
    """Why the catalogue keeps a unit as typed (aldolase 'U/mL'), or ''."""
    a = find_analyte(analyte)
    u = known_unit(a, unit) if a else None
    return a.unit_notes.get(u, "") if a and u else ""


def range_in_unit(analyte: str, unit: str, lo: float, hi: float) -> str:
    """'from 0 to 5000000 IU/L': the canonical limits said in the row's own unit."""
    return (
        f"from {format_number(from_canonical(analyte, lo, unit))} to "
        f"{format_number(from_canonical(analyte, hi, unit))} {unit.strip()}"
    )


def lab_ucum(r: LabResult) -> str:
    return ucum_code(r.analyte, r.unit)
