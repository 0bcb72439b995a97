"""The catalogues the app ships in resources/: analytes, antibodies, drugs."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class Analyte:
    key: str
    name: str
    synonyms: tuple[str, ...]
    units: tuple[str, ...]
    loinc: str | None
    loinc_status: str
    paper_ref_high: float | None
    min: float
    max: float
    soft_max: float
    group: str

    @property
    def default_unit(self) -> str:
        return self.units[0]


@dataclass(frozen=True)
class Antibody:
    key: str
    name: str
    synonyms: tuple[str, ...]
    cls: str
    associations: str
    association_status: str
    loinc: str | None
    pattern_loinc: str | None = None


@dataclass(frozen=True)
class Drug:
    key: str
    name: str
    abbreviation: str
    cls: str
    atc: str | None
    atc_status: str
    pred_eq_factor: float | None = None
    max_daily_mg: float | None = None
    soft_max_daily_mg: float | None = None

    @property
    def is_glucocorticoid(self) -> bool:
        return self.cls == "glucocorticoid"


def _load(name: str) -> dict:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def _records(cls: type, name: str, key: str) -> dict:
    """The catalogue file's entries as cls objects by key; lists become tuples, the JSON
    name "class" is the field cls; a key the dataclass does not have is an error."""
    names = {f.name for f in dataclasses.fields(cls)}
    out = {}
    for entry in _load(name)[key]:
        values = {
            ("cls" if k == "class" else k): tuple(v) if isinstance(v, list) else v
            for k, v in entry.items()
        }
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"{name}: {entry.get('key')}: unknown fields {sorted(unknown)}")
        out[entry["key"]] = cls(**values)
    return out


@cache
def analytes() -> dict[str, Analyte]:
    return _records(Analyte, "analytes.json", "analytes")


@cache
def antibodies() -> dict[str, Antibody]:
    return _records(Antibody, "antibodies.json", "antibodies")


@cache
def drugs() -> dict[str, Drug]:
    return _records(Drug, "drugs.json", "drugs")


def glucocorticoids() -> dict[str, Drug]:
    return {k: d for k, d in drugs().items() if d.is_glucocorticoid}


def _name_index(items) -> dict:
    """Every casefolded key, name and synonym -> its item (the first one listed wins)."""
    index: dict = {}
    for a in items:
        for name in (a.key, a.name, *a.synonyms):
            index.setdefault(name.casefold(), a)
    return index


@cache
def _analyte_index() -> dict[str, Analyte]:
    return _name_index(analytes().values())


@cache
def _antibody_index() -> dict[str, Antibody]:
    return _name_index(antibodies().values())


def find_analyte(text: str) -> Analyte | None:
    """The catalogue analyte whose key, name or synonym matches text (case-insensitive)."""
    # a dict lookup: check_case and the row builder call this for every lab result, and
    # scanning the catalogue each time cost ~0.4 ms per case (benchmarks, 10,000 cases)
    return _analyte_index().get(text.strip().casefold())


@cache
def _drug_index() -> dict[str, Drug]:
    index: dict[str, Drug] = {}
    for d in drugs().values():
        for name in (d.key, d.name, d.abbreviation):
            index.setdefault(name.casefold(), d)
    return index


def find_drug(text: str) -> Drug | None:
    """The catalogue drug whose key, name or abbreviation matches text (case-insensitive)."""
    return _drug_index().get(text.strip().casefold())


def find_antibody(text: str) -> Antibody | None:
    """The catalogue antibody whose key, name or synonym matches text (case-insensitive)."""
    return _antibody_index().get(text.strip().casefold())


# ---- units ------------------------------------------------------------------------------
# Each unit the analyte catalogue allows, as (UCUM code, factor to the dimension's base):
# a value in unit a is value * factor(a) / factor(b) in unit b of the same base. Enzyme
# activity in IU/L is U/L (UCUM's U; clinical.md 6.2 writes CK and aldolase as U/L);
# ng/mL and ug/L are the same value (clinical.md 6.2).
UNITS: dict[str, tuple[str, str, float]] = {
    # unit as typed: (UCUM code, base, factor to base)
    "U/L": ("U/L", "U/L", 1.0),
    "IU/L": ("U/L", "U/L", 1.0),
    "U/mL": ("U/mL", "U/L", 1000.0),
    "ng/mL": ("ng/mL", "ng/mL", 1.0),
    "ug/L": ("ug/L", "ng/mL", 1.0),
    "pg/mL": ("pg/mL", "ng/mL", 0.001),
    "mg/dL": ("mg/dL", "mg/L", 10.0),
    "mg/L": ("mg/L", "mg/L", 1.0),
    "mm/h": ("mm/h", "mm/h", 1.0),
}


def ucum(unit: str) -> str | None:
    """The UCUM code of a unit the catalogue knows (IU/L is U/L), else None."""
    known = UNITS.get(unit.strip())
    return known[0] if known else None


def canonical_unit(analyte: str) -> str | None:
    """The one unit an analyte's values are compared in: the UCUM code of the catalogue's
    first unit for it (CK: U/L, CRP: mg/dL); None for an analyte not in the catalogue."""
    a = find_analyte(analyte)
    return ucum(a.default_unit) if a else None


def convert(value: float | None, unit: str, to_unit: str) -> float | None:
    """value from unit to to_unit (both in UNITS, same base); None when either is unknown
    or they measure different things: a value is never guessed."""
    a, b = UNITS.get(unit.strip()), UNITS.get(to_unit.strip())
    if value is None or a is None or b is None or a[1] != b[1]:
        return None
    # 12 significant digits: 2.53 mg/dL is 25.3 mg/L, not 25.299999999999997
    return float(f"{value * a[2] / b[2]:.12g}")
