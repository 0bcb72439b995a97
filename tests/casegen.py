"""Random valid cases and random edits of them, from a seeded random.Random.

Used where many cases or edits are needed fast and reproducibly: the audit replay test,
the crash test's child process. (The hypothesis strategies in test_properties_cases.py
build cases for shrinking property tests.)
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import asdict, fields

from domain.catalogue import analytes, antibodies, glucocorticoids
from domain.model import (
    MMT8_GROUPS,
    Agent,
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    CoreSetVisit,
    CriteriaFacts,
    Cycle,
    Finding,
    LabResult,
    MmtSide,
    Precision,
    Presence,
    Regimen,
    Sex,
    Source,
    SteroidStep,
    Treatment,
    TreatmentKind,
)
from domain.units import from_canonical
from domain.validation_unknowns import ECOG_GRADES, MRC_GRADES

WORDS = "weakness rash heliotrope Gottron CK biopsy SCLC LCNEC day week note µg ± 日本 ".split()


def _text(rng: random.Random, n: int = 3) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))


def _when(rng: random.Random) -> tuple[int | None, Precision]:
    if rng.random() < 0.2:
        return None, Precision.NOT_SPECIFIED
    return rng.randint(-60, 400), rng.choice([Precision.EXACT, Precision.APPROXIMATE])


def _source(rng: random.Random) -> Source | None:
    if rng.random() < 0.6:
        return None
    return Source("Clinic notes", f"page {rng.randint(1, 9)}", _text(rng, 5))


def lab(rng: random.Random) -> LabResult:
    a = rng.choice(list(analytes().values()))
    day, prec = _when(rng)
    unit = rng.choice(a.units)
    # limits are in the canonical unit: drawn there, then said in the unit typed
    value = None
    if rng.random() >= 0.1:
        canonical = rng.uniform(a.min, a.soft_max)
        value = round(from_canonical(a.key, canonical, unit), rng.randint(0, 2))
    return LabResult(
        a.key,
        value,
        unit,
        day=day,
        precision=prec,
        comparator=rng.choice(["", "", "<", ">"]) if value is not None else "",
        ref_high=rng.choice([None, 248.0, 40.0]),
        note=_text(rng),
        source=_source(rng),
    )


def steroid(rng: random.Random) -> SteroidStep:
    d = rng.choice(list(glucocorticoids().values()))
    start = rng.randint(0, 200)
    to = rng.choice([None, start + rng.randint(0, 60)])
    return SteroidStep(
        d.key,
        float(rng.choice([2.5, 5, 10, 15, 30, 60])),
        from_day=start,
        to_day=to,
        to_precision=Precision.EXACT if to is not None else Precision.NOT_SPECIFIED,
        source=_source(rng),
    )


def regimen(rng: random.Random) -> Regimen:
    numbers = rng.sample(range(1, 9), rng.randint(0, 4))
    cycles = [Cycle(n, *_when(rng), source=_source(rng)) for n in sorted(numbers)]
    return Regimen(
        rng.choice(["CBDCA + VP-16", "CDDP + CPT-11", "AMR"]),
        [Agent("carboplatin", 5.0, "AUC")] if rng.random() < 0.5 else [],
        cycles,
        rng.choice([None, 21, 28]),
        _text(rng),
        _source(rng),
    )


def treatment(rng: random.Random) -> Treatment:
    start, prec = _when(rng)
    end = None if start is None or rng.random() < 0.5 else start + rng.randint(0, 10)
    return Treatment(
        rng.choice(list(TreatmentKind)),
        rng.choice(["IVIg", "tacrolimus", "lobectomy", "RT 50 Gy"]),
        start,
        prec,
        end,
        Precision.EXACT if end is not None else Precision.NOT_SPECIFIED,
        _text(rng),
        _source(rng),
    )


def assessment(rng: random.Random) -> Assessment:
    kind = rng.choice(list(AssessmentKind))
    if kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER):
        value = rng.choice(MRC_GRADES)  # with the modifiers clinicians write (4-, 4+)
    elif kind == AssessmentKind.ECOG:
        value = rng.choice(ECOG_GRADES)
    else:
        value = _text(rng) or "present"
    return Assessment(kind, value, *_when(rng), note=_text(rng), source=_source(rng))


def finding(rng: random.Random) -> Finding:
    return Finding(
        rng.choice(["imaging", "ihc", "biopsy"]),
        rng.choice(["CT chest", "CD56", "muscle"]),
        _text(rng) or "positive",
        *_when(rng),
        source=_source(rng),
    )


def antibody(rng: random.Random, name: str) -> AntibodyResult:
    return AntibodyResult(
        name,
        rng.choice(list(AntibodyStatus)),
        titre=rng.choice(["", "1:80", "1:160"]),
        pattern=_text(rng, 1),
        day=rng.choice([None, rng.randint(0, 30)]),
        precision=Precision.NOT_SPECIFIED,
        source=_source(rng),
    )


def visit(rng: random.Random) -> CoreSetVisit:
    side = rng.choice([None, *MmtSide])
    high = 20 if side == MmtSide.BOTH else 10
    groups = {f"mmt_{g}": rng.choice([None, rng.randint(0, 10 if g == "neck_flexors" else high)])
              for g in MMT8_GROUPS} if side else {}
    return CoreSetVisit(
        *_when(rng),
        physician_global=rng.choice([None, round(rng.uniform(0, 10), 1)]),
        patient_global=rng.choice([None, 7.0]),
        haq=rng.choice([None, 1.125, 3.0]),
        extramuscular_global=rng.choice([None, 0.0, 4.5]),
        mmt_side=side,
        note=_text(rng),
        source=_source(rng),
        **groups,
    )


def criteria(rng: random.Random) -> CriteriaFacts:
    values = {f.name: rng.choice([None, *Presence]) for f in fields(CriteriaFacts)
              if f.name != "onset_age"}
    return CriteriaFacts(onset_age=rng.choice([None, rng.randint(5, 18)]), **values)


MAKERS = {
    "labs": lab,
    "steroid_steps": steroid,
    "regimens": regimen,
    "treatments": treatment,
    "assessments": assessment,
    "findings": finding,
    "core_set_visits": visit,
}


def random_case(rng: random.Random, size: int = 4) -> Case:
    c = Case(
        label=f"Case {rng.randrange(10**6)} {_text(rng, 1)}",
        age=rng.choice([None, rng.randint(18, 95)]),
        sex=rng.choice(list(Sex)),
        cigarettes_per_day=rng.choice([None, 10.0, 20.0, 40.0]),
        smoking_years=rng.choice([None, 30.0, 45.5]),
        occupation=_text(rng, 2),
        history=_text(rng, 6),
        day0_meaning="admission",
        notes=_text(rng, 8),
    )
    c.tumour.type = rng.choice(["SCLC", "LCNEC", "not specified"])
    c.tumour.size_mm = rng.choice([None, 21.5, 30.0])
    c.outcome.final_outcome = rng.choice(["Alive", "Dead", "not specified"])
    for field, make in MAKERS.items():
        setattr(c, field, [make(rng) for _ in range(rng.randint(0, size))])
    c.antibodies = [antibody(rng, n) for n in rng.sample(list(antibodies()), rng.randint(0, size))]
    c.criteria = criteria(rng)
    if rng.random() < 0.5:
        c.sources = {"age": Source("Clinic notes", "letter", _text(rng, 4))}
    return c


def edit(case: Case, rng: random.Random) -> None:
    """One to three random edits, as a user makes them in the form."""
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(8)
        field = rng.choice(list(MAKERS))
        rows = getattr(case, field)
        if op == 0:
            case.label = f"Case {rng.randrange(10**6)}"
        elif op == 1:
            case.notes = _text(rng, 8)
            case.age = rng.choice([None, rng.randint(18, 95)])
            case.criteria = criteria(rng)
        elif op == 2:  # insert a row anywhere
            rows.insert(rng.randint(0, len(rows)), MAKERS[field](rng))
        elif op == 3 and rows:  # delete a row
            rows.pop(rng.randrange(len(rows)))
        elif op == 4 and rows:  # replace a row (a changed field or several)
            rows[rng.randrange(len(rows))] = MAKERS[field](rng)
        elif op == 5 and len(rows) > 1:  # reorder
            rng.shuffle(rows)
        elif op == 6 and case.regimens:  # change a regimen's cycles
            r = rng.choice(case.regimens)
            if r.cycles and rng.random() < 0.5:
                r.cycles.pop(rng.randrange(len(r.cycles)))
            else:
                free = sorted(set(range(1, 12)) - {c.number for c in r.cycles})
                r.cycles.append(Cycle(free[0], *_when(rng)))
                r.cycles.sort(key=lambda c: c.number)
            if r.cycles:
                r.cycles[0].day = rng.randint(0, 99)
                r.cycles[0].precision = Precision.EXACT
        elif op == 7:
            present = {a.antibody for a in case.antibodies}
            free = [n for n in antibodies() if n not in present]
            if free and rng.random() < 0.6:
                case.antibodies.append(antibody(rng, rng.choice(free)))
            elif case.antibodies:
                case.antibodies.pop(rng.randrange(len(case.antibodies)))


def checksum(case: Case) -> str:
    """A digest of a case's content (not its id or version), numbers compared as floats."""

    def norm(v):
        if isinstance(v, bool):
            return v
        if isinstance(v, int | float):
            return float(v)
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [norm(x) for x in v]
        return v

    d = asdict(case)
    d.pop("id"), d.pop("version")
    return hashlib.sha256(json.dumps(norm(d), sort_keys=True).encode()).hexdigest()[:16]
