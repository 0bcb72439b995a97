"""The catalogues the app ships in resources/: analytes, antibodies, drugs."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True, eq=False)  # eq=False: factors is a dict; one object per key
class Analyte:
    key: str
    name: str
    synonyms: tuple[str, ...]
    units: tuple[str, ...]
    loinc: str | None
    loinc_status: str
    paper_ref_high: float | None  # the paper's upper limit, in paper_unit: a suggestion
    min: float  # hard and soft limits, in the canonical unit
    max: float
    soft_max: float
    group: str
    ucum: str  # the canonical unit (UCUM code): compared, charted and exported in it
    factors: dict  # unit as labs print it -> factor to the canonical unit (None: not converted)
    unit_notes: dict  # unit -> why it is accepted as typed
    paper_unit: str | None = None

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


@cache
def tumour_types() -> tuple[str, ...]:
    """The tumour types offered (resources/tumours.json); free text is allowed too."""
    return tuple(_load("tumours.json")["tumours"])
